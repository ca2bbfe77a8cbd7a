"""The first page: unlock the vault, or make one, or practise in the training vault."""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.i18n import _
from interview_app.ui.widgets import Heading, InterfaceLabel, centre_panel


class UnlockView(QWidget):
    """Asks who is unlocking and their passphrase; the passphrase field is emptied as soon as
    it has been read, whatever happens next."""

    unlock_requested = Signal(str, str)
    create_requested = Signal()
    training_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = Heading(_("Interview assistant"))
        self.explanation = InterfaceLabel()
        self.user = QLineEdit()
        self.user.setAccessibleName(_("User name"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setDefault(True)
        self.error = InterfaceLabel()
        self.error.setObjectName("ErrorText")
        self.error.setAccessibleName(_("Problem"))
        self.status = InterfaceLabel()
        self.create_button = QPushButton(_("Create a vault"))
        self.training_button = QPushButton(_("Practise in the training vault"))

        self._form = QWidget()
        fields = QFormLayout(self._form)
        fields.addRow(_("User name"), self.user)
        fields.addRow(_("Passphrase"), self.passphrase)
        fields.addRow("", self.unlock_button)
        others = QHBoxLayout()
        others.addWidget(self.create_button)
        others.addWidget(self.training_button)
        others.addStretch()

        panel = QWidget()
        column = QVBoxLayout(panel)
        column.addWidget(self.heading)
        column.addWidget(self.explanation)
        column.addWidget(self._form)
        column.addWidget(self.error)
        column.addWidget(self.status)
        column.addSpacing(24)
        column.addLayout(others)
        centre_panel(self, panel, 560)

        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.unlock_button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        self.user.returnPressed.connect(self.passphrase.setFocus)
        self.create_button.clicked.connect(self.create_requested)
        self.training_button.clicked.connect(self.training_requested)
        self.set_vault_exists(True)

    def set_vault_exists(self, exists: bool, *, offer_create: bool = False) -> None:
        """With no vault yet, offer to make one or to practise; otherwise ask to unlock.

        ``offer_create`` keeps "Create a vault" at hand after practising in the training vault
        on a computer that has no real vault yet.
        """
        self._form.setVisible(exists)
        self.create_button.setVisible(not exists or offer_create)
        if exists and offer_create:
            self.explanation.setText(
                _("Unlock the training vault to practise again, or create the real vault.")
            )
        elif exists:
            self.explanation.setText(_("Unlock the vault to continue."))
        else:
            self.explanation.setText(
                _("There is no vault on this computer yet. A supervisor creates one; until then "
                  "you can practise with fictional cases in the training vault.")
            )

    def focus_first_field(self) -> None:
        (self.passphrase if self.user.text() else self.user).setFocus()

    def _submit(self) -> None:
        if not self.unlock_button.isEnabled() or not self._form.isVisible():
            return
        user, passphrase = self.user.text().strip(), self.passphrase.text()
        self.passphrase.clear()  # the field never keeps it, whatever happens next
        if not user or not passphrase:
            self.show_error(_("Enter your user name and passphrase."))
            return
        self.unlock_requested.emit(user, passphrase)

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.unlock_button.setEnabled(not busy and self._wait_left == 0)
        self.create_button.setEnabled(not busy)
        self.training_button.setEnabled(not busy)
        self.status.setText(message if busy else "")
        if busy:
            self.error.clear()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.passphrase.setFocus()

    def wait_before_next_try(self, seconds: float) -> None:
        """After failed unlocks the vault makes the next try wait; count down instead of
        letting the window freeze in the wait."""
        self._wait_left = math.ceil(seconds)
        if self._wait_left <= 0:
            return
        self.unlock_button.setEnabled(False)
        self._countdown.start()
        self._show_wait()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self.status.clear()
            self.unlock_button.setEnabled(True)
            return
        self._show_wait()

    def _show_wait(self) -> None:
        self.status.setText(
            _("You can try again in {seconds} s.").format(seconds=self._wait_left)
        )

    def reset(self) -> None:
        """Back to a clean page (after a lock): no passphrase, no old messages."""
        self.passphrase.clear()
        self.error.clear()
        self.set_busy(False)
