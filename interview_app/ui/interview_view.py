"""The interview view: the prompt in both languages, its answer, guidance, sections and care."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from interview_app.domain.directory import Directory
from interview_app.domain.indicators import IndicatorCatalogue
from interview_app.domain.model import ItemKind, ItemRef, NonResponse
from interview_app.i18n import _
from interview_app.i18n.locales import is_rtl
from interview_app.interview_session import InterviewSession
from interview_app.interview_text import Prompt
from interview_app.session_time import DEFAULT_BREAK_REMINDER
from interview_app.ui.answer_factory import make_answer_widget
from interview_app.ui.answer_flow import AnswerFlow
from interview_app.ui.answer_text import answer_text
from interview_app.ui.answer_widgets import AnswerWidget
from interview_app.ui.break_screen import BreakScreen
from interview_app.ui.formatting import date_text
from interview_app.ui.group_answers import GateAnswer, RepeatAnswer
from interview_app.ui.guidance_panel import GuidancePanel
from interview_app.ui.interviewee_window import IntervieweeWindow
from interview_app.ui.question_page import NON_RESPONSE_KEYS, QuestionPage, shortcut_text
from interview_app.ui.reading_aid import ReadingAid
from interview_app.ui.reading_controls import ReadingControls
from interview_app.ui.safety_banner import SafetyBanner
from interview_app.ui.section_nav import SectionNavigator
from interview_app.ui.session_bar import SessionBar
from interview_app.ui.shortcuts import Shortcut
from interview_app.ui.stopped_page import StoppedPage
from interview_app.ui.warning_page import WarningPage
from interview_app.ui.widgets import PlainLabel

TICK_MS = 20_000


def reused_text(date: str, script: str) -> str:
    return _(
        "Reused from an earlier session ({date}, {script}). Read it back: Next confirms it; "
        "change it if it is no longer right."
    ).format(date=date_text(date), script=script)


class InterviewView(QWidget):
    """One session's interview, embedded by the shell; every write goes through the session.

    Signals: ``finished`` once nothing is left to ask (time to review), ``review_requested``
    when the interviewer asks for the review, ``break_requested`` when a break has started
    (recorded, break screen shown) and ``break_ended`` when it is over, and
    ``prompt_changed(Prompt | None)`` whenever the item shown changes.

    ``break_reminder`` is the time without a break after which one is suggested;
    ``directory`` gives the emergency contacts the safety prompt lists; ``indicators`` (the
    catalogue) names the indicators an observation may be noted against; ``script_titles``
    (by script id) names the earlier session a reused answer came from; ``reading`` is the
    interviewee screen's text size and line spacing (``reading_controls.changed`` reports a
    change, for the settings).
    """

    finished = Signal()
    review_requested = Signal()
    break_requested = Signal()
    break_ended = Signal()
    prompt_changed = Signal(object)

    def __init__(
        self,
        session: InterviewSession,
        parent: QWidget | None = None,
        *,
        break_reminder: dt.timedelta = DEFAULT_BREAK_REMINDER,
        directory: Directory | None = None,
        indicators: IndicatorCatalogue | None = None,
        script_titles: Mapping[str, str] | None = None,
        reading: ReadingAid | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.directory = directory
        self.script_titles = dict(script_titles or {})
        self.break_reminder = break_reminder
        self.rtl = is_rtl(session.interview_language)
        self.prompt: Prompt | None = None
        self.answer_widget: AnswerWidget | None = None
        self._shown: tuple[object, ...] | None = None
        self._warned: set[str] = set()
        self._warning_key: str | None = None
        self._announced_end = False
        self.flow = AnswerFlow(session, self, indicators)
        self.interviewee_window = IntervieweeWindow(
            self.rtl, self, interface_rtl=session.text.interface_rtl, reading=reading
        )
        self.reading_controls = ReadingControls(self.interviewee_window, self)
        self._build()
        self.bar.add_beside_window_button(self.reading_controls.button)
        self._build_actions()
        self.clock = QTimer(self)
        self.clock.setInterval(TICK_MS)
        self.clock.timeout.connect(self.tick)
        self.clock.start()
        self.refresh()

    def _build(self) -> None:
        self.bar = SessionBar()
        self.nav = SectionNavigator()
        self.guidance = GuidancePanel()
        self.question = QuestionPage(self.rtl)
        self.warning = WarningPage(self.rtl)
        self.stopped = StoppedPage()
        self.error = PlainLabel()
        self.error.setObjectName("interviewError")
        self.error.setStyleSheet("#interviewError { color: palette(highlighted-text);"
                                 " background: palette(highlight); padding: 6px; }")
        self.error.hide()
        self.safety = SafetyBanner(self.directory.emergency_contacts() if self.directory else ())
        self.pages = QStackedWidget()
        for page in (self.question, self.warning, self.stopped):
            self.pages.addWidget(page)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.addWidget(self.safety)
        centre_layout.addWidget(self.error)
        centre_layout.addWidget(self.pages, 1)
        splitter = QSplitter()
        for part in (self.nav, centre, self.guidance):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 700, 260])
        interview = QWidget()
        interview_layout = QVBoxLayout(interview)
        interview_layout.addWidget(self.bar)
        interview_layout.addWidget(splitter, 1)
        self.break_screen = BreakScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(interview)
        self.stack.addWidget(self.break_screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.question.next_clicked.connect(self.submit)
        self.question.back_clicked.connect(self.go_back)
        self.question.non_response_clicked.connect(self.record_non_response)
        self.warning.continue_clicked.connect(self._acknowledge_warning)
        self.stopped.back_clicked.connect(self.go_back)
        self.stopped.review_clicked.connect(self.review_requested)
        self.bar.review_button.clicked.connect(self.review_requested)
        self.bar.break_clicked.connect(self.start_break)
        self.bar.reminder_dismissed.connect(self.session.postpone_break_reminder)
        self.bar.window_button.toggled.connect(self._show_interviewee_window)
        self.break_screen.resume_requested.connect(self.end_break)
        self.nav.section_chosen.connect(self.go_to_section)
        self.guidance.observation_requested.connect(self.open_observation)
        self.flow.changed.connect(self._recorded)
        self.flow.hint.connect(self.question.hint.setText)
        self.flow.failed.connect(self._failed)
        self.flow.unsaved.connect(self._show_recorded)

    def _action(self, shortcut: Shortcut, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setShortcut(shortcut.sequence)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self._action(Shortcut.NEXT, self.submit)
        self._action(Shortcut.BACK, self.go_back)
        self._action(Shortcut.BREAK, self.toggle_break)
        self._action(Shortcut.OBSERVATION, self.open_observation)
        self._action(Shortcut.REVIEW, self.review_requested.emit)
        for kind, shortcut in NON_RESPONSE_KEYS.items():
            self._action(shortcut, partial(self.record_non_response, kind))
        toggle = self._action(Shortcut.INTERVIEWEE_WINDOW, self.bar.window_button.toggle)
        self.interviewee_window.addAction(toggle)  # works from either window
        for button, shortcut in (
            (self.bar.break_button, Shortcut.BREAK), (self.bar.review_button, Shortcut.REVIEW),
            (self.bar.window_button, Shortcut.INTERVIEWEE_WINDOW),
            (self.guidance.observe, Shortcut.OBSERVATION),
        ):
            button.setToolTip(shortcut_text(shortcut))

    # -- showing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what the session says is current; called after every operation."""
        session = self.session
        if session.on_break:
            self.stack.setCurrentWidget(self.break_screen)
            self.prompt_changed.emit(None)
            self.interviewee_window.show_pause()
            self.break_screen.resume.setFocus()
            return
        self.stack.setCurrentIndex(0)
        self.nav.show_sections(session.sections(), session.progress())
        urgent = [session.text.interface.item(r.question_id) for r in session.urgent()]
        self.safety.show_urgent(urgent)
        self.bar.show_time(session.elapsed())
        ref = None if session.is_finalised else session.current
        prompt = None if ref is None else session.prompt(ref)
        if ref is None or prompt is None:
            self._show_stopped()
            return
        self.prompt = prompt
        self.guidance.show_prompt(prompt, session.state(ref).required)
        warning = self._warning(prompt)
        if warning is not None:
            self._warning_key, spoken, interface = warning
            self.warning.show_warning(spoken, interface, prompt.interface_rtl)
            self.pages.setCurrentWidget(self.warning)
            self.prompt_changed.emit(None)
            self.interviewee_window.show_words(spoken, interface)
            return
        self._show_question(prompt)

    def _warning(self, prompt: Prompt) -> tuple[str, str, str] | None:
        for key, spoken, interface in (
            (f"section:{prompt.section.id}", prompt.spoken_section.sensitive,
             prompt.section.sensitive),
            (f"item:{prompt.item.id}", prompt.spoken.sensitive, prompt.item.sensitive),
        ):
            if spoken and interface and key not in self._warned:
                return key, spoken, interface
        return None

    def _acknowledge_warning(self) -> None:
        if self._warning_key is not None:
            self._warned.add(self._warning_key)
            self._warning_key = None
        self.refresh()

    def _show_question(self, prompt: Prompt) -> None:
        answer = self.session.state(prompt.ref).answer
        shown = (prompt.ref, answer, prompt.instance_label)
        recorded = None
        if answer is not None and prompt.item.kind not in (ItemKind.GATE, ItemKind.REPEAT):
            recorded = answer_text(prompt.item, answer)  # a gate or list shows its own
        reused = self.session.reused.get(prompt.ref)
        self.question.show_prompt(
            prompt, self.session.allowed_non_responses(prompt.ref), recorded,
            None if reused is None else reused_text(
                reused.started_on, self.script_titles.get(reused.form_id, reused.form_id)),
        )
        self.pages.setCurrentWidget(self.question)
        self.prompt_changed.emit(prompt)
        self.interviewee_window.show_prompt(prompt)
        if self.answer_widget is not None and shown == self._shown:
            return  # same item, same record (a failed save, a break): keep what was typed
        widget = make_answer_widget(self.session, prompt)
        widget.submitted.connect(self.submit)
        if isinstance(widget, GateAnswer):
            widget.entry_toggled.connect(self.flow.gate_toggled)
        if isinstance(widget, RepeatAnswer):
            widget.add_requested.connect(self.flow.add_instance)
            widget.remove_requested.connect(self.flow.remove_instance)
        self.question.set_answer_widget(widget)
        self.answer_widget = widget
        self.flow.show_item(prompt, widget)
        self._shown = shown

    def _show_stopped(self) -> None:
        self.prompt = self.answer_widget = self._shown = None
        self.flow.show_item(None, None)
        self.guidance.show_prompt(None)
        session = self.session
        gate = session.refused_gate
        if session.is_finalised:
            text = _("This session is finalised. Corrections are made as an addendum.")
        elif gate is not None:
            text = _(
                "The person declined this step, so nothing after it can be asked:\n\n{prompt}"
                "\n\nGo back to change that answer, or review what has been recorded."
            ).format(prompt=session.text.interface.item(gate.question_id).prompt)
        else:
            text = _("Every question has an answer or a recorded reason. Review the answers "
                     "before finalising.")
        self.stopped.show_text(text, not session.is_finalised)
        self.pages.setCurrentWidget(self.stopped)
        self.prompt_changed.emit(None)
        self.interviewee_window.show_prompt(None)
        if session.is_done and not self._announced_end:
            self._announced_end = True
            self.finished.emit()

    def _show_interviewee_window(self, shown: bool) -> None:
        self.interviewee_window.setVisible(shown)
        if shown:
            self.interviewee_window.raise_()

    def tick(self) -> None:
        """Clock and reminder; the clock stands still during breaks because the session does."""
        self.bar.show_time(self.session.elapsed())
        if self.session.break_due(self.break_reminder) and self.bar.reminder.isHidden():
            self.bar.suggest_break(self.break_reminder)

    def hide_windows(self) -> None:
        """For the shell's quick-hide and lock: the interviewee window goes too."""
        self.bar.window_button.setChecked(False)
        self.interviewee_window.hide()

    # -- doing (the write path is the AnswerFlow's) -----------------------------------------

    def _recorded(self) -> None:
        self.error.hide()
        self.question.hint.setText("")
        self.refresh()

    def _failed(self, message: str) -> None:
        # Nothing was recorded and the interview has not moved: say so and stay.
        self.error.setText(message)
        self.error.show()
        self.refresh()

    def _show_recorded(self) -> None:
        """Put a checklist back as recorded after a tick that was not saved."""
        if isinstance(self.answer_widget, GateAnswer) and self.prompt is not None:
            self.answer_widget.set_answer(self.session.state(self.prompt.ref).answer)

    def submit(self) -> None:
        if self.pages.currentWidget() is self.warning:
            self._acknowledge_warning()
        elif self.pages.currentWidget() is self.question:
            self.flow.submit()

    def record_non_response(self, kind: NonResponse) -> None:
        if self.pages.currentWidget() is self.question:
            self.flow.record_non_response(kind)

    def go_back(self) -> None:
        if self.session.is_finalised or self.session.on_break:
            return
        if self.session.back() is None:
            self.question.hint.setText(_("There is no earlier answer to go back to."))
            return
        self.refresh()

    def go_to_section(self, section_id: str) -> None:
        self.flow.attempt(lambda: self.session.go_to_section(section_id))

    def go_to(self, ref: ItemRef) -> None:
        """Show an earlier item to change it (from the review)."""
        self.flow.attempt(lambda: self.session.go_to(ref))

    def open_observation(self) -> None:
        if not self.session.is_finalised:
            self.flow.open_observation()

    def toggle_break(self) -> None:
        if self.session.on_break:
            self.end_break()
        else:
            self.start_break()

    def start_break(self) -> None:
        if self.session.is_finalised or self.session.on_break:
            return
        if self.flow.attempt(self.session.start_break):
            self.bar.reminder.hide()
            self.break_requested.emit()

    def end_break(self) -> None:
        if self.session.on_break and self.flow.attempt(self.session.end_break):
            self.break_ended.emit()
