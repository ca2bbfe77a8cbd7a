"""The pages of an unlocked vault: cases, a case, session setup, the interview and its review.

Made when a vault opens and dropped, with every page it made, when it locks: nothing that
showed case content outlives the unlock. Loaded only then, so start-up shows the unlock
window without importing the interview.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QStackedWidget, QWidget

from interview_app.domain.model import ItemRef
from interview_app.errors import NavigationError
from interview_app.i18n import _
from interview_app.interview_session import InterviewSession
from interview_app.script_shelf import ScriptShelf
from interview_app.session_plan import SessionPlan
from interview_app.storage.unlocked import Vault
from interview_app.ui import actions
from interview_app.ui.case_list import CaseListView
from interview_app.ui.case_page import CasePage
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.reading_aid import ReadingAid
from interview_app.ui.review_view import ReviewView
from interview_app.ui.session_setup import SessionSetupView
from interview_app.ui.shell_config import ShellConfig

PAGES = ("case_list", "case_page", "session_setup", "session_page", "review_page")


@dataclass(frozen=True)
class Resume:
    """Where the work was when the vault locked: ids only, never content."""

    user: str
    case_id: int | None = None
    session_id: int | None = None
    page: str = "cases"
    item: ItemRef | None = None


class Workspace(QObject):
    """Puts its pages into the window's page stack; the window keeps the start pages."""

    def __init__(
        self,
        window: QWidget,
        pages: QStackedWidget,
        vault: Vault,
        config: ShellConfig,
        shelf: ScriptShelf,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pages = pages
        self.vault = vault
        self.config = config
        self.shelf = shelf
        self.case_list: CaseListView | None = None
        self.case_page: CasePage | None = None
        self.session_setup: SessionSetupView | None = None
        self.session_page: InterviewView | None = None
        self.review_page: ReviewView | None = None

    # -- lock and resume ---------------------------------------------------------------------

    def where_we_are(self) -> Resume:
        user = self.vault.user.name
        page = self._pages.currentWidget()
        if isinstance(page, InterviewView | ReviewView):
            session = page.session
            return Resume(user, case_id=session.case_id, session_id=session.session_id,
                          page="review" if isinstance(page, ReviewView) else "session",
                          item=session.current)
        if isinstance(page, CasePage | SessionSetupView):
            return Resume(user, case_id=page.case_id, page="case")
        return Resume(user)

    def resume_at(self, resume: Resume) -> None:
        if resume.session_id is not None and resume.page in ("session", "review"):
            self.open_session(resume.session_id, at=resume.item)
            if resume.page == "review":
                self.open_review(resume.session_id)
        elif resume.case_id is not None:
            self.open_case(resume.case_id)
        else:
            self.show_cases()

    def close(self) -> None:
        """Hide the interviewee's window and drop every page; the vault is locked after."""
        if self.session_page is not None:
            self.session_page.hide_windows()
        for name in PAGES:
            self._drop(name)

    def _drop(self, name: str) -> None:
        page: QWidget | None = getattr(self, name)
        if page is not None:
            self._pages.removeWidget(page)
            page.deleteLater()
            setattr(self, name, None)

    def _drop_all_but(self, *kept: str) -> None:
        for name in PAGES:
            if name not in kept:
                self._drop(name)

    def _show(self, page: QWidget) -> None:
        if self._pages.indexOf(page) < 0:
            self._pages.addWidget(page)
        self._pages.setCurrentWidget(page)

    # -- cases -------------------------------------------------------------------------------

    def show_cases(self) -> None:
        self._drop_all_but("case_list")
        if self.case_list is None:
            self.case_list = CaseListView(self.vault.repository)
            self.case_list.case_chosen.connect(self.open_case)
            self.case_list.new_case_requested.connect(self.new_case)
        else:
            self.case_list.refresh()
        self._show(self.case_list)
        self.case_list.focus_search()

    def new_case(self) -> None:
        pseudonym, accepted = QInputDialog.getText(
            self._window, _("New case"),
            _("A pseudonym for the case (optional; never the person's real name):"),
            QLineEdit.EchoMode.Normal,
        )
        if accepted:
            case = actions.create_case(self.vault.repository, pseudonym)
            self.open_case(case.id)

    def open_case(self, case_id: int) -> None:
        self._drop_all_but("case_list")
        self.case_page = CasePage(self.vault.repository, self.shelf, case_id, self.config.today(),
                                  training=self.vault.is_training)
        self.case_page.back_requested.connect(self.show_cases)
        self.case_page.new_session_requested.connect(self.set_up_session)
        self.case_page.session_chosen.connect(self.open_session)
        self._show(self.case_page)
        self.case_page.new_session_button.setFocus()

    # -- sessions ----------------------------------------------------------------------------

    def set_up_session(self, case_id: int) -> None:
        self._drop_all_but("case_list", "case_page")
        self.session_setup = SessionSetupView(
            self.shelf, case_id, lead=self.vault.user.name,
            interface_language=self.config.settings.interface_language,
            translations_root=self.config.translations_dir,
        )
        self.session_setup.cancelled.connect(lambda: self.open_case(case_id))
        self.session_setup.start_requested.connect(self._start_session)
        self._show(self.session_setup)
        self.session_setup.script.setFocus()

    def _start_session(self, plan: SessionPlan) -> None:
        session = actions.start_session(self.vault.repository, plan)
        self.open_session(session.id)

    def open_session(self, session_id: int, at: ItemRef | None = None) -> None:
        """The interview of one session, at ``at`` (where it was when the vault locked) or
        where the script says it continues."""
        repository = self.vault.repository
        record = repository.session(session_id)
        form = self.shelf.get(record.form_id)
        if form is None:
            QMessageBox.warning(self._window, _("Script missing"), _(
                "The script of this session is not installed on this computer, so the "
                "session cannot be continued here."))
            return
        session = InterviewSession(repository, session_id, form,
                                   translations_root=self.config.translations_dir)
        if at is not None and at != session.current:
            with contextlib.suppress(NavigationError):
                session.go_to(at)  # the item may have become hidden or blocked meanwhile
        self._drop_all_but("case_list")
        reminder = dt.timedelta(minutes=self.config.settings.break_reminder_minutes)
        view = InterviewView(session, break_reminder=reminder,
                             script_titles={form.id: form.title for form in self.shelf.forms},
                             reading=self.config.settings.reading_aid)
        view.reading_controls.changed.connect(self._keep_reading_aid)
        view.review_requested.connect(lambda: self.open_review(session_id))
        view.finished.connect(lambda: self.open_review(session_id))
        self.session_page = view
        self._show(view)

    def _keep_reading_aid(self, reading: ReadingAid) -> None:
        self.config.settings.reading_aid = reading
        self.config.settings.sync()

    def open_review(self, session_id: int) -> None:
        """The read-only review of the session; the interview stays behind it, where it was."""
        view = self.session_page
        if view is None or view.session.session_id != session_id:
            self.open_session(session_id)
            view = self.session_page
        if view is None:
            return
        self._drop("review_page")
        review = ReviewView(view.session)
        review.back_requested.connect(lambda: self._back_to_interview(view))
        review.change_requested.connect(lambda ref: self._change_answer(view, ref))
        review.finalised.connect(lambda _fingerprint: view.refresh())
        review.addendum_opened.connect(self.open_session)
        self.review_page = review
        self._show(review)

    def _back_to_interview(self, view: InterviewView) -> None:
        self._drop("review_page")
        view.refresh()
        self._show(view)

    def _change_answer(self, view: InterviewView, ref: ItemRef) -> None:
        self._drop("review_page")
        view.go_to(ref)
        self._show(view)
