"""Access by role and data class: every cell of the table, through the repository."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.errors import AccessDenied
from interview_app.storage import backup
from interview_app.storage.access import ACCESS, OPERATIONS, Access, Operation, Role, markdown_table
from interview_app.storage.repository import IndicatorSource, RiskLevel
from interview_app.storage.vault import Vault
from tests.storage.conftest import OTHER_PASSPHRASE, TINY_KDF

R, RW, NONE = Access.READ, Access.READ_WRITE, Access.NONE
# Written out again on purpose: a change to the table in code must be made here too.
EXPECTED = {
    Role.SUPERVISOR: {DataClass.IDENTITY: RW, DataClass.ASSISTANCE: RW,
                      DataClass.STATEMENT: RW, DataClass.INTELLIGENCE: RW},
    Role.INTERVIEWER: {DataClass.IDENTITY: RW, DataClass.ASSISTANCE: RW,
                       DataClass.STATEMENT: RW, DataClass.INTELLIGENCE: RW},
    Role.INTAKE: {DataClass.IDENTITY: RW, DataClass.ASSISTANCE: RW,
                  DataClass.STATEMENT: NONE, DataClass.INTELLIGENCE: NONE},
}
CELLS = [(role, dc) for role in Role for dc in DataClass]
Q = ItemRef(QuestionId("q"))


def test_the_table_in_code_is_the_one_documented() -> None:
    assert ACCESS == EXPECTED
    readme = (Path(__file__).parents[2] / "interview_app" / "storage" / "README.md").read_text()
    assert markdown_table() in readme


@pytest.fixture
def as_role(vault: Vault, open_as: Callable[[Role], Vault]) -> Callable[[Role], Vault]:
    return lambda role: vault if role is Role.SUPERVISOR else open_as(role)


@pytest.mark.parametrize(("role", "data_class"), CELLS)
def test_reading_follows_the_table(
    vault: Vault, as_role: Callable[[Role], Vault], role: Role, data_class: DataClass
) -> None:
    owner = vault.repository
    case = owner.create_case("P")
    session = owner.start_session(case.id, "f", "1", interface_language="en",
                                  interview_language="en")
    owner.save_answer(session.id, Answer(Q, value="v"), data_class=data_class)
    owner.add_note(case.id, "zebranote", data_class)
    owner.observe_indicator(case.id, "i", IndicatorSource.OBSERVED, data_class=data_class)
    owner.assess_risk(case.id, "a", RiskLevel.LOW, data_class=data_class)
    if data_class is DataClass.IDENTITY:
        owner.record_identity(case.id, "full_name", "N")

    repo = as_role(role).repository
    allowed = EXPECTED[role][data_class] is not NONE
    assert (Q in repo.answers_for_session(session.id)) is allowed
    assert (len(repo.notes(case.id)) == 1) is allowed
    assert (len(repo.indicator_observations(case.id)) == 1) is allowed
    assert (len(repo.risk_assessments(case.id)) == 1) is allowed
    assert (repo.search_cases("zebranote") != []) is allowed
    if allowed:
        assert len(repo.answer_history(session.id, Q)) == 1
        if data_class is DataClass.IDENTITY:
            assert repo.identity(case.id) == {"full_name": "N"}
    else:
        with pytest.raises(AccessDenied):
            repo.answer_history(session.id, Q)
        with pytest.raises(AccessDenied):  # nor may they overwrite what they cannot see
            repo.save_answer(session.id, Answer(Q, value="w"), data_class=DataClass.IDENTITY,
                             reason="r")
    # Everyone finds the case itself: by code and by pseudonym.
    assert repo.search_cases(case.code) == [repo.case(case.id)]


@pytest.mark.parametrize(("role", "data_class"), CELLS)
def test_writing_follows_the_table(
    vault: Vault, as_role: Callable[[Role], Vault], role: Role, data_class: DataClass
) -> None:
    owner = vault.repository
    case = owner.create_case()
    session = owner.start_session(case.id, "f", "1", interface_language="en",
                                  interview_language="en")
    repo = as_role(role).repository
    writes: list[Callable[[], object]] = [
        lambda: repo.save_answer(session.id, Answer(Q, value=1), data_class=data_class),
        lambda: repo.add_note(case.id, "n", data_class),
        lambda: repo.observe_indicator(case.id, "i", IndicatorSource.STATED,
                                       data_class=data_class),
        lambda: repo.assess_risk(case.id, "a", RiskLevel.HIGH, data_class=data_class),
    ]
    if data_class is DataClass.IDENTITY:
        writes.append(lambda: repo.record_identity(case.id, "full_name", "N"))
    head = owner.audit_head()
    for write in writes:
        if EXPECTED[role][data_class] is RW:
            write()
        else:
            with pytest.raises(AccessDenied):
                write()
    if EXPECTED[role][data_class] is not RW:
        assert owner.audit_head() == head  # a refused write leaves no trace but the refusal


@pytest.mark.parametrize("role", list(Role))
def test_identity_reads_follow_the_table(
    vault: Vault, as_role: Callable[[Role], Vault], role: Role
) -> None:
    case = vault.repository.create_case()
    repo = as_role(role).repository
    if EXPECTED[role][DataClass.IDENTITY] is NONE:
        with pytest.raises(AccessDenied):
            repo.identity(case.id)
    else:
        assert repo.identity(case.id) == {}


@pytest.mark.parametrize("role", list(Role))
def test_operations_are_for_supervisors(
    as_role: Callable[[Role], Vault], role: Role, tmp_path: Path
) -> None:
    user = as_role(role)
    attempts: dict[Operation, Callable[[], object]] = {
        Operation.MANAGE_USERS: lambda: user.add_user("new", Role.INTAKE, OTHER_PASSPHRASE,
                                                      kdf=TINY_KDF),
        Operation.MANAGE_DIRECTORY: lambda: user.repository.add_directory_entry("d", "shelter"),
        Operation.READ_AUDIT: user.repository.verify_audit,
        Operation.VAULT_SETTINGS: lambda: user.set_erase_after(None),
        Operation.BACKUP: lambda: backup.write_backup(user, tmp_path / "v.backup"),
    }
    assert set(attempts) == set(Operation)
    for operation, attempt in attempts.items():
        if role in OPERATIONS[operation]:
            attempt()
        else:
            with pytest.raises(AccessDenied):
                attempt()
