"""The interviewee screen's reading aid: text size and line spacing, within readable limits."""

from __future__ import annotations

from dataclasses import dataclass, replace

MIN_SCALE, MAX_SCALE = 0.6, 2.0
SCALE_STEP = 1.15
MIN_SPACING, MAX_SPACING = 100, 250
SPACING_STEP = 25


def clamp_scale(scale: float) -> float:
    return round(max(MIN_SCALE, min(MAX_SCALE, scale)), 2)


def clamp_spacing(spacing: int) -> int:
    return max(MIN_SPACING, min(MAX_SPACING, spacing))


@dataclass(frozen=True)
class ReadingAid:
    """How the interviewee screen sets its text: ``scale`` multiplies its own large sizes,
    ``spacing`` is the line height in percent of the font's. Kept in the settings: it says
    nothing about a case or a person."""

    scale: float = 1.0
    spacing: int = MIN_SPACING

    def larger(self) -> ReadingAid:
        return replace(self, scale=clamp_scale(self.scale * SCALE_STEP))

    def smaller(self) -> ReadingAid:
        return replace(self, scale=clamp_scale(self.scale / SCALE_STEP))

    def wider(self) -> ReadingAid:
        return replace(self, spacing=clamp_spacing(self.spacing + SPACING_STEP))

    def tighter(self) -> ReadingAid:
        return replace(self, spacing=clamp_spacing(self.spacing - SPACING_STEP))
