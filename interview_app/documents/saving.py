"""JSON and CSV exports: written like a PDF (atomic, 0600, no clobber) and registered."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from interview_app.documents.exporting import ExportResult
from interview_app.documents.model import new_document_id
from interview_app.documents.protect import file_sha256, write_export
from interview_app.storage.repository import Repository

__all__ = ["save_bytes"]


def save_bytes(
    repository: Repository,
    data: bytes,
    path: Path | str,
    *,
    doc_type: str,
    prefix: str,
    case_id: int | None = None,
    recipient: str | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Write ``data`` and record it; its fingerprint is the SHA-256 of the bytes themselves.

    These formats cannot carry a password; the dialog and the command say so. As for PDFs,
    a failed register entry removes the file again, so the register knows every export.
    """
    document_id = new_document_id(prefix)
    digest = file_sha256(data)
    target = Path(path)
    write_export(target, data, overwrite=overwrite)
    try:
        record = repository.register_export(document_id, doc_type, digest, case_id=case_id,
                                            recipient=recipient, file_sha256=digest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
    return ExportResult(target, record, encrypted=False)
