"""The review before finalising: every answer and non-response, read-only, then Finalise."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interview_app.domain.engine import ItemState
from interview_app.domain.model import ItemKind, ItemRef
from interview_app.errors import StorageError
from interview_app.i18n import _, ngettext
from interview_app.interview_session import InterviewSession
from interview_app.ui.answer_text import answer_text
from interview_app.ui.prompt_panel import ScaledLabel
from interview_app.ui.widgets import PlainLabel

REF_ROLE = Qt.ItemDataRole.UserRole


class ReviewView(QWidget):
    """All the session holds, by section, in the interface language; nothing here edits.

    Signals: ``back_requested`` (return to the interview), ``change_requested(ItemRef)`` (a
    row was opened to change it; only before finalising), ``finalised(str)`` with the
    fingerprint, and ``addendum_opened(int)`` with the id of a new correction session.
    """

    back_requested = Signal()
    change_requested = Signal(object)
    finalised = Signal(str)
    addendum_opened = Signal(int)

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.confirm: QMessageBox | None = None
        self.title = ScaledLabel(1.4, bold=True, text=_("Review the answers"))
        self.status = PlainLabel()
        self.status.setObjectName("reviewStatus")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("Question"), _("Answer"), _("Remark")])
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Whole questions and answers, wrapped: an elided answer could hide what matters.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(_("Answers recorded in this session"))
        self.back_button = QPushButton(_("Back to the interview"))
        self.finalise_button = QPushButton(_("Finalise…"))
        self.addendum_button = QPushButton(_("Add a correction…"))
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.addendum_button)
        row.addWidget(self.finalise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.back_button.clicked.connect(self.back_requested)
        self.finalise_button.clicked.connect(self.ask_to_finalise)
        self.addendum_button.clicked.connect(self.open_addendum)
        self.tree.itemActivated.connect(self._open_row)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        sections: dict[str, QTreeWidgetItem] = {}
        for status in self.session.sections():
            row = QTreeWidgetItem([status.section.title])
            font = row.font(0)
            font.setBold(True)
            row.setFont(0, font)
            row.setFirstColumnSpanned(True)
            sections[status.section.id] = row
        for state in self.session.states():
            answer_row = self._row(state)
            if answer_row is not None:
                section_id = self.session.text.section_id(state.ref.question_id)
                sections[section_id].addChild(answer_row)
        for section_row in sections.values():
            if section_row.childCount():
                self.tree.addTopLevelItem(section_row)
                section_row.setExpanded(True)
        self._show_status()

    def _row(self, state: ItemState) -> QTreeWidgetItem | None:
        if not state.visible and state.answer is None:
            return None  # never asked because an earlier answer made it not apply
        item = self.session.text.interface.item(state.ref.question_id)
        question = item.prompt
        if state.ref.instance is not None:
            prompt = self.session.prompt(state.ref)
            label = prompt.instance_label if prompt is not None else None
            entry = _("entry {number}").format(number=state.ref.instance)
            question = f"{entry}{': ' + label if label else ''} · {question}"
        remark = ""
        if state.not_applicable_kept:
            remark = _("Kept, no longer applicable")
        elif state.answer is None and state.blocked:
            remark = _("Not reached: a step before it is not complete")
        elif state.answer is None:
            remark = _("Still to ask")
        elif item.kind is ItemKind.GATE and not self.session.gate_is_complete(state.ref):
            remark = _("Not complete")
        row = QTreeWidgetItem([question, answer_text(item, state.answer), remark])
        row.setData(0, REF_ROLE, state.ref)
        for column in range(3):
            row.setToolTip(column, row.text(column))
        return row

    def _show_status(self) -> None:
        session = self.session
        locked = session.is_finalised
        if locked:
            fingerprint = session.record.fingerprint or ""
            self.status.setText(
                _("Finalised; this record can no longer change. Fingerprint: {fingerprint}")
                .format(fingerprint=fingerprint)
            )
        else:
            open_count = self.unanswered()
            self.status.setText(
                ngettext(
                    "{count} question still has no answer.",
                    "{count} questions still have no answer.",
                    open_count,
                ).format(count=open_count)
                if open_count else _("Every question has an answer or a recorded reason.")
            )
        self.finalise_button.setEnabled(not locked)
        self.back_button.setEnabled(not locked)
        self.addendum_button.setVisible(locked)

    def unanswered(self) -> int:
        return sum(
            1 for s in self.session.states()
            if s.visible and not s.blocked and s.item.is_question and s.answer is None
        )

    def _open_row(self, row: QTreeWidgetItem, _column: int) -> None:
        ref = row.data(0, REF_ROLE)
        if isinstance(ref, ItemRef) and not self.session.is_finalised:
            self.change_requested.emit(ref)

    def ask_to_finalise(self) -> None:
        """A confirmation first: finalising cannot be undone."""
        open_count = self.unanswered()
        text = _("Once finalised, nothing in this session can change; corrections become an "
                 "addendum.")
        if open_count:
            text += "\n\n" + ngettext(
                "{count} question has no answer and will stay unanswered.",
                "{count} questions have no answer and will stay unanswered.",
                open_count,
            ).format(count=open_count)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Finalise this session?"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setStandardButtons(
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Finalise"))
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(self._finalise)
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()

    def _finalise(self) -> None:
        try:
            fingerprint = self.session.finalise()
        except StorageError as error:
            self.status.setText(str(error))
            return
        self.refresh()
        self.finalised.emit(fingerprint)

    def open_addendum(self) -> None:
        try:
            addendum = self.session.open_addendum()
        except StorageError as error:
            self.status.setText(str(error))
            return
        self.addendum_opened.emit(addendum.id)
