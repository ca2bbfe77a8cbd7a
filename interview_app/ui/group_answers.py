"""Answers that are lists of steps: a gate's checklist and a repeat group's instances."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.domain.answer_validation import Instance
from interview_app.domain.model import Answer, JsonValue
from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.answer_widgets import AnswerWidget
from interview_app.ui.widgets import PlainLabel

NUMBER_ROLE = Qt.ItemDataRole.UserRole


class GateAnswer(AnswerWidget):
    """A checklist: each entry is read to the person and ticked once done; each tick is saved.

    The widget only reports ticks (``entry_toggled``); the view records them, so a tick that
    could not be saved is shown unticked again when the item is redrawn.
    """

    entry_toggled = Signal(str, bool)

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth)
        self.boxes: dict[str, QCheckBox] = {}
        for entry, spoken in zip(prompt.item.checklist, prompt.spoken.checklist, strict=True):
            box = QCheckBox(spoken.text)
            box.setAccessibleName(entry.text)
            self.boxes[entry.id] = box
            layout.addWidget(box)
            echo = self.echo(spoken.text, entry.text, indent + 8)
            if echo is not None:
                layout.addWidget(echo)
            box.toggled.connect(lambda on, entry_id=entry.id: self.entry_toggled.emit(entry_id, on))

    def value(self) -> JsonValue | None:
        return None  # recorded tick by tick, never as one value

    def set_answer(self, answer: Answer | None) -> None:
        done = answer.value if answer is not None and isinstance(answer.value, list) else []
        for entry_id, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(entry_id in done)
            box.blockSignals(False)

    def first_input(self) -> QWidget | None:
        unticked = [box for box in self.boxes.values() if not box.isChecked()]
        return unticked[0] if unticked else None


class RepeatAnswer(AnswerWidget):
    """The instances of a repeat group (each place, each person), to add to or remove from.

    Adding asks for a short label; the group's questions then follow for that instance.
    """

    add_requested = Signal(str)
    remove_requested = Signal(int)

    def __init__(
        self,
        prompt: Prompt,
        rtl: bool,
        instances: tuple[Instance, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(prompt, rtl, parent)
        self.unsetLayoutDirection()  # the interviewer's list: labels keep their own direction
        item, spoken = prompt.item, prompt.spoken
        self.list = QListWidget()
        self.list.setAccessibleName(_("Entries so far"))
        for instance in instances:
            entry = QListWidgetItem(f"{instance.number}. {instance.label}")
            entry.setData(NUMBER_ROLE, instance.number)
            self.list.addItem(entry)
        self.list.setMaximumHeight(self.fontMetrics().height() * 8)
        self.label = QLineEdit()
        caption = spoken.instance_label or _("A short name for this entry")
        self.label.setPlaceholderText(caption)
        self.label.setAccessibleName(caption)
        self.add = QPushButton(_("Add"))
        self.remove = QPushButton(_("Remove the selected entry"))
        self.remove.setEnabled(False)
        full = item.maximum is not None and len(instances) >= item.maximum
        self.label.setEnabled(not full)
        self.add.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(PlainLabel(
            _("Entries so far: {count}").format(count=len(instances)) if instances
            else _("No entries yet.")
        ))
        layout.addWidget(self.list)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeading)
        if spoken.instance_label:
            layout.addWidget(PlainLabel(spoken.instance_label))
            echo = self.echo(spoken.instance_label, item.instance_label)
            if echo is not None:
                layout.addWidget(echo)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.add)
        layout.addLayout(row)
        hint = _("When there are no more, go on with Next.")
        if full:
            hint = _("This list is full; go on with Next.")
        layout.addWidget(PlainLabel(hint))

        self.label.textChanged.connect(lambda text: self.add.setEnabled(bool(text.strip())))
        self.label.returnPressed.connect(self._add)
        self.add.clicked.connect(self._add)
        self.list.currentItemChanged.connect(
            lambda current, _old: self.remove.setEnabled(current is not None)
        )
        self.remove.clicked.connect(self._remove)

    def _add(self) -> None:
        if self.label.text().strip() and self.label.isEnabled():
            self.add_requested.emit(self.label.text().strip())

    def _remove(self) -> None:
        current = self.list.currentItem()
        if current is not None:
            self.remove_requested.emit(int(current.data(NUMBER_ROLE)))

    def value(self) -> JsonValue | None:
        return None  # instances are added and removed one by one

    def first_input(self) -> QWidget | None:
        return self.label if self.label.isEnabled() else None
