"""The shell: start pages, the pages of an unlocked vault, lock, quick-hide and text size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from interview_app.i18n import _
from interview_app.script_shelf import ScriptShelf
from interview_app.session_plan import SessionPlan
from interview_app.storage.kdf import KdfParams
from interview_app.storage.unlocked import Vault
from interview_app.ui import actions, fonts
from interview_app.ui.case_list import CaseListView
from interview_app.ui.case_page import CasePage
from interview_app.ui.idle_lock import IdleLock
from interview_app.ui.quick_hide import NeutralScreen, hide_windows
from interview_app.ui.session_setup import SessionSetupView
from interview_app.ui.settings import Settings
from interview_app.ui.start_flow import StartFlow
from interview_app.ui.widgets import PlainLabel

ZOOM_STEP = 1.1


@dataclass(frozen=True)
class ShellConfig:
    """What the composition root hands the window; tests pass temporary folders and tiny KDFs."""

    vault_dir: Path
    training_dir: Path
    forms_dir: Path
    settings: Settings
    translations_dir: Path | None = None
    kdf: KdfParams | None = None  # None: calibrated on this machine when a vault is made
    today: Callable[[], dt.date] = field(default=dt.date.today)


@dataclass
class _Resume:
    """Where the work was when the vault locked: ids only, never content."""

    user: str
    case_id: int | None = None
    session_id: int | None = None
    page: str = "cases"


class MainWindow(QMainWindow):
    vault_opened = Signal()
    vault_locked = Signal()

    def __init__(self, config: ShellConfig, idle: IdleLock | None = None) -> None:
        super().__init__()
        self.config = config
        self.setWindowTitle(_("Interview assistant"))
        self.resize(1100, 760)
        self.vault: Vault | None = None
        self.shelf = ScriptShelf.load(config.forms_dir)
        self._resume: _Resume | None = None
        self.idle = idle
        if idle is not None:
            idle.timed_out.connect(self.lock)

        self.shell_actions = actions.ShellActions(self)
        self.addToolBar(self._toolbar())
        self.training_banner = PlainLabel(
            _("TRAINING VAULT: fictional cases for practice only. Never record a real person here.")
        )
        self.training_banner.setObjectName("TrainingBanner")
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.hide()
        self.pages = QStackedWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.training_banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.start = StartFlow(config, self.pages)
        self.start.opened.connect(self._vault_opened)
        self.neutral = NeutralScreen()
        self.neutral.return_requested.connect(self._return_from_neutral)
        # Pages that show vault content: made on unlock, destroyed on lock.
        self.case_list: CaseListView | None = None
        self.case_page: CasePage | None = None
        self.session_setup: SessionSetupView | None = None
        self.session_page: QWidget | None = None

        self._connect_actions()
        self._scale = config.settings.text_scale
        self.start.show_start()

    def _toolbar(self) -> QToolBar:
        toolbar = QToolBar(_("Main"))
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        shell = self.shell_actions
        for group in ((shell.quick_hide, shell.lock), (shell.cases, shell.new_case),
                      (shell.zoom_out, shell.zoom_in)):
            toolbar.addActions(list(group))
            toolbar.addSeparator()
        return toolbar

    def _connect_actions(self) -> None:
        shell = self.shell_actions
        shell.quick_hide.triggered.connect(self.quick_hide)
        shell.lock.triggered.connect(self.lock)
        shell.cases.triggered.connect(self.show_cases)
        shell.new_case.triggered.connect(self.new_case)
        shell.find_case.triggered.connect(self.show_cases)
        shell.zoom_in.triggered.connect(lambda: self.set_text_scale(self._scale * ZOOM_STEP))
        shell.zoom_out.triggered.connect(lambda: self.set_text_scale(self._scale / ZOOM_STEP))
        shell.zoom_reset.triggered.connect(lambda: self.set_text_scale(1.0))

    # -- the vault ---------------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self.vault is not None and not self.vault.is_locked

    def _vault_opened(self, vault: Vault) -> None:
        self.vault = vault
        self.training_banner.setVisible(vault.is_training)
        self.shell_actions.set_unlocked(True)
        if self.idle is not None:
            self.idle.arm()
        resume, self._resume = self._resume, None
        self.vault_opened.emit()
        if resume is not None and resume.user == vault.user.name:
            self._resume_at(resume)
        else:
            self.show_cases()

    def _resume_at(self, resume: _Resume) -> None:
        if resume.session_id is not None and resume.page == "session":
            self.open_session(resume.session_id)
        elif resume.case_id is not None:
            self.open_case(resume.case_id)
        else:
            self.show_cases()

    def lock(self) -> None:
        """Close the vault and drop every page that showed its content; back to unlock."""
        if self.vault is None:
            return
        vault, self.vault = self.vault, None
        self._resume = self._where_we_are(vault.user.name)
        self._drop_workspace()
        vault.lock()
        if self.idle is not None:
            self.idle.disarm()
        self.shell_actions.set_unlocked(False)
        self.training_banner.hide()
        self.start.show_unlock(user=self._resume.user, training=vault.is_training)
        self.vault_locked.emit()

    def quick_hide(self) -> None:
        """Every window gives way to the neutral screen at once; then the vault locks."""
        if self.neutral.isVisible():
            self._return_from_neutral()
            return
        hide_windows(keep=self.neutral)
        self.neutral.cover(self)
        self.lock()

    def _return_from_neutral(self) -> None:
        self.neutral.hide()
        self.show()
        self.activateWindow()
        self.start.focus()

    def _where_we_are(self, user: str) -> _Resume:
        page = self.pages.currentWidget()
        if page is not None and page is self.session_page:
            session_id = getattr(page, "session_id", None)
            return _Resume(user, page="session", session_id=session_id)
        if page is not None and page in (self.case_page, self.session_setup):
            return _Resume(user, case_id=getattr(page, "case_id", None), page="case")
        return _Resume(user)

    def _drop_workspace(self) -> None:
        for name in ("case_list", "case_page", "session_setup", "session_page"):
            self._drop(name)

    def _drop(self, name: str) -> None:
        page: QWidget | None = getattr(self, name)
        if page is not None:
            self.pages.removeWidget(page)
            page.deleteLater()
            setattr(self, name, None)

    def _show(self, page: QWidget) -> None:
        if self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)

    # -- pages of an unlocked vault ----------------------------------------------------------

    def _live_vault(self) -> Vault:
        if self.vault is None:
            raise RuntimeError("no vault is open")
        return self.vault

    def show_cases(self) -> None:
        vault = self._live_vault()
        if self.case_list is None:
            self.case_list = CaseListView(vault.repository)
            self.case_list.case_chosen.connect(self.open_case)
            self.case_list.new_case_requested.connect(self.new_case)
        else:
            self.case_list.refresh()
        for name in ("case_page", "session_setup", "session_page"):
            self._drop(name)
        self._show(self.case_list)
        self.case_list.focus_search()

    def new_case(self) -> None:
        vault = self._live_vault()
        pseudonym, accepted = QInputDialog.getText(
            self, _("New case"),
            _("A pseudonym for the case (optional; never the person's real name):"),
            QLineEdit.EchoMode.Normal,
        )
        if accepted:
            case = actions.create_case(vault.repository, pseudonym)
            self.open_case(case.id)

    def open_case(self, case_id: int) -> None:
        vault = self._live_vault()
        for name in ("case_page", "session_setup", "session_page"):
            self._drop(name)
        self.case_page = CasePage(vault.repository, self.shelf, case_id, self.config.today())
        self.case_page.back_requested.connect(self.show_cases)
        self.case_page.new_session_requested.connect(self.set_up_session)
        self.case_page.session_chosen.connect(self.open_session)
        self._show(self.case_page)
        self.case_page.new_session_button.setFocus()

    def set_up_session(self, case_id: int) -> None:
        vault = self._live_vault()
        self._drop("session_setup")
        self.session_setup = SessionSetupView(
            self.shelf, case_id, lead=vault.user.name,
            interface_language=self.config.settings.interface_language,
            translations_root=self.config.translations_dir,
        )
        self.session_setup.cancelled.connect(lambda: self.open_case(case_id))
        self.session_setup.start_requested.connect(self._start_session)
        self._show(self.session_setup)
        self.session_setup.script.setFocus()

    def _start_session(self, plan: SessionPlan) -> None:
        session = actions.start_session(self._live_vault().repository, plan)
        self.open_session(session.id)

    def open_session(self, session_id: int) -> None:
        vault = self._live_vault()
        self._drop("session_page")
        self.session_page = session_page(vault, self.shelf, session_id, self.config)
        self._show(self.session_page)

    # -- text size ---------------------------------------------------------------------------

    def set_text_scale(self, scale: float) -> None:
        self._scale = fonts.clamp_scale(scale)
        fonts.apply_scale(self._scale)
        self.config.settings.text_scale = self._scale

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.vault is not None:
            self.lock()
        self.neutral.close()
        super().closeEvent(event)


def session_page(vault: Vault, shelf: ScriptShelf, session_id: int, config: ShellConfig) -> QWidget:
    """The page of one session; the interview view will take this place."""
    page = QWidget()
    page.setProperty("session_id", session_id)
    layout = QVBoxLayout(page)
    layout.addWidget(PlainLabel(_("Session {number} is open.").format(number=session_id)))
    layout.addStretch()
    del vault, shelf, config
    return page
