"""What every part of the repository shares: the user, the clock, and the audited write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from interview_app.domain.model import DataClass
from interview_app.errors import NotFound, SessionFinalised, StorageWriteFailed
from interview_app.storage import audit
from interview_app.storage.access import (
    Operation,
    User,
    readable,
    require,
    require_read,
    require_write,
)
from interview_app.storage.db import (
    Connection,
    Cursor,
    IntegrityError,
    reported_errors,
    transaction,
)
from interview_app.storage.encoding import Clock, canonical_json, timestamp, utc_now


class Writer:
    """One open write transaction; it must record an audit entry before it may commit."""

    def __init__(self, connection: Connection, user_id: int, now: str) -> None:
        self._connection = connection
        self.user_id = user_id
        self.now = now
        self.audited = False

    def execute(self, sql: str, parameters: Iterable[Any] = ()) -> Cursor:
        return self._connection.execute(sql, tuple(parameters))

    def insert(self, sql: str, parameters: Iterable[Any] = ()) -> int:
        row_id = self.execute(sql, parameters).lastrowid
        if row_id is None:
            raise StorageWriteFailed
        return row_id

    def audit(
        self,
        action: str,
        target: str | None = None,
        target_id: int | None = None,
        **details: audit.DetailValue,
    ) -> None:
        audit.append(
            self._connection,
            at=self.now,
            user_id=self.user_id,
            action=action,
            target=target,
            target_id=target_id,
            details=details,
        )
        self.audited = True


class RepositoryBase:
    """Holds the unlocked user; reaches the database only through the vault, so a lock
    (which drops the connection) makes every later call fail with VaultLocked."""

    def __init__(
        self,
        connection: Callable[[], Connection],
        user: User,
        clock: Clock = utc_now,
        *,
        begin: Callable[[], AbstractContextManager[Connection]] | None = None,
    ) -> None:
        self._connection = connection
        self.user = user
        self._clock = clock
        # The vault's own transaction, which also writes audit entries a full disk delayed.
        self._begin = begin or (lambda: transaction(self._db()))

    def _db(self) -> Connection:
        return self._connection()

    def _now(self) -> str:
        return timestamp(self._clock())

    def _read(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with reported_errors():
            return self._db().execute(sql, tuple(parameters)).fetchall()

    def _one(self, sql: str, parameters: Iterable[Any] = ()) -> tuple[Any, ...]:
        with reported_errors():
            row = self._db().execute(sql, tuple(parameters)).fetchone()
        if row is None:
            raise NotFound
        return row

    @contextmanager
    def _write(self) -> Iterator[Writer]:
        """One durable transaction holding the change and its audit entry, or nothing."""
        try:
            with self._begin() as connection:
                before = connection.total_changes
                writer = Writer(connection, self.user.id, self._now())
                yield writer
                if connection.total_changes != before and not writer.audited:
                    raise RuntimeError("every write to the vault records an audit entry")
        except IntegrityError as error:
            message = str(error)
            if "session finalised" in message:
                raise SessionFinalised from error
            if "FOREIGN KEY" in message:
                raise NotFound from error
            raise StorageWriteFailed from error

    # Access checks in one place, so each public method states its rule in one line.
    def _require_read(self, data_class: DataClass) -> None:
        require_read(self.user.role, data_class)

    def _require_write(self, data_class: DataClass) -> None:
        require_write(self.user.role, data_class)

    def _require(self, operation: Operation) -> None:
        require(self.user.role, operation)

    def _readable(self) -> tuple[str, ...]:
        return tuple(dc.value for dc in readable(self.user.role))

    def _readable_json(self) -> str:
        """This role's readable classes as a JSON array, the one parameter of the condition
        ``data_class IN (SELECT value FROM json_each(?))``: the SQL text stays constant."""
        return canonical_json(list(self._readable()))


