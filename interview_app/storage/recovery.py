"""The recovery key: 160 random bits a person can print, read back and type without errors.

Format: 40 characters of Crockford base32 in eight groups of five, e.g.
``7K3QZ-M0R4T-...``. The last eight characters are a 40-bit checksum, so a mistyped
character or two swapped ones are reported as a typing error instead of a wrong key.
Crockford's alphabet has no I, L, O or U; typing O for 0 and I or L for 1 is accepted.
"""

from __future__ import annotations

import hashlib
import os

from interview_app.errors import RecoveryKeyMistyped

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
SECRET_BYTES = 20
CHECK_BYTES = 5
GROUP = 5
LENGTH = (SECRET_BYTES + CHECK_BYTES) * 8 // 5


def _checksum(secret: bytes) -> bytes:
    return hashlib.sha256(b"interview-app recovery key\0" + secret).digest()[:CHECK_BYTES]


def _encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(len(data) * 8 // 5):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


def new_recovery_secret() -> bytes:
    return os.urandom(SECRET_BYTES)


def format_recovery_key(secret: bytes) -> str:
    """The printable form of ``secret``: grouped characters with the checksum at the end."""
    if len(secret) != SECRET_BYTES:
        raise ValueError("a recovery secret has 20 bytes")
    text = _encode(secret + _checksum(secret))
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def parse_recovery_key(typed: str) -> bytes:
    """The secret inside a typed key; RecoveryKeyMistyped when it cannot be what was printed.

    Spaces, hyphens and lower case are forgiven: people copy keys by hand.
    """
    text = "".join(typed.split()).replace("-", "").upper()
    if len(text) != LENGTH or any(c not in _DECODE for c in text):
        raise RecoveryKeyMistyped
    number = 0
    for c in text:
        number = (number << 5) | _DECODE[c]
    data = number.to_bytes(SECRET_BYTES + CHECK_BYTES, "big")
    secret, check = data[:SECRET_BYTES], data[SECRET_BYTES:]
    if _checksum(secret) != check:
        raise RecoveryKeyMistyped
    return secret
