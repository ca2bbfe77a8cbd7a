"""Fuzzing the directory loader: any text gives a Directory or a located DataFileError."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from interview_app import paths
from interview_app.domain.directory import Directory, load_directory_text
from interview_app.errors import DataFileError

# The reader breaks lines where YAML does (LF, CR, CRLF, NEL, LS, PS), as editors number them.
BREAKS = re.compile("\r\n?|[\n\x85\u2028\u2029]")
NAME = "fuzz-directory.yaml"
SAMPLE = paths.SAMPLE_DIRECTORY.read_text(encoding="utf-8")
WORDS = sorted({w for w in SAMPLE.replace(":", " ").replace(",", " ").split() if len(w) < 30})


def _directory_or_located_error(text: str) -> Directory | None:
    try:
        return load_directory_text(text, NAME)
    except DataFileError as error:
        lines = len(BREAKS.findall(text)) + 1
        for problem in error.problems:
            assert problem.path == NAME
            assert 1 <= problem.line <= lines + 1, str(problem)
            assert problem.message.strip()
        return None


@given(st.text(max_size=400))
def test_fuzz_any_text_gives_a_directory_or_a_clear_error(text: str) -> None:
    _directory_or_located_error(text)


yamlish = st.text(alphabet=st.sampled_from(list("ab:-[]{},'\"#\n 0.~")), max_size=200)


@given(yamlish)
def test_fuzz_yaml_punctuation_gives_a_directory_or_a_clear_error(text: str) -> None:
    _directory_or_located_error(text)


@given(st.data())
def test_fuzz_mutated_sample_lines_give_a_directory_or_a_clear_error(data: st.DataObject) -> None:
    lines = SAMPLE.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "word", "text", "dup"]))
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "word":
            words = lines[index].split(" ")
            spot = data.draw(st.integers(0, len(words) - 1))
            words[spot] = data.draw(st.sampled_from(WORDS))
            lines[index] = " ".join(words)
        else:
            lines[index] = data.draw(st.text(max_size=30))
        if not lines:
            break
    _directory_or_located_error("\n".join(lines) + "\n")
