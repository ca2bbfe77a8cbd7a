"""Exports: documents laid out by Qt (QtGui only), encrypted in memory, written atomically."""
