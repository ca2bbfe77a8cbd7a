"""One export, start to finish: render, mark, encrypt, write atomically, register and audit."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from interview_app.documents.model import Document, fingerprint
from interview_app.documents.protect import (
    Marks,
    PasswordRequired,
    file_sha256,
    marks_xmp,
    protect_pdf,
    write_export,
)
from interview_app.documents.render import render_pdf
from interview_app.storage.repository import ExportRecord, Repository


@dataclass(frozen=True)
class ExportResult:
    path: Path
    record: ExportRecord
    encrypted: bool

    @property
    def document_id(self) -> str:
        return self.record.document_id

    @property
    def fingerprint(self) -> str:
        return self.record.fingerprint


def pdf_bytes(document: Document, password: str | None = None) -> tuple[bytes, str]:
    """The finished file's bytes (marked, encrypted with a password) and the fingerprint.

    Without a password Qt embeds the marks itself and pikepdf is not needed.
    """
    print_id = fingerprint(document)
    marks = Marks(document.document_id, print_id)
    if password is None:
        return render_pdf(document, print_id, xmp=marks_xmp(marks)), print_id
    return protect_pdf(render_pdf(document, print_id), marks, password), print_id


def export_document(
    repository: Repository,
    document: Document,
    path: Path | str,
    *,
    password: str | None = None,
    require_password: bool = False,
    overwrite: bool = False,
    case_id: int | None = None,
    session_id: int | None = None,
    recipient: str | None = None,
) -> ExportResult:
    """Write ``document`` as a PDF to ``path`` and record it in the export register.

    Nothing reaches the disk but the finished file (see protect.write_export). The register
    row (and its audit entry) is written after the file: if that fails, the file is removed
    again, so every file on disk is one the register knows. ``require_password`` (the
    identity annex) refuses to write without one.
    """
    if require_password and not password:
        raise PasswordRequired
    data, print_id = pdf_bytes(document, password)
    return write_and_register(repository, data, path, document_id=document.document_id,
                              doc_type=document.doc_type, print_id=print_id,
                              encrypted=password is not None, overwrite=overwrite,
                              case_id=case_id, session_id=session_id, recipient=recipient)


def write_and_register(
    repository: Repository,
    data: bytes,
    path: Path | str,
    *,
    document_id: str,
    doc_type: str,
    print_id: str,
    encrypted: bool,
    overwrite: bool = False,
    case_id: int | None = None,
    session_id: int | None = None,
    recipient: str | None = None,
) -> ExportResult:
    """The finished bytes to disk, then into the register; on the vault's thread. A failed
    register entry removes the file again, so every file on disk is one the register knows."""
    target = Path(path)
    write_export(target, data, overwrite=overwrite)
    try:
        record = repository.register_export(
            document_id, doc_type, print_id, case_id=case_id, session_id=session_id,
            recipient=recipient, file_sha256=file_sha256(data),
        )
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
    return ExportResult(target, record, encrypted)
