"""Users, roles and vault metadata rows; the audit log as seen by a supervisor."""

from __future__ import annotations

from dataclasses import dataclass

from interview_app.storage import audit
from interview_app.storage.access import Operation, Role, User
from interview_app.storage.db import Connection, reported_errors
from interview_app.storage.repository.base import RepositoryBase


@dataclass(frozen=True)
class UserRecord:
    id: int
    name: str
    role: Role
    created_at: str
    removed_at: str | None

    @property
    def active(self) -> bool:
        return self.removed_at is None

    def as_user(self) -> User:
        return User(self.id, self.name, self.role)


_USER = "SELECT id, name, role, created_at, removed_at FROM users"


def find_user(connection: Connection, name: str) -> UserRecord | None:
    with reported_errors():
        row = connection.execute(f"{_USER} WHERE name = ?", (name,)).fetchone()
    return None if row is None else UserRecord(row[0], row[1], Role(row[2]), row[3], row[4])


def list_users(connection: Connection) -> list[UserRecord]:
    with reported_errors():
        rows = connection.execute(f"{_USER} ORDER BY id").fetchall()
    return [UserRecord(r[0], r[1], Role(r[2]), r[3], r[4]) for r in rows]


def insert_user(
    connection: Connection, name: str, role: Role, at: str, created_by: int | None
) -> int:
    cursor = connection.execute(
        "INSERT INTO users (name, role, created_at, created_by) VALUES (?, ?, ?, ?)",
        (name, role.value, at, created_by),
    )
    if cursor.lastrowid is None:
        raise RuntimeError("insert returned no row id")
    return cursor.lastrowid


def mark_removed(connection: Connection, user_id: int, at: str, removed_by: int) -> None:
    connection.execute(
        "UPDATE users SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL",
        (at, removed_by, user_id),
    )


def active_supervisors(connection: Connection) -> int:
    row = connection.execute(
        "SELECT count(*) FROM users WHERE role = 'supervisor' AND removed_at IS NULL"
    ).fetchone()
    return 0 if row is None else int(row[0])


def set_meta(connection: Connection, name: str, value: str) -> None:
    connection.execute(
        "INSERT INTO vault_meta (name, value) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def get_meta(connection: Connection, name: str) -> str | None:
    with reported_errors():
        row = connection.execute("SELECT value FROM vault_meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


class AdminMixin(RepositoryBase):
    def users(self) -> list[UserRecord]:
        """Everyone who has or had a login, so "recorded by" can always be named."""
        return list_users(self._db())

    def audit_entries(self, *, after: int = 0, limit: int = 1000) -> list[audit.AuditEntry]:
        self._require(Operation.READ_AUDIT)
        with reported_errors():
            return audit.entries(self._db(), after=after, limit=limit)

    def verify_audit(self, anchor: tuple[int, str] | None = None) -> audit.BrokenLink | None:
        self._require(Operation.READ_AUDIT)
        with reported_errors():
            return audit.verify(self._db(), anchor)

    def audit_head(self) -> tuple[int, str]:
        """The chain's last (id, hash): record it somewhere else to detect a cut-off tail."""
        with reported_errors():
            return audit.head(self._db())
