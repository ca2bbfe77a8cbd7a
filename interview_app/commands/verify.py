"""`interview-app verify FILE.pdf --vault DIR`: did this vault export the document, unchanged?"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
from pathlib import Path
from typing import Any

from interview_app.commands.vault import CommandError, Passphrases, _handled, _unlock
from interview_app.errors import NotFound
from interview_app.storage.repository import ExportRecord, Repository

# Exit codes: 0 exported by this vault and unchanged; 1 anything else (changed, unknown,
# unreadable), so a script can rely on 0 alone.
_READ_LIMIT = 1 << 30


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser(
        "verify", help="check that a PDF was exported by a vault and is unchanged",
        description="Check that FILE is a document this vault exported, byte for byte "
                    "unchanged, and say when and for whom (exit 1 otherwise).",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--vault", type=Path, required=True, metavar="DIR", dest="directory",
                        help="the vault that may have exported it")
    parser.add_argument("--user", metavar="NAME", help="user name (asked for when not given)")
    parser.add_argument("--passphrase-fd", type=int, metavar="N",
                        help="read the passphrase from descriptor N")
    parser.set_defaults(handler=_handled(run_verify))


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise CommandError(f"there is no file {path}")
    if path.stat().st_size > _READ_LIMIT:
        raise CommandError(f"{path} is too large to be an exported document")
    return path.read_bytes()


def _user_name(repository: Repository, user_id: int) -> str:
    return next((u.name for u in repository.users() if u.id == user_id), f"user #{user_id}")


def describe(repository: Repository, record: ExportRecord) -> list[str]:
    """When, by whom and for whom a document was exported, and of which case."""
    lines = [
        f"document: {record.document_id} ({record.doc_type})",
        f"exported: {record.exported_at} by {_user_name(repository, record.exported_by)}",
        f"for: {record.recipient or 'no recipient recorded'}",
    ]
    if record.case_id is not None:
        with contextlib.suppress(NotFound):
            lines.append(f"case: {repository.case(record.case_id).code}")
    lines.append(f"fingerprint: {record.fingerprint}")
    return lines


def run_verify(args: argparse.Namespace, passphrases: Passphrases) -> int:
    # Imported here: reading PDFs needs pikepdf, which the other commands never load.
    from interview_app.documents.protect import read_marks  # noqa: PLC0415

    data = _read(args.file)
    file_hash = hashlib.sha256(data).hexdigest()
    marks = read_marks(data)
    if marks is None:
        print(f"NOT VERIFIED: {args.file} carries no document id of this application")
        return 1
    with _unlock(args, passphrases)[0] as vault:
        repository = vault.repository
        try:
            record = repository.export_record(marks.document_id)
        except NotFound:
            print(f"NOT VERIFIED: this vault never exported a document {marks.document_id}")
            return 1
        details = describe(repository, record)
    if record.fingerprint != marks.fingerprint.lower() or record.file_sha256 != file_hash:
        if record.file_sha256 is None:
            reason = "the vault did not record the file's bytes at export, so a change "
            reason += "cannot be ruled out"
        else:
            reason = "this file is not the one exported: it was changed since"
        print(f"NOT VERIFIED: {reason}")
        for line in details:
            print(f"  {line}")
        return 1
    print("VERIFIED: exported by this vault and unchanged")
    for line in details:
        print(f"  {line}")
    return 0
