"""Checks across the scripts of one folder: reused answers exist and fit, indicators exist."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from interview_app.domain.indicators import IndicatorCatalogue, load_catalogue
from interview_app.domain.model import Form, Item, ItemKind, Option
from interview_app.errors import DataFileError, FormError, Problem

__all__ = ["CATALOGUE", "folder_problems", "link_problems"]

CATALOGUE = Path("indicators") / "catalogue.yaml"
_CHOICES = (ItemKind.SINGLE_CHOICE, ItemKind.MULTI_CHOICE)


def folder_problems(
    checked: Mapping[Path, Form],
    load: Callable[[Path], Form],
    siblings: Callable[[Path], list[Path]],
) -> list[Problem]:
    """Link problems of the checked scripts, each against its own folder: the scripts beside
    it (its folder's ``*.yaml``) and the catalogue at ``indicators/catalogue.yaml`` there.

    ``load`` reads a script and ``siblings`` lists the scripts of a folder; a sibling that does
    not load is simply not there to be reused (its own check reports why).
    """
    problems: list[Problem] = []
    folders: dict[Path, list[Form]] = {}
    for path, form in checked.items():
        folders.setdefault(path.parent, []).append(form)
    for folder, forms in folders.items():
        known: dict[str, Form] = {}
        for path in siblings(folder):
            found = checked.get(path)
            if found is None:
                try:
                    found = load(path)
                except FormError:
                    continue
            known.setdefault(found.id, found)
        catalogue = None
        if (folder / CATALOGUE).is_file():
            try:
                catalogue = load_catalogue(folder / CATALOGUE)
            except DataFileError as error:
                problems.extend(error.problems)
        problems.extend(link_problems(forms, known, catalogue))
    return problems


def link_problems(
    forms: Iterable[Form], known: Mapping[str, Form], catalogue: IndicatorCatalogue | None
) -> list[Problem]:
    """Reuse sources and indicator ids of ``forms`` that ``known`` scripts or the catalogue lack."""
    problems: list[Problem] = []
    for form in forms:
        for item in form.all_items():
            for message in _reuse_problems(item, known):
                problems.append(Problem(form.path, item.line, message))
            if catalogue is None:
                continue
            for indicator in item.indicators:
                if not catalogue.has(indicator):
                    message = (
                        f"'{item.id}' names indicator '{indicator}', which the indicator"
                        " catalogue does not define"
                    )
                    problems.append(Problem(form.path, item.line, message))
    return problems


def _reuse_problems(item: Item, known: Mapping[str, Form]) -> Iterable[str]:
    for source in item.reuse:
        form_id, _, question_id = source.partition(".")
        form = known.get(form_id)
        if form is None:
            yield f"'{item.id}' reuses '{source}', but no script beside it has the id '{form_id}'"
            continue
        if not form.has_item(question_id):
            yield f"'{item.id}' reuses '{source}', but script '{form_id}' has no '{question_id}'"
            continue
        earlier = form.item(question_id)
        if not earlier.is_question or earlier.kind is ItemKind.GATE or earlier.group_id:
            yield f"'{item.id}' reuses '{source}', which is not a question outside a repeat group"
        elif earlier.kind is not item.kind:
            yield (
                f"'{item.id}' is a {item.kind.value} and cannot reuse '{source}',"
                f" a {earlier.kind.value}"
            )
        elif item.kind in _CHOICES:
            missing = _missing_options(earlier.options, item.options)
            if missing:
                yield f"'{item.id}' lacks options that '{source}' may hold: {', '.join(missing)}"


def _missing_options(earlier: Sequence[Option], here: Sequence[Option]) -> list[str]:
    values = {o.value for o in here}
    return [o.value for o in earlier if o.value not in values]
