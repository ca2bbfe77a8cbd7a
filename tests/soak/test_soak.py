"""The short soak CI runs: SIGKILL during saves, passphrase changes, backups and exports."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.soak.soak import Soak

pytestmark = pytest.mark.slow

# Each kill costs a worker's start-up (about half a second here); `make soak` runs hundreds.
KILLS = int(os.environ.get("SOAK_KILLS", "24"))
SEED = int(os.environ.get("SOAK_SEED", str(random.SystemRandom().randrange(1 << 30))))


def test_nothing_confirmed_is_lost_and_every_vault_opens_after_sigkill(tmp_path: Path) -> None:
    soak = Soak(tmp_path, kills=KILLS, seed=SEED, kills_per_vault=KILLS, aim=0.9)
    tally = soak.run()
    assert tally.kills == KILLS
    assert tally.problems() == dict.fromkeys(tally.problems(), 0), (
        f"seed {SEED}: {tally.details}")
    assert tally.answers_confirmed > KILLS // 2, f"too few saves to prove anything (seed {SEED})"
    assert tally.answers_found == tally.answers_confirmed
    # The kinds of operation take turns as the focus and the kills aim at them, so nearly
    # every kind was under way at some kill (a kill can still land just after one ended).
    if KILLS >= 24:
        kinds = {"save", "passphrase", "backup", "export"} & set(tally.in_flight)
        assert len(kinds) >= 3, f"seed {SEED}: {tally.in_flight}"
