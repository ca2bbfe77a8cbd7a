"""Fuzzing the loader: any input gives a Form or a located FormError, never anything else."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from interview_app.domain.form_schema import schema
from interview_app.domain.forms import load_form_text
from interview_app.domain.model import Form
from interview_app.domain.schema_compiler import compile_schema
from interview_app.domain.yaml_source import read_yaml
from interview_app.errors import FormError
from tests.domain.forms_helpers import sample_text

NAME = "fuzz.yaml"
SAMPLE: dict[str, Any] = yaml.safe_load(sample_text())
VALIDATOR = Draft202012Validator(schema())
IS_VALID = compile_schema(schema())


def _vocabulary(node: object) -> set[str]:
    """Every key and string of the sample: mutations built from it reach deeper checks."""
    if isinstance(node, dict):
        return set(node) | {w for v in node.values() for w in _vocabulary(v)}
    if isinstance(node, list):
        return {w for v in node for w in _vocabulary(v)}
    return {node} if isinstance(node, str) and len(node) < 40 else set()


WORDS = sorted(_vocabulary(SAMPLE))
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-1000, 1000)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.sampled_from(WORDS)
    | st.text(max_size=12)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _assert_form_or_located_error(text: str | bytes) -> Form | None:
    try:
        return load_form_text(text, NAME)
    except FormError as error:
        lines = (text.count(b"\n") if isinstance(text, bytes) else text.count("\n")) + 1
        for problem in error.problems:
            assert problem.path == NAME
            assert 1 <= problem.line <= lines + 1, str(problem)
            assert problem.message.strip(), str(problem)
        return None


@given(st.text(max_size=400))
def test_fuzz_any_text_gives_a_form_or_a_form_error(text: str) -> None:
    _assert_form_or_located_error(text)


@given(st.binary(max_size=400))
def test_fuzz_any_bytes_give_a_form_or_a_form_error(raw: bytes) -> None:
    _assert_form_or_located_error(raw)


yamlish = st.text(alphabet=st.sampled_from(list("ab:-[]{},&*!|>'\"#%@`?\n \t0.~\\")), max_size=200)


@given(yamlish)
def test_fuzz_yaml_punctuation_gives_a_form_or_a_form_error(text: str) -> None:
    _assert_form_or_located_error(text)


@given(st.lists(st.sampled_from(sample_text().splitlines()), max_size=60))
def test_fuzz_shuffled_sample_lines_give_a_form_or_a_form_error(lines: list[str]) -> None:
    _assert_form_or_located_error("\n".join(lines))


def _paths(node: object, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


def _mutate(data: dict[str, Any], draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
    paths = _paths(data)[1:]
    if not paths:
        return  # everything was deleted already
    target = draw(st.sampled_from(paths))
    parent: Any = data
    for key in target[:-1]:
        parent = parent[key]
    key = target[-1]
    action = draw(st.sampled_from(["delete", "replace", "duplicate", "swap", "rename"]))
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = draw(json_values)
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif action == "swap" and isinstance(parent, list):
        other = draw(st.integers(0, len(parent) - 1))
        parent[key], parent[other] = parent[other], parent[key]
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(WORDS))] = parent.pop(key)


@given(st.data())
def test_fuzz_mutated_sample_gives_a_form_or_a_form_error(data: st.DataObject) -> None:
    script = copy.deepcopy(SAMPLE)
    for _ in range(data.draw(st.integers(1, 4))):
        _mutate(script, data.draw)
    text = yaml.safe_dump(script, allow_unicode=True, sort_keys=False)
    form = _assert_form_or_located_error(text)
    if form is not None:  # then the Form holds exactly the items written, in script order
        written = [
            entry["id"]
            for section in script["sections"]
            for item in section["items"]
            for entry in (item, *item.get("items", ()))
        ]
        assert [i.id for i in form.all_items()] == written
    # The fast compiled check must agree with jsonschema whenever the YAML could be read.
    try:
        loaded = read_yaml(text, NAME).data
    except FormError:
        return
    assert IS_VALID(loaded) == VALIDATOR.is_valid(loaded)
