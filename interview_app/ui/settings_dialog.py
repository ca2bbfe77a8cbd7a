"""Preferences: when the vault locks itself, when a break is suggested, the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interview_app.i18n import _
from interview_app.i18n.locales import supported_languages
from interview_app.ui.settings import MAX_MINUTES, Settings
from interview_app.ui.widgets import InterfaceLabel


def _minutes_box(name: str, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, MAX_MINUTES)
    box.setValue(value)
    box.setSuffix(" " + _("min"))
    box.setAccessibleName(name)
    return box


class SettingsDialog(QDialog):
    """Edits :class:`Settings`; nothing here is case content. Opened with ``open()``; the
    window applies what changed when it reports ``accepted``."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self._settings = settings
        self.idle_minutes = _minutes_box(_("Lock after this many minutes without input"),
                                         settings.idle_minutes)
        self.break_minutes = _minutes_box(_("Suggest a break after"),
                                          settings.break_reminder_minutes)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Interface language"))
        for language in supported_languages():
            self.language.addItem(language.native_name, language.code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.interface_language)))
        note = InterfaceLabel(_("A new interface language applies when the app starts again."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        fields = QFormLayout()
        fields.addRow(_("Lock the vault after"), self.idle_minutes)
        fields.addRow(_("Suggest a break after"), self.break_minutes)
        fields.addRow(_("Interface language"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(note)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        self._settings.idle_minutes = self.idle_minutes.value()
        self._settings.break_reminder_minutes = self.break_minutes.value()
        self._settings.interface_language = str(self.language.currentData())
        self._settings.sync()
        super().accept()
