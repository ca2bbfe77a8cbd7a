"""Reading small YAML data files (catalogue, directory): plain data and located problems."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Collection
from typing import Any

from interview_app.domain.yaml_source import MAX_FILE_BYTES, Data, DataPath, Source, read_yaml
from interview_app.errors import DataFileError, FormError, Problem

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
ID_ADVICE = "use lower-case letters, digits and _, starting with a letter"
# Enough to fix a file in one go; a hostile file must not produce millions.
MAX_PROBLEMS = 100


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, at most one more than a data file may have; DataFileError if unreadable."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or "cannot be read"
        raise DataFileError([Problem(name, 1, f"cannot read the file: {reason}")]) from None


def read_data(text: str | bytes, path: str) -> Source:
    """Parse safely with the script reader (no aliases, tags or duplicate keys)."""
    try:
        return read_yaml(text, path)
    except FormError as error:
        raise DataFileError(list(error.problems)) from None


class _Missing:
    """Stands for a required key that is absent (already reported)."""


MISSING = _Missing()


class Fields:
    """Typed access to plain data; a wrong value is reported at its line and read as None."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def report(self, at: DataPath, message: str) -> None:
        if len(self.problems) <= MAX_PROBLEMS:
            self.problems.append(Problem(self.source.path, self.source.line(at), message))

    def raise_if_any(self) -> None:
        if self.problems:
            found = sorted(self.problems, key=lambda p: p.line)[:MAX_PROBLEMS]
            raise DataFileError(found)

    def mapping(
        self,
        value: object,
        at: DataPath,
        what: str,
        required: Collection[str],
        optional: Collection[str],
    ) -> dict[str, Any] | None:
        """A mapping with the required keys and no unknown ones."""
        if not isinstance(value, dict):
            self.report(at, f"{what} must be a mapping of keys to values")
            return None
        missing = [key for key in required if key not in value]
        explained: set[str] = set()
        for key in value:
            if key not in required and key not in optional:
                # A misspelt required key is one mistake: name it once, with the right word.
                close = difflib.get_close_matches(key, missing, n=1, cutoff=0.75)
                if close:
                    explained.add(close[0])
                    hint = f"did you mean '{close[0]}'?"
                else:
                    hint = "the keys are: " + ", ".join(sorted((*required, *optional)))
                self.report((*at, key), f"{what}: unknown key '{key}'; {hint}")
        for key in missing:
            if key not in explained:
                self.report(at, f"{what} has no '{key}'")
        # A missing key is reported once, here: its accessors then read it quietly as None.
        return {**value, **dict.fromkeys(missing, MISSING)}

    def items(self, value: object, at: DataPath, what: str, *, empty: bool = False) -> list[Data]:
        """A list (non-empty unless ``empty``); a wrong value reads as no entries."""
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.report(at, f"{what} must be a list")
            return []
        if not value and not empty:
            self.report(at, f"{what} must not be empty")
        return value

    def text(self, value: object, at: DataPath, what: str) -> str | None:
        if value is MISSING:
            return None
        if not isinstance(value, str) or not value.strip():
            self.report(at, f"{what} must be text that is not empty (put it in quotes)")
            return None
        return value

    def ident(self, value: object, at: DataPath, what: str) -> str | None:
        if value is MISSING:
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value) or len(value) > 64:
            self.report(at, f"{what} '{value}' is not a valid id; {ID_ADVICE}")
            return None
        return value

    def choice(
        self, value: object, at: DataPath, what: str, allowed: Collection[str]
    ) -> str | None:
        if value is MISSING:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.report(at, f"{what} '{value}' is not one of: {', '.join(sorted(allowed))}")
            return None
        return value

    def whole(
        self, value: object, at: DataPath, what: str, low: int = 0, high: int = 10**9
    ) -> int | None:
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.report(at, f"{what} must be a whole number from {low} to {high}")
            return None
        return value

    def flag(self, value: object, at: DataPath, what: str) -> bool:
        if value is MISSING:
            return False
        if not isinstance(value, bool):
            self.report(at, f"{what} must be true or false")
            return False
        return value

    def date(self, value: object, at: DataPath, what: str) -> dt.date | None:
        """An ISO date such as 2026-10-01 (YAML dates stay text in our reader)."""
        if value is MISSING:
            return None
        try:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        self.report(at, f"{what} must be a date written as YYYY-MM-DD")
        return None

    def unique(self, ids: list[tuple[str, DataPath]], what: str) -> None:
        """Report every id met a second time, pointing at the first."""
        first: dict[str, DataPath] = {}
        for ident, at in ids:
            if not ident:
                continue  # an invalid id was reported already
            if ident in first:
                line = self.source.line(first[ident])
                self.report(at, f"{what} '{ident}' is used twice (first at line {line})")
            first.setdefault(ident, at)
