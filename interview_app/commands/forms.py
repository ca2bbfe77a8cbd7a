"""`interview-app forms check|outline`: validate scripts and print their structure."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser("forms", help="check and outline scripts")
    parser.set_defaults(handler=lambda _args: parser.print_help() or 2)
