"""Preferences kept between runs; by design they hold no case content, names or passphrases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from interview_app.i18n.locales import SOURCE_LANGUAGE, is_interface_language
from interview_app.ui.fonts import clamp_scale
from interview_app.ui.reading_aid import ReadingAid, clamp_spacing
from interview_app.ui.reading_aid import clamp_scale as clamp_reading_scale

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
        # The pseudo-locale is accepted too, so screenshots can check clipping with it.
        return value if is_interface_language(value) else SOURCE_LANGUAGE

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

    @property
    def reading_aid(self) -> ReadingAid:
        """Text size and line spacing of the interviewee screen."""
        try:
            scale = clamp_reading_scale(float(str(self._store.value("reading/scale", "1.0"))))
            spacing = clamp_spacing(int(str(self._store.value("reading/spacing", "100"))))
        except ValueError:
            return ReadingAid()
        return ReadingAid(scale, spacing)

    @reading_aid.setter
    def reading_aid(self, aid: ReadingAid) -> None:
        self._store.setValue("reading/scale", f"{clamp_reading_scale(aid.scale):.2f}")
        self._store.setValue("reading/spacing", clamp_spacing(aid.spacing))

    def sync(self) -> None:
        self._store.sync()
