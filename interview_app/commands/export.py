"""`interview-app export statement|referral|intake|annex|json|stats|recipients` from a terminal.

The vault passphrase comes from the terminal or ``--passphrase-fd``; a PDF password from the
terminal (typed twice) or ``--password-fd``: never from the command line or the environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interview_app import paths
from interview_app.commands.vault import (
    EXPECTED_FAILURES,
    CommandError,
    Passphrases,
    report_failure,
)
from interview_app.documents.referral_terms import Stage, Urgency
from interview_app.domain.consent import Recipient
from interview_app.script_shelf import ScriptShelf
from interview_app.storage import vault as vault_module
from interview_app.storage.unlocked import Vault

Runner = Callable[[argparse.Namespace, Vault, "Secrets"], str]
AUDIENCES = ("internal", *(r.value for r in Recipient))
PDF_KINDS = frozenset({"statement", "referral", "intake", "annex", "stats"})


class Secrets:
    """The vault passphrase and the PDF password, each from its own descriptor or prompt."""

    def __init__(self, passphrase_fd: int | None, password_fd: int | None) -> None:
        self.passphrases = Passphrases(passphrase_fd)
        self._password_fd = password_fd
        self._passwords: Passphrases | None = None

    def pdf_password(self, *, required: bool, wanted: bool) -> str | None:
        """From ``--password-fd`` when given; else asked twice when wanted or required."""
        if self._password_fd is None and not (wanted or required):
            return None
        if self._passwords is None:
            self._passwords = (Passphrases(self._password_fd) if self._password_fd is not None
                               else self.passphrases)
        if self._password_fd is not None:
            return self._passwords.ask("PDF password: ") or None
        first = self._passwords.ask("Password for the PDF: ")
        if self._passwords.ask("Repeat it: ") != first:
            raise CommandError("the two passwords differ; nothing was exported")
        return first or None

    def close(self) -> None:
        self.passphrases.close()
        if self._passwords is not None and self._passwords is not self.passphrases:
            self._passwords.close()


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser(
        "export", help="export documents and data from a vault",
        description="Export a statement, referral, intake record, identity annex, case data "
                    "(JSON) or anonymised statistics from a vault.",
    )

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=usage)
    kinds = parser.add_subparsers(dest="export_command", metavar="KIND")
    specs = [
        ("statement", "the statement of one session (PDF)"),
        ("referral", "a referral form to an organisation of the vault's directory (PDF)"),
        ("intake", "the intake record for shelter staff (PDF)"),
        ("annex", "the sealed identity annex (PDF, always encrypted)"),
        ("json", "one case as JSON with HTCDS field names"),
        ("stats", "anonymised statistics as CSV, with an optional chart page (PDF)"),
        ("recipients", "list the vault's directory: numbers to use with --recipient"),
    ]
    for name, summary in specs:
        action = kinds.add_parser(name, help=summary,
                                  description=summary[0].upper() + summary[1:] + ".")
        action.add_argument("--vault", type=Path, required=True, metavar="DIR")
        action.add_argument("--user", metavar="NAME", help="user name (asked when not given)")
        action.add_argument("--passphrase-fd", type=int, metavar="N",
                            help="read the vault passphrase from descriptor N")
        _options(action, name)
        action.set_defaults(handler=_handled(name))


def _options(action: argparse.ArgumentParser, name: str) -> None:
    if name not in ("stats", "recipients"):
        action.add_argument("--case", required=True, metavar="CODE", help="e.g. C-2026-0007")
    if name in ("statement", "intake"):
        action.add_argument("--session", type=int, required=name == "statement", metavar="N",
                            help="the session's number (intake: default the latest intake)")
    if name == "recipients":
        return
    action.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the file to write; an existing file is never replaced")
    if name in PDF_KINDS:
        action.add_argument("--password-fd", type=int, metavar="N",
                            help="read the PDF password from descriptor N")
        if name != "annex":
            action.add_argument("--encrypt", action="store_true",
                                help="protect the PDF with a password (asked twice)")
    if name == "referral":
        action.add_argument("--recipient", type=int, required=True, metavar="ID",
                            help="the directory entry's number (see `export recipients`)")
        action.add_argument("--stage", choices=[s.value for s in Stage])
        action.add_argument("--urgency", choices=[u.value for u in Urgency])
        action.add_argument("--contact-name", metavar="NAME",
                            help="the case manager to call back (default: your user name)")
        action.add_argument("--contact-phone", default="", metavar="PHONE")
        action.add_argument("--organisation", default="", metavar="NAME")
    if name == "statement":
        action.add_argument("--place", default="", help="where the interview took place")
        action.add_argument("--observations", action="store_true",
                            help="add the annex of indicator observations")
    if name == "json":
        action.add_argument("--for", dest="audience", choices=AUDIENCES, default="internal",
                            help="who the copy is for: only what the person agreed to share "
                                 "with that kind of organisation goes (default: internal)")
    if name == "stats":
        action.add_argument("--chart", type=Path, metavar="FILE.pdf",
                            help="also write the chart page as a PDF")
        action.add_argument("--year", type=int, action="append", metavar="YEAR",
                            help="only cases registered this year (repeatable)")


def _handled(name: str) -> Callable[[argparse.Namespace], int]:
    """One clear line and exit 1 for every expected failure; never a traceback."""

    def handler(args: argparse.Namespace) -> int:
        # Only here: the documents load Qt, which no other command may pay for.
        from interview_app.commands import export_runs  # noqa: PLC0415

        run: Runner = getattr(export_runs, f"run_{name}")
        secrets: Secrets | None = None
        try:
            secrets = Secrets(args.passphrase_fd, getattr(args, "password_fd", None))
            with _unlock(args, secrets.passphrases) as vault:
                print(run(args, vault, secrets))
            return 0
        except EXPECTED_FAILURES as error:
            report_failure(error, "nothing was exported")
        finally:
            if secrets is not None:
                secrets.close()
        return 1

    return handler


def _unlock(args: argparse.Namespace, passphrases: Passphrases) -> Vault:
    directory: Path = args.vault
    if not vault_module.is_vault(directory):
        raise CommandError(f"there is no vault in {directory}")
    user = args.user or input("User name: ").strip()
    if not user:
        raise CommandError("a user name is needed")
    passphrase = passphrases.ask(f"Passphrase for {user}: ")
    delay = vault_module.pending_delay(directory)
    if delay:
        print(f"waiting {delay:.0f} s after earlier failed attempts...", file=sys.stderr)
    return vault_module.unlock(directory, user, passphrase)


def shelf() -> ScriptShelf:
    return ScriptShelf.load(paths.FORMS_DIR)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
