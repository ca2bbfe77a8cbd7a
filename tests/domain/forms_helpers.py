"""Helpers for script tests: the sample as text, exact mutations, located problems."""

from __future__ import annotations

import pytest

from interview_app.domain.forms import load_form_text
from interview_app.domain.model import Form
from interview_app.errors import FormError, Problem
from tests.conftest import DATA_DIR

SAMPLE_PATH = DATA_DIR / "forms" / "sample.yaml"
NAME = "sample.yaml"


def sample_text() -> str:
    return SAMPLE_PATH.read_text(encoding="utf-8")


def mutate(text: str, old: str, new: str) -> str:
    """Replace ``old``, which must occur exactly once, so a mutation can never silently miss."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def mutated(old: str, new: str) -> str:
    return mutate(sample_text(), old, new)


def line_of(text: str, needle: str) -> int:
    """The 1-based line that is exactly ``needle``, else the only line containing it."""
    lines = list(enumerate(text.splitlines(), 1))
    found = [n for n, line in lines if line == needle]
    if not found:
        found = [n for n, line in lines if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]


def load(text: str | bytes) -> Form:
    return load_form_text(text, NAME)


def problems(text: str | bytes) -> list[Problem]:
    with pytest.raises(FormError) as caught:
        load_form_text(text, NAME)
    found = list(caught.value.problems)
    for problem in found:
        assert problem.path == NAME
        assert problem.line >= 1
    return found


def only_problem(text: str | bytes) -> Problem:
    found = problems(text)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def assert_problem(text: str, line_needle: str, *words: str) -> Problem:
    """Exactly one problem, on the line holding ``line_needle``, whose message has ``words``."""
    problem = only_problem(text)
    assert problem.line == line_of(text, line_needle), str(problem)
    for word in words:
        assert word in problem.message, str(problem)
    return problem
