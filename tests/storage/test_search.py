"""Case search: codes, pseudonyms and notes, diacritics folded, trigrams for unspaced scripts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from interview_app.domain.model import DataClass
from interview_app.storage.access import Role
from interview_app.storage.repository import Repository
from interview_app.storage.vault import Vault


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return vault.repository


def _codes(repo: Repository, query: str) -> list[str]:
    return [c.code for c in repo.search_cases(query)]


def test_by_code_whole_or_in_part(repo: Repository) -> None:
    first, second = repo.create_case(), repo.create_case()
    assert _codes(repo, first.code) == [first.code]
    assert _codes(repo, first.code.lower()) == [first.code]
    assert _codes(repo, first.code[-4:]) == [first.code]
    assert set(_codes(repo, first.code[:6])) == {first.code, second.code}


def test_pseudonyms_match_with_case_and_diacritics_folded(repo: Repository) -> None:
    case = repo.create_case("Nguyễn Thị Ğül")
    repo.create_case("Someone Else")
    for query in ("nguyen", "NGUY", "thi", "gul", "Nguyễn Thị", "thi nguyen"):
        assert _codes(repo, query) == [case.code], query
    assert _codes(repo, "nguyen else") == []


def test_notes_in_many_scripts(repo: Repository) -> None:
    notes = {
        "thai": "ทำงานที่ฟาร์มใกล้แม่น้ำ",
        "chinese": "在工厂工作没有工资",
        "cyrillic": "Работала на фабрике в Одессе",
        "arabic": "عملت في مزرعة قرب النهر",
        "tigrinya": "ኣብ ሕርሻ ሰሪሐ",
    }
    cases = {name: repo.create_case() for name in notes}
    for name, text in notes.items():
        repo.add_note(cases[name].id, text)
    expectations = {
        "thai": "ใกล้แม่น้ำ",  # a phrase inside an unspaced run: trigram
        "chinese": "工厂",  # two characters, a word prefix in the unicode61 index
        "cyrillic": "одесс",
        "arabic": "مزرعة",
        "tigrinya": "ሕርሻ",
    }
    for name, query in expectations.items():
        assert _codes(repo, query) == [cases[name].code], name
    assert _codes(repo, "没有工资") == [cases["chinese"].code]


def test_a_changed_pseudonym_is_found_under_the_new_name_only(repo: Repository) -> None:
    case = repo.create_case("Old Name")
    repo.set_pseudonym(case.id, "Fresh Name")
    assert _codes(repo, "fresh") == [case.code]
    assert _codes(repo, "old") == []


@pytest.mark.parametrize(
    "query",
    ['"', "'", "*", "-", "AND", "OR NOT", "NEAR(a b)", "a:b", "^", "(((", "\\", "%", "_",
     "   ", "", "x" * 500, '" OR 1=1 --'],
)
def test_any_typed_text_is_searched_for_never_parsed(repo: Repository, query: str) -> None:
    repo.create_case("Plain")
    repo.search_cases(query)  # no FTS syntax error, no SQL error


def test_percent_and_underscore_are_literal_in_code_search(repo: Repository) -> None:
    repo.create_case()
    assert _codes(repo, "%") == []
    assert _codes(repo, "_") == []


def test_results_are_newest_first_and_limited(repo: Repository) -> None:
    cases = [repo.create_case("Same") for _ in range(5)]
    assert [c.id for c in repo.search_cases("same", limit=3)] == [c.id for c in cases[::-1][:3]]


def test_notes_of_unreadable_classes_are_not_searched(repo: Repository) -> None:
    """Cell-by-cell role checks are in test_access; here the filter inside each index."""
    case = repo.create_case()
    repo.add_note(case.id, "quokka sighting", DataClass.INTELLIGENCE)
    assert _codes(repo, "quokka") == [case.code]
    assert _codes(repo, "okka sigh") == [case.code]


def test_two_chinese_characters_respect_the_role_too(
    vault: Vault, open_as: Callable[[Role], Vault]
) -> None:
    case = vault.repository.create_case()
    vault.repository.add_note(case.id, "他们拿走了护照", DataClass.STATEMENT)
    other = vault.repository.create_case("王芳")
    assert _codes(vault.repository, "护照") == [case.code]
    intake = open_as(Role.INTAKE).repository
    assert _codes(intake, "护照") == []
    assert _codes(intake, "王芳") == [other.code]


def test_each_case_appears_once_however_many_places_match(repo: Repository) -> None:
    case = repo.create_case("river")
    for data_class in DataClass:
        repo.add_note(case.id, "river river", data_class)
    assert _codes(repo, "river") == [case.code]
    assert _codes(repo, "rive") == [case.code]
