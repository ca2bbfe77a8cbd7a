"""Making a vault: the first supervisor's name and passphrase, typed twice."""

from __future__ import annotations

from PySide6.QtCore import Signal
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

MIN_PASSPHRASE = 8  # the vault refuses shorter ones too; saying so here saves a slow round trip


class CreateVaultView(QWidget):
    """Both passphrase fields are emptied once read."""

    create_requested = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = Heading(_("Create a vault"))
        explanation = InterfaceLabel(
            _("The vault keeps every case encrypted on this computer. You become its first "
              "supervisor; you can add other users later. Choose a long passphrase that you "
              "will remember: nobody can open the vault without it or the recovery key.")
        )
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Supervisor's user name"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(_("Passphrase again"))
        self.create_button = QPushButton(_("Create the vault"))
        self.create_button.setDefault(True)
        self.cancel_button = QPushButton(_("Back"))
        self.error = InterfaceLabel()
        self.error.setObjectName("ErrorText")
        self.status = InterfaceLabel()

        fields = QFormLayout()
        fields.addRow(_("Your user name"), self.name)
        fields.addRow(_("Passphrase"), self.passphrase)
        fields.addRow(_("Passphrase again"), self.repeat)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch()
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.addWidget(heading)
        column.addWidget(explanation)
        column.addLayout(fields)
        column.addLayout(buttons)
        column.addWidget(self.error)
        column.addWidget(self.status)
        centre_panel(self, panel, 560)

        self.create_button.clicked.connect(self._submit)
        self.repeat.returnPressed.connect(self._submit)
        self.cancel_button.clicked.connect(self.cancelled)

    def _submit(self) -> None:
        name, first, second = self.name.text().strip(), self.passphrase.text(), self.repeat.text()
        self.passphrase.clear()
        self.repeat.clear()
        if not name:
            self.show_error(_("Enter a user name."))
        elif len(first) < MIN_PASSPHRASE:
            self.show_error(_("A passphrase must have at least 8 characters."))
        elif first != second:
            self.show_error(_("The two passphrases are not the same."))
        else:
            self.create_requested.emit(name, first)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.passphrase.setFocus()

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.create_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.status.setText(message if busy else "")
        if busy:
            self.error.clear()

    def reset(self) -> None:
        for field in (self.name, self.passphrase, self.repeat):
            field.clear()
        self.error.clear()
        self.set_busy(False)
