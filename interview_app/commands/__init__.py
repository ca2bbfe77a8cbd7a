"""Subcommands of `interview-app`, one module per command group; each has register(subparsers)."""
