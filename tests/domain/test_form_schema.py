"""The shipped JSON Schema: valid, strict, helpful to editors, and in step with the model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from interview_app.domain.form_schema import schema
from interview_app.domain.model import DataClass, GateKind, ItemKind, NonResponse
from interview_app.domain.schema_compiler import compile_schema
from tests.domain.forms_helpers import sample_text


def _objects(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_schema_is_valid_draft_2020_12() -> None:
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema())


def test_every_object_schema_is_strict() -> None:
    with_properties = [s for s in _objects(schema()) if "properties" in s and "type" in s]
    assert len(with_properties) > 10
    for node in with_properties:
        assert node.get("additionalProperties") is False, node.get("title")


def test_every_key_an_author_writes_is_documented_for_editors() -> None:
    defs = schema()["$defs"]
    for name in ("formInfo", "section", "item", "option", "checklistEntry"):
        for key, sub in defs[name]["properties"].items():
            target = defs[sub["$ref"].split("/")[-1]] if set(sub) == {"$ref"} else sub
            assert "title" in target or "description" in target, f"{name}.{key}"


def test_enums_match_the_model() -> None:
    defs = schema()["$defs"]
    assert set(defs["kind"]["enum"]) == {k.value for k in ItemKind}
    item = defs["item"]["properties"]
    assert set(item["data_class"]["enum"]) == {c.value for c in DataClass}
    assert set(item["gate"]["enum"]) == {g.value for g in GateKind}
    assert set(item["non_responses"]["items"]["enum"]) == {n.value for n in NonResponse}
    group_kinds = set(defs["groupItem"]["properties"]["kind"]["enum"])
    assert group_kinds == {k.value for k in ItemKind} - {"repeat", "gate"}


def test_ids_are_lower_case_identifiers() -> None:
    assert schema()["$defs"]["id"]["pattern"] == "^[a-z][a-z0-9_]*$"


def test_conditions_are_recursive_one_key_objects() -> None:
    condition = schema()["$defs"]["condition"]
    assert (condition["minProperties"], condition["maxProperties"]) == (1, 1)
    assert condition["properties"]["not"]["$ref"] == "#/$defs/condition"
    assert condition["properties"]["all"]["items"]["$ref"] == "#/$defs/condition"


SAMPLE = yaml.safe_load(sample_text())


def _with(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(sample_text())
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


_DELETE = object()
INVALID = [
    _with(("form", "version"), 1.0),
    _with(("sections", 0, "items", 1, "checklist"), []),
    _with(("sections", 0, "items", 1, "gate"), _DELETE),
    _with(("sections", 2, "items", 2, "options"), _DELETE),
    _with(("sections", 2, "items", 1, "show_if"), {"not": {"answered": "x"}, "all": []}),
    _with(("sections", 2, "items", 1, "show_if"), {}),
    _with(("sections", 2, "items", 1, "show_if"), {"age_under": {"question": "x", "years": 0}}),
    _with(("sections", 2, "items", 1, "show_if"), {"equals": {"question": "x", "value": None}}),
    _with(("sections", 3, "items", 2, "minimum"), 1.5),
    _with(("sections", 3, "items", 4, "items", 0, "kind"), "repeat"),
    _with(("sections", 3, "items", 4, "minimum"), -1),
    _with(("sections", 3, "items", 0, "indicators"), ["a", "a"]),
    _with(("sections", 3, "items", 0, "indicators"), ["two words"]),
    _with(("sections", 3, "items", 6, "max_length"), 0),
    _with(("sections", 3, "items", 6, "non_responses"), ["declined", True]),
    _with(("sections", 3, "items", 6, "required"), 1),
    _with(("sections", 3, "items", 6, "unit"), "letters"),
    _with(("sections", 3, "items", 6, "prompt"), "   "),
    _with(("sections", 0, "id"), "Safety"),
    _with(("option_lists", "Sectors"), [{"value": "a", "label": "A"}]),
    _with(("option_lists", "sectors"), []),
    _with(("sections",), []),
    _with(("form",), _DELETE),
]


@pytest.mark.parametrize("data", INVALID, ids=range(len(INVALID)))
def test_compiled_check_agrees_with_jsonschema_on_invalid_scripts(data: dict[str, Any]) -> None:
    assert not Draft202012Validator(schema()).is_valid(data)
    assert compile_schema(schema())(data) is False


def test_compiled_check_accepts_the_sample() -> None:
    assert Draft202012Validator(schema()).is_valid(SAMPLE)
    assert compile_schema(schema())(SAMPLE) is True


def test_compiled_check_follows_json_not_python_equality() -> None:
    check = compile_schema({"enum": [1, "a"]})
    assert check(1)
    assert not check(True)  # in Python True == 1; in JSON they differ
    assert compile_schema({"const": False})(False)
    assert not compile_schema({"const": False})(0)
    assert not compile_schema({"uniqueItems": True})([1, 1.0])
    assert compile_schema({"uniqueItems": True})([1, True])
    assert compile_schema({"type": "integer"})(2.0)
    assert not compile_schema({"type": "integer"})(True)


def test_compiled_check_refuses_keywords_it_does_not_implement() -> None:
    with pytest.raises(ValueError, match="not supported"):
        compile_schema({"oneOf": [{"type": "string"}]})
    with pytest.raises(ValueError, match="references"):
        compile_schema({"$ref": "https://example.org/schema"})
