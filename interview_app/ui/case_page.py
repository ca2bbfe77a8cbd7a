"""One case: what is already recorded, its sessions, consents and referrals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.case_overview import CaseOverview, case_overview
from interview_app.domain.model import ConsentPurpose
from interview_app.i18n import _
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.repository import (
    Consent,
    ConsentStatus,
    Referral,
    ReferralStatus,
    Repository,
    Session,
)
from interview_app.ui.formatting import date_text, number
from interview_app.ui.places import place_text
from interview_app.ui.shortcuts import Shortcut
from interview_app.ui.widgets import Heading, InterfaceLabel

if TYPE_CHECKING:
    from interview_app.ui.export_dialog import ExportDialog

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole


def session_line(session: Session, shelf: ScriptShelf) -> str:
    form = shelf.get(session.form_id)
    title = form.title if form is not None else session.form_id
    state = (
        _("finalised {date}").format(date=date_text(session.finalised_at))
        if session.finalised_at
        else _("open")
    )
    place = place_text(session.place, session.place_detail)
    return "  ·  ".join([
        _("Session {number}").format(number=number(session.id)),
        title,
        f"{session.interview_language} / {session.interface_language}",
        _("started {date}").format(date=date_text(session.started_at)),
        *([] if place is None else [f"\u2068{place}\u2069"]),  # its own direction
        state,
    ])


def status_name(status: ConsentStatus | ReferralStatus) -> str:
    names = {
        ConsentStatus.GIVEN: _("given"),
        ConsentStatus.REFUSED: _("refused"),
        ConsentStatus.WITHDRAWN: _("withdrawn"),
        ReferralStatus.SENT: _("sent"),
        ReferralStatus.ACKNOWLEDGED: _("acknowledged"),
        ReferralStatus.CLOSED: _("closed"),
    }
    return names[status]


def purpose_names() -> dict[str, str]:
    return {
        ConsentPurpose.INTERVIEW: _("This interview"),
        ConsentPurpose.KEEP_RECORD: _("Keeping a record"),
        ConsentPurpose.SHARE_SHELTER: _("Sharing with a shelter"),
        ConsentPurpose.SHARE_MEDICAL: _("Sharing with a doctor or clinic"),
        ConsentPurpose.SHARE_LEGAL_AID: _("Sharing with a legal adviser"),
        ConsentPurpose.SHARE_CHILD_PROTECTION: _("Sharing with child protection"),
        ConsentPurpose.SHARE_COORDINATOR: _("Sharing with the anti-trafficking coordinator"),
        ConsentPurpose.SHARE_POLICE: _("Sharing with the police or prosecutor"),
        ConsentPurpose.SHARE_LABOUR_INSPECTORATE: _("Sharing with the labour inspectorate"),
        ConsentPurpose.SHARE_RETURN_PROGRAMME: _("Sharing with a safe return programme"),
        ConsentPurpose.CONTACT_ORIGIN_COUNTRY: _("Contact with the country of origin"),
    }


def consent_line(consent: Consent) -> str:
    """One current decision: its purpose in words (a purpose this version does not know as
    stored, with its recipient), the decision and its date."""
    what = purpose_names().get(consent.purpose)
    if what is None:
        what = consent.purpose
        if consent.recipient is not None:
            what = f"{what} → {consent.recipient}"
    return f"{what}: {status_name(consent.status)} ({date_text(consent.given_at)})"


def _list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    return widget


class CasePage(QWidget):
    session_chosen = Signal(int)
    new_session_requested = Signal(int)
    back_requested = Signal()

    def __init__(
        self,
        repository: Repository,
        shelf: ScriptShelf,
        case_id: int,
        today: dt.date,
        parent: QWidget | None = None,
        *,
        training: bool = False,
    ) -> None:
        super().__init__(parent)
        self._training = training
        self._repository = repository
        self._shelf = shelf
        self.case_id = case_id
        self._today = today
        self.heading = Heading()
        self.covered = InterfaceLabel()
        self.covered.setObjectName("CoveredTopics")
        self.covered.setAccessibleName(_("Already recorded"))
        self.sessions = _list(_("Sessions"))
        self.consents = _list(_("Consents"))
        self.referrals = _list(_("Referrals"))
        self.new_session_button = QPushButton(_("New session"))
        self.new_session_button.setShortcut(Shortcut.NEW_SESSION.sequence)
        self.new_session_button.setToolTip(Shortcut.NEW_SESSION.sequence.toString())
        self.open_session_button = QPushButton(_("Open session"))
        self.back_button = QPushButton(_("All cases"))
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setShortcut(Shortcut.EXPORT.sequence)
        self.export_button.setToolTip(Shortcut.EXPORT.sequence.toString())

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_session_button)
        buttons.addWidget(self.open_session_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch()
        buttons.addWidget(self.back_button)
        grid = QGridLayout()
        grid.addWidget(InterfaceLabel(_("Sessions")), 0, 0, 1, 2)
        grid.addWidget(self.sessions, 1, 0, 1, 2)
        grid.addWidget(InterfaceLabel(_("Consents")), 2, 0)
        grid.addWidget(InterfaceLabel(_("Referrals")), 2, 1)
        grid.addWidget(self.consents, 3, 0)
        grid.addWidget(self.referrals, 3, 1)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.covered)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)

        self.new_session_button.clicked.connect(lambda: self.new_session_requested.emit(case_id))
        self.open_session_button.clicked.connect(self._open_current)
        self.sessions.itemActivated.connect(self._open)
        self.back_button.clicked.connect(self.back_requested)
        self.export_button.clicked.connect(self.open_export)
        self.refresh()

    def refresh(self) -> None:
        self.show_overview(case_overview(self._repository, self.case_id, self._shelf, self._today))

    def show_overview(self, overview: CaseOverview) -> None:
        case = overview.case
        self.heading.setText(f"{case.code}  {case.pseudonym}".strip())
        if overview.covered_topics:
            self.covered.setText(
                _("Already recorded: {topics}. Do not ask about these again.").format(
                    topics=", ".join(overview.covered_topics)
                )
            )
        else:
            self.covered.setText(_("Nothing recorded yet."))
        self.sessions.clear()
        for session in reversed(overview.sessions):  # newest first: usually the one to continue
            entry = QListWidgetItem(session_line(session, self._shelf))
            entry.setData(SESSION_ID_ROLE, session.id)
            self.sessions.addItem(entry)
        if overview.sessions:
            self.sessions.setCurrentRow(0)
        self.open_session_button.setEnabled(bool(overview.sessions))
        self._fill(self.consents, [consent_line(c) for c in overview.consents],
                   _("No consent recorded."))
        self._fill(self.referrals, [self._referral_line(r) for r in overview.referrals],
                   _("No referral made."))

    def _referral_line(self, referral: Referral) -> str:
        recipient = self._repository.directory_entry(referral.recipient).name
        return f"{recipient}: {status_name(referral.status)} ({date_text(referral.status_at)})"

    @staticmethod
    def _fill(widget: QListWidget, lines: list[str], empty: str) -> None:
        widget.clear()
        # A lone sentence is isolated so its full stop stays at its end on a mirrored page.
        widget.addItems(lines or [f"\u2068{empty}\u2069"])
        widget.setEnabled(bool(lines))

    def open_export(self) -> ExportDialog:
        """The export dialog for this case; the referral list shows a new referral after."""
        from interview_app.ui.export_dialog import ExportDialog  # noqa: PLC0415 - loads documents

        dialog = ExportDialog(self._repository, self._shelf, self.case_id, self,
                              training=self._training)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        return dialog

    def _open(self, entry: QListWidgetItem) -> None:
        self.session_chosen.emit(int(entry.data(SESSION_ID_ROLE)))

    def _open_current(self) -> None:
        entry = self.sessions.currentItem()
        if entry is not None:
            self._open(entry)
