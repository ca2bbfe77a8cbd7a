"""The shell: the start pages, the workspace of an unlocked vault, lock, quick-hide, text size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from interview_app.i18n import _
from interview_app.ui import actions, fonts
from interview_app.ui.clipboard import ClipboardGuard
from interview_app.ui.idle_lock import IdleLock
from interview_app.ui.quick_hide import NeutralScreen, hide_windows
from interview_app.ui.shell_config import ShellConfig
from interview_app.ui.start_flow import StartFlow
from interview_app.ui.tasks import run_in_background
from interview_app.ui.widgets import InterfaceLabel

if TYPE_CHECKING:
    from interview_app.domain.model import ItemRef
    from interview_app.script_shelf import ScriptShelf
    from interview_app.storage.unlocked import Vault
    from interview_app.ui.case_list import CaseListView
    from interview_app.ui.case_page import CasePage
    from interview_app.ui.interview_view import InterviewView
    from interview_app.ui.review_view import ReviewView
    from interview_app.ui.session_setup import SessionSetupView
    from interview_app.ui.workspace import Resume, Workspace

__all__ = ["MainWindow", "ShellConfig"]

ZOOM_STEP = 1.1
WARM_UP_DELAY_MS = 300


def _load_workspace(config: ShellConfig) -> ScriptShelf:
    """On the worker thread while the person types: the modules and scripts an unlocked vault
    needs, so the unlock window shows without waiting for them."""
    from interview_app.script_shelf import ScriptShelf  # noqa: PLC0415 -- deferred on purpose
    from interview_app.ui import workspace  # noqa: F401, PLC0415 -- imported to warm it

    return ScriptShelf.load(config.forms_dir)


class MainWindow(QMainWindow):
    vault_opened = Signal()
    vault_locked = Signal()

    def __init__(
        self,
        config: ShellConfig,
        idle: IdleLock | None = None,
        clipboard: ClipboardGuard | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.clipboard = clipboard
        self.setWindowTitle(_("Interview assistant"))
        self.resize(1100, 760)
        self.vault: Vault | None = None
        self.workspace: Workspace | None = None
        self._shelf: ScriptShelf | None = None
        self._resume: Resume | None = None
        self.idle = idle
        if idle is not None:
            idle.timed_out.connect(self.lock)

        self.shell_actions = actions.ShellActions(self)
        self.addToolBar(self._toolbar())
        self.training_banner = InterfaceLabel(
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
        self._connect_actions()
        self._scale = config.settings.text_scale
        self.start.show_start()
        self._warmed = False
        self.settings_dialog: QDialog | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            # After the first paint, not during it: the imports would hold the interpreter
            # while the window draws. Queued on the one worker thread, so an unlock asked for
            # later waits for it; one asked for sooner finds the shelf loaded on demand.
            QTimer.singleShot(WARM_UP_DELAY_MS, lambda: run_in_background(
                lambda: _load_workspace(self.config), self._shelf_loaded, self._no_shelf))

    def _toolbar(self) -> QToolBar:
        toolbar = QToolBar(_("Main"))
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        shell = self.shell_actions
        for group in ((shell.quick_hide, shell.lock), (shell.cases, shell.new_case),
                      (shell.zoom_out, shell.zoom_in, shell.settings)):
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
        shell.settings.triggered.connect(self.open_settings)

    def _shelf_loaded(self, shelf: ScriptShelf) -> None:
        self._shelf = shelf

    def _no_shelf(self, error: Exception) -> None:
        raise error  # a bug, not a user's mistake: broken scripts are reported, not raised

    @property
    def shelf(self) -> ScriptShelf:
        if self._shelf is None:
            self._shelf = _load_workspace(self.config)
        return self._shelf

    # -- the vault ---------------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self.vault is not None and not self.vault.is_locked

    def _vault_opened(self, vault: Vault) -> None:
        from interview_app.ui.workspace import Workspace  # noqa: PLC0415 -- warmed above

        self.vault = vault
        self.workspace = Workspace(self, self.pages, vault, self.config, self.shelf)
        self.training_banner.setVisible(vault.is_training)
        self.shell_actions.set_unlocked(True)
        if self.idle is not None:
            self.idle.arm()
        if self.clipboard is not None:
            self.clipboard.guard()
        resume, self._resume = self._resume, None
        self.vault_opened.emit()
        if not self.is_unlocked:  # locked again at once: another instance has this vault
            return
        if resume is not None and resume.user == vault.user.name:
            self.workspace.resume_at(resume)
        else:
            self.workspace.show_cases()

    def lock(self) -> None:
        """Close the vault and drop every page that showed its content; back to unlock."""
        vault, workspace = self.vault, self.workspace
        if vault is None or workspace is None:
            return
        self.vault = self.workspace = None
        self._resume = workspace.where_we_are()
        workspace.close()
        workspace.deleteLater()
        vault.lock()
        if self.idle is not None:
            self.idle.disarm()
        if self.clipboard is not None:
            self.clipboard.relax()
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

    # -- the workspace's pages, for actions and tests ----------------------------------------

    def _live(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("no vault is open")
        return self.workspace

    @property
    def case_list(self) -> CaseListView | None:
        return None if self.workspace is None else self.workspace.case_list

    @property
    def case_page(self) -> CasePage | None:
        return None if self.workspace is None else self.workspace.case_page

    @property
    def session_setup(self) -> SessionSetupView | None:
        return None if self.workspace is None else self.workspace.session_setup

    @property
    def session_page(self) -> InterviewView | None:
        return None if self.workspace is None else self.workspace.session_page

    @property
    def review_page(self) -> ReviewView | None:
        return None if self.workspace is None else self.workspace.review_page

    def show_cases(self) -> None:
        self._live().show_cases()

    def new_case(self) -> None:
        self._live().new_case()

    def open_case(self, case_id: int) -> None:
        self._live().open_case(case_id)

    def set_up_session(self, case_id: int) -> None:
        self._live().set_up_session(case_id)

    def open_session(self, session_id: int, at: ItemRef | None = None) -> None:
        self._live().open_session(session_id, at)

    def open_review(self, session_id: int) -> None:
        self._live().open_review(session_id)

    # -- preferences -------------------------------------------------------------------------

    def open_settings(self) -> None:
        from interview_app.ui.settings_dialog import SettingsDialog  # noqa: PLC0415 -- rarely used

        self.settings_dialog = SettingsDialog(self.config.settings, self)
        self.settings_dialog.accepted.connect(self._settings_changed)
        self.settings_dialog.open()

    def _settings_changed(self) -> None:
        if self.idle is not None:
            self.idle.set_minutes(self.config.settings.idle_minutes)

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
