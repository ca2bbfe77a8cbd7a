"""`interview-app forms check|outline`: validate scripts and print their structure."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from interview_app import paths
from interview_app.domain.conditions import (
    AgeUnder,
    All,
    Answered,
    AnyOf,
    Condition,
    Equals,
    GreaterThan,
    In,
    LessThan,
    Not,
)
from interview_app.domain.forms import check_forms, load_form, script_paths
from interview_app.domain.model import ALL_NON_RESPONSES, Form, Item, ItemKind, JsonValue
from interview_app.errors import FormError


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser(
        "forms", help="check and outline scripts", description="Check and outline scripts."
    )

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=usage)
    actions = parser.add_subparsers(dest="forms_command", metavar="ACTION")
    check = actions.add_parser(
        "check",
        help="validate scripts; prints PATH:LINE: message per problem",
        description="Validate scripts against the schema and the semantic checks.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="script files or directories of *.yaml (default: every script in forms/)",
    )
    check.set_defaults(handler=run_check)
    outline = actions.add_parser(
        "outline",
        help="print a script's sections and items as plain text",
        description="Print a script's sections, items, conditions and gates as plain text.",
    )
    outline.add_argument("form", metavar="FORM", help="the script file")
    outline.set_defaults(handler=run_outline)


def run_check(args: argparse.Namespace) -> int:
    names = args.paths or [paths.FORMS_DIR]
    scripts = script_paths(names)
    if not scripts:
        print("no scripts found in: " + ", ".join(map(str, names)), file=sys.stderr)
        return 1
    problems = check_forms(scripts)
    if not problems:
        print(f"{len(scripts)} script{'s' if len(scripts) != 1 else ''} valid")
        return 0
    for problem in problems:
        print(problem)
    broken = len({p.path for p in problems})
    print(f"{len(problems)} problem(s) in {broken} of {len(scripts)} script(s)", file=sys.stderr)
    return 1


def run_outline(args: argparse.Namespace) -> int:
    try:
        form = load_form(args.form)
    except FormError as error:
        for problem in error.problems:
            print(problem)
        return 1
    for line in outline(form):
        print(line)
    return 0


def outline(form: Form) -> Iterator[str]:
    """The script as indented plain text, one line per section, item and condition."""
    yield f"{form.id} {form.version}: {form.title}"
    yield f"  {form.purpose}"
    for section in form.sections:
        yield ""
        topic = f"  [topic: {section.topic}]" if section.topic != section.id else ""
        sensitive = "  (sensitive)" if section.sensitive else ""
        yield f"section {section.id}: {section.title}{topic}{sensitive}"
        if section.show_if is not None:
            yield f"  show_if: {render(section.show_if)}"
        for item in section.items:
            yield from _item_lines(item, "  ")


def _item_lines(item: Item, indent: str) -> Iterator[str]:
    yield f"{indent}{item.id}  {_kind_text(item)}{_flags(item)}"
    more = indent + "    "
    if item.show_if is not None:
        yield f"{more}show_if: {render(item.show_if)}"
    if item.require_if is not None:
        yield f"{more}require_if: {render(item.require_if)}"
    if item.urgent_if is not None:
        yield f"{more}urgent_if: {render(item.urgent_if)}"
    if item.reuse:
        yield f"{more}reuse: {', '.join(item.reuse)}"
    if item.kind is ItemKind.GATE:
        for entry in item.checklist:
            yield f"{more}[ ] {entry.id}"
    for child in item.items:
        yield from _item_lines(child, indent + "  ")


def _kind_text(item: Item) -> str:
    kind = item.kind.value
    if item.kind is ItemKind.GATE and item.gate is not None:
        return f"gate ({item.gate.value}): blocks what follows until done"
    if item.options:
        source = item.options[0].source_list
        values = ", ".join(o.value for o in item.options)
        return f"{kind} [{source}: {values}]" if source else f"{kind} [{values}]"
    if item.kind in (ItemKind.NUMBER, ItemKind.SCALE, ItemKind.REPEAT):
        low = "" if item.minimum is None else _number(item.minimum)
        high = "" if item.maximum is None else _number(item.maximum)
        unit = f" {item.unit}" if item.unit else ""
        whole = ", whole numbers" if item.integer else ""
        if item.kind is ItemKind.REPEAT:
            return f"repeat group, {low or 0}..{high} instances"
        if low or high:
            return f"{kind} {low}..{high}{unit}{whole}"
        return f"{kind}{unit}{whole}"
    return kind


def _flags(item: Item) -> str:
    flags = []
    if item.required:
        flags.append("required")
    if item.sensitive:
        flags.append("sensitive")
    if item.observation:
        flags.append("observation")
    if item.consent is not None:
        flags.append(f"consent: {item.consent.value}")
    if item.is_question and item.non_responses != ALL_NON_RESPONSES:
        allowed = ", ".join(sorted(n.value for n in item.non_responses)) or "none"
        flags.append(f"non-responses: {allowed}")
    return "  (" + "; ".join(flags) + ")" if flags else ""


def render(condition: Condition) -> str:
    """A condition as a reader would say it, e.g. ``hours_per_day > 10``."""
    if isinstance(condition, All | AnyOf):
        joiner = " and " if isinstance(condition, All) else " or "
        return joiner.join(_grouped(c) for c in condition.conditions)
    if isinstance(condition, Not):
        inner = condition.condition
        if isinstance(inner, Answered):
            return f"{inner.question} not answered"
        return f"not {_grouped(inner)}"
    if isinstance(condition, Answered):
        return f"{condition.question} answered"
    if isinstance(condition, Equals):
        return f"{condition.question} = {_value(condition.value)}"
    if isinstance(condition, In):
        values = ", ".join(_value(v) for v in condition.values)
        return f"{condition.question} in [{values}]"
    if isinstance(condition, LessThan):
        return f"{condition.question} < {_number(condition.value)}"
    if isinstance(condition, GreaterThan):
        return f"{condition.question} > {_number(condition.value)}"
    if isinstance(condition, AgeUnder):
        return f"age from {condition.question} under {condition.years}"
    raise TypeError(f"not a condition: {condition!r}")  # pragma: no cover


def _grouped(condition: Condition) -> str:
    text = render(condition)
    return f"({text})" if isinstance(condition, All | AnyOf) else text


def _value(value: JsonValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
