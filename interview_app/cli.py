"""Command-line entry: the desktop app by default, or a maintenance subcommand."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from interview_app import __version__, crash_guard
from interview_app.commands import export as export_command
from interview_app.commands import forms as forms_command
from interview_app.commands import translations as translations_command
from interview_app.commands import vault as vault_command
from interview_app.commands import verify as verify_command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-app",
        description="Offline interview assistant. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    forms_command.register(commands)
    translations_command.register(commands)
    vault_command.register(commands)
    export_command.register(commands)
    verify_command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        # Imported here so that the subcommands never load Qt.
        from interview_app.app import run  # noqa: PLC0415

        return run()
    crash_guard.forbid_core_dumps()  # vault commands hold decrypted data too
    handler = args.handler
    result: int = handler(args)
    return result
