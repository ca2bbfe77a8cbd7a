"""Fuzzing the catalogue loader: any text gives a catalogue or a located DataFileError."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from interview_app.domain.indicators import IndicatorCatalogue, load_catalogue_text
from interview_app.errors import DataFileError
from tests.domain.test_indicators import SMALL

# The reader breaks lines where YAML does (LF, CR, CRLF, NEL, LS, PS), as editors number them.
BREAKS = re.compile("\r\n?|[\n\x85\u2028\u2029]")
NAME = "fuzz-catalogue.yaml"
WORDS = sorted({w for w in SMALL.replace(":", " ").replace(",", " ").split() if len(w) < 30})


def _catalogue_or_located_error(text: str) -> IndicatorCatalogue | None:
    try:
        return load_catalogue_text(text, NAME)
    except DataFileError as error:
        lines = len(BREAKS.findall(text)) + 1
        for problem in error.problems:
            assert problem.path == NAME
            assert 1 <= problem.line <= lines + 1, str(problem)
            assert problem.message.strip()
        return None


@given(st.text(max_size=400))
def test_fuzz_any_text_gives_a_catalogue_or_a_clear_error(text: str) -> None:
    _catalogue_or_located_error(text)


@given(st.data())
def test_fuzz_mutated_catalogue_lines_give_a_catalogue_or_a_clear_error(
    data: st.DataObject,
) -> None:
    lines = SMALL.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "word", "text", "dup"]))
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "word":
            words = lines[index].split(" ")
            words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(WORDS))
            lines[index] = " ".join(words)
        else:
            lines[index] = data.draw(st.text(max_size=30))
        if not lines:
            break
    _catalogue_or_located_error("\n".join(lines) + "\n")
