"""Key slots: wrapping, binding to vault and user, damage detection, the recovery key, KDF."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from interview_app.errors import KeySlotDamaged, RecoveryKeyMistyped, VaultNotFound, VaultTooNew
from interview_app.storage import keyslots
from interview_app.storage.kdf import KdfParams, calibrate
from interview_app.storage.keyslots import SlotFile, SlotKind
from interview_app.storage.recovery import (
    ALPHABET,
    format_recovery_key,
    new_recovery_secret,
    parse_recovery_key,
)
from tests.storage.conftest import TINY_KDF

KEY = bytearray(os.urandom(32))
VAULT_ID = "0" * 32


def _slot(secret: bytes, tag: str = "t", vault_id: str = VAULT_ID) -> keyslots.KeySlot:
    return keyslots.wrap(
        KEY, secret, vault_id=vault_id, kind=SlotKind.PASSPHRASE, tag=tag, kdf=TINY_KDF
    )


def _file(*slots: keyslots.KeySlot) -> SlotFile:
    return SlotFile(VAULT_ID, TINY_KDF, tuple(slots))


def test_the_right_secret_unwraps_the_key_and_another_does_not() -> None:
    slot = _slot(b"secret one")
    assert keyslots.unwrap(slot, b"secret one", VAULT_ID) == KEY
    assert keyslots.unwrap(slot, b"secret two", VAULT_ID) is None


def test_a_slot_moved_to_another_user_or_vault_no_longer_opens() -> None:
    slot = _slot(b"secret", tag="alice")
    assert keyslots.unwrap(replace(slot, tag="bob"), b"secret", VAULT_ID) is None
    assert keyslots.unwrap(slot, b"secret", "1" * 32) is None
    assert keyslots.unwrap(replace(slot, kind=SlotKind.RECOVERY), b"secret", VAULT_ID) is None
    weaker = replace(slot, kdf=KdfParams(iterations=2, memory_kib=8, lanes=1))
    assert keyslots.unwrap(weaker, b"secret", VAULT_ID) is None


def test_each_slot_has_its_own_salt_and_nonce() -> None:
    one, two = _slot(b"same"), _slot(b"same")
    assert one.salt != two.salt
    assert one.nonce != two.nonce
    assert one.wrapped != two.wrapped


def test_user_tags_hide_names_and_ignore_unicode_normalisation() -> None:
    composed, decomposed = "Nguy\u1ec5n", "Nguy\u0065\u0302\u0303n"
    assert keyslots.user_tag(VAULT_ID, composed) == keyslots.user_tag(VAULT_ID, decomposed)
    assert "Ngu" not in keyslots.user_tag(VAULT_ID, composed)
    assert keyslots.user_tag(VAULT_ID, "ana") != keyslots.user_tag("1" * 32, "ana")


def test_passphrases_are_compared_after_nfc() -> None:
    slot = _slot(keyslots.passphrase_secret("caf\u00e9 au lait"))
    assert keyslots.unwrap(slot, keyslots.passphrase_secret("cafe\u0301 au lait"), VAULT_ID)


def test_file_round_trips_and_is_written_0600_in_two_copies(tmp_path: Path) -> None:
    written = keyslots.write_slot_file(tmp_path, _file(_slot(b"s")), KEY)
    read = keyslots.read_slot_file(tmp_path)
    assert read == written
    keyslots.check_mac(read, KEY)
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*.tmp"))


def test_every_truncation_and_bit_flip_is_detected(tmp_path: Path) -> None:
    keyslots.write_slot_file(tmp_path, _file(_slot(b"s")), KEY)
    data = (tmp_path / keyslots.SLOTS_FILE).read_bytes()
    for cut in range(len(data) - 1):  # dropping only the final newline changes nothing
        with pytest.raises(KeySlotDamaged):
            keyslots.parse(data[:cut])
    for i in range(len(data)):
        flipped = bytearray(data)
        flipped[i] ^= 0x01
        if bytes(flipped).strip() == data.strip() or chr(flipped[i]).isspace():
            continue  # whitespace between JSON tokens carries nothing
        with pytest.raises((KeySlotDamaged, VaultTooNew)):
            keyslots.parse(bytes(flipped))


def test_a_damaged_primary_falls_back_to_the_copy(tmp_path: Path) -> None:
    written = keyslots.write_slot_file(tmp_path, _file(_slot(b"s")), KEY)
    (tmp_path / keyslots.SLOTS_FILE).write_bytes(b'{"format": "interview-app key sl')
    assert keyslots.read_slot_file(tmp_path) == written
    (tmp_path / keyslots.SLOTS_COPY).write_bytes(b"")
    with pytest.raises(KeySlotDamaged):
        keyslots.read_slot_file(tmp_path)


def test_no_slot_file_is_no_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        keyslots.read_slot_file(tmp_path)


def test_a_newer_format_is_reported_as_such(tmp_path: Path) -> None:
    keyslots.write_slot_file(tmp_path, _file(_slot(b"s")), KEY)
    document = json.loads((tmp_path / keyslots.SLOTS_FILE).read_text())
    document["version"] = 2
    del document["checksum"]
    document["checksum"] = keyslots._checksum(document)
    with pytest.raises(VaultTooNew):
        keyslots.parse(json.dumps(document).encode())


def test_an_edit_with_a_recomputed_checksum_fails_the_mac(tmp_path: Path) -> None:
    """Someone who can write the file but has no key cannot lower the KDF cost unnoticed."""
    keyslots.write_slot_file(tmp_path, replace(_file(_slot(b"s")), erase_after=5), KEY)
    document = json.loads((tmp_path / keyslots.SLOTS_FILE).read_text())
    document["erase_after"] = None
    del document["checksum"]
    document["checksum"] = keyslots._checksum(document)
    edited = keyslots.parse(json.dumps(document).encode())
    with pytest.raises(KeySlotDamaged):
        keyslots.check_mac(edited, KEY)


def test_stale_temp_files_from_a_killed_writer_are_removed(tmp_path: Path) -> None:
    keyslots.write_slot_file(tmp_path, _file(_slot(b"s")), KEY)
    stale = tmp_path / f".{keyslots.SLOTS_FILE}.abcdef.tmp"
    stale.write_bytes(b"half")
    keyslots.read_slot_file(tmp_path)
    assert not stale.exists()


def test_kdf_parameters_from_a_file_are_bounded() -> None:
    for bad in (
        {"algorithm": "argon2id", "iterations": 1, "memory_kib": 1 << 30, "lanes": 1},
        {"algorithm": "argon2id", "iterations": 0, "memory_kib": 8, "lanes": 1},
        {"algorithm": "argon2id", "iterations": True, "memory_kib": 8, "lanes": 1},
        {"algorithm": "scrypt", "iterations": 1, "memory_kib": 8, "lanes": 1},
        {"algorithm": "argon2id", "iterations": 1, "memory_kib": 8, "lanes": 2},
    ):
        with pytest.raises(ValueError, match="."):
            KdfParams.from_json(bad)
    assert KdfParams.from_json(TINY_KDF.as_json()) == TINY_KDF


def test_calibration_aims_at_the_target_time() -> None:
    params = calibrate(0.02, memory_kib=8, max_memory_kib=64, lanes=1)
    assert 8 <= params.memory_kib <= 64
    assert params.iterations >= 1


def test_calibration_grows_memory_before_passes() -> None:
    """A derivation "takes" 1 s against a 10 s target: memory doubles up to its cap first."""
    ticks = iter(range(10_000))
    params = calibrate(10.0, memory_kib=8, max_memory_kib=32, lanes=1, timer=lambda: next(ticks))
    assert params.memory_kib == 32


def test_recovery_keys_round_trip_in_any_case_and_spacing() -> None:
    secret = new_recovery_secret()
    printed = format_recovery_key(secret)
    groups = printed.split("-")
    assert len(groups) == 8
    assert all(len(g) == 5 and set(g) <= set(ALPHABET) for g in groups)
    assert parse_recovery_key(printed) == secret
    assert parse_recovery_key(" ".join(groups).lower()) == secret


def test_o_for_zero_and_i_or_l_for_one_are_forgiven() -> None:
    secret = new_recovery_secret()
    printed = format_recovery_key(secret)
    typed = printed.replace("0", "O").replace("1", "l")
    assert parse_recovery_key(typed) == secret


def test_every_single_typo_and_swap_is_a_typing_error() -> None:
    printed = format_recovery_key(new_recovery_secret()).replace("-", "")
    for i, char in enumerate(printed):
        for other in ALPHABET:
            if other != char:
                with pytest.raises(RecoveryKeyMistyped):
                    parse_recovery_key(printed[:i] + other + printed[i + 1 :])
    for i in range(len(printed) - 1):
        if printed[i] != printed[i + 1]:
            swapped = printed[:i] + printed[i + 1] + printed[i] + printed[i + 2 :]
            with pytest.raises(RecoveryKeyMistyped):
                parse_recovery_key(swapped)
    for wrong in ("", printed[:-1], printed + "0", "U" * 40):
        with pytest.raises(RecoveryKeyMistyped):
            parse_recovery_key(wrong)
