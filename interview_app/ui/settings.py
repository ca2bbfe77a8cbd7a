"""Preferences kept between runs; by design they hold no case content, names or passphrases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from interview_app.i18n.locales import SOURCE_LANGUAGE, is_supported
from interview_app.ui.fonts import clamp_scale

DEFAULT_IDLE_MINUTES = 5
DEFAULT_BREAK_REMINDER_MINUTES = 45
MAX_MINUTES = 240


def _minutes(value: object, default: int) -> int:
    try:
        minutes = int(str(value))
    except ValueError:
        return default
    return max(1, min(MAX_MINUTES, minutes))


class Settings:
    """Typed access to an INI file; every value is checked on read, so a hand-edited or damaged
    file falls back to the defaults instead of breaking start-up."""

    def __init__(self, path: Path) -> None:
        self._store = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def interface_language(self) -> str:
        value = str(self._store.value("interface/language", SOURCE_LANGUAGE))
        return value if is_supported(value) else SOURCE_LANGUAGE

    @interface_language.setter
    def interface_language(self, code: str) -> None:
        self._store.setValue("interface/language", code)

    @property
    def idle_minutes(self) -> int:
        """Minutes without input before the vault locks itself."""
        return _minutes(self._store.value("protection/idle_minutes", ""), DEFAULT_IDLE_MINUTES)

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self._store.setValue("protection/idle_minutes", _minutes(minutes, DEFAULT_IDLE_MINUTES))

    @property
    def break_reminder_minutes(self) -> int:
        return _minutes(
            self._store.value("care/break_reminder_minutes", ""), DEFAULT_BREAK_REMINDER_MINUTES
        )

    @break_reminder_minutes.setter
    def break_reminder_minutes(self, minutes: int) -> None:
        self._store.setValue(
            "care/break_reminder_minutes", _minutes(minutes, DEFAULT_BREAK_REMINDER_MINUTES)
        )

    @property
    def text_scale(self) -> float:
        try:
            return clamp_scale(float(str(self._store.value("display/text_scale", "1.0"))))
        except ValueError:
            return 1.0

    @text_scale.setter
    def text_scale(self, scale: float) -> None:
        self._store.setValue("display/text_scale", f"{clamp_scale(scale):.2f}")

    def sync(self) -> None:
        self._store.sync()
