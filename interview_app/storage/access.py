"""Who may read and write what: one table of role × data class, enforced by the repository.

=============  ==============  ==============  ==============
data class     supervisor      interviewer     intake
=============  ==============  ==============  ==============
identity       read + write    read + write    read + write
assistance     read + write    read + write    read + write
statement      read + write    read + write    none
intelligence   read + write    read + write    none
=============  ==============  ==============  ==============

Shelter intake staff record who the person is and what help they need; they do not read the
account of what happened (statement) or what it says about the people who exploited them
(intelligence). Writing implies reading: whoever records an answer may see it again to
correct it. Outside the data classes, :data:`OPERATIONS` names the roles allowed each
operation; everything not listed there (cases, sessions, consents, rights, referrals, the
export register) is open to every role.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from interview_app.domain.model import DataClass
from interview_app.errors import AccessDenied


class Role(StrEnum):
    SUPERVISOR = "supervisor"
    INTERVIEWER = "interviewer"
    INTAKE = "intake"


@dataclass(frozen=True)
class User:
    """Who unlocked the vault; every read and write is checked against this user's role."""

    id: int
    name: str
    role: Role


class Access(Enum):
    NONE = "none"
    READ = "read"
    READ_WRITE = "read + write"


ACCESS: dict[Role, dict[DataClass, Access]] = {
    Role.SUPERVISOR: {
        DataClass.IDENTITY: Access.READ_WRITE,
        DataClass.ASSISTANCE: Access.READ_WRITE,
        DataClass.STATEMENT: Access.READ_WRITE,
        DataClass.INTELLIGENCE: Access.READ_WRITE,
    },
    Role.INTERVIEWER: {
        DataClass.IDENTITY: Access.READ_WRITE,
        DataClass.ASSISTANCE: Access.READ_WRITE,
        DataClass.STATEMENT: Access.READ_WRITE,
        DataClass.INTELLIGENCE: Access.READ_WRITE,
    },
    Role.INTAKE: {
        DataClass.IDENTITY: Access.READ_WRITE,
        DataClass.ASSISTANCE: Access.READ_WRITE,
        DataClass.STATEMENT: Access.NONE,
        DataClass.INTELLIGENCE: Access.NONE,
    },
}


class Operation(StrEnum):
    MANAGE_USERS = "manage users"
    MANAGE_DIRECTORY = "manage the referral directory"
    READ_AUDIT = "read and verify the audit log"
    VAULT_SETTINGS = "change vault settings and the recovery key"
    BACKUP = "back up and restore the vault"


OPERATIONS: dict[Operation, frozenset[Role]] = {
    Operation.MANAGE_USERS: frozenset({Role.SUPERVISOR}),
    Operation.MANAGE_DIRECTORY: frozenset({Role.SUPERVISOR}),
    Operation.READ_AUDIT: frozenset({Role.SUPERVISOR}),
    Operation.VAULT_SETTINGS: frozenset({Role.SUPERVISOR}),
    Operation.BACKUP: frozenset({Role.SUPERVISOR}),
}


def can_read(role: Role, data_class: DataClass) -> bool:
    return ACCESS[role][data_class] is not Access.NONE


def can_write(role: Role, data_class: DataClass) -> bool:
    return ACCESS[role][data_class] is Access.READ_WRITE


def readable(role: Role) -> tuple[DataClass, ...]:
    return tuple(dc for dc in DataClass if can_read(role, dc))


def require_read(role: Role, data_class: DataClass) -> None:
    if not can_read(role, data_class):
        raise AccessDenied


def require_write(role: Role, data_class: DataClass) -> None:
    if not can_write(role, data_class):
        raise AccessDenied


def require(role: Role, operation: Operation) -> None:
    if role not in OPERATIONS[operation]:
        raise AccessDenied


def markdown_table() -> str:
    """The table above as Markdown, generated from :data:`ACCESS` so the README cannot drift."""
    roles = list(Role)
    lines = [
        "| data class | " + " | ".join(r.value for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for dc in DataClass:
        lines.append(
            f"| {dc.value} | " + " | ".join(ACCESS[r][dc].value for r in roles) + " |"
        )
    return "\n".join(lines)
