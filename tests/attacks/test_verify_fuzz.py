"""Fuzzing `interview-app verify`: any bytes given as a PDF are verified or not, never a crash."""

# A file handed in for verification comes from anyone. Its marks are read without a password
# (tests/documents/test_verify.py checks the answers for real and changed files); here mutated
# PDFs, encrypted or not, give marks or none, and the command says VERIFIED (exit 0) only for
# the untouched file and NOT VERIFIED (exit 1) for everything else.

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_app.cli import main
from interview_app.documents.exporting import export_document
from interview_app.documents.protect import Marks, read_marks
from interview_app.storage import vault as vault_module
from tests.faults.fault_child import long_document
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF

PASSWORD = "verify fuzz 2026"  # noqa: S105 - a test document's password
COMMANDS = max(10, settings.default.max_examples // 4)  # each one unlocks the vault


@pytest.fixture(scope="module")
def exported(qapp: Any) -> Iterator[tuple[Path, dict[str, bytes]]]:
    """A vault and two documents it exported: one plain, one encrypted."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        vault, _key = vault_module.create(root / "vault", SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
        with vault:
            export_document(vault.repository, long_document(1), root / "plain.pdf")
            export_document(vault.repository, long_document(1), root / "sealed.pdf",
                            password=PASSWORD)
        yield root / "vault", {name: (root / f"{name}.pdf").read_bytes()
                               for name in ("plain", "sealed")}


@st.composite
def _mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["flip", "insert", "cut", "truncate", "splice"]))
        if how == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif how == "cut":
            del data[at:at + draw(st.integers(1, 512))]
        elif how == "truncate":
            del data[at:]
        else:  # a piece of PDF syntax where it does not belong
            data[at:at] = draw(st.sampled_from([b"/Encrypt", b" obj ", b"endstream", b"%%EOF",
                                                b"<</Type/XRef>>", b"stream\n", b"(\\", b"<<"]))
    return bytes(data)


def _verify(path: Path, vault: Path) -> int:
    read, write = os.pipe()
    os.write(write, f"{PASSPHRASE}\n".encode())
    os.close(write)
    try:
        return main(["verify", str(path), "--vault", str(vault), "--user", SUPERVISOR,
                     "--passphrase-fd", str(read)])
    finally:
        os.close(read)


def test_the_untouched_files_are_verified(exported: tuple[Path, dict[str, bytes]]) -> None:
    vault, files = exported
    with tempfile.TemporaryDirectory() as temp:
        for name, data in files.items():
            path = Path(temp) / f"{name}.pdf"
            path.write_bytes(data)
            assert _verify(path, vault) == 0


@given(data=st.data())
def test_fuzz_marks_of_mutated_pdfs_are_read_or_absent(
    exported: tuple[Path, dict[str, bytes]], data: st.DataObject
) -> None:
    _vault, files = exported
    name = data.draw(st.sampled_from(sorted(files)))
    mutated = data.draw(_mutated(files[name]))
    for password in (None, PASSWORD) if name == "sealed" else (None,):
        with warnings.catch_warnings():
            # pikepdf's note that a mutation took the encryption away: a note, not a failure.
            warnings.filterwarnings("ignore", "A password was provided", UserWarning)
            marks = read_marks(mutated, password)
        assert marks is None or isinstance(marks, Marks)


@settings(max_examples=COMMANDS)
@given(data=st.data())
def test_fuzz_verify_says_verified_only_for_the_untouched_file(
    exported: tuple[Path, dict[str, bytes]], data: st.DataObject
) -> None:
    vault, files = exported
    name = data.draw(st.sampled_from(sorted(files)))
    mutated = data.draw(_mutated(files[name]))
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "given.pdf"
        path.write_bytes(mutated)
        code = _verify(path, vault)
    assert code == (0 if mutated == files[name] else 1)
