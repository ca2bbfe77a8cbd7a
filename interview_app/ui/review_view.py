"""The review before finalising: every answer and non-response, read-only, then Finalise."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
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
from interview_app.ui.answer_text import answer_parts
from interview_app.ui.error_text import error_text
from interview_app.ui.formatting import number
from interview_app.ui.prompt_panel import ScaledLabel
from interview_app.ui.widgets import PlainLabel

REF_ROLE = Qt.ItemDataRole.UserRole
TEXT_MARGIN = 8


def runs_right_to_left(text: str) -> bool | None:
    """The direction of the first strongly directional character; None when there is none."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's width: the view itself measures a
    row as if its text never wrapped, which would cut a narrative to its first lines."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        # Each text in its own direction: an English answer in an Arabic interface keeps its
        # full stop at the end, an Arabic one in an English interface starts on the right.
        rtl = runs_right_to_left(option.text)
        if rtl is not None:
            option.direction = (
                Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
            )

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text or index.column() > 1:
            return hint  # the remark column is as wide as its text: nothing wraps there
        width = self._tree.header().sectionSize(index.column()) - TEXT_MARGIN
        if index.column() == 0:
            width -= self._tree.indentation() * 2  # a row's indent and its branch mark
        flags = int(Qt.TextFlag.TextWordWrap)
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 40), 1 << 20), flags, text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + 2))


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
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # Whole questions and answers, wrapped: an elided answer could hide what matters.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Row heights are measured at the column widths of the moment: measure again after a
        # resize, or a long narrative would be cut to the height it had in a narrow window.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(lambda *_args: self._relayout.start())
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
        self.tree.expandAll()  # expanding works only once rows are in the tree
        self._show_status()

    def _row(self, state: ItemState) -> QTreeWidgetItem | None:
        if not state.visible and state.answer is None:
            return None  # never asked because an earlier answer made it not apply
        item = self.session.text.interface.item(state.ref.question_id)
        question = item.prompt
        if state.ref.instance is not None:
            prompt = self.session.prompt(state.ref)
            label = prompt.instance_label if prompt is not None else None
            entry = _("entry {number}").format(number=number(state.ref.instance))
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
        first, *more = answer_parts(item, state.answer)
        row = QTreeWidgetItem([question, first, remark])
        row.setData(0, REF_ROLE, state.ref)
        for text in more:  # a translation, under the words as said
            row.addChild(QTreeWidgetItem(["", text, ""]))
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
                ).format(count=number(open_count))
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
            ).format(count=number(open_count))
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
            self.status.setText(error_text(error))
            return
        self.refresh()
        self.finalised.emit(fingerprint)

    def open_addendum(self) -> None:
        try:
            addendum = self.session.open_addendum()
        except StorageError as error:
            self.status.setText(error_text(error))
            return
        self.addendum_opened.emit(addendum.id)
