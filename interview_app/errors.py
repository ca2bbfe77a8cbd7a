"""One exception hierarchy; every message is fixed text plus locations, never case content."""

from __future__ import annotations

from dataclasses import dataclass


class InterviewAppError(Exception):
    """Base of every error the application reports to a person instead of a traceback."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is and what is wrong, in one sentence."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class FormError(InterviewAppError):
    """A script file is not a valid interview script; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a FormError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class AnswerError(InterviewAppError):
    """An answer does not fit its question (wrong type, out of range, unknown option...)."""


class NavigationError(InterviewAppError):
    """An engine operation names an item that is unknown, hidden or blocked."""


class CatalogError(InterviewAppError):
    """A translation catalogue is missing, unreadable or does not belong where it was put."""
