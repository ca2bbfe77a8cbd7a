"""Sections of the script with what is answered in each; choosing one goes there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout, QWidget

from interview_app.domain.engine import Progress
from interview_app.i18n import _
from interview_app.interview_session import SectionStatus
from interview_app.ui.formatting import number
from interview_app.ui.widgets import InterfaceLabel

SECTION_ROLE = Qt.ItemDataRole.UserRole


class SectionNavigator(QWidget):
    """A list of sections (answered / asked so far) and the whole interview's progress."""

    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Sections"))
        self.list.setWordWrap(True)
        self.overall = QProgressBar()
        self.overall.setAccessibleName(_("Progress of the interview"))
        # The words go under the bar, wrapped: inside it a longer language was cut off.
        self.overall.setTextVisible(False)
        self.overall.setMaximumHeight(self.overall.fontMetrics().height() // 2 + 4)
        self.overall_text = InterfaceLabel()
        self.overall_text.setObjectName("overallProgress")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.overall)
        layout.addWidget(self.overall_text)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        self.list.viewport().installEventFilter(self)

    def _chosen(self, entry: QListWidgetItem) -> None:
        self.section_chosen.emit(str(entry.data(SECTION_ROLE)))

    def _size_for(self, text: str) -> QSize:
        # The view sizes rows by the primary font; lines that fall back to a taller script
        # (Arabic, Ethiopic) then no longer fit and the second line is elided away.
        metrics = QFontMetrics(self.list.font())
        width = max(self.list.viewport().width() - 8, 80)
        needed = metrics.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, text)
        return QSize(0, needed.height() + metrics.height() // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Rows were measured at the list's width of the moment: narrower needs taller rows.
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            for row in range(self.list.count()):
                entry = self.list.item(row)
                entry.setSizeHint(self._size_for(entry.text()))
        return super().eventFilter(watched, event)

    def show_sections(self, sections: list[SectionStatus], overall: Progress) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for status in sections:
            done, total = status.progress.answered, status.progress.total
            text = _("{title}\n{answered} of {total} answered").format(
                title=status.section.title, answered=number(done), total=number(total)
            )
            entry = QListWidgetItem(text)
            entry.setData(SECTION_ROLE, status.section.id)
            entry.setSizeHint(self._size_for(text))
            if total == 0:
                # Nothing to ask there now (hidden by earlier answers): shown, but quiet.
                entry.setFlags(entry.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(entry)
            if status.current:
                self.list.setCurrentItem(entry)
        self.list.blockSignals(False)
        self.overall.setRange(0, max(overall.total, 1))
        self.overall.setValue(overall.answered)
        text = _("{answered} of {total} answered").format(
            answered=number(overall.answered), total=number(overall.total)
        )
        self.overall.setFormat(text)  # what a screen reader says for the bar
        self.overall_text.setText(text)
