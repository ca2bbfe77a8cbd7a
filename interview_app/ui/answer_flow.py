"""Turns the interviewer's intents on one item into session operations, asking why if needed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from interview_app.domain.indicators import IndicatorCatalogue
from interview_app.domain.model import Answer, ItemKind, ItemRef, NonResponse
from interview_app.errors import AnswerError, NavigationError, StorageError
from interview_app.i18n import _
from interview_app.interview_session import InterviewSession
from interview_app.interview_text import Prompt
from interview_app.ui.answer_text import non_response_names
from interview_app.ui.answer_widgets import AnswerWidget
from interview_app.ui.error_text import error_text
from interview_app.ui.observation_dialog import ObservationDialog
from interview_app.ui.reason_dialog import ReasonDialog


class AnswerFlow(QObject):
    """The write path of the interview view: each intent becomes one session operation.

    ``changed`` follows every operation that succeeded (the view redraws from the session);
    ``hint(str)`` explains a refusal in words; ``failed(str)`` reports a write the vault could
    not make (nothing was recorded and the interview did not move); ``unsaved`` asks the view
    to show the item as recorded again (a tick not saved, a change not confirmed).
    """

    changed = Signal()
    hint = Signal(str)
    failed = Signal(str)
    unsaved = Signal()

    def __init__(
        self,
        session: InterviewSession,
        dialogs_parent: QWidget,
        catalogue: IndicatorCatalogue | None = None,
    ) -> None:
        super().__init__(dialogs_parent)
        self.session = session
        self.catalogue = catalogue
        self._parent = dialogs_parent
        self.prompt: Prompt | None = None
        self.widget: AnswerWidget | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.observation_dialog: ObservationDialog | None = None

    def show_item(self, prompt: Prompt | None, widget: AnswerWidget | None) -> None:
        self.prompt, self.widget = prompt, widget

    def attempt(self, operation: Callable[[], object]) -> bool:
        """Run one session operation; on success the view redraws, else it hears why."""
        try:
            operation()
        except AnswerError as error:
            self.hint.emit(error_text(error))
            return False
        except NavigationError:
            self.hint.emit(self._why_blocked())
            return False
        except StorageError as error:
            self.failed.emit(error_text(error))
            self.unsaved.emit()
            return False
        self.changed.emit()
        return True

    def _why_blocked(self) -> str:
        gate = self.session.blocking_gate()
        if gate is None:
            return _("There is nothing to ask there now.")
        prompt = self.session.text.interface.item(gate.question_id).prompt
        return _("This opens once every point of this step is confirmed: {prompt}").format(
            prompt=prompt
        )

    def _with_reason(
        self, ref: ItemRef, then: Callable[[str | None], object], changed: bool
    ) -> None:
        """Run ``then`` at once for a new answer, or after asking why an answer changes."""
        if not changed:
            self.attempt(lambda: then(None))
            return
        question = self.session.text.interface.item(ref.question_id).prompt
        dialog = ReasonDialog(question, self._parent)
        dialog.accepted.connect(lambda: self.attempt(lambda: then(dialog.reason())))
        dialog.rejected.connect(self.unsaved)
        dialog.finished.connect(dialog.deleteLater)
        self.reason_dialog = dialog
        dialog.open()

    def _changes(self, answer: Answer) -> bool:
        return self.session.needs_reason(answer.ref) and not self.session.is_unchanged(
            answer.ref, answer
        )

    def submit(self) -> None:
        """Next: record what the answer widget holds (or move on from a gate or a group)."""
        prompt, widget = self.prompt, self.widget
        if prompt is None or widget is None:
            return
        ref, kind = prompt.ref, prompt.item.kind
        if kind is ItemKind.GATE:
            if self.session.gate_is_complete(ref):
                self.attempt(self.session.resume)
            else:
                self.hint.emit(_("Confirm every point before going on, or record that the "
                                 "person declined."))
        elif kind is ItemKind.REPEAT:
            self.attempt(lambda: self.session.finish_group(prompt.item.id))
        elif (value := widget.value()) is None:
            self.hint.emit(
                _("Enter the answer, or choose a button such as 'Declined' or 'Don't know'.")
            )
        else:
            extras = widget.extras()

            def save(reason: str | None) -> object:
                return self.session.answer(
                    ref, value, text=extras.text, translation=extras.translation,
                    translated_by=extras.translated_by, reason=reason,
                )

            self._with_reason(ref, save, self._changes(Answer(ref, value)))

    def record_non_response(self, kind: NonResponse) -> None:
        if self.prompt is None:
            return
        ref = self.prompt.ref
        if kind not in self.session.allowed_non_responses(ref):
            self.hint.emit(_("'{choice}' is not offered for this question.")
                           .format(choice=non_response_names()[kind]))
            return
        self._with_reason(
            ref, lambda reason: self.session.non_response(ref, kind, reason=reason),
            self._changes(Answer(ref, non_response=kind)),
        )

    def gate_toggled(self, entry_id: str, ticked: bool) -> None:
        if self.prompt is None:
            return
        ref = self.prompt.ref
        if ticked:
            self.attempt(lambda: self.session.confirm_gate_entry(ref, entry_id))
        else:
            self._with_reason(ref, lambda reason: self.session.withdraw_gate_entry(
                ref, entry_id, reason or ""), changed=True)

    def add_instance(self, label: str) -> None:
        if self.prompt is not None:
            group = self.prompt.item.id
            self.attempt(lambda: self.session.add_instance(group, label))

    def remove_instance(self, number: int) -> None:
        if self.prompt is not None:
            group = self.prompt.item.id
            self._with_reason(self.prompt.ref, lambda reason: self.session.remove_instance(
                group, number, reason or ""), changed=True)

    def open_observation(self) -> None:
        ref = self.prompt.ref if self.prompt is not None else None
        dialog = ObservationDialog(self._indicators(ref), self._parent)
        dialog.accepted.connect(lambda: self._save_observation(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.observation_dialog = dialog
        dialog.open()

    def _indicators(self, ref: ItemRef | None) -> list[tuple[str, str]]:
        """The script's indicators (this item's first), then the rest of the catalogue."""
        ids = self.session.indicator_ids(ref)
        if self.catalogue is not None:
            ids += [i.id for g in self.catalogue.groups for i in g.indicators]
        catalogue = self.catalogue
        return [
            (i, catalogue.indicator(i).label if catalogue and catalogue.has(i) else "")
            for i in dict.fromkeys(ids)
        ]

    def _save_observation(self, dialog: ObservationDialog) -> None:
        source = dialog.source()
        if source is None:
            return
        indicator, note = dialog.indicator(), dialog.note()
        if self.attempt(lambda: self.session.record_observation(indicator, source, note)):
            self.hint.emit(_("Observation saved."))
