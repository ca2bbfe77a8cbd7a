"""Key slots: the database key wrapped per user (Argon2id + AES-256-GCM) in a checked file.

The file is JSON, written atomically to two copies (``keyslots.json`` and
``keyslots.copy.json``), because losing it loses every case::

    {"format": "interview-app key slots", "version": 1, "vault_id": "...",
     "default_kdf": {...}, "erase_after": null,
     "slots": [{"kind": "passphrase", "tag": "...", "kdf": {...},
                "salt": "...", "nonce": "...", "wrapped": "..."}],
     "mac": "...", "checksum": "..."}

``checksum`` (SHA-256 of the rest) detects a truncated or bit-flipped file before any
passphrase is tried, so damage is never mistaken for a wrong passphrase. ``mac`` (HMAC keyed
from the database key) is checked after unlocking and detects deliberate edits, such as
weaker default KDF parameters. Each slot's associated data binds it to the vault id, its kind
and its user tag, so a slot moved to another user or vault no longer opens. A user is named
by a tag (a hash of vault id and user name), so the file does not list the staff by name.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from interview_app.errors import KeySlotDamaged, VaultNotFound, VaultTooNew, WeakPassphrase
from interview_app.storage.encoding import canonical_json
from interview_app.storage.files import atomic_write, remove_stale_temps
from interview_app.storage.kdf import KEY_LENGTH, KdfParams, new_salt

SLOTS_FILE = "keyslots.json"
SLOTS_COPY = "keyslots.copy.json"
FORMAT = "interview-app key slots"
VERSION = 1
RECOVERY_TAG = "recovery"
MIN_PASSPHRASE = 8
NONCE_LENGTH = 12
_DOCUMENT_KEYS = frozenset(
    {"format", "version", "vault_id", "default_kdf", "erase_after", "slots", "mac"}
)


class SlotKind(StrEnum):
    PASSPHRASE = "passphrase"  # noqa: S105 - a slot kind, not a password
    RECOVERY = "recovery"


@dataclass(frozen=True)
class KeySlot:
    """The database key encrypted under a key derived from one secret."""

    kind: SlotKind
    tag: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "tag": self.tag,
            "kdf": self.kdf.as_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, data: object) -> KeySlot:
        if not isinstance(data, dict) or set(data) != {
            "kind", "tag", "kdf", "salt", "nonce", "wrapped"
        }:
            raise ValueError("malformed slot")
        tag = data["tag"]
        if not isinstance(tag, str):
            raise ValueError("malformed tag")
        return cls(
            kind=SlotKind(data["kind"]),
            tag=tag,
            kdf=KdfParams.from_json(data["kdf"]),
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]),
        )


@dataclass(frozen=True)
class SlotFile:
    """The parsed key-slot file; ``mac`` is as read and is checked with :func:`check_mac`."""

    vault_id: str
    default_kdf: KdfParams
    slots: tuple[KeySlot, ...]
    erase_after: int | None = None
    mac: str = ""

    def slot(self, tag: str) -> KeySlot | None:
        return next((s for s in self.slots if s.tag == tag), None)

    def with_slot(self, new: KeySlot) -> SlotFile:
        kept = tuple(s for s in self.slots if s.tag != new.tag)
        return replace(self, slots=(*kept, new))

    def without_slot(self, tag: str) -> SlotFile:
        return replace(self, slots=tuple(s for s in self.slots if s.tag != tag))

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "default_kdf": self.default_kdf.as_json(),
            "erase_after": self.erase_after,
            "slots": [s.as_json() for s in self.slots],
        }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise ValueError("bad base64") from error


def normalise_user_name(name: str) -> str:
    """NFC, trimmed: the same name typed on two keyboards is the same user."""
    return unicodedata.normalize("NFC", name).strip()


def user_tag(vault_id: str, name: str) -> str:
    data = f"interview-app user\0{vault_id}\0{normalise_user_name(name)}".encode()
    return hashlib.sha256(data).hexdigest()


def passphrase_secret(passphrase: str) -> bytes:
    """NFC first: an accented passphrase typed through another input method still matches."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new_passphrase(passphrase: str) -> None:
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE:
        raise WeakPassphrase


def _associated_data(vault_id: str, kind: SlotKind, tag: str, kdf: KdfParams) -> bytes:
    return canonical_json(
        {"format": FORMAT, "vault": vault_id, "kind": kind.value, "tag": tag, "kdf": kdf.as_json()}
    ).encode()


