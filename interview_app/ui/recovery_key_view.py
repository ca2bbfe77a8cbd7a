"""The recovery key, shown once after a vault is made, until the supervisor confirms keeping it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QPushButton, QVBoxLayout, QWidget

from interview_app.i18n import _
from interview_app.ui.widgets import Heading, InterfaceLabel, centre_panel


class RecoveryKeyView(QWidget):
    """The key cannot be selected or copied: it is written down or printed, never pasted."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = Heading(_("Your recovery key"))
        explanation = InterfaceLabel(
            _("If every passphrase is forgotten, this key is the only way to open the vault. "
              "Write it down or print it now and keep it locked away from this computer. "
              "It will not be shown again.")
        )
        self.key = InterfaceLabel()
        self.key.setWordWrap(False)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key.setAccessibleName(_("Recovery key"))
        # Groups of Latin letters and digits: always left to right, even in a mirrored page.
        self.key.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * 1.6)
        self.key.setFont(mono)
        self.stored = QCheckBox(_("I have printed or stored the recovery key in a safe place"))
        self.continue_button = QPushButton(_("Continue"))
        self.continue_button.setEnabled(False)

        panel = QWidget()
        column = QVBoxLayout(panel)
        column.addWidget(heading)
        column.addWidget(explanation)
        column.addSpacing(12)
        column.addWidget(self.key)
        column.addSpacing(12)
        column.addWidget(self.stored)
        column.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignLeading)
        centre_panel(self, panel, 640)

        self.stored.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._confirm)

    def show_key(self, key: str) -> None:
        # Two lines of four groups read more easily aloud and on paper than one long line.
        groups = key.split("-")
        self.key.setText("-".join(groups[:4]) + "\n" + "-".join(groups[4:]) if len(groups) == 8
                         else key)
        self.stored.setChecked(False)

    def _confirm(self) -> None:
        if not self.stored.isChecked():
            return
        self.key.clear()  # shown once: the widget does not keep it
        self.stored.setChecked(False)
        self.confirmed.emit()
