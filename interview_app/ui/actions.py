"""The shell's QActions, each with its shortcut from :mod:`shortcuts`, and the commands they run.

Widgets emit intents; what changes the vault goes through a command here, so the write paths
of the shell can be read in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from interview_app.i18n import _
from interview_app.ui.shortcuts import Shortcut

if TYPE_CHECKING:
    from interview_app.session_plan import SessionPlan
    from interview_app.storage.repository import Case, Repository, Session


def make_action(
    parent: QObject, text: str, shortcut: Shortcut, tip: str = "", *, everywhere: bool = False
) -> QAction:
    """An action whose shortcut is a :class:`Shortcut` member, shown in its tooltip."""
    action = QAction(text, parent)
    action.setShortcut(shortcut.sequence)
    action.setToolTip(f"{tip or text} ({shortcut.sequence.toString()})")
    if everywhere:
        # Works from every window of the app, the interviewee's too.
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    return action


class ShellActions:
    """The actions of the main window; the ones that need an unlocked vault follow its state."""

    def __init__(self, parent: QWidget) -> None:
        self.quick_hide = make_action(
            parent, _("Hide"), Shortcut.QUICK_HIDE,
            _("Hide every window at once and lock the vault; press the key again to return"),
            everywhere=True,
        )
        self.lock = make_action(parent, _("Lock"), Shortcut.LOCK, _("Lock the vault"))
        self.cases = make_action(parent, _("Cases"), Shortcut.CASE_LIST, _("Back to the cases"))
        self.new_case = make_action(parent, _("New case"), Shortcut.NEW_CASE)
        self.find_case = make_action(parent, _("Find a case"), Shortcut.FIND_CASE)
        self.zoom_in = make_action(parent, _("Larger text"), Shortcut.ZOOM_IN)
        self.zoom_out = make_action(parent, _("Smaller text"), Shortcut.ZOOM_OUT)
        self.zoom_reset = make_action(parent, _("Normal text size"), Shortcut.ZOOM_RESET)
        self.settings = make_action(parent, _("Settings"), Shortcut.SETTINGS)
        for action in self.all():
            parent.addAction(action)  # shortcuts work even where no toolbar shows the action
        self.set_unlocked(False)

    def all(self) -> list[QAction]:
        return [
            self.quick_hide, self.lock, self.cases, self.new_case, self.find_case,
            self.zoom_in, self.zoom_out, self.zoom_reset, self.settings,
        ]

    def set_unlocked(self, unlocked: bool) -> None:
        for action in (self.lock, self.cases, self.new_case, self.find_case):
            action.setEnabled(unlocked)


# -- commands ----------------------------------------------------------------------------------


def create_case(repository: Repository, pseudonym: str) -> Case:
    """A new case with a generated code; the pseudonym is optional and never a real name."""
    return repository.create_case(" ".join(pseudonym.split()))


def start_session(repository: Repository, plan: SessionPlan) -> Session:
    # Deferred: the unlock window is built from this module before any storage code loads.
    from interview_app import session_plan  # noqa: PLC0415

    return session_plan.start(repository, plan)
