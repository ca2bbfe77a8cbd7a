"""Migrations from version 0 up, and the guards the schema itself enforces."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.domain.model import DataClass, NonResponse
from interview_app.errors import StorageWriteFailed, VaultTooNew
from interview_app.storage.access import Role
from interview_app.storage.db import Connection, IntegrityError, open_database, transaction
from interview_app.storage.repository.search import NOTE_KIND, PSEUDONYM_KIND
from interview_app.storage.schema import (
    APPEND_ONLY,
    LATEST_VERSION,
    MIGRATIONS,
    NEVER_DELETED,
    migrate,
    user_version,
)

TABLES = {
    "vault_meta", "users", "cases", "case_notes", "identity_annex", "sessions",
    "session_breaks", "participants", "answers", "consents", "rights_given",
    "indicator_observations", "risk_assessments", "directory", "referrals", "referral_events",
    "export_register", "audit", "case_search", "case_search_trigram",
}


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[Connection]:
    """A new, empty encrypted database at version 0."""
    con = open_database(tmp_path / "t.db", bytearray(os.urandom(32)), create=True)
    yield con
    con.close()


def _tables(connection: Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    return {str(r[0]) for r in rows}


def test_a_new_database_is_migrated_from_zero_to_the_latest(connection: Connection) -> None:
    assert user_version(connection) == 0
    assert migrate(connection) == 0
    assert user_version(connection) == LATEST_VERSION == len(MIGRATIONS)
    assert _tables(connection) >= TABLES
    assert migrate(connection) == LATEST_VERSION  # nothing left to do
    assert [r[0] for r in connection.execute("PRAGMA foreign_key_check")] == []


def test_each_version_builds_on_the_one_before(connection: Connection) -> None:
    for version in range(1, LATEST_VERSION + 1):
        migrate(connection, MIGRATIONS[:version])
        assert user_version(connection) == version


def test_a_failing_migration_leaves_the_previous_version(connection: Connection) -> None:
    def broken(con: Connection) -> None:
        con.execute("CREATE TABLE half_done (x INTEGER)")
        con.execute("THIS IS NOT SQL")

    with pytest.raises(StorageWriteFailed):
        migrate(connection, (*MIGRATIONS, broken))
    assert user_version(connection) == LATEST_VERSION
    assert "half_done" not in _tables(connection)
    migrate(connection, (*MIGRATIONS, ("CREATE TABLE next_version (x INTEGER)",)))
    assert user_version(connection) == LATEST_VERSION + 1


def test_a_newer_database_is_refused(connection: Connection) -> None:
    connection.execute("PRAGMA user_version = 7")
    with pytest.raises(VaultTooNew):
        migrate(connection)
    assert user_version(connection) == 7


KEY = bytearray(os.urandom(32))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "migrated.db"
    con = open_database(path, KEY, create=True)
    migrate(con)
    con.close()
    return path


@pytest.fixture
def populated(migrated_template: Path, tmp_path: Path) -> Iterator[Connection]:
    """A migrated database (copied from one made per run) with a row in every table."""
    shutil.copy(migrated_template, tmp_path / "p.db")
    connection = open_database(tmp_path / "p.db", KEY)
    statements = [
        "INSERT INTO users VALUES (1, 'ana', 'supervisor', 't', NULL, NULL, NULL)",
        "INSERT INTO cases (id, code, year, number, created_at, created_by)"
        " VALUES (1, 'C-2026-0001', 2026, 1, 't', 1)",
        "INSERT INTO case_notes VALUES (1, 1, 'assistance', 'n', 't', 1)",
        "INSERT INTO identity_annex VALUES (1, 1, 'full_name', '\"x\"', NULL, 't', 1)",
        "INSERT INTO sessions (id, case_id, form_id, form_version, interface_language,"
        " interview_language, started_at, started_by) VALUES (1, 1, 'f', '1', 'en', 'ar', 't', 1)",
        "INSERT INTO session_breaks VALUES (1, 1, 't', NULL)",
        "INSERT INTO participants VALUES"
        " (1, 1, 'interpreter', 'i', NULL, 'ar', NULL, 1, 1, 't', 1)",
        "INSERT INTO answers VALUES"
        " (1, 1, 'q', NULL, 1, 'statement', '1', NULL, NULL, NULL, NULL, 't', 1, NULL)",
        "INSERT INTO consents VALUES (1, 1, 1, 'p', NULL, 'given', 't', 'ar', NULL, 't', 1, NULL)",
        "INSERT INTO rights_given VALUES (1, 1, 1, 'r', 't', 'ar', 1, 1, 't')",
        "INSERT INTO indicator_observations VALUES"
        " (1, 1, 1, 'i', 'stated', NULL, 'statement', NULL, 't', 1)",
        "INSERT INTO risk_assessments VALUES (1, 1, 1, 'a', 'low', NULL, 'assistance', 't', 1)",
        "INSERT INTO directory VALUES (1, 'd', 'shelter', '{}', '[]', '', 1, 't', 1)",
        "INSERT INTO referrals VALUES (1, 1, 1, 1, '[]', 't', 1)",
        "INSERT INTO referral_events VALUES (1, 1, 'sent', 't', 1)",
        "INSERT INTO export_register VALUES (1, 'doc', 'statement', 1, 1, NULL, '"
        + "0" * 64 + "', 't', 1)",
        "INSERT INTO audit VALUES (1, 't', 1, 'a', NULL, NULL, '{}', 'p', 'h')",
    ]
    with transaction(connection):
        for statement in statements:
            connection.execute(statement)
    yield connection
    connection.close()


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_append_only_tables_refuse_updates_and_deletes(populated: Connection, table: str) -> None:
    with pytest.raises(IntegrityError, match="append-only"):
        populated.execute(f"UPDATE {table} SET id = id WHERE id = 1")  # noqa: S608 - our names
    with pytest.raises(IntegrityError, match="append-only"):
        populated.execute(f"DELETE FROM {table}")  # noqa: S608


@pytest.mark.parametrize("table", NEVER_DELETED)
def test_other_record_tables_refuse_deletes(populated: Connection, table: str) -> None:
    with pytest.raises(IntegrityError, match="never deleted"):
        populated.execute(f"DELETE FROM {table}")  # noqa: S608


def test_a_finalised_session_and_its_records_are_frozen(populated: Connection) -> None:
    populated.execute("UPDATE sessions SET finalised_at = 't', fingerprint = 'f' WHERE id = 1")
    for statement in (
        "UPDATE sessions SET ended_at = 'u' WHERE id = 1",
        "INSERT INTO answers VALUES"
        " (2, 1, 'q2', NULL, 1, 'statement', '1', NULL, NULL, NULL, NULL, 't', 1, NULL)",
        "INSERT INTO participants VALUES (2, 1, 'lead_interviewer', 'x', 1, NULL, NULL, 1, 1,"
        " 't', 1)",
        "UPDATE participants SET declared_no_conflict = 0 WHERE id = 1",
        "INSERT INTO session_breaks VALUES (2, 1, 't', NULL)",
        "UPDATE session_breaks SET ended_at = 'u' WHERE id = 1",
    ):
        with pytest.raises(IntegrityError, match="session finalised"):
            populated.execute(statement)


def test_an_answer_is_a_value_or_a_non_response_and_a_change_has_a_reason(
    populated: Connection,
) -> None:
    bad = (
        "(2, 1, 'q2', NULL, 1, 'statement', NULL, NULL, NULL, NULL, NULL, 't', 1, NULL)",
        "(2, 1, 'q2', NULL, 1, 'statement', '1', 'declined', NULL, NULL, NULL, 't', 1, NULL)",
        "(2, 1, 'q', NULL, 2, 'statement', '2', NULL, NULL, NULL, NULL, 't', 1, NULL)",
        "(2, 1, 'q', NULL, 1, 'statement', '2', NULL, NULL, NULL, NULL, 't', 1, 'dup')",
        "(2, 1, 'q2', 0, 1, 'statement', '2', NULL, NULL, NULL, NULL, 't', 1, NULL)",
        "(2, 1, 'q2', NULL, 1, 'statement', 'not json', NULL, NULL, NULL, NULL, 't', 1, NULL)",
        "(2, 9, 'q2', NULL, 1, 'statement', '1', NULL, NULL, NULL, NULL, 't', 1, NULL)",
    )
    for values in bad:
        with pytest.raises(IntegrityError):
            populated.execute(f"INSERT INTO answers VALUES {values}")  # noqa: S608


def test_enumerations_in_code_and_schema_agree(populated: Connection) -> None:
    with transaction(populated):
        for number, dc in enumerate(DataClass, start=2):
            populated.execute(
                "INSERT INTO case_notes VALUES (?, 1, ?, 'n', 't', 1)", (number, dc.value)
            )
        for number, code in enumerate(NonResponse, start=2):
            populated.execute(
                "INSERT INTO answers VALUES (?, 1, ?, NULL, 1, 'statement', NULL, ?, NULL, NULL,"
                " NULL, 't', 1, NULL)",
                (number, f"q{number}", code.value),
            )
        for number, role in enumerate(Role, start=2):
            populated.execute(
                "INSERT INTO users VALUES (?, ?, ?, 't', NULL, NULL, NULL)",
                (number, f"u{number}", role.value),
            )
    with pytest.raises(IntegrityError):
        populated.execute("INSERT INTO case_notes VALUES (99, 1, 'secret', 'n', 't', 1)")
    rows = populated.execute("SELECT data_class, search_kind FROM case_notes").fetchall()
    kinds: dict[str, int] = {str(r[0]): int(r[1]) for r in rows}
    assert kinds == {dc.value: NOTE_KIND[dc] for dc in DataClass}
    assert PSEUDONYM_KIND not in kinds.values()


def _columns(connection: Connection, table: str) -> list[str]:
    return [str(r[1]) for r in connection.execute(f"PRAGMA table_info({table})")]


def _version_1_with_a_case(connection: Connection) -> None:
    migrate(connection, MIGRATIONS[:1])
    with transaction(connection):
        for statement in (
            "INSERT INTO users VALUES (1, 'ana', 'supervisor', 't', NULL, NULL, NULL)",
            "INSERT INTO cases (id, code, year, number, created_at, created_by)"
            " VALUES (1, 'C-2026-0001', 2026, 1, 't', 1)",
            "INSERT INTO sessions (id, case_id, form_id, form_version, interface_language,"
            " interview_language, started_at, started_by) VALUES (1, 1, 'f', '1', 'en', 'ar',"
            " 't', 1)",
            "INSERT INTO consents VALUES (1, 1, 1, 'share_police', 'police', 'given', 't', 'ar',"
            " NULL, 't', 1)",
        ):
            connection.execute(statement)


def test_version_2_lets_a_consent_decision_be_retracted(connection: Connection) -> None:
    _version_1_with_a_case(connection)
    assert migrate(connection, MIGRATIONS[:2]) == 1
    assert _columns(connection, "consents")[-1] == "retracts"
    assert connection.execute("SELECT status, retracts FROM consents").fetchall() == [
        ("given", None)]
    retract = (
        "INSERT INTO consents VALUES (?, 1, 1, ?, 'police', 'given', 't', 'ar', NULL, 't', 1, ?)"
    )
    with pytest.raises(IntegrityError, match="retraction"):
        connection.execute(retract, (2, "share_shelter", 1))
    connection.execute(retract, (2, "share_police", 1))
    with pytest.raises(IntegrityError, match="retraction"):
        connection.execute(retract, (3, "share_police", 1))  # only once
    with pytest.raises(IntegrityError, match="append-only"):
        connection.execute("UPDATE consents SET retracts = NULL WHERE id = 2")


def test_version_4_gives_sessions_a_place(connection: Connection) -> None:
    _version_1_with_a_case(connection)
    migrate(connection, MIGRATIONS[:3])
    assert migrate(connection, MIGRATIONS[:4]) == 3
    assert _columns(connection, "sessions")[-2:] == ["place", "place_detail"]
    assert connection.execute("SELECT place, place_detail FROM sessions").fetchall() == [
        (None, None)]  # a session started before: no place recorded
    connection.execute("UPDATE sessions SET place = 'shelter', place_detail = 'north wing'")
    with pytest.raises(IntegrityError):
        connection.execute("UPDATE sessions SET place = ''")
    with pytest.raises(IntegrityError):
        connection.execute("UPDATE sessions SET place_detail = ?", ("x" * 201,))
