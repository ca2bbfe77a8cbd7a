"""The indicator catalogue and the observation summary: counts by group, never a verdict."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from interview_app.domain.data_files import Fields, read_bytes, read_data
from interview_app.domain.yaml_source import DataPath

# An indicator is something an interviewer may notice or be told, recorded as an observation
# with its source (observed, stated by the person, seen in a document). The summary counts
# observations per group so a professional sees where to look further; it has no total, no
# score and no threshold, because identification stays a human decision. Scripts name
# indicators as ``group.indicator`` (e.g. ``generic.shows_fear``).
__all__ = [
    "EvidenceSource",
    "GroupCount",
    "Indicator",
    "IndicatorCatalogue",
    "IndicatorGroup",
    "Observation",
    "ObservationSummary",
    "Purpose",
    "load_catalogue",
    "load_catalogue_text",
    "observation_summary",
]

MAX_LABEL_WORDS = 12


class Purpose(StrEnum):
    """What a group is for: identification cues, or welfare cues that only adapt the pace."""

    IDENTIFICATION = "identification"
    WELFARE = "welfare"


class SourceKind(StrEnum):
    """``list``: the seed prints the indicators as a list; ``narrative``: derived from prose."""

    LIST = "list"
    NARRATIVE = "narrative"


class EvidenceSource(StrEnum):
    """Where an observation comes from."""

    OBSERVED = "observed"
    STATED = "stated"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Indicator:
    """One indicator; ``review`` marks an entry derived from prose, awaiting expert review."""

    id: str  # qualified: group.indicator
    group: str
    label: str
    forms: tuple[str, ...]
    seed: str
    line: int
    review: bool = False
    population: str | None = None


@dataclass(frozen=True)
class IndicatorGroup:
    id: str
    title: str
    purpose: Purpose
    source_kind: SourceKind
    seed: str
    lines: str
    indicators: tuple[Indicator, ...]
    inherits: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        """Derived from running text rather than a list in the source: show it as such."""
        return self.source_kind is SourceKind.NARRATIVE


@dataclass(frozen=True)
class UsageRule:
    """How indicators are to be read; shown beside any list of observations."""

    id: str
    text: str
    seed: str
    lines: str


@dataclass(frozen=True)
class IndicatorCatalogue:
    version: str
    title: str
    sources: Mapping[str, str]
    forms: Mapping[str, str]
    rules: tuple[UsageRule, ...]
    groups: tuple[IndicatorGroup, ...]
    path: str = ""
    _index: dict[str, Indicator] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {i.id: i for g in self.groups for i in g.indicators}
        object.__setattr__(self, "_index", index)

    def has(self, indicator_id: str) -> bool:
        return indicator_id in self._index

    def indicator(self, indicator_id: str) -> Indicator:
        """KeyError when the catalogue has no such indicator."""
        return self._index[indicator_id]

    def group(self, group_id: str) -> IndicatorGroup:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)

    def checklist(self, group_id: str) -> tuple[Indicator, ...]:
        """The group's own indicators, then those of the groups it builds on."""
        group = self.group(group_id)
        inherited = tuple(i for parent in group.inherits for i in self.checklist(parent))
        return (*group.indicators, *inherited)


@dataclass(frozen=True)
class Observation:
    """An indicator noticed or told, with its source; ``note`` in the interviewer's words."""

    indicator: str
    source: EvidenceSource
    note: str | None = None


@dataclass(frozen=True)
class GroupCount:
    """Distinct indicators observed in one group, and how many came from each source."""

    group: IndicatorGroup
    indicators: tuple[str, ...]
    by_source: Mapping[EvidenceSource, int]

    @property
    def count(self) -> int:
        return len(self.indicators)


@dataclass(frozen=True)
class ObservationSummary:
    """Counts per group, identification and welfare apart; ``unknown`` ids are listed, not
    counted. Deliberately no total: a sum would read as a score."""

    identification: tuple[GroupCount, ...]
    welfare: tuple[GroupCount, ...]
    unknown: tuple[str, ...] = ()


