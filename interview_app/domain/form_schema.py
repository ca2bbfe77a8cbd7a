"""The script schema: a cached validator, and its errors turned into plain located sentences."""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from interview_app import paths
from interview_app.domain.schema_compiler import Check, compile_schema
from interview_app.domain.yaml_source import Data, DataPath, Source
from interview_app.errors import Problem

ID_PATTERN = "^[a-z][a-z0-9_]*$"
ID_ADVICE = "use lower-case letters, digits and _, starting with a letter"

_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}


@functools.cache
def schema() -> dict[str, Any]:
    """The schema shipped in forms/schema/, read once."""
    loaded: dict[str, Any] = json.loads(paths.FORM_SCHEMA.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


@functools.cache
def _is_valid() -> Check:
    return compile_schema(schema())


@functools.cache
def _item_keys() -> frozenset[str]:
    return frozenset(schema()["$defs"]["item"]["properties"])


def schema_problems(source: Source, limit: int = 100) -> list[Problem]:
    """Every place where the script breaks the schema, in file order; empty when it is valid."""
    if _is_valid()(source.data):
        return []  # the common case, decided without jsonschema's costly error bookkeeping
    # Errors are produced lazily: stopping at the limit keeps a hostile file (say a million
    # empty sections) from costing minutes and gigabytes.
    leaves: list[ValidationError] = []
    for error in _validator().iter_errors(source.data):
        leaves.extend(_leaves(error))
        if len(leaves) > limit:
            break
    # An item of an unknown or misplaced kind would also break the rules of the kind it
    # claims; only the kind is worth reporting then.
    bad_kind = {tuple(e.absolute_path)[:-1] for e in leaves if _is_kind_error(e)}
    found: dict[tuple[int, str], None] = {}
    for leaf in leaves:
        if "then" in leaf.schema_path and tuple(leaf.absolute_path) in bad_kind:
            continue
        for line, message in _describe(leaf, source):
            found.setdefault((line, message))
    return sorted((Problem(source.path, line, msg) for line, msg in found), key=lambda p: p.line)


def _is_kind_error(error: ValidationError) -> bool:
    path = error.absolute_path
    return error.validator == "enum" and bool(path) and path[-1] == "kind"


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """For an anyOf failure, the errors of the branch that fits the value's type."""
    if error.validator != "anyOf" or not error.context:
        yield error
        return
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    fitting = [
        errors
        for errors in branches.values()
        if not any(e.validator == "type" and len(e.relative_schema_path) <= 2 for e in errors)
    ]
    if len(fitting) != 1:
        yield error
        return
    for sub in fitting[0]:
        yield from _leaves(sub)


def _describe(error: ValidationError, source: Source) -> Iterator[tuple[int, str]]:
    path: DataPath = tuple(error.absolute_path)
    owner = _owner(source.data, path)
    rule: Any = error.validator_value
    value = error.instance
    if "propertyNames" in error.schema_path:
        line = source.line((*path, str(value)))
        if error.validator == "enum" and value not in _item_keys():
            return  # an unknown key: additionalProperties reports it, with a suggestion
        if error.validator == "enum":
            kind = _kind_at(source.data, path)
            yield line, f"{owner}: '{value}' does not apply to a {kind} item"
        else:
            yield line, f"{owner}: '{value}' is not a valid name; {ID_ADVICE}"
    elif error.validator == "required":
        need = ""
        if "then" in error.schema_path:
            need = f"; a {_kind_at(source.data, path)} item needs it"
        for name in rule:
            if isinstance(value, dict) and name not in value:
                yield source.line(path), f"{owner} has no '{name}'{need}"
    elif error.validator == "additionalProperties" and isinstance(value, dict):
        schema_here: Any = error.schema
        known = sorted(schema_here.get("properties", {}))
        for extra in sorted(set(value) - set(known)):
            close = difflib.get_close_matches(extra, known, n=1, cutoff=0.75)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield source.line((*path, extra)), f"{owner}: unknown key '{extra}'{hint}"
    else:
        yield source.line(path), _sentence(error, owner, path)


def _sentence(error: ValidationError, owner: str, path: DataPath) -> str:
    """The message for an error about one value."""
    field = _field(path)
    value = error.instance
    rule: Any = error.validator_value
    if error.validator == "type":
        names = [rule] if isinstance(rule, str) else list(rule)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        hint = " (put it in quotes)" if names == ["string"] and _scalar(value) else ""
        return f"{owner}: '{field}' must be {wanted}, not {_type_of(value)}{hint}"
    if error.validator == "enum":
        return _enum_message(owner, field, value, list(rule), path)
    if error.validator == "pattern":
        return _pattern_message(owner, field, value, str(rule))
    if error.validator == "minItems":
        if field == "items" and len(path) == 3:
            return f"{owner} has no items"
        return f"{owner}: '{field}' must not be empty"
    if error.validator == "uniqueItems":
        return f"{owner}: '{field}' lists the same entry twice"
    if error.validator in ("minimum", "maximum"):
        bound = "at least" if error.validator == "minimum" else "at most"
        return f"{owner}: '{field}' must be {bound} {rule}"
    if error.validator == "maxLength":
        return f"{owner}: '{field}' is longer than {rule} characters"
    if error.validator == "minProperties":
        return f"{owner}: a condition needs an operator such as answered, equals or all"
    if error.validator == "maxProperties" and isinstance(value, dict):
        operators = ", ".join(sorted(value))
        return f"{owner}: a condition has exactly one operator, this one has {operators}"
    if error.validator == "anyOf" and field == "options":
        return f"{owner}: 'options' must be the name of an option list or a list of options"
    # Keywords the schema does not use today; jsonschema's own words are still exact.
    return f"{owner}: {error.message}"


def _enum_message(owner: str, field: str, value: object, allowed: list[Any], path: DataPath) -> str:
    choices = ", ".join(str(a) for a in allowed)
    if field == "kind" and "items" in path[3:] and value in ("repeat", "gate"):
        return f"{owner}: a repeat group cannot contain a {value} item"
    if field == "kind":
        return f"{owner}: unknown kind '{value}'; use one of: {choices}"
    return f"{owner}: '{value}' is not a valid {field}; use one of: {choices}"


def _pattern_message(owner: str, field: str, value: object, pattern: str) -> str:
    if pattern == ID_PATTERN:
        return f"{owner}: '{value}' is not a valid {field}; {ID_ADVICE}"
    if pattern == "\\S":
        return f"{owner}: '{field}' is empty"
    if pattern == "^\\S+$":
        return f"{owner}: indicator '{value}' must be one word without spaces"
    return f"{owner}: '{value}' is not a valid {field}"


def _scalar(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _type_of(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _field(path: DataPath) -> str:
    """The key a reader sees: 'sources' for the list, "entry 2 of 'sources'" inside it."""
    for depth in range(len(path) - 1, -1, -1):
        key = path[depth]
        if isinstance(key, str):
            if depth == len(path) - 1:
                return key
            index = path[depth + 1]
            return f"entry {int(index) + 1} of {key}" if isinstance(index, int) else key
    return "script"


def _at(data: Data, path: DataPath) -> Data:
    for key in path:
        if isinstance(data, dict) and isinstance(key, str):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def _kind_at(data: Data, path: DataPath) -> str:
    item = _at(data, path)
    kind = item.get("kind") if isinstance(item, dict) else None
    return str(kind)


def _owner(data: Data, path: DataPath) -> str:
    """Names what an error is about: the innermost section, item or option list on the path."""
    owner, name = "the script", "the script"
    node = data
    for index, key in enumerate(path):
        if isinstance(node, dict) and isinstance(key, str):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            break
        parent = path[index - 1] if index else None
        if index == 0 and key == "form":
            owner = "the form header"
        elif index == 1 and path[0] == "option_lists":
            owner = f"option list '{key}'"
        elif isinstance(key, int) and parent in ("sections", "items") and isinstance(node, dict):
            what = "section" if parent == "sections" else "item"
            ident = node.get("id")
            name = f"'{ident}'" if isinstance(ident, str) else f"{what} {key + 1}"
            owner = f"{what} {name}" if isinstance(ident, str) else name
        elif key in ("show_if", "require_if", "urgent_if"):
            return f"{key} of {name}"  # the same words the semantic checks use
    return owner
