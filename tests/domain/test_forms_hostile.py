"""Hostile or broken files: always a FormError with a line, in bounded time and memory."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from interview_app.domain import yaml_source
from interview_app.domain.forms import MAX_PROBLEMS, load_form
from interview_app.domain.yaml_source import MAX_DEPTH, MAX_STRING_CHARS, read_yaml
from tests.domain.forms_helpers import (
    line_of,
    load,
    mutated,
    only_problem,
    problems,
    sample_text,
)

BILLION_LAUGHS = """\
form: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_billion_laughs_is_refused_at_the_first_anchor_quickly() -> None:
    start = time.perf_counter()
    problem = only_problem(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert problem.line == 1
    assert "anchors" in problem.message


def test_an_alias_alone_is_refused_on_its_line() -> None:
    text = "form: {id: x}\nsections: *list\n"
    problem = only_problem(text)
    assert problem.line == 2
    assert "aliases" in problem.message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200, 5000])
def test_deep_flow_nesting(depth: int) -> None:
    problem = only_problem("form: " + "[" * depth + "]" * depth + "\n")
    assert problem.line == 1
    assert "nest" in problem.message  # libyaml has its own limit (1,000) for the deepest


def test_deep_block_nesting_names_the_line_where_the_limit_is_crossed() -> None:
    text = "".join("  " * level + "- \n" for level in range(200))
    problem = only_problem(text)
    assert problem.line == MAX_DEPTH + 1
    assert "nested" in problem.message


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1
    source = read_yaml("a: " + "[" * depth + "]" * depth, "deep.yaml")
    assert isinstance(source.data, dict)


def test_ten_megabyte_string_is_refused_before_parsing() -> None:
    start = time.perf_counter()
    problem = only_problem("form: '" + "x" * 10_000_000 + "'\n")
    assert time.perf_counter() - start < 2.0
    assert problem.line == 1
    assert "2 MB" in problem.message


def test_big_file_on_disk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# padding\n" * 1_100_000)
    with pytest.raises(Exception, match="larger than 2 MB") as caught:
        load_form(path)
    assert type(caught.value).__name__ == "FormError"


def test_overlong_string_in_a_small_file_names_its_line() -> None:
    text = mutated("  title: Sample interview\n", f"  title: {'x' * (MAX_STRING_CHARS + 1)}\n")
    problem = only_problem(text)
    assert problem.line == 6
    assert str(MAX_STRING_CHARS) in problem.message


def test_tab_indentation() -> None:
    text = mutated("    title: Your work\n", "\ttitle: Your work\n")
    problem = only_problem(text)
    assert problem.line == line_of(text, "\ttitle: Your work")
    assert "tab" in problem.message


def test_tabs_inside_text_are_fine() -> None:
    text = mutated("  title: Sample interview\n", '  title: "Sample\\tinterview"\n')
    assert load(text).title == "Sample\tinterview"


def test_non_utf8_bytes_name_their_line() -> None:
    raw = mutated("  title: Sample interview\n", "  title: Caf\udce9\n").encode(
        "utf-8", "surrogateescape"
    )
    problem = only_problem(raw)
    assert problem.line == 6
    assert "UTF-8" in problem.message


def test_lone_surrogate_in_text_input() -> None:
    problem = only_problem(mutated("  title: Sample interview\n", "  title: \ud800\n"))
    assert problem.line == 6


@pytest.mark.parametrize(
    "tag",
    ["!!python/object:os.system", "!!python/object/apply:os.system", "!custom", "!!str"],
)
def test_tags_are_refused(tag: str) -> None:
    text = mutated("  title: Sample interview\n", f"  title: {tag} Sample interview\n")
    problem = only_problem(text)
    assert problem.line == 6
    assert "tags" in problem.message


def test_python_object_tag_on_a_mapping_is_refused() -> None:
    problem = only_problem("form: !!python/object/new:os.system {}\n")
    assert problem.line == 1
    assert "tags" in problem.message


def test_duplicate_keys_are_all_reported() -> None:
    text = mutated("  title: Sample interview\n", "  title: Sample interview\n  title: Again\n")
    text = text.replace("        unit: hours\n", "        unit: hours\n        unit: days\n")
    found = problems(text)
    assert [p.line for p in found] == [7, line_of(text, "unit: days")]
    assert found[0].message == "duplicate key 'title' (first at line 6)"