def wrap(
    db_key: bytes | bytearray,
    secret: bytes,
    *,
    vault_id: str,
    kind: SlotKind,
    tag: str,
    kdf: KdfParams,
) -> KeySlot:
    """A new slot for ``secret`` with a fresh salt and nonce."""
    salt = new_salt()
    nonce = os.urandom(NONCE_LENGTH)
    kek = kdf.derive(secret, salt)
    wrapped = AESGCM(kek).encrypt(
        nonce, bytes(db_key), _associated_data(vault_id, kind, tag, kdf)
    )
    return KeySlot(kind, tag, kdf, salt, nonce, wrapped)


def unwrap(slot: KeySlot, secret: bytes, vault_id: str) -> bytearray | None:
    """The database key, or None when ``secret`` is not the one this slot was made for."""
    kek = slot.kdf.derive(secret, slot.salt)
    try:
        # The bytes object from decrypt cannot be wiped; it is copied and dropped at once.
        key = bytearray(
            AESGCM(kek).decrypt(
                slot.nonce, slot.wrapped, _associated_data(vault_id, slot.kind, slot.tag, slot.kdf)
            )
        )
    except InvalidTag:
        return None
    if len(key) != KEY_LENGTH:
        return None
    return key


def _mac(slot_file: SlotFile, db_key: bytes | bytearray) -> str:
    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"interview-app key-slot file mac"
    ).derive(bytes(db_key))
    return hmac.new(mac_key, canonical_json(slot_file.body()).encode(), hashlib.sha256).hexdigest()


def check_mac(slot_file: SlotFile, db_key: bytes | bytearray) -> None:
    if not hmac.compare_digest(slot_file.mac, _mac(slot_file, db_key)):
        raise KeySlotDamaged


def _checksum(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document).encode()).hexdigest()


def serialise(slot_file: SlotFile, db_key: bytes | bytearray) -> bytes:
    document = slot_file.body() | {"mac": _mac(slot_file, db_key)}
    document["checksum"] = _checksum(document)
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode()


def parse(data: bytes) -> SlotFile:
    """Parse one copy; KeySlotDamaged unless every byte is as written, VaultTooNew for v2+."""
    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise KeySlotDamaged
        checksum = document.pop("checksum", None)
        if not isinstance(checksum, str) or not hmac.compare_digest(
            checksum, _checksum(document)
        ):
            raise KeySlotDamaged
        version = document.get("version")
        if isinstance(version, int) and version > VERSION:
            raise VaultTooNew
        if version != VERSION or set(document) != _DOCUMENT_KEYS:
            raise KeySlotDamaged
        erase_after = document["erase_after"]
        if erase_after is not None and (not isinstance(erase_after, int) or erase_after < 1):
            raise KeySlotDamaged
        vault_id, mac = document["vault_id"], document["mac"]
        if not isinstance(vault_id, str) or not isinstance(mac, str):
            raise KeySlotDamaged
        slots = document["slots"]
        if not isinstance(slots, list):
            raise KeySlotDamaged
        return SlotFile(
            vault_id=vault_id,
            default_kdf=KdfParams.from_json(document["default_kdf"]),
            slots=tuple(KeySlot.from_json(s) for s in slots),
            erase_after=erase_after,
            mac=mac,
        )
    except (ValueError, UnicodeDecodeError, KeyError, TypeError) as error:
        raise KeySlotDamaged from error


def write_slot_file(directory: Path, slot_file: SlotFile, db_key: bytes | bytearray) -> SlotFile:
    """Write both copies atomically, primary first; returns the file as now on disk."""
    data = serialise(slot_file, db_key)
    atomic_write(directory / SLOTS_FILE, data)
    atomic_write(directory / SLOTS_COPY, data)
    return parse(data)


def read_slot_file(directory: Path) -> SlotFile:
    """The primary copy, or the second copy when the primary is missing or damaged."""
    for name in (SLOTS_FILE, SLOTS_COPY):
        remove_stale_temps(directory, name)
    damaged = False
    for name in (SLOTS_FILE, SLOTS_COPY):
        try:
            data = (directory / name).read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            damaged = True
            continue
        try:
            return parse(data)
        except KeySlotDamaged:
            damaged = True
    if damaged:
        raise KeySlotDamaged
    raise VaultNotFound


def slot_files_exist(directory: Path) -> bool:
    return any((directory / name).exists() for name in (SLOTS_FILE, SLOTS_COPY))
