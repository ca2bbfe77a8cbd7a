"""The indicator catalogue: the shipped file, its checks with file:line, and the summary."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from interview_app import paths
from interview_app.domain.indicators import (
    EvidenceSource,
    IndicatorCatalogue,
    Observation,
    ObservationSummary,
    Purpose,
    load_catalogue,
    load_catalogue_text,
    observation_summary,
)
from interview_app.errors import DataFileError

SMALL = """\
catalogue:
  version: "1.0"
  title: Test catalogue
  sources:
    seed_x: A seed for tests
forms:
  any: Any form
  labour_exploitation: Labour
groups:
  - id: generic
    title: General
    purpose: identification
    source_kind: list
    seed: seed_x
    lines: 10-20
    indicators:
      - {id: shows_fear, label: Appears frightened, forms: [any], line: 11}
      - {id: no_papers, label: Has no papers, forms: [any], line: 12}
  - id: labour
    title: Labour
    purpose: identification
    source_kind: list
    seed: seed_x
    lines: 30-40
    indicators:
      - {id: long_hours, label: Very long hours, forms: [labour_exploitation], line: 31}
  - id: domestic
    title: Domestic
    purpose: identification
    source_kind: narrative
    seed: seed_x
    lines: "50"
    inherits: [labour]
    indicators:
      - {id: lives_in, label: Lives in the home, forms: [any], line: 50, review: true}
  - id: coping
    title: Coping
    purpose: welfare
    source_kind: list
    seed: seed_x
    lines: 60-61
    indicators:
      - {id: numb, label: Indifferent to own suffering, forms: [any], line: 60}
