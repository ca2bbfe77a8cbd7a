"""Offline, encrypted, bilingual interview assistant for anti-trafficking work."""

__version__ = "0.1.0"
