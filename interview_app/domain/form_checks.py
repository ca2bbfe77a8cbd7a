"""Checks a schema cannot express: unique ids, backward-only conditions, options, bands, gates.

Runs on data that already passed the schema, so shapes and types can be taken for granted.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from interview_app.domain.conditions import ConditionSyntaxError, parse_condition
from interview_app.domain.model import REQUIRED_NON_RESPONSES
from interview_app.domain.yaml_source import DataPath, Source
from interview_app.errors import Problem

CHOICE_KINDS = ("single_choice", "multi_choice")
MAX_SCALE_POINTS = 101
# What each comparison can be applied to; `answered` applies to everything.
_COMPARABLE = {
    "equals": ("single_choice", "multi_choice", "yes_no", "number", "scale", "text"),
    "in": ("single_choice", "multi_choice", "yes_no", "number", "scale", "text"),
    "lt": ("number", "scale"),
    "gt": ("number", "scale"),
    "age_under": ("number", "date"),
}


@dataclass(frozen=True)
class Entry:
    """A section or an item, with its place in script order (a section comes before its items)."""

    id: str
    kind: str  # "section" or an item kind
    path: DataPath
    data: dict[str, Any]
    order: int
    group: str | None = None  # the repeat group an item belongs to


def entries(data: dict[str, Any]) -> list[Entry]:
    """Every section and item in script order, repeat-group questions right after their group."""
    found: list[Entry] = []
    for s, section in enumerate(data["sections"]):
        found.append(Entry(section["id"], "section", ("sections", s), section, len(found)))
        for i, item in enumerate(section["items"]):
            here: DataPath = ("sections", s, "items", i)
            found.append(Entry(item["id"], item["kind"], here, item, len(found)))
            for c, child in enumerate(item.get("items", ())):
                at = (*here, "items", c)
                found.append(Entry(child["id"], child["kind"], at, child, len(found), item["id"]))
    return found


class Checker:
    """Collects the semantic problems of one schema-valid script."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.data: dict[str, Any] = source.data  # type: ignore[assignment]
        self.lists: dict[str, list[dict[str, Any]]] = self.data.get("option_lists", {})
        self.entries = entries(self.data)
        self.by_id: dict[str, Entry] = {}
        self.problems: list[Problem] = []

    def report(self, at: DataPath, message: str) -> None:
        self.problems.append(Problem(self.source.path, self.source.line(at), message))

    def run(self) -> list[Problem]:
        self._ids()
        self._option_lists()
        for entry in self.entries:
            if entry.kind != "section":
                self._item(entry)
            for key in ("show_if", "require_if", "urgent_if"):
                if key in entry.data:
                    self._condition(entry, key)
        self._consents()
        self._last_gate()
        return sorted(self.problems, key=lambda p: p.line)

    def _ids(self) -> None:
        for entry in self.entries:
            first = self.by_id.get(entry.id)
            if first is None:
                self.by_id[entry.id] = entry
                continue
            where = self.source.line((*first.path, "id"))
            message = f"id '{entry.id}' is used twice (first at line {where})"
            self.report((*entry.path, "id"), message)

    def _option_lists(self) -> None:
        used = {e.data["options"] for e in self.entries if isinstance(e.data.get("options"), str)}
        for name, options in self.lists.items():
            at: DataPath = ("option_lists", name)
            self._options(options, at, f"option list '{name}'")
            if name not in used:
                self.report(at, f"option list '{name}' is not used by any question")

    def _options(self, options: list[dict[str, Any]], at: DataPath, owner: str) -> None:
        values: dict[str, int] = {}
        labels: dict[str, int] = {}
        for index, option in enumerate(options):
            here = (*at, index)
            value, label = option["value"], " ".join(option["label"].split()).casefold()
            if value in values:
                self.report(here, f"{owner} has the value '{value}' twice")
            if label in labels:
                self.report(here, f"{owner} has the label '{option['label']}' twice")
            values.setdefault(value, index)
            labels.setdefault(label, index)
            if "low" in option and "high" in option and option["low"] > option["high"]:
                self.report(here, f"{owner}: band '{value}' has low above high")
        self._bands(options, at, owner)

    def _bands(self, options: list[dict[str, Any]], at: DataPath, owner: str) -> None:
        bands = sorted(
            (o.get("low", -math.inf), o.get("high", math.inf), i)
            for i, o in enumerate(options)
            if "low" in o or "high" in o
        )
        reach, widest = -math.inf, -1
        for low, high, index in bands:
            if low <= reach:  # bands are inclusive: 24-30 and 30-40 both hold 30
                first, second = options[widest]["value"], options[index]["value"]
                self.report((*at, index), f"{owner}: bands '{first}' and '{second}' overlap")
            if high > reach:
                reach, widest = high, index

    def _item(self, entry: Entry) -> None:
        item, kind = entry.data, entry.kind
        options = item.get("options")
        if isinstance(options, list):
            self._options(options, (*entry.path, "options"), f"question '{entry.id}'")
            at: DataPath = (*entry.path, "options")
            exclusive = [(i, o["value"]) for i, o in enumerate(options) if o.get("exclusive")]
            if kind == "single_choice" and exclusive:  # point at the option itself
                at = (*at, exclusive[0][0])
        elif isinstance(options, str):
            at = (*entry.path, "options")
            if options not in self.lists:
                self.report(at, f"question '{entry.id}' uses unknown option list '{options}'")
            listed = self.lists.get(options, [])
            exclusive = [(i, o["value"]) for i, o in enumerate(listed) if o.get("exclusive")]
        else:
            exclusive = []
        if kind == "single_choice" and exclusive:
            message = (
                f"single choice '{entry.id}' has exclusive option '{exclusive[0][1]}';"
                " exclusive only means something in a multiple choice"
            )
            self.report(at, message)
        self._bounds(entry)
        seen: set[str] = set()
        for index, point in enumerate(item.get("checklist", ())):
            if point["id"] in seen:
                message = f"gate '{entry.id}' has the checklist id '{point['id']}' twice"
                self.report((*entry.path, "checklist", index, "id"), message)
            seen.add(point["id"])
        self._required(entry)
        if entry.group is not None and "reuse" in item:
            message = (
                f"'{entry.id}' is inside repeat group '{entry.group}'; answers inside a group"
                " cannot be reused"
            )
            self.report((*entry.path, "reuse"), message)

    def _bounds(self, entry: Entry) -> None:
        low, high = entry.data.get("minimum"), entry.data.get("maximum")
        if low is None or high is None:
            return
        if low > high:
            self.report((*entry.path, "minimum"), f"'{entry.id}' has minimum above maximum")
        elif entry.kind == "scale" and low == high:
            self.report((*entry.path, "minimum"), f"scale '{entry.id}' needs at least two points")
        elif entry.kind == "scale" and high - low + 1 > MAX_SCALE_POINTS:
            message = f"scale '{entry.id}' has more than {MAX_SCALE_POINTS} points"
            self.report((*entry.path, "maximum"), message)

    def _required(self, entry: Entry) -> None:
        item = entry.data
        if item.get("required") and "require_if" in item:
            message = f"'{entry.id}' has both required: true and require_if; keep one"
            self.report((*entry.path, "require_if"), message)
        if not (item.get("required") or "require_if" in item) or "non_responses" not in item:
            return
        if not REQUIRED_NON_RESPONSES.intersection(item["non_responses"]):
            message = (
                f"'{entry.id}' is required but allows neither 'declined' nor 'dont_know',"
                " so the person could not decline it"
            )
            self.report((*entry.path, "non_responses"), message)

    def _condition(self, entry: Entry, key: str) -> None:
        at = (*entry.path, key)
        raw = entry.data[key]
        try:
            parse_condition(raw)
        except ConditionSyntaxError as error:  # the schema should have caught it already
            self.report((*at, *error.path), f"{key} of '{entry.id}': {error}")
            return
        owner = f"{key} of '{entry.id}'"
        for path, op, question, operand in _comparisons(raw, at):
            target = self.by_id.get(question)
            if target is None or target.kind == "section":
                self.report(path, f"{owner} names unknown question '{question}'")
            elif target is entry and key != "urgent_if":  # an answer may well be urgent itself
                self.report(path, f"{owner} depends on '{question}' itself")
            elif target.order > entry.order:
                message = (
                    f"{owner} names '{question}', which comes later in the script;"
                    " conditions may only look back"
                )
                self.report(path, message)
            elif target.group is not None and target.group != entry.group:
                message = (
                    f"{owner} names '{question}', which is inside repeat group"
                    f" '{target.group}'; only questions of the same group may do that"
                )
                self.report(path, message)
            elif op != "answered":
                self._comparison(owner, path, op, target, operand)

    def _comparison(self, owner: str, at: DataPath, op: str, target: Entry, operand: Any) -> None:
        kind = target.kind
        if kind not in _COMPARABLE[op]:
            usable = " or ".join(_COMPARABLE[op])
            message = f"{owner} uses '{op}' on '{target.id}', a {kind}; '{op}' needs {usable}"
            self.report(at, message)
            return
        values = operand if op == "in" else [operand] if op == "equals" else []
        for value in values:
            problem = self._value_problem(target, value)
            if problem:
                self.report(at, f"{owner} compares '{target.id}' with {problem}")

    def _value_problem(self, target: Entry, value: Any) -> str | None:
        kind = target.kind
        if kind in CHOICE_KINDS:
            options = target.data["options"]
            listed = self.lists.get(options, []) if isinstance(options, str) else options
            known = [o["value"] for o in listed]
            if known and value not in known:
                return f"'{value}', which is not one of its options: {', '.join(known)}"
        elif kind == "yes_no" and not isinstance(value, bool):
            return f"'{value}'; a yes/no answer is true or false"
        elif kind in ("number", "scale") and (isinstance(value, bool | str)):
            return f"'{value}', which is not a number"
        elif kind == "text" and not isinstance(value, str):
            return f"'{value}', which is not text"
        return None

    def _consents(self) -> None:
        first: dict[str, Entry] = {}
        for entry in self.entries:
            purpose = entry.data.get("consent") if entry.kind != "section" else None
            if purpose is None:
                continue
            if purpose in first:
                where = self.source.line((*first[purpose].path, "consent"))
                message = f"consent '{purpose}' is asked twice (first at line {where})"
                self.report((*entry.path, "consent"), message)
            first.setdefault(purpose, entry)

    def _last_gate(self) -> None:
        items = [e for e in self.entries if e.kind != "section"]
        if items and items[-1].kind == "gate":
            last = items[-1]
            self.report(last.path, f"gate '{last.id}' is the last item, so it blocks nothing")


def _comparisons(raw: Any, at: DataPath) -> Iterator[tuple[DataPath, str, str, Any]]:
    """(path of the question id, operator, question id, operand) for each comparison."""
    ((op, arg),) = raw.items()
    here = (*at, op)
    if op in ("all", "any"):
        for index, part in enumerate(arg):
            yield from _comparisons(part, (*here, index))
    elif op == "not":
        yield from _comparisons(arg, here)
    elif op == "answered":
        yield here, op, arg, None
    else:
        operand = arg.get("values", arg.get("value", arg.get("years")))
        yield (*here, "question"), op, arg["question"], operand


def semantic_problems(source: Source) -> list[Problem]:
    """Every semantic problem of a script that passed the schema, in file order."""
    return Checker(source).run()