"""


def _small() -> IndicatorCatalogue:
    return load_catalogue_text(SMALL, "small.yaml")


def _problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        load_catalogue_text(text, "bad.yaml")
    return [str(p) for p in caught.value.problems]


def _line(text: str, needle: str) -> int:
    (line,) = [n for n, row in enumerate(text.splitlines(), 1) if needle in row]
    return line


# -- the shipped catalogue --------------------------------------------------------------------


def test_the_shipped_catalogue_loads_with_the_seed_groups() -> None:
    catalogue = load_catalogue(paths.INDICATOR_CATALOGUE)
    sizes = {g.id: len(g.indicators) for g in catalogue.groups}
    # The lists the seed prints keep their length: a reviewer can count them against the seed.
    assert sizes["generic"] == 10
    assert sizes["sexual_exploitation"] == 9
    assert sizes["labour_exploitation"] == 9
    assert sizes["domestic_servitude"] == 7
    assert len(catalogue.checklist("domestic_servitude")) == 16
    assert sum(sizes.values()) == 162
    # Every form of exploitation the issue names has identification cues of its own.
    forms = {f for g in catalogue.groups for i in g.indicators for f in i.forms}
    assert {
        "sexual_exploitation",
        "labour_exploitation",
        "domestic_servitude",
        "forced_begging",
        "criminal_activities",
        "forced_marriage",
        "organ_removal",
    } <= forms


def test_every_shipped_entry_has_a_seed_line_and_derived_ones_await_review() -> None:
    catalogue = load_catalogue(paths.INDICATOR_CATALOGUE)
    for group in catalogue.groups:
        for indicator in group.indicators:
            assert indicator.seed == "seed_004"
            assert 1 <= indicator.line <= 3282  # lines of seeds/004_880b7d4a3e7a54fe.txt
            if group.derived:
                assert indicator.review, indicator.id
    begging = catalogue.group("forced_begging")
    assert begging.derived
    assert all(i.review for i in begging.indicators)


def test_the_shipped_catalogue_holds_no_credibility_judgement() -> None:
    text = paths.INDICATOR_CATALOGUE.read_text(encoding="utf-8").lower()
    catalogue = load_catalogue(paths.INDICATOR_CATALOGUE)
    assert "border_checks" not in {g.id for g in catalogue.groups}
    labels = " ".join(i.label.lower() for g in catalogue.groups for i in g.indicators)
    for word in ("credib", "lying", "liar", "implausible", "verdict", "score"):
        assert word not in labels
    assert "never a verdict" in text
    rules = {r.id for r in catalogue.rules}
    assert {"starting_points_only", "isolation_misleading", "doubt_means_victim"} <= rules


# -- loading and its problems -----------------------------------------------------------------


def test_a_catalogue_qualifies_ids_by_group_and_builds_checklists() -> None:
    catalogue = _small()
    assert catalogue.has("generic.shows_fear")
    assert not catalogue.has("shows_fear")
    fear = catalogue.indicator("generic.shows_fear")
    assert (fear.group, fear.label, fear.seed, fear.line) == (
        "generic",
        "Appears frightened",
        "seed_x",
        11,
    )
    assert [i.id for i in catalogue.checklist("domestic")] == [
        "domestic.lives_in",
        "labour.long_hours",
    ]
    assert catalogue.group("domestic").derived
    assert not catalogue.group("generic").derived


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("{id: no_papers,", "{id: shows_fear,", "{id: shows_fear, label: Has", "used twice"),
        (
            "forms: [any], line: 12",
            "forms: [all], line: 12",
            "line: 12",
            "form 'all' is not one of",
        ),
        ("line: 31}", "line: 0}", "line: 0}", "line must be a whole number"),
        ("line: 50, review: true}", "line: 50}", "line: 50}", "mark it review: true"),
        ("inherits: [labour]", "inherits: [labor]", "inherits: [labor]", "cannot build on 'labor'"),
        ("purpose: welfare", "purpose: verdict", "purpose: verdict", "purpose 'verdict'"),
        (
            "seed: seed_x\n    lines: 30-40",
            "seed: seed_y\n    lines: 30-40",
            "seed: seed_y",
            "seed 'seed_y'",
        ),
        (
            "label: Appears frightened,",
            "label: A b c d e f g h i j k l m,",
            "a b c",
            "more than 12 words",
        ),
        (
            "{id: long_hours, label: Very long hours,",
            "{id: long_hours, lable: Very long hours,",
            "lable",
            "unknown key 'lable'",
        ),
        ("    lines: 60-61\n", "    lines: sixty\n", "lines: sixty", "lines must be line numbers"),
    ],
)
def test_every_problem_names_its_line(old: str, new: str, needle: str, words: str) -> None:
    assert SMALL.count(old) == 1
    text = SMALL.replace(old, new)
    found = _problems(text)
    assert len(found) == 1, found
    line = _line(text.lower(), needle.lower())
    assert found[0].startswith(f"bad.yaml:{line}: "), found[0]
    assert words in found[0]


def test_yaml_problems_and_wrong_shapes_are_data_file_errors() -> None:
    assert _problems("groups: [\n")[0].startswith("bad.yaml:")
    assert _problems("- just a list\n") == [
        "bad.yaml:1: the catalogue must be a mapping of keys to values"
    ]
    assert any("has no 'groups'" in p for p in _problems("catalogue: {}\n"))


def test_a_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read the file"):
        load_catalogue(tmp_path / "absent.yaml")


# -- the summary --------------------------------------------------------------------------------


def test_the_summary_counts_distinct_indicators_per_group_with_their_sources() -> None:
    observations = [
        Observation("generic.shows_fear", EvidenceSource.OBSERVED),
        Observation("generic.shows_fear", EvidenceSource.STATED, "said she is afraid"),
        Observation("generic.no_papers", EvidenceSource.DOCUMENT),
        Observation("labour.long_hours", EvidenceSource.STATED),
    ]
    summary = observation_summary(observations, _small())
    generic, labour = summary.identification
    assert (generic.group.id, generic.count) == ("generic", 2)
    assert generic.indicators == ("generic.shows_fear", "generic.no_papers")
    assert generic.by_source == {
        EvidenceSource.OBSERVED: 1,
        EvidenceSource.STATED: 1,
        EvidenceSource.DOCUMENT: 1,
    }
    assert (labour.group.id, labour.count) == ("labour", 1)
    assert summary.welfare == ()
    assert summary.unknown == ()


def test_welfare_observations_never_change_the_identification_summary() -> None:
    base = [Observation("generic.shows_fear", EvidenceSource.OBSERVED)]
    with_welfare = [*base, Observation("coping.numb", EvidenceSource.OBSERVED)]
    plain = observation_summary(base, _small())
    more = observation_summary(with_welfare, _small())
    assert plain.identification == more.identification
    assert [g.group.purpose for g in more.welfare] == [Purpose.WELFARE]


def test_unknown_ids_are_listed_not_counted_and_there_is_no_total() -> None:
    summary = observation_summary(
        [Observation("generic.nope", EvidenceSource.STATED)] * 2, _small()
    )
    assert summary.identification == ()
    assert summary.unknown == ("generic.nope",)
    names = {f.name for f in dataclasses.fields(ObservationSummary)}
    assert names == {"identification", "welfare", "unknown"}  # no total, score or verdict
