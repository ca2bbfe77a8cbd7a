"""Getting to an open vault: unlock, create (then the recovery key), or the training vault.

The slow part of each (Argon2id, and the wait after failed tries) runs off the UI thread; the
database is then opened on the UI thread, which is the only thread that uses it. The storage
modules are imported on the worker too, so the unlock window shows without waiting for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from interview_app.errors import InterviewAppError
from interview_app.i18n import _
from interview_app.ui.create_vault_view import CreateVaultView
from interview_app.ui.error_text import error_text
from interview_app.ui.recovery_key_view import RecoveryKeyView
from interview_app.ui.tasks import run_in_background
from interview_app.ui.unlock_view import UnlockView

if TYPE_CHECKING:
    from interview_app.storage.unlocked import Vault
    from interview_app.storage.vault import UnwrappedKey
    from interview_app.ui.shell_config import ShellConfig


def _in_use(directory: Path) -> bool:
    """A vault, or something in the way of making one there: either way, ask to unlock (the
    vault's own error then says what is wrong). Checked without loading the storage code."""
    return directory.is_dir() and any(directory.iterdir())


class StartFlow(QObject):
    """Owns the three start pages inside the window's page stack."""

    opened = Signal(object)  # Vault

    def __init__(self, config: ShellConfig, pages: QStackedWidget) -> None:
        super().__init__(pages)
        self._config = config
        self._pages = pages
        self._training = False
        self.unlock_view = UnlockView()
        self.create_view = CreateVaultView()
        self.recovery_view = RecoveryKeyView()
        for page in (self.unlock_view, self.create_view, self.recovery_view):
            pages.addWidget(page)
        self._created: Vault | None = None
        self._first_start = True

        self.unlock_view.unlock_requested.connect(self._unlock)
        self.unlock_view.create_requested.connect(self._show_create)
        self.unlock_view.training_requested.connect(self._open_training)
        self.create_view.create_requested.connect(self._create)
        self.create_view.cancelled.connect(self.show_start)
        self.recovery_view.confirmed.connect(self._recovery_confirmed)

    def _directory(self) -> Path:
        return self._config.training_dir if self._training else self._config.vault_dir

    def show_start(self) -> None:
        """Unlock if there is a vault; else offer to create one or to practise."""
        self._training = False
        has_vault = _in_use(self._config.vault_dir)
        self.unlock_view.set_vault_exists(has_vault)
        self.unlock_view.reset()
        self._pages.setCurrentWidget(self.unlock_view)
        self.focus()
        first, self._first_start = self._first_start, False
        if first and not has_vault and self._config.open_training_when_no_vault:
            self._open_training()

    def show_unlock(self, *, user: str, training: bool) -> None:
        """After a lock: the same vault, the same user name, an empty passphrase."""
        self._training = training
        no_real_vault = training and not _in_use(self._config.vault_dir)
        self.unlock_view.set_vault_exists(True, offer_create=no_real_vault)
        self.unlock_view.reset()
        self.unlock_view.user.setText(user)
        self._pages.setCurrentWidget(self.unlock_view)
        self.focus()

    def focus(self) -> None:
        if self._pages.currentWidget() is self.unlock_view:
            self.unlock_view.focus_first_field()

    # -- unlock ------------------------------------------------------------------------------

    def _unlock(self, user: str, passphrase: str) -> None:
        directory = self._directory()
        self.unlock_view.set_busy(True, _("Unlocking…"))

        def unwrap() -> UnwrappedKey:
            from interview_app.storage import vault  # noqa: PLC0415 -- loaded off the UI thread

            return vault.unwrap(directory, user, passphrase)

        run_in_background(unwrap, self._unwrapped, self._unlock_failed)

    def _unwrapped(self, key: UnwrappedKey) -> None:
        try:
            vault = key.open()
        except InterviewAppError as error:
            self._unlock_failed(error)
            return
        self.unlock_view.set_busy(False)
        self.opened.emit(vault)

    def _unlock_failed(self, error: Exception) -> None:
        self.unlock_view.set_busy(False)
        self.unlock_view.show_error(error_text(error))
        from interview_app.storage import vault  # noqa: PLC0415 -- loaded by the failed unlock

        self.unlock_view.wait_before_next_try(vault.pending_delay(self._directory()))

    # -- create ------------------------------------------------------------------------------

    def _show_create(self) -> None:
        self._training = False  # what is made here is the real vault
        self.create_view.reset()
        self._pages.setCurrentWidget(self.create_view)
        self.create_view.name.setFocus()

    def _create(self, name: str, passphrase: str) -> None:
        directory, kdf = self._config.vault_dir, self._config.kdf
        self.create_view.set_busy(True, _("Creating the vault…"))

        def make() -> tuple[UnwrappedKey, str]:
            from interview_app.storage import vault  # noqa: PLC0415 -- loaded off the UI thread
            from interview_app.storage.kdf import calibrate  # noqa: PLC0415 -- same

            # Made, locked and unwrapped again on the worker: the UI thread only opens it.
            created, recovery_key = vault.create(directory, name, passphrase,
                                                 kdf=kdf or calibrate())
            created.lock()
            return vault.unwrap(directory, name, passphrase), recovery_key

        run_in_background(make, self._made, self._create_failed)

    def _made(self, result: tuple[UnwrappedKey, str]) -> None:
        key, recovery_key = result
        try:
            self._created = key.open()
        except InterviewAppError as error:
            self._create_failed(error)
            return
        self.create_view.reset()
        self.recovery_view.show_key(recovery_key)
        self._pages.setCurrentWidget(self.recovery_view)
        self.recovery_view.stored.setFocus()

    def _create_failed(self, error: Exception) -> None:
        self.create_view.set_busy(False)
        self.create_view.show_error(error_text(error))

    def _recovery_confirmed(self) -> None:
        vault, self._created = self._created, None
        if vault is not None:
            self.opened.emit(vault)

    # -- training ----------------------------------------------------------------------------

    def _open_training(self) -> None:
        directory, config = self._config.training_dir, self._config
        self._training = True
        self.unlock_view.set_busy(True, _("Opening the training vault…"))

        def prepare() -> UnwrappedKey:
            from interview_app import training  # noqa: PLC0415 -- loaded off the UI thread
            from interview_app.storage import vault  # noqa: PLC0415 -- same

            training.ensure_training_vault(
                directory, forms=training.training_scripts(config.forms_dir), kdf=config.kdf,
                today=config.today(),
            )
            return vault.unwrap(directory, training.TRAINING_USER, training.TRAINING_PASSPHRASE)

        run_in_background(prepare, self._unwrapped, self._unlock_failed)
