"""Argon2id parameters, key derivation, and calibration to a target unlock time."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_LENGTH = 32
SALT_LENGTH = 16
# Bounds for parameters read from a slot file: a hostile file must not make us allocate 64 GiB.
MAX_MEMORY_KIB = 1 << 20
MAX_ITERATIONS = 1 << 10
MAX_LANES = 64


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes over memory, memory in KiB, and lanes (parallelism)."""

    iterations: int
    memory_kib: int
    lanes: int = 4

    def __post_init__(self) -> None:
        if not 1 <= self.lanes <= MAX_LANES:
            raise ValueError("lanes out of range")
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            raise ValueError("iterations out of range")
        # Argon2 needs at least 8 KiB per lane.
        if not 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB:
            raise ValueError("memory out of range")

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        kdf = Argon2id(
            salt=salt,
            length=KEY_LENGTH,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(secret)

    def as_json(self) -> dict[str, Any]:
        return {
            "algorithm": "argon2id",
            "iterations": self.iterations,
            "memory_kib": self.memory_kib,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, data: object) -> KdfParams:
        """Parse stored parameters; ValueError for anything unexpected."""
        if not isinstance(data, dict) or data.get("algorithm") != "argon2id":
            raise ValueError("unknown key derivation")
        return cls(
            iterations=_integer(data, "iterations"),
            memory_kib=_integer(data, "memory_kib"),
            lanes=_integer(data, "lanes"),
        )


def _integer(data: dict[str, object], name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("key derivation parameters must be integers")
    return value


# RFC 9106's second recommended option; used only when no calibration was asked for.
RFC9106_LOW_MEMORY = KdfParams(iterations=3, memory_kib=64 * 1024, lanes=4)


def new_salt() -> bytes:
    return os.urandom(SALT_LENGTH)


def calibrate(
    target_seconds: float = 0.5,
    *,
    memory_kib: int = 64 * 1024,
    max_memory_kib: int = 256 * 1024,
    lanes: int = 4,
    timer: Callable[[], float] = time.perf_counter,
) -> KdfParams:
    """Pick Argon2id parameters that take about ``target_seconds`` on this machine.

    Memory is what makes guessing on GPUs expensive, so it grows first (doubling up to
    ``max_memory_kib``) while one pass stays well under the target. The number of passes is
    then estimated from a one-pass and a three-pass probe, and corrected by timing the
    candidate itself, because a single short probe is at the mercy of a busy machine.
    """

    def measure(iterations: int) -> float:
        start = timer()
        KdfParams(iterations, memory_kib, lanes).derive(b"calibration", b"\0" * SALT_LENGTH)
        return max(timer() - start, 1e-6)

    one = measure(1)
    while one * 4 <= target_seconds and memory_kib * 2 <= max_memory_kib:
        memory_kib *= 2
        one = measure(1)
    per_pass = max((measure(3) - one) / 2, 1e-6)
    iterations = _clamp(round(1 + (target_seconds - one) / per_pass))
    for _ in range(2):
        took = measure(iterations)
        if 0.8 * target_seconds <= took <= 1.25 * target_seconds:
            break
        iterations = _clamp(round(iterations * target_seconds / took))
    return KdfParams(iterations, memory_kib, lanes)


def _clamp(iterations: int) -> int:
    return max(1, min(iterations, MAX_ITERATIONS))
