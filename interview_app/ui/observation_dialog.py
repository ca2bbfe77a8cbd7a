"""Notes an indicator as an observation with its source; never a verdict about the person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from interview_app.i18n import _
from interview_app.storage.repository import IndicatorSource
from interview_app.ui.widgets import PlainLabel


def source_names() -> dict[IndicatorSource, str]:
    return {
        IndicatorSource.OBSERVED: _("Observed by the interviewer"),
        IndicatorSource.STATED: _("Stated by the person"),
        IndicatorSource.DOCUMENT: _("Seen in a document"),
    }


class ObservationDialog(QDialog):
    """Indicator, source and an optional note; OK once an indicator and a source are chosen.

    ``indicators`` are (id, label) pairs; a label shows where the catalogue has one. Open it
    with ``open()`` and read :meth:`indicator`, :meth:`source` and :meth:`note` when it is
    accepted: the view saves it through the session.
    """

    def __init__(
        self, indicators: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Note an observation"))
        self.indicators = QComboBox()
        self.indicators.setEditable(True)
        self.indicators.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for indicator_id, label in indicators:
            self.indicators.addItem(label or indicator_id, indicator_id)
            self.indicators.setItemData(
                self.indicators.count() - 1, indicator_id, Qt.ItemDataRole.ToolTipRole
            )
        self.indicators.setAccessibleName(_("Indicator"))
        self.sources = QButtonGroup(self)
        self.source_buttons: dict[IndicatorSource, QRadioButton] = {}
        row = QHBoxLayout()
        for source, name in source_names().items():
            button = QRadioButton(name)
            self.sources.addButton(button)
            self.source_buttons[source] = button
            row.addWidget(button)
        self.note_field = QPlainTextEdit()
        self.note_field.setAccessibleName(_("Note"))
        self.note_field.setTabChangesFocus(True)
        self.note_field.setMaximumHeight(self.fontMetrics().height() * 5)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(PlainLabel(
            _("An observation records what was seen, said or read, and where it came from. "
              "It is not a decision about the person.")
        ))
        for caption, field in (
            (_("Indicator"), self.indicators), (_("Source"), row),
            (_("Note (optional)"), self.note_field),
        ):
            caption_label = PlainLabel(caption)
            caption_label.setWordWrap(False)
            form.addRow(caption_label, field)
        form.addRow(buttons)
        self.sources.buttonToggled.connect(lambda *_args: self._update())
        self.indicators.currentTextChanged.connect(lambda _text: self._update())
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.indicator()) and self.source() is not None)

    def indicator(self) -> str:
        """The chosen indicator's id; typed text that names none is kept as typed."""
        text = self.indicators.currentText().strip()
        index = self.indicators.findText(text)
        chosen = self.indicators.itemData(index) if index >= 0 else None
        return chosen if isinstance(chosen, str) else text

    def source(self) -> IndicatorSource | None:
        return next((s for s, b in self.source_buttons.items() if b.isChecked()), None)

    def note(self) -> str | None:
        text = self.note_field.toPlainText().strip()
        return text or None

    def accept(self) -> None:
        if self.indicator() and self.source() is not None:
            super().accept()
