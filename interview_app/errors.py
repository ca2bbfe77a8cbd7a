"""One exception hierarchy; every message is fixed text plus locations, never case content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


def N_(message: str) -> str:
    """Mark ``message`` for translation and return it as it is: extraction collects it (``N_``
    is one of babel's default keywords) and the interface translates it with ``_()`` when it
    shows it, in the language chosen then."""
    return message


class InterviewAppError(Exception):
    """Base of every error the application reports to a person instead of a traceback.

    ``message`` is the class's fixed sentence for the interface (marked with :func:`N_`,
    shown through ``_()``); ``str(error)`` may add locations and details for logs and the
    command line, never case content.
    """

    message: ClassVar[str] = N_("Something went wrong. Nothing was changed.")


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is and what is wrong, in one sentence."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class FormError(InterviewAppError):
    """A script file is not a valid interview script; carries every problem found."""

    message = N_("An interview script is not valid. Run 'forms check' to see where.")

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a FormError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class AnswerError(InterviewAppError):
    """An answer does not fit its question (wrong type, out of range, unknown option...)."""

    message = N_("This answer does not fit the question.")


class NavigationError(InterviewAppError):
    """An engine operation names an item that is unknown, hidden or blocked."""

    message = N_("There is nothing to ask there now.")


class CatalogError(InterviewAppError):
    """A translation catalogue is missing, unreadable or does not belong where it was put."""

    message = N_("A translation catalogue is missing or cannot be read.")


class StorageError(InterviewAppError):
    """The vault could not do what was asked; subclasses say why in one fixed sentence."""

    message = N_("The vault could not complete the operation.")

    def __init__(self) -> None:
        # No arguments on purpose: the text is fixed, so no caller can put case content in it.
        super().__init__(self.message)


class VaultNotFound(StorageError):
    message = N_("There is no vault in this folder.")


class VaultExists(StorageError):
    message = N_("A vault already exists in this folder.")


class WrongPassphrase(StorageError):
    message = N_("The user name or passphrase is not correct.")


class WeakPassphrase(StorageError):
    message = N_("A passphrase must have at least 8 characters.")


class RecoveryKeyMistyped(StorageError):
    message = N_("The recovery key has a typing error: check each group of characters.")


class WrongRecoveryKey(StorageError):
    message = N_("This recovery key does not belong to this vault.")


class VaultLocked(StorageError):
    message = N_("The vault is locked.")


class VaultCorrupted(StorageError):
    message = N_("The vault database is damaged or is not a vault database.")


class VaultTooNew(StorageError):
    message = N_("The vault was made by a newer version of the application.")


class VaultErased(StorageError):
    message = N_("Too many failed unlock attempts: the vault was erased.")


class KeySlotDamaged(StorageError):
    message = N_("The key-slot file is damaged.")


class StorageFull(StorageError):
    message = N_("The disk is full: the last change was not saved.")


class StorageWriteFailed(StorageError):
    message = N_("The vault could not be written: the last change was not saved.")


class AccessDenied(StorageError):
    message = N_("Your role does not allow this.")


class UnknownUser(StorageError):
    message = N_("There is no such user in this vault.")


class UserExists(StorageError):
    message = N_("A user with this name already exists or existed in this vault.")


class InvalidUserName(StorageError):
    message = N_("A user name needs 1 to 64 printable characters.")


class LastSupervisor(StorageError):
    message = N_("The last supervisor cannot be removed.")


class NotFound(StorageError):
    message = N_("The record does not exist or is not visible to your role.")


class SessionFinalised(StorageError):
    message = N_("This session is finalised; record a correction as an addendum.")


class ReasonRequired(StorageError):
    message = N_("Changing a recorded answer needs a reason.")


class SessionOpen(StorageError):
    message = N_("This session is not finalised: correct the answer in the session itself.")


class BackupDamaged(StorageError):
    message = N_("The backup file is damaged or is not a backup of a vault.")


class BackupFailedChecks(StorageError):
    message = N_(
        "The backup failed its checks (database integrity or audit log); nothing was replaced."
    )


class UnencryptedBackup(StorageError):
    message = N_("Refusing to write a backup without encryption.")


class BackupInsideVault(StorageError):
    message = N_("A backup cannot be kept inside the vault it copies.")


class DataFileError(InterviewAppError):
    """A data file beside the scripts (indicator catalogue, referral directory) is not valid.

    Carries every problem found, each with the file and line, like FormError does for scripts.
    """

    message = N_("A data file beside the scripts is not valid. Run 'forms check' to see where.")

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a DataFileError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ExportRefused(InterviewAppError):
    """An export that must not happen (consent, password); fixed text, never case content."""

    message = N_("The document was not exported.")

    def __init__(self) -> None:
        super().__init__(self.message)


class ConsentMissing(ExportRefused):
    message = N_(
        "The person has not agreed to sharing with this kind of organisation: nothing was"
        " exported."
    )


class ConsentRefused(ExportRefused):
    message = N_("The person refused sharing with this kind of organisation: nothing was exported.")


class ConsentWithdrawn(ExportRefused):
    message = N_(
        "The person withdrew consent to sharing with this kind of organisation: nothing was"
        " exported."
    )


class RecordNotKept(ExportRefused):
    message = N_(
        "The person did not agree to keeping the record, or withdrew that consent: nothing"
        " was exported."
    )


class NothingToShare(ExportRefused):
    message = N_(
        "This kind of organisation may receive none of the recorded data: nothing was exported."
    )


class NotARecipient(ExportRefused):
    message = N_(
        "This directory entry cannot receive a referral: an emergency line takes calls, not"
        " records."
    )
