"""Encryption in memory, the marks verify reads, and writes that are whole, private, asked for."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from interview_app.documents import protect
from interview_app.documents.model import Document, Paragraph
from interview_app.documents.protect import (
    ExportDiskFull,
    ExportExists,
    ExportFolderMissing,
    Marks,
    WeakDocumentPassword,
    is_encrypted,
    protect_pdf,
    read_marks,
    write_export,
)
from interview_app.documents.render import render_pdf
from tests.documents.pdf_support import pdftotext

pytestmark = pytest.mark.usefixtures("qapp")
PASSWORD = "river farm 2026"  # noqa: S105 - a test document's password
MARKS = Marks("ST-ABCD-EFGH-JKMN", "0123456789abcdef" * 4)


@pytest.fixture(scope="module")
def pdf(qapp: Any) -> bytes:
    document = Document(MARKS.document_id, "test", "Secret title C-2026-0001", "en",
                        (Paragraph("The words as said: secret answer"),))
    return render_pdf(document)


def test_an_encrypted_export_opens_only_with_its_password(tmp_path: Path, pdf: bytes) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(protect_pdf(pdf, MARKS, PASSWORD))
    locked = pdftotext(path)
    assert locked.returncode != 0
    assert "secret answer" not in locked.stdout
    assert pdftotext(path, password="wrong password").returncode  # noqa: S106 != 0
    opened = pdftotext(path, password=PASSWORD)
    assert opened.returncode == 0
    assert "secret answer" in opened.stdout
    with pikepdf.open(path, password=PASSWORD) as document:
        assert document.encryption.R == 6
        assert document.encryption.stream_method.name == "aesv3"
        assert document.encryption.bits == 256


def test_nothing_of_the_content_is_readable_without_the_password(pdf: bytes) -> None:
    data = protect_pdf(pdf, MARKS, PASSWORD)
    assert b"Secret title" not in data
    assert b"C-2026-0001" not in data
    assert is_encrypted(data)
    # ... but verify can still name the document: the marks stay readable.
    assert read_marks(data) == MARKS
    assert read_marks(data, PASSWORD) == MARKS


def test_an_unencrypted_export_carries_its_marks(pdf: bytes) -> None:
    data = protect_pdf(pdf, MARKS)
    assert not is_encrypted(data)
    assert read_marks(data) == MARKS
    assert read_marks(b"not a pdf at all") is None
    assert read_marks(pdf) is None  # Qt's own output, before marking


def test_a_short_password_is_refused(pdf: bytes) -> None:
    with pytest.raises(WeakDocumentPassword):
        protect_pdf(pdf, MARKS, "short")


def test_a_written_export_is_private_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "statement.pdf"
    old_umask = os.umask(0)
    try:
        write_export(target, b"%PDF-1.4 data")
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"%PDF-1.4 data"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statement.pdf"]


def test_an_existing_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "statement.pdf"
    target.write_bytes(b"the earlier export")
    with pytest.raises(ExportExists):
        write_export(target, b"new")
    assert target.read_bytes() == b"the earlier export"
    write_export(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statement.pdf"]


def test_a_missing_folder_is_said_so(tmp_path: Path) -> None:
    with pytest.raises(ExportFolderMissing):
        write_export(tmp_path / "nowhere" / "statement.pdf", b"data")


def _full_disk(monkeypatch: pytest.MonkeyPatch, after: int = 4) -> None:
    real_write: Callable[[int, Any], int] = os.write

    def write(fd: int, data: Any) -> int:
        if len(data) > after:
            real_write(fd, bytes(data[:after]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(protect.os, "write", write)


def test_a_full_disk_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_disk(monkeypatch)
    with pytest.raises(ExportDiskFull, match="disk is full"):
        write_export(tmp_path / "statement.pdf", b"x" * 10_000)
    assert list(tmp_path.iterdir()) == []


def _no_unnamed_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """A filesystem without O_TMPFILE (a FAT USB stick): the named-temporary path."""
    real_open = os.open

    def open_(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(errno.EOPNOTSUPP, "not supported")
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(protect.os, "open", open_)


def test_without_unnamed_files_the_write_is_still_whole_and_no_clobber(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_unnamed_files(monkeypatch)
    target = tmp_path / "statement.pdf"
    write_export(target, b"first")
    with pytest.raises(ExportExists):
        write_export(target, b"second")
    write_export(target, b"third", overwrite=True)
    assert target.read_bytes() == b"third"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    _full_disk(monkeypatch)
    with pytest.raises(ExportDiskFull):
        write_export(tmp_path / "other.pdf", b"y" * 10_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statement.pdf"]