def observation_summary(
    observations: Iterable[Observation], catalogue: IndicatorCatalogue
) -> ObservationSummary:
    """Group the observations by catalogue group, in catalogue order; empty groups omitted."""
    seen: dict[str, set[EvidenceSource]] = {}
    unknown: list[str] = []
    for observation in observations:
        if not catalogue.has(observation.indicator):
            if observation.indicator not in unknown:
                unknown.append(observation.indicator)
            continue
        seen.setdefault(observation.indicator, set()).add(EvidenceSource(observation.source))
    counts: dict[Purpose, list[GroupCount]] = {p: [] for p in Purpose}
    for group in catalogue.groups:
        ids = tuple(i.id for i in group.indicators if i.id in seen)
        if not ids:
            continue
        by_source = {s: sum(s in seen[i] for i in ids) for s in EvidenceSource}
        counts[group.purpose].append(GroupCount(group, ids, by_source))
    return ObservationSummary(
        identification=tuple(counts[Purpose.IDENTIFICATION]),
        welfare=tuple(counts[Purpose.WELFARE]),
        unknown=tuple(unknown),
    )


def load_catalogue(path: str | os.PathLike[str]) -> IndicatorCatalogue:
    """Read and validate the catalogue; DataFileError lists every problem with file:line."""
    name = os.fspath(path)
    return load_catalogue_text(read_bytes(name), name)


def load_catalogue_text(text: str | bytes, path: str) -> IndicatorCatalogue:
    return _Reader(Fields(read_data(text, path))).catalogue()


