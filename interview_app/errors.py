"""One exception hierarchy; every message is fixed text plus locations, never case content."""

from __future__ import annotations

from dataclasses import dataclass


class InterviewAppError(Exception):
    """Base of every error the application reports to a person instead of a traceback."""


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

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a FormError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class AnswerError(InterviewAppError):
    """An answer does not fit its question (wrong type, out of range, unknown option...)."""


class NavigationError(InterviewAppError):
    """An engine operation names an item that is unknown, hidden or blocked."""


class CatalogError(InterviewAppError):
    """A translation catalogue is missing, unreadable or does not belong where it was put."""


class StorageError(InterviewAppError):
    """The vault could not do what was asked; subclasses say why in one fixed sentence."""

    message = "The vault could not complete the operation."

    def __init__(self) -> None:
        # No arguments on purpose: the text is fixed, so no caller can put case content in it.
        super().__init__(self.message)


class VaultNotFound(StorageError):
    message = "There is no vault in this folder."


class VaultExists(StorageError):
    message = "A vault already exists in this folder."


class WrongPassphrase(StorageError):
    message = "The user name or passphrase is not correct."


class WeakPassphrase(StorageError):
    message = "A passphrase must have at least 8 characters."


class RecoveryKeyMistyped(StorageError):
    message = "The recovery key has a typing error: check each group of characters."


class WrongRecoveryKey(StorageError):
    message = "This recovery key does not belong to this vault."


class VaultLocked(StorageError):
    message = "The vault is locked."


class VaultCorrupted(StorageError):
    message = "The vault database is damaged or is not a vault database."


class VaultTooNew(StorageError):
    message = "The vault was made by a newer version of the application."


class VaultErased(StorageError):
    message = "Too many failed unlock attempts: the vault was erased."


class KeySlotDamaged(StorageError):
    message = "The key-slot file is damaged."


class StorageFull(StorageError):
    message = "The disk is full: the last change was not saved."


class StorageWriteFailed(StorageError):
    message = "The vault could not be written: the last change was not saved."


class AccessDenied(StorageError):
    message = "Your role does not allow this."


class UnknownUser(StorageError):
    message = "There is no such user in this vault."


class UserExists(StorageError):
    message = "A user with this name already exists or existed in this vault."


class InvalidUserName(StorageError):
    message = "A user name needs 1 to 64 printable characters."


class LastSupervisor(StorageError):
    message = "The last supervisor cannot be removed."


class NotFound(StorageError):
    message = "The record does not exist or is not visible to your role."


class SessionFinalised(StorageError):
    message = "This session is finalised; record a correction as an addendum."


class ReasonRequired(StorageError):
    message = "Changing a recorded answer needs a reason."


class SessionOpen(StorageError):
    message = "This session is not finalised: correct the answer in the session itself."


class BackupDamaged(StorageError):
    message = "The backup file is damaged or is not a backup of a vault."


class BackupFailedChecks(StorageError):
    message = (
        "The backup failed its checks (database integrity or audit log); nothing was replaced."
    )


class UnencryptedBackup(StorageError):
    message = "Refusing to write a backup without encryption."


class BackupInsideVault(StorageError):
    message = "A backup cannot be kept inside the vault it copies."


class DataFileError(InterviewAppError):
    """A data file beside the scripts (indicator catalogue, referral directory) is not valid.

    Carries every problem found, each with the file and line, like FormError does for scripts.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a DataFileError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ExportRefused(InterviewAppError):
    """An export that must not happen (consent, password); fixed text, never case content."""

    message = "The document was not exported."

    def __init__(self) -> None:
        super().__init__(self.message)


class ConsentMissing(ExportRefused):
    message = (
        "The person has not agreed to sharing with this kind of organisation: nothing was"
        " exported."
    )


class ConsentRefused(ExportRefused):
    message = "The person refused sharing with this kind of organisation: nothing was exported."


class ConsentWithdrawn(ExportRefused):
    message = (
        "The person withdrew consent to sharing with this kind of organisation: nothing was"
        " exported."
    )


class RecordNotKept(ExportRefused):
    message = (
        "The person did not agree to keeping the record, or withdrew that consent: nothing"
        " was exported."
    )


class NothingToShare(ExportRefused):
    message = (
        "This kind of organisation may receive none of the recorded data: nothing was exported."
    )


class NotARecipient(ExportRefused):
    message = (
        "This directory entry cannot receive a referral: an emergency line takes calls, not"
        " records."
    )
