"""Asks why a recorded answer changes; the reason is kept with the new revision."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from interview_app.i18n import _
from interview_app.ui.widgets import PlainLabel


class ReasonDialog(QDialog):
    """A one-line reason; OK only once there is one. Open with ``open()``, read ``reason()``."""

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Why does this answer change?"))
        self.field = QLineEdit()
        self.field.setAccessibleName(_("Reason for the change"))
        self.field.setPlaceholderText(_("For example: the person corrected it"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(question))
        layout.addWidget(PlainLabel(_("The earlier answer is kept; say why it changes.")))
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.field.text().strip()

    def accept(self) -> None:
        if self.reason():
            super().accept()
