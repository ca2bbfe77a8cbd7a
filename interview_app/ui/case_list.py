"""The list of cases, newest first, with a search over codes, pseudonyms and notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.i18n import _
from interview_app.storage.repository import Case, CaseStatus, Repository
from interview_app.ui.formatting import date_text
from interview_app.ui.widgets import Heading, InterfaceLabel

CASE_ID_ROLE = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 150  # search when typing pauses, not on every key


def case_line(case: Case) -> str:
    parts = [case.code]
    if case.pseudonym:
        parts.append(case.pseudonym)
    parts.append(_("opened {date}").format(date=date_text(case.created_at)))
    if case.status is CaseStatus.CLOSED:
        parts.append(_("closed"))
    return "  ·  ".join(parts)


class CaseListView(QWidget):
    """Reads cases from the repository; opening or making one is left to the window."""

    case_chosen = Signal(int)
    new_case_requested = Signal()

    def __init__(self, repository: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repository = repository
        heading = Heading(_("Cases"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by code, pseudonym or note"))
        self.search.setAccessibleName(_("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.new_case_button = QPushButton(_("New case"))
        self.cases = QListWidget()
        self.cases.setAccessibleName(_("Cases"))
        self.empty = InterfaceLabel()
        self.open_button = QPushButton(_("Open case"))

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_case_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.cases, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._open_first_or_current)
        self.new_case_button.clicked.connect(self.new_case_requested)
        self.cases.itemActivated.connect(self._open)
        self.open_button.clicked.connect(self._open_first_or_current)
        self.refresh()

    def refresh(self) -> None:
        self._search_timer.stop()
        query = self.search.text().strip()
        found = self._repository.search_cases(query) if query else self._repository.cases()
        self.cases.clear()
        for case in found:
            entry = QListWidgetItem(case_line(case))
            entry.setData(CASE_ID_ROLE, case.id)
            self.cases.addItem(entry)
        if found:
            self.cases.setCurrentRow(0)
            self.empty.clear()
        elif query:
            self.empty.setText(_("No case matches this search."))
        else:
            self.empty.setText(_("No cases yet. Make the first one with \u201cNew case\u201d."))
        self.open_button.setEnabled(bool(found))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open(self, entry: QListWidgetItem) -> None:
        self.case_chosen.emit(int(entry.data(CASE_ID_ROLE)))

    def _open_first_or_current(self) -> None:
        entry = self.cases.currentItem() or self.cases.item(0)
        if entry is not None:
            self._open(entry)
