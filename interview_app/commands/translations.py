"""`interview-app translations status`: completeness of every catalogue."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser(
        "translations", help="report on translation catalogues"
    )
    parser.set_defaults(handler=lambda _args: parser.print_help() or 2)
