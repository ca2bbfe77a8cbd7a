"""`interview-app vault init|verify|passwd|backup|restore`: the vault from a terminal or a script.

Passphrases come from the terminal (without echo) or, for scripts, one line per prompt from
the file descriptor given with ``--passphrase-fd``; never from the command line or the
environment, where other users and shell histories can read them. User names are not secret
and may be given with ``--user``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from interview_app.commands import training as training_command
from interview_app.errors import InterviewAppError
from interview_app.storage import keyslots
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import restore, write_backup
from interview_app.storage.unlocked import Vault

RECOVERY_NOTICE = """\
RECOVERY KEY (shown only this once):

    {key}

Print it or store it somewhere safe now, away from this computer. Without it a forgotten
passphrase loses every case in this vault: nobody, not even a supervisor, can open it again."""


class CommandError(Exception):
    """A problem with what was asked (not the vault's), reported in one line."""


# What a command reports in one line; anything else is a bug and keeps its traceback.
EXPECTED_FAILURES = (InterviewAppError, CommandError, OSError, EOFError, KeyboardInterrupt)


def report_failure(error: BaseException, cancelled: str) -> None:
    """One line on stderr for an expected failure; ``cancelled`` says what a cancel left."""
    if isinstance(error, InterviewAppError | CommandError):
        print(f"error: {error}", file=sys.stderr)
    elif isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        print(f"error: {error.strerror or 'input/output error'}{where}", file=sys.stderr)
    else:
        print(f"error: cancelled; {cancelled}", file=sys.stderr)


class Passphrases:
    """Where passphrases come from: the terminal, or one line per prompt from a descriptor."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd
        self._stream: TextIO | None = None
        if fd is not None:
            try:
                # Not closed here: the descriptor belongs to whoever passed it.
                self._stream = open(fd, encoding="utf-8", closefd=False)  # noqa: SIM115
            except OSError as error:
                raise CommandError(f"cannot read passphrases from descriptor {fd}") from error

    def ask(self, prompt: str) -> str:
        if self._stream is None:
            return getpass.getpass(prompt)
        try:
            line = self._stream.readline()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read passphrases from descriptor {self._fd}") from error
        if not line:
            raise CommandError(f"no passphrase left on descriptor {self._fd} for: {prompt}")
        return line.removesuffix("\n").removesuffix("\r")

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()  # the wrapper only: closefd=False leaves the descriptor open

    def ask_new(self, prompt: str) -> str:
        first = self.ask(prompt)
        if self.ask("Repeat it: ") != first:
            raise CommandError("the two passphrases differ; nothing was changed")
        return first


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    """`vault ACTION` and, beside it, `training-vault`."""
    training_command.register(commands)
    parser: argparse.ArgumentParser = commands.add_parser(
        "vault", help="create, verify, back up and restore a vault",
        description="Create, verify, back up and restore an encrypted vault.",
    )

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=usage)
    actions = parser.add_subparsers(dest="vault_command", metavar="ACTION")
    specs: list[tuple[str, str, Callable[[argparse.Namespace, Passphrases], int], list[str]]] = [
        ("init", "create a vault with its first supervisor; shows the recovery key once",
         run_init, ["directory"]),
        ("verify", "check the audit chain and the database's integrity (exit 1 on a problem)",
         run_verify, ["directory"]),
        ("passwd", "change your passphrase", run_passwd, ["directory"]),
        ("backup", "write an encrypted, verified backup of a vault to FILE",
         run_backup, ["directory", "file"]),
        ("restore", "restore a backup FILE into DIR after verifying it",
         run_restore, ["file", "directory"]),
    ]
    for name, summary, run, positionals in specs:
        action = actions.add_parser(name, help=summary, description=summary[0].upper()
                                    + summary[1:] + ".")
        for positional in positionals:
            action.add_argument(positional, type=Path,
                                metavar="DIR" if positional == "directory" else "FILE")
        action.add_argument("--user", metavar="NAME",
                            help="user name (asked for when not given)")
        action.add_argument("--passphrase-fd", type=int, metavar="N",
                            help="read passphrases from descriptor N, one line per prompt")
        if name == "restore":
            action.add_argument("--replace", action="store_true",
                                help="move a vault already in DIR aside instead of refusing")
        action.set_defaults(handler=_handled(run))


def _handled(
    run: Callable[[argparse.Namespace, Passphrases], int],
) -> Callable[[argparse.Namespace], int]:
    """One clear line and exit 1 for every expected failure; never a traceback."""

    def handler(args: argparse.Namespace) -> int:
        passphrases: Passphrases | None = None
        try:
            passphrases = Passphrases(args.passphrase_fd)
            return run(args, passphrases)
        except EXPECTED_FAILURES as error:
            report_failure(error, "nothing was changed")
        finally:
            if passphrases is not None:
                passphrases.close()
        return 1

    return handler


def _user(args: argparse.Namespace, prompt: str = "User name: ") -> str:
    if args.user is not None:
        return str(args.user)
    name = input(prompt).strip()
    if not name:
        raise CommandError("a user name is needed")
    return name


def _unlock(args: argparse.Namespace, passphrases: Passphrases) -> tuple[Vault, str]:
    """The vault unlocked as the user asked for, and the passphrase that unlocked it."""
    directory: Path = args.directory
    if not vault_module.is_vault(directory):
        raise CommandError(f"there is no vault in {directory}")
    user = _user(args)
    passphrase = passphrases.ask(f"Passphrase for {user}: ")
    delay = vault_module.pending_delay(directory)
    if delay:
        print(f"waiting {delay:.0f} s after earlier failed attempts...", file=sys.stderr)
    return vault_module.unlock(directory, user, passphrase), passphrase


def run_init(args: argparse.Namespace, passphrases: Passphrases) -> int:
    directory: Path = args.directory
    if vault_module.is_vault(directory):
        raise CommandError(f"there is already a vault in {directory}")
    name = _user(args, "Supervisor name: ")
    passphrase = passphrases.ask_new(f"New passphrase for {name}: ")
    keyslots.check_new_passphrase(passphrase)  # before the wait, not after it
    print("measuring this computer to set the passphrase's cost...", file=sys.stderr)
    vault, recovery_key = vault_module.create(directory, name, passphrase)
    vault.lock()
    print(f"Vault created in {directory} with supervisor {name}.\n")
    print(RECOVERY_NOTICE.format(key=recovery_key))
    return 0


def run_verify(args: argparse.Namespace, passphrases: Passphrases) -> int:
    with _unlock(args, passphrases)[0] as vault:
        integrity, cipher = vault.check_integrity()
        broken = vault.repository.verify_audit()
        entries, _head = vault.repository.audit_head()
    problems = []
    if integrity:
        problems.append(f"database integrity check failed: {integrity[0]}")
    if cipher:
        problems.append(f"cipher integrity check failed: {cipher[0]}")
    if broken is not None:
        problems.append(f"audit chain broken at entry {broken.entry_id}: {broken.reason}")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"ok: {entries} audit entries in an unbroken chain; database and cipher integrity "
          "checks clean")
    return 0


def run_passwd(args: argparse.Namespace, passphrases: Passphrases) -> int:
    vault, current = _unlock(args, passphrases)
    with vault:
        new = passphrases.ask_new("New passphrase: ")
        vault.change_passphrase(current, new)
    print("passphrase changed")
    return 0


def run_backup(args: argparse.Namespace, passphrases: Passphrases) -> int:
    target: Path = args.file
    if target.exists():
        raise CommandError(f"{target} already exists; choose a new file name")
    with _unlock(args, passphrases)[0] as vault:
        info = write_backup(vault, target)
    print(f"backup written to {target} and verified ({info.audit_head[0]} audit entries)")
    return 0


def run_restore(args: argparse.Namespace, passphrases: Passphrases) -> int:
    source: Path = args.file
    directory: Path = args.directory
    if not source.is_file():
        raise CommandError(f"there is no backup file {source}")
    user = _user(args)
    passphrase = passphrases.ask(f"Passphrase for {user} when the backup was made: ")
    restored = restore(source, directory, user, passphrase, replace=args.replace)
    restored.vault.lock()
    print(f"restored into {directory}; integrity and audit chain verified")
    if restored.replaced is not None:
        print(f"the vault that was there is now in {restored.replaced}")
    return 0
