"""Load and validate interview scripts (schema, then semantic checks) into a Form."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interview_app.domain.conditions import Condition, parse_condition
from interview_app.domain.form_checks import semantic_problems
from interview_app.domain.form_schema import schema_problems
from interview_app.domain.model import (
    ALL_NON_RESPONSES,
    ChecklistEntry,
    ConsentPurpose,
    DataClass,
    Form,
    FormId,
    GateKind,
    Item,
    ItemKind,
    NonResponse,
    Option,
    QuestionId,
    Section,
    SectionId,
)
from interview_app.domain.script_links import folder_problems
from interview_app.domain.yaml_source import MAX_FILE_BYTES, DataPath, Source, read_yaml
from interview_app.errors import FormError, Problem

__all__ = ["MAX_PROBLEMS", "check_forms", "load_form", "load_form_text", "script_paths"]

# Enough to fix a file in one go; a limit keeps hostile files from producing millions.
MAX_PROBLEMS = 100


def load_form(path: str | os.PathLike[str]) -> Form:
    """Read and validate the script at ``path``; FormError lists every problem found."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as file:
            # One byte more than allowed is enough to know the file is too big.
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or "cannot be read"
        raise FormError([Problem(name, 1, f"cannot read the script: {reason}")]) from None
    return load_form_text(data, name)


def load_form_text(text: str | bytes, path: str) -> Form:
    """Validate a script given as text; ``path`` only names it in problems and in the Form."""
    source = read_yaml(text, path)
    if not isinstance(source.data, dict):
        message = "a script is a mapping with the keys form, option_lists and sections"
        raise FormError([Problem(path, source.line(()), message)])
    problems = schema_problems(source, MAX_PROBLEMS) or semantic_problems(source)
    if len(problems) > MAX_PROBLEMS:
        shown = problems[:MAX_PROBLEMS]
        message = f"more than {MAX_PROBLEMS} problems; fix these and check again"
        problems = [*shown, Problem(path, shown[-1].line, message)]
    if problems:
        raise FormError(problems)
    return _Builder(source).form()


def check_forms(paths: Iterable[str | os.PathLike[str]]) -> list[Problem]:
    """Every problem in the given script files (a directory stands for its *.yaml files).

    Beyond each script alone, this checks what it needs from its folder: the scripts whose
    answers it reuses and the indicator catalogue. An empty list means all are valid.
    """
    problems: list[Problem] = []
    loaded: dict[Path, Form] = {}
    for path in script_paths(paths):
        try:
            loaded[path] = load_form(path)
        except FormError as error:
            problems.extend(error.problems)
    # Then what one script cannot say alone: reuse of other scripts' answers, indicator ids.
    problems.extend(folder_problems(loaded, load_form, lambda folder: script_paths([folder])))
    return problems


def script_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The script files named: a directory stands for the *.yaml files directly inside it."""
    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return found


class _Builder:
    """Turns a valid script's data into model objects, carrying lines along for later messages."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.data: dict[str, Any] = source.data  # type: ignore[assignment]
        self.lists: dict[str, list[dict[str, Any]]] = self.data.get("option_lists", {})

    def form(self) -> Form:
        header = self.data["form"]
        sections = tuple(
            self._section(s, ("sections", i)) for i, s in enumerate(self.data["sections"])
        )
        return Form(
            id=FormId(header["id"]),
            version=header["version"],
            title=header["title"],
            purpose=header["purpose"],
            sections=sections,
            path=self.source.path,
            sources=tuple(header.get("sources", ())),
            language=header.get("language", "en"),
        )

    def _section(self, data: dict[str, Any], at: DataPath) -> Section:
        section_id = SectionId(data["id"])
        topic = data.get("topic", data["id"])
        items = tuple(
            self._item(d, (*at, "items", i), section_id, topic, None)
            for i, d in enumerate(data["items"])
        )
        return Section(
            id=section_id,
            title=data["title"],
            items=items,
            line=self.source.line(at),
            topic=topic,
            guidance=data.get("guidance"),
            sensitive=data.get("sensitive"),
            show_if=_condition(data.get("show_if")),
        )

    def _item(
        self,
        data: dict[str, Any],
        at: DataPath,
        section_id: SectionId,
        topic: str,
        group: QuestionId | None,
    ) -> Item:
        item_id = QuestionId(data["id"])
        children = tuple(
            self._item(d, (*at, "items", i), section_id, topic, item_id)
            for i, d in enumerate(data.get("items", ()))
        )
        gate = data.get("gate")
        data_class = data.get("data_class")
        non_responses = data.get("non_responses")
        consent = data.get("consent")
        return Item(
            id=item_id,
            kind=ItemKind(data["kind"]),
            prompt=data["prompt"],
            section_id=section_id,
            line=self.source.line(at),
            group_id=group,
            guidance=data.get("guidance"),
            sensitive=data.get("sensitive"),
            data_class=DataClass(data_class) if data_class else DataClass.STATEMENT,
            indicators=tuple(data.get("indicators", ())),
            htcds=data.get("htcds"),
            topic=data.get("topic", topic),
            show_if=_condition(data.get("show_if")),
            require_if=_condition(data.get("require_if")),
            required=bool(data.get("required", False)),
            non_responses=(
                ALL_NON_RESPONSES
                if non_responses is None
                else frozenset(NonResponse(n) for n in non_responses)
            ),
            options=self._options(data.get("options"), (*at, "options")),
            checklist=tuple(
                ChecklistEntry(c["id"], c["text"], self.source.line((*at, "checklist", i)))
                for i, c in enumerate(data.get("checklist", ()))
            ),
            gate=GateKind(gate) if gate else None,
            minimum=_number(data.get("minimum")),
            maximum=_number(data.get("maximum")),
            integer=bool(data.get("integer", False)),
            unit=data.get("unit"),
            min_label=data.get("min_label"),
            max_label=data.get("max_label"),
            max_length=data.get("max_length"),
            instance_label=data.get("instance_label"),
            items=children,
            observation=bool(data.get("observation", False)),
            urgent_if=_condition(data.get("urgent_if")),
            consent=ConsentPurpose(consent) if consent else None,
            reuse=tuple(data.get("reuse", ())),
        )

    def _options(
        self, options: str | list[dict[str, Any]] | None, at: DataPath
    ) -> tuple[Option, ...]:
        if options is None:
            return ()
        source_list: str | None = None
        if isinstance(options, str):
            source_list, options = options, self.lists[options]
            at = ("option_lists", source_list)
        return tuple(
            Option(
                value=o["value"],
                label=o["label"],
                line=self.source.line((*at, i)),
                source_list=source_list,
                specify=bool(o.get("specify", False)),
                exclusive=bool(o.get("exclusive", False)),
                low=_number(o.get("low")),
                high=_number(o.get("high")),
            )
            for i, o in enumerate(options)
        )


def _condition(data: object) -> Condition | None:
    return None if data is None else parse_condition(data)


def _number(value: int | float | None) -> float | None:
    return None if value is None else float(value)
