"""What the composition root hands the window: folders, preferences and key-derivation cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interview_app.ui.settings import Settings

if TYPE_CHECKING:
    from interview_app.storage.kdf import KdfParams


@dataclass(frozen=True)
class ShellConfig:
    """Tests pass temporary folders and tiny key-derivation parameters."""

    vault_dir: Path
    training_dir: Path
    forms_dir: Path
    settings: Settings
    translations_dir: Path | None = None
    kdf: KdfParams | None = None  # None: calibrated on this machine when a vault is made
    # The app opens straight into the training vault while this computer has no real vault,
    # so a first run lands on fictional cases, never on an empty screen.
    open_training_when_no_vault: bool = False
    today: Callable[[], dt.date] = field(default=dt.date.today)
