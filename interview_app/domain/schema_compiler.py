"""A fast yes/no check compiled from the script schema; jsonschema still explains any failure.

jsonschema spends most of its time in bookkeeping for error reports, which a valid script
never needs: checking a 1,000-question script takes it four times longer than parsing the YAML.
This module compiles the subset of JSON Schema (draft 2020-12) that the script schema uses
into plain closures. It refuses any keyword it does not know, so the schema cannot silently
outgrow it, and tests compare its verdicts with jsonschema's on many mutated scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[object], bool]

# Keywords that only annotate: they never change a verdict.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description"})
_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "const",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "items",
        "minItems",
        "uniqueItems",
        "properties",
        "additionalProperties",
        "required",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "$ref",
        "allOf",
        "anyOf",
        "if",
        "then",
        "else",
    }
)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


def _same(a: object, b: object) -> bool:
    """JSON equality: unlike Python, true is not 1 and false is not 0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


class SchemaCompiler:
    """Compiles one root schema; ``$ref`` may only point into its own ``#/$defs``."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self._root = root
        self._defs: dict[str, Check] = {}

    def compile(self) -> Check:
        return self._schema(self._root)

    def _schema(self, schema: object) -> Check:
        if schema is True:
            return lambda _v: True
        if schema is False:
            return lambda _v: False
        if not isinstance(schema, Mapping):
            raise ValueError(f"not a schema: {schema!r}")
        unknown = set(schema) - _KEYWORDS - _ANNOTATIONS
        if unknown:
            raise ValueError(f"schema keyword(s) not supported: {sorted(unknown)}")
        checks = [self._keyword(key, value, schema) for key, value in schema.items()]
        active = [c for c in checks if c is not None]
        if len(active) == 1:
            return active[0]
        return lambda v: all(check(v) for check in active)

    def _keyword(self, key: str, value: Any, schema: Mapping[str, Any]) -> Check | None:
        if key in _ANNOTATIONS or key in ("then", "else"):
            return None
        if key in ("type", "enum", "const", "pattern", "minLength", "maxLength"):
            return _scalar_keyword(key, value)
        if key in ("minimum", "maximum"):
            return _bound(key, value)
        if key in ("items", "minItems", "uniqueItems"):
            return self._array_keyword(key, value)
        if key == "$ref":
            return self._ref(value)
        if key in ("allOf", "anyOf"):
            parts = [self._schema(s) for s in value]
            if key == "allOf":
                return lambda v: all(p(v) for p in parts)
            return lambda v: any(p(v) for p in parts)
        if key == "if":
            condition = self._schema(value)
            then = self._schema(schema.get("then", True))
            otherwise = self._schema(schema.get("else", True))
            return lambda v: then(v) if condition(v) else otherwise(v)
        return self._object_keyword(key, value, schema)

    def _ref(self, ref: str) -> Check:
        prefix = "#/$defs/"
        if not ref.startswith(prefix):
            raise ValueError(f"only local '#/$defs/...' references are supported, not {ref!r}")
        name = ref[len(prefix) :]
        if name not in self._root.get("$defs", {}):
            raise ValueError(f"unresolvable reference {ref!r}")
        # Resolved on first use: definitions may refer to themselves (conditions do).
        defs = self._defs

        def follow(value: object) -> bool:
            check = defs.get(name)
            if check is None:
                check = defs[name] = self._schema(self._root["$defs"][name])
            return check(value)

        return follow

    def _array_keyword(self, key: str, value: Any) -> Check:
        if key == "items":
            each = self._schema(value)
            return lambda v: not isinstance(v, list) or all(each(x) for x in v)
        if key == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if not value:
            return lambda _v: True
        return lambda v: not isinstance(v, list) or _unique(v)

    def _object_keyword(self, key: str, value: Any, schema: Mapping[str, Any]) -> Check | None:
        if key == "properties":
            props = {name: self._schema(sub) for name, sub in value.items()}
            return lambda v: (
                not isinstance(v, dict)
                or all(check(v[name]) for name, check in props.items() if name in v)
            )
        if key == "additionalProperties":
            known = frozenset(schema.get("properties", {}))
            extra = self._schema(value)
            if value is False:
                return lambda v: not isinstance(v, dict) or v.keys() <= known
            return lambda v: (
                not isinstance(v, dict)
                or all(extra(x) for name, x in v.items() if name not in known)
            )
        if key == "required":
            names = tuple(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if key == "propertyNames":
            each = self._schema(value)
            return lambda v: not isinstance(v, dict) or all(each(n) for n in v)
        if key == "minProperties":
            return lambda v: not isinstance(v, dict) or len(v) >= value
        if key == "maxProperties":
            return lambda v: not isinstance(v, dict) or len(v) <= value
        raise ValueError(f"schema keyword not supported: {key}")  # pragma: no cover


def _scalar_keyword(key: str, value: Any) -> Check:
    if key == "type":
        names = [value] if isinstance(value, str) else list(value)
        tests = [_TYPES[n] for n in names]
        if len(tests) == 1:
            return tests[0]
        return lambda v: any(t(v) for t in tests)
    if key == "enum":
        choices = list(value)
        if all(isinstance(c, str) for c in choices):
            fast = frozenset(choices)
            return lambda v: isinstance(v, str) and v in fast
        return lambda v: any(_same(v, c) for c in choices)
    if key == "const":
        return lambda v: _same(v, value)
    if key == "pattern":
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    return lambda v: not isinstance(v, str) or len(v) <= value


def _bound(key: str, limit: float) -> Check:
    if key == "minimum":
        return lambda v: not _is_number(v) or v >= limit  # type: ignore[operator]
    return lambda v: not _is_number(v) or v <= limit  # type: ignore[operator]


def _unique(values: list[Any]) -> bool:
    if all(isinstance(v, str) for v in values):
        return len(set(values)) == len(values)
    return not any(_same(a, b) for i, a in enumerate(values) for b in values[i + 1 :])


def compile_schema(schema: Mapping[str, Any]) -> Check:
    """A function telling whether a value is valid under ``schema``, without saying why."""
    return SchemaCompiler(schema).compile()
