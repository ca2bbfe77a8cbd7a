"""Fuzzing backups: mutated or crafted backup files are read or refused, never half-restored."""

# A backup file comes from outside (a USB stick, another office). Whatever its bytes, reading its
# header gives its information or BackupDamaged / VaultTooNew, and a restore either restores a
# whole, checked vault or raises a StorageError and leaves no trace: no target folder, no
# staging folder. Crafted files have their checksums recomputed, so the parser's later checks
# (sizes, key slots, unlock, integrity, audit chain) are reached too.

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_app.domain.model import DataClass
from interview_app.errors import StorageError
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import (
    MAGIC,
    BackupInfo,
    _header_checksum,
    read_backup_info,
    restore,
    write_backup,
)
from interview_app.storage.encoding import canonical_json
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF

# A restore unlocks and checks a vault: a few per second. CI runs a quarter of the usual
# examples here; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs a quarter of its many more.
RESTORES = max(10, settings.default.max_examples // 4)


def _make_backup() -> bytes:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        vault, _key = vault_module.create(root / "vault", SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
        with vault:
            case = vault.repository.create_case("Fuzz")
            vault.repository.add_note(case.id, "a note in the backup", DataClass.ASSISTANCE)
            write_backup(vault, root / "vault.bak")
        return (root / "vault.bak").read_bytes()


BACKUP = _make_backup()
FIRST_LINE, _, REST = BACKUP.partition(b"\n")
HEADER_LINE, _, BODY = REST.partition(b"\n")
HEADER = json.loads(HEADER_LINE)


def _bytes_mutation() -> st.SearchStrategy[bytes]:
    """Flip, replace, insert or cut bytes, mostly where the parser looks (the first lines)."""
    near_header = len(FIRST_LINE) + len(HEADER_LINE) + 64
    position = st.one_of(st.integers(0, near_header), st.integers(0, len(BACKUP) - 1))

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        data = bytearray(BACKUP)
        for _ in range(draw(st.integers(1, 4))):
            if not data:
                break
            at = min(draw(position), len(data) - 1)
            how = draw(st.sampled_from(["flip", "replace", "insert", "cut", "truncate"]))
            if how == "flip":
                data[at] ^= draw(st.integers(1, 255))
            elif how == "replace":
                data[at:at + 1] = draw(st.binary(min_size=1, max_size=8))
            elif how == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=8))
            elif how == "cut":
                del data[at:at + draw(st.integers(1, 64))]
            else:
                del data[at:]
        return bytes(data)

    return mutate()


def _json_value() -> st.SearchStrategy[object]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**64),
                        st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
        max_leaves=6)


@st.composite
def _crafted(draw: st.DrawFn) -> bytes:
    """A header with fields changed or removed and its checksum recomputed; sometimes the
    database bytes changed too, with their size and hash recomputed."""
    header = json.loads(HEADER_LINE)
    header.pop("checksum")
    body = BODY
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(header)))
        if draw(st.booleans()):
            header[key] = draw(_json_value())
        elif key == "keyslots" and isinstance(header[key], dict) and header[key]:
            slots = header[key]
            inner = draw(st.sampled_from(sorted(slots)))
            slots[inner] = draw(_json_value())
        else:
            del header[key]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(body) - 1))
        body = body[:at] + bytes([body[at] ^ draw(st.integers(1, 255))]) + body[at + 1:]
        header["db_size"], header["db_sha256"] = len(body), hashlib.sha256(body).hexdigest()
    header["checksum"] = _header_checksum(header)
    return FIRST_LINE + b"\n" + canonical_json(header).encode() + b"\n" + body


def _read_or_refused(data: bytes, directory: Path) -> BackupInfo | None:
    path = directory / "fuzz.bak"
    path.write_bytes(data)
    try:
        return read_backup_info(path)
    except StorageError:
        return None


def _restored_or_no_trace(data: bytes) -> bool:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        (root / "fuzz.bak").write_bytes(data)
        try:
            restored = restore(root / "fuzz.bak", root / "vault", SUPERVISOR, PASSPHRASE,
                               sleep=lambda _s: None)
        except StorageError:
            assert sorted(p.name for p in root.iterdir()) == ["fuzz.bak"]
            return False
        with restored.vault as vault:
            assert vault.check_integrity() == ([], [])
            assert vault.repository.verify_audit() is None
        return True


def test_the_untouched_backup_reads_and_restores() -> None:
    assert BACKUP.startswith(MAGIC)
    with tempfile.TemporaryDirectory() as temp:
        assert _read_or_refused(BACKUP, Path(temp)) is not None
    assert _restored_or_no_trace(BACKUP)


@given(_bytes_mutation())
def test_fuzz_mutated_backup_headers_are_read_or_refused(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        info = _read_or_refused(data, Path(temp))
    if info is not None:
        # Only what the header's checksum does not cover may have changed: the database copy
        # (checked at restore), or spacing in the JSON that leaves every value as it was.
        first, _, rest = data.partition(b"\n")
        assert first == FIRST_LINE or int(first[len(MAGIC):]) == 1, first[:80]
        assert json.loads(rest.partition(b"\n")[0]) == HEADER


@settings(max_examples=RESTORES)
@given(st.one_of(_bytes_mutation(), _crafted()))
def test_fuzz_mutated_and_crafted_backups_restore_whole_or_leave_no_trace(data: bytes) -> None:
    _restored_or_no_trace(data)


@pytest.mark.parametrize("field", ["db_size", "schema_version", "audit_head", "vault_id"])
def test_a_crafted_header_is_refused_without_a_trace(field: str) -> None:
    """The examples the fuzzing above draws at random, once each, for every run."""
    header = json.loads(HEADER_LINE)
    header.pop("checksum")
    header[field] = {"db_size": 1, "schema_version": 999, "audit_head": [999, "0" * 64],
                     "vault_id": "0" * 32}[field]
    header["checksum"] = _header_checksum(header)
    crafted = FIRST_LINE + b"\n" + canonical_json(header).encode() + b"\n" + BODY
    assert not _restored_or_no_trace(crafted)
