"""The audit chain: every kind of tampering an attacker with the key could try is caught."""

from __future__ import annotations

import pytest

from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.storage import audit
from interview_app.storage.audit import BrokenLink
from interview_app.storage.db import Connection, transaction
from interview_app.storage.vault import Vault


@pytest.fixture
def chain(vault: Vault) -> Connection:
    """A vault with a dozen entries, and its connection with the append-only triggers
    dropped, as someone editing the file by hand would do first."""
    repo = vault.repository
    case = repo.create_case("P")
    session = repo.start_session(case.id, "f", "1", interface_language="en",
                                 interview_language="en")
    for number in range(8):
        repo.save_answer(session.id, Answer(ItemRef(QuestionId(f"q{number}")), value=number),
                         data_class=DataClass.STATEMENT)
    assert repo.verify_audit() is None
    connection = vault._live_connection()
    connection.execute("DROP TRIGGER audit_no_update")
    connection.execute("DROP TRIGGER audit_no_delete")
    return connection


def _verify(connection: Connection) -> BrokenLink | None:
    return audit.verify(connection)


def _count(connection: Connection) -> int:
    row = connection.execute("SELECT count(*) FROM audit").fetchone()
    assert row is not None
    return int(row[0])


def test_an_untouched_chain_verifies(chain: Connection) -> None:
    assert _count(chain) >= 12
    assert _verify(chain) is None


def test_a_changed_entry_is_caught_at_that_entry(chain: Connection) -> None:
    chain.execute("""UPDATE audit SET details = '{"count":99}' WHERE id = 5""")
    assert _verify(chain) == BrokenLink(5, "the entry was changed after it was written")


@pytest.mark.parametrize("column", ["at", "user_id", "action", "target", "target_id"])
def test_every_column_is_covered(chain: Connection, column: str) -> None:
    value = {"at": "'2020-01-01T00:00:00.000000Z'", "user_id": "7", "action": "'case.viewed'",
             "target": "'elsewhere'", "target_id": "12345"}[column]
    chain.execute(f"UPDATE audit SET {column} = {value} WHERE id = 6")  # noqa: S608 - fixed
    assert _verify(chain) == BrokenLink(6, "the entry was changed after it was written")


def test_a_changed_entry_with_a_recomputed_hash_breaks_the_next_link(chain: Connection) -> None:
    row = chain.execute("SELECT at, user_id, action, target, target_id, prev_hash FROM audit"
                        " WHERE id = 5").fetchone()
    assert row is not None
    forged = audit.entry_hash(row[5], entry_id=5, at=row[0], user_id=row[1], action=row[2],
                              target=row[3], target_id=row[4], details={"forged": 1})
    chain.execute("""UPDATE audit SET details = '{"forged":1}', hash = ? WHERE id = 5""",
                  (forged,))
    assert _verify(chain) == BrokenLink(6, "the entry does not follow the one before it")


def test_a_deleted_entry_is_caught(chain: Connection) -> None:
    chain.execute("DELETE FROM audit WHERE id = 4")
    assert _verify(chain) == BrokenLink(5, "an entry before this one is missing")


def test_a_deleted_first_entry_is_caught(chain: Connection) -> None:
    chain.execute("DELETE FROM audit WHERE id = 1")
    assert _verify(chain) == BrokenLink(2, "an entry before this one is missing")


def test_a_deletion_with_renumbering_is_caught(chain: Connection) -> None:
    chain.execute("DELETE FROM audit WHERE id = 4")
    chain.execute("UPDATE audit SET id = id - 1 WHERE id > 4")
    assert _verify(chain) == BrokenLink(4, "the entry does not follow the one before it")


def test_swapped_entries_are_caught(chain: Connection) -> None:
    """Reorder by exchanging the ids of two entries."""
    with transaction(chain):
        chain.execute("UPDATE audit SET id = -1 WHERE id = 7")
        chain.execute("UPDATE audit SET id = 7 WHERE id = 8")
        chain.execute("UPDATE audit SET id = 8 WHERE id = -1")
    link = _verify(chain)
    assert link is not None
    assert link.entry_id == 7


def test_swapped_contents_are_caught(chain: Connection) -> None:
    """Reorder by exchanging everything but the ids."""
    columns = "at, user_id, action, target, target_id, details, prev_hash, hash"
    seven = chain.execute(f"SELECT {columns} FROM audit WHERE id = 7").fetchone()  # noqa: S608
    eight = chain.execute(f"SELECT {columns} FROM audit WHERE id = 8").fetchone()  # noqa: S608
    assert seven is not None
    assert eight is not None
    assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
    chain.execute(f"UPDATE audit SET {assignments} WHERE id = 7", (*eight,))  # noqa: S608
    chain.execute(f"UPDATE audit SET {assignments} WHERE id = 8", (*seven,))  # noqa: S608
    link = _verify(chain)
    assert link is not None
    assert link.entry_id == 7


def test_a_cut_off_tail_is_caught_against_an_anchor(chain: Connection) -> None:
    anchor = audit.head(chain)
    chain.execute("DELETE FROM audit WHERE id > 9")
    assert _verify(chain) is None  # a chain alone cannot know it was longer
    missing = BrokenLink(10, "entries at the end of the log are missing")
    assert audit.verify(chain, anchor) == missing


def test_a_rewritten_history_differs_from_its_anchor(chain: Connection) -> None:
    anchor = audit.head(chain)
    chain.execute("DELETE FROM audit")
    with transaction(chain):
        for _ in range(anchor[0]):
            audit.append(chain, at="2026-01-01T00:00:00.000000Z", user_id=1, action="forged")
    assert _verify(chain) is None
    link = audit.verify(chain, anchor)
    assert link == BrokenLink(anchor[0], "the entry differs from the recorded anchor")


def test_malformed_rows_are_reported_not_raised(chain: Connection) -> None:
    chain.execute("UPDATE audit SET details = '[1, 2]' WHERE id = 3")
    assert _verify(chain) == BrokenLink(3, "the entry is malformed")


def test_entries_refuse_free_text(vault: Vault) -> None:
    connection = vault._live_connection()
    with pytest.raises(RuntimeError):
        audit.append(connection, at="t", user_id=1, action="a")
    for details in ({"note": "she said he kept her passport"}, {"x": 1.5}, {"bad key": 1}):
        with pytest.raises(ValueError, match="audit"), transaction(connection):
            audit.append(connection, at="t", user_id=1, action="a", details=details)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="audit"), transaction(connection):
        audit.append(connection, at="t", user_id=1, action="said something")


def test_the_vault_verifies_its_own_chain_after_a_session(vault: Vault) -> None:
    head = vault.repository.audit_head()
    assert vault.repository.verify_audit(head) is None
    assert [e.id for e in vault.repository.audit_entries()] == list(range(1, head[0] + 1))