class _Reader:
    """Builds the catalogue while collecting every problem."""

    def __init__(self, fields: Fields) -> None:
        self.f = fields
        self.sources: dict[str, str] = {}
        self.forms: dict[str, str] = {}

    def catalogue(self) -> IndicatorCatalogue:
        f = self.f
        top = f.mapping(
            f.source.data, (), "the catalogue", ("catalogue", "groups"), ("forms", "rules")
        )
        if top is None:
            f.raise_if_any()
            raise AssertionError  # pragma: no cover - raise_if_any always raises here
        head = (
            f.mapping(
                top.get("catalogue"),
                ("catalogue",),
                "the catalogue header",
                ("version", "title", "sources"),
                (),
            )
            or {}
        )
        version = f.text(head.get("version"), ("catalogue", "version"), "version") or ""
        title = f.text(head.get("title"), ("catalogue", "title"), "title") or ""
        self.sources = self._named(head.get("sources"), ("catalogue", "sources"), "source")
        self.forms = self._named(top.get("forms", {}), ("forms",), "form of exploitation")
        rules = tuple(self._rules(top.get("rules", [])))
        groups = tuple(self._groups(top.get("groups")))
        f.raise_if_any()
        return IndicatorCatalogue(
            version, title, self.sources, self.forms, rules, groups, f.source.path
        )

    def _named(self, value: Any, at: DataPath, what: str) -> dict[str, str]:
        found: dict[str, str] = {}
        if not isinstance(value, dict) or not value:
            self.f.report(at, f"each {what} is listed as 'id: description'; the list is empty")
            return found
        for key, text in value.items():
            here = (*at, key)
            if self.f.ident(key, here, what) and self.f.text(text, here, what):
                found[key] = text
        return found

    def _seed(self, value: Any, at: DataPath) -> str:
        return self.f.choice(value, at, "seed", self.sources) or ""

    def _lines(self, value: Any, at: DataPath) -> str:
        text = value if isinstance(value, str) else str(value) if isinstance(value, int) else ""
        if not text or not all(part.strip().replace("-", "").isdigit() for part in text.split(",")):
            self.f.report(at, "lines must be line numbers such as 2089-2116 or 807-809, 914")
        return text

    def _rules(self, value: Any) -> Iterable[UsageRule]:
        for n, raw in enumerate(self.f.items(value, ("rules",), "rules", empty=True)):
            at: DataPath = ("rules", n)
            rule = self.f.mapping(raw, at, "a rule", ("id", "text", "seed", "lines"), ())
            if rule is None:
                continue
            yield UsageRule(
                self.f.ident(rule.get("id"), (*at, "id"), "rule id") or "",
                self.f.text(rule.get("text"), (*at, "text"), "rule text") or "",
                self._seed(rule.get("seed"), (*at, "seed")),
                self._lines(rule.get("lines"), (*at, "lines")),
            )

    def _groups(self, value: Any) -> Iterable[IndicatorGroup]:
        f = self.f
        raw_groups = f.items(value, ("groups",), "groups")
        ids: list[tuple[str, DataPath]] = []
        built: list[IndicatorGroup] = []
        for n, raw in enumerate(raw_groups):
            at: DataPath = ("groups", n)
            data = f.mapping(
                raw,
                at,
                "a group",
                ("id", "title", "purpose", "source_kind", "seed", "lines", "indicators"),
                ("inherits",),
            )
            if data is None:
                continue
            group_id = f.ident(data.get("id"), (*at, "id"), "group id") or ""
            ids.append((group_id, (*at, "id")))
            kind = f.choice(
                data.get("source_kind"), (*at, "source_kind"), "source_kind", list(SourceKind)
            )
            purpose = f.choice(data.get("purpose"), (*at, "purpose"), "purpose", list(Purpose))
            seed = self._seed(data.get("seed"), (*at, "seed"))
            derived = kind == SourceKind.NARRATIVE
            built.append(
                IndicatorGroup(
                    id=group_id,
                    title=f.text(data.get("title"), (*at, "title"), "title") or "",
                    purpose=Purpose(purpose or Purpose.IDENTIFICATION),
                    source_kind=SourceKind(kind or SourceKind.LIST),
                    seed=seed,
                    lines=self._lines(data.get("lines"), (*at, "lines")),
                    indicators=tuple(
                        self._entries(data.get("indicators"), at, group_id, seed, derived)
                    ),
                    inherits=self._inherits(data, at),
                )
            )
        f.unique(ids, "group id")
        known = {g.id for g in built}
        for n, group in enumerate(built):
            for parent in group.inherits:
                if parent and (parent not in known or parent == group.id):
                    f.report(
                        ("groups", n, "inherits"), f"group '{group.id}' cannot build on '{parent}'"
                    )
        return built

    def _inherits(self, data: dict[str, Any], at: DataPath) -> tuple[str, ...]:
        if "inherits" not in data:
            return ()
        listed = self.f.items(data["inherits"], (*at, "inherits"), "inherits")
        here = (*at, "inherits")
        return tuple(
            self.f.ident(p, (*here, i), "inherited group") or "" for i, p in enumerate(listed)
        )

    def _entries(
        self, value: Any, at: DataPath, group: str, seed: str, derived: bool
    ) -> Iterable[Indicator]:
        f = self.f
        ids: list[tuple[str, DataPath]] = []
        for n, raw in enumerate(f.items(value, (*at, "indicators"), "indicators")):
            here: DataPath = (*at, "indicators", n)
            data = f.mapping(
                raw,
                here,
                "an indicator",
                ("id", "label", "forms", "line"),
                ("seed", "review", "population"),
            )
            if data is None:
                continue
            entry = f.ident(data.get("id"), (*here, "id"), "indicator id") or ""
            ids.append((entry, (*here, "id")))
            label = f.text(data.get("label"), (*here, "label"), "label") or ""
            if len(label.split()) > MAX_LABEL_WORDS:
                f.report((*here, "label"), f"label has more than {MAX_LABEL_WORDS} words")
            review = f.flag(data.get("review", False), (*here, "review"), "review")
            if derived and not review:
                f.report(here, f"'{entry}' is in a group derived from prose: mark it review: true")
            forms = tuple(
                f.choice(x, (*here, "forms", i), "form", self.forms) or ""
                for i, x in enumerate(f.items(data.get("forms"), (*here, "forms"), "forms"))
            )
            population = data.get("population")
            if population is not None:
                f.choice(population, (*here, "population"), "population", ("child",))
            yield Indicator(
                id=f"{group}.{entry}",
                group=group,
                label=label,
                forms=forms,
                seed=self._seed(data["seed"], (*here, "seed")) if "seed" in data else seed,
                line=f.whole(data.get("line"), (*here, "line"), "line", 1) or 0,
                review=review,
                population=population if isinstance(population, str) else None,
            )
        f.unique(ids, f"indicator id in group '{group}'")