def test_control_character_names_its_line() -> None:
    problem = only_problem(mutated("  title: Sample interview\n", "  title: Sample\x07\n"))
    assert problem.line == 6


def test_nul_byte() -> None:
    problem = only_problem(b"form:\n  id: x\x00\n")
    assert problem.line == 2


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    problem = only_problem(text)
    assert problem.line == 1
    assert "empty" in problem.message


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n", "null\n"])
def test_top_level_must_be_a_mapping(text: str) -> None:
    problem = only_problem(text)
    assert problem.line == 1
    assert "mapping" in problem.message


def test_second_document_is_refused() -> None:
    text = sample_text() + "---\nform: {}\n"
    problem = only_problem(text)
    assert problem.line == len(sample_text().splitlines()) + 1


def test_complex_keys_are_refused() -> None:
    problem = only_problem("form:\n  ? [a, b]\n  : c\n")
    assert problem.line == 2
    assert "key" in problem.message


def test_syntax_error_names_its_line() -> None:
    text = mutated("  title: Sample interview\n", "  title: [Sample interview\n")
    problem = problems(text)[0]
    assert "YAML" in problem.message
    assert problem.line >= 6


@pytest.mark.parametrize("number", [".inf", "-.inf", ".nan", "9" * 41, "0x" + "f" * 40])
def test_unusable_numbers(number: str) -> None:
    text = mutated("        maximum: 24\n", f"        maximum: {number}\n")
    problem = only_problem(text)
    assert problem.line == line_of(text, f"maximum: {number}")


def test_yaml_1_1_booleans_are_booleans_like_safe_load() -> None:
    # `value: no` would silently become false; the schema then says an id was expected.
    text = mutated("{value: self, label: I kept it myself}", "{value: no, label: I kept it myself}")
    problem = only_problem(text)
    assert problem.line == line_of(text, "{value: no, label")
    assert "'value' must be text" in problem.message


def test_keys_stay_text_even_when_they_look_like_booleans() -> None:
    source = read_yaml("yes: 1\n3: 2\nnull: 3\n", "keys.yaml")
    assert source.data == {"yes": 1, "3": 2, "null": 3}
    assert source.lines[("null",)] == 3


def test_dates_stay_text() -> None:
    source = read_yaml("when: 2024-01-31\n", "dates.yaml")
    assert source.data == {"when": "2024-01-31"}


def test_a_flood_of_problems_is_cut_short() -> None:
    text = "form: {}\nsections: [" + "{}, " * 100_000 + "]\n"
    start = time.perf_counter()
    found = problems(text)
    assert time.perf_counter() - start < 10.0
    assert len(found) == MAX_PROBLEMS + 1
    assert "more than 100 problems" in found[-1].message


def test_a_flood_of_semantic_problems_is_cut_short() -> None:
    items = "".join(
        f"  - {{id: q{n}, kind: yes_no, prompt: p, show_if: {{answered: zz}}}}\n"
        for n in range(300)
    )
    text = "form: {id: a, version: '1', title: t, purpose: p}\nsections:\n- id: s\n  title: t\n"
    found = problems(text + "  items:\n" + items)
    assert len(found) == MAX_PROBLEMS + 1
    assert [p.line for p in found[:3]] == [6, 7, 8]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (BILLION_LAUGHS, 1, "anchors"),
        ("form: " + "[" * 5000 + "]" * 5000 + "\n", 1, "nested"),
        ("a: 1\nb: c\x07\n", 2, "character"),
        ("a: 1\n\tb: 2\n", 2, "tab"),
        ("a: 1\na: 2\n", 2, "duplicate"),
    ],
)
def test_the_pure_python_parser_gives_the_same_answers(
    monkeypatch: pytest.MonkeyPatch, text: str, line: int, words: str
) -> None:
    # Where libyaml is missing PyYAML falls back to its Python parser; it must be as safe.
    monkeypatch.setattr(yaml_source, "LOADER", yaml.SafeLoader)
    assert load(sample_text()).id == "sample"
    problem = only_problem(text)
    assert problem.line == line
    assert words in problem.message


def test_a_bom_in_text_input_is_accepted() -> None:
    assert load("\ufeff" + sample_text()).id == "sample"
