"""Export one case's documents or data: what, for whom, what is withheld, password, where."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.documents import export_actions as actions
from interview_app.documents import export_jobs
from interview_app.documents.referral_terms import DEFAULT_STAGE, Stage, Urgency, stage_name
from interview_app.documents.referral_terms import urgency_name as urgency_text
from interview_app.errors import InterviewAppError
from interview_app.i18n import _
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.encoding import utc_now
from interview_app.storage.repository import Repository
from interview_app.ui.file_dialogs import forget_visited_folders
from interview_app.ui.tasks import run_in_background
from interview_app.ui.widgets import InterfaceLabel

__all__ = ["ExportDialog", "Kind"]


class Kind(StrEnum):
    STATEMENT = "statement"
    REFERRAL = "referral"
    INTAKE = "intake"
    ANNEX = "annex"
    JSON = "json"
    STATISTICS = "stats"


def kind_names() -> dict[Kind, str]:
    return {
        Kind.STATEMENT: _("Statement (PDF)"),
        Kind.REFERRAL: _("Referral to an organisation (PDF)"),
        Kind.INTAKE: _("Intake record for shelter staff (PDF)"),
        Kind.ANNEX: _("Identity annex, sealed (PDF, always encrypted)"),
        Kind.JSON: _("Case data (JSON)"),
        Kind.STATISTICS: _("Anonymised statistics (CSV and chart PDF)"),
    }


_SUFFIX = {Kind.JSON: ".json", Kind.STATISTICS: ".csv"}


class ExportDialog(QDialog):
    """Runs one export and says in plain words what happened. The vault is read and written
    on the UI thread (where it was opened); the slow part, laying out, painting and encrypting,
    runs on a worker, so the window stays responsive. ``confirm_replace`` asks before an
    existing file is replaced; ``export_done(success)`` fires when an export has ended."""

    export_done = Signal(bool)

    def __init__(
        self,
        repository: Repository,
        shelf: ScriptShelf,
        case_id: int,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        training: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export"))
        self._repository = repository
        self._shelf = shelf
        self.case_id = case_id
        self._clock = clock
        self._training, self.busy = training, False  # busy: a file is being made
        self.confirm_replace: Callable[[Path], bool] = self._ask_replace
        self.kind = QComboBox()
        for kind, name in kind_names().items():
            self.kind.addItem(name, kind.value)
        self.session = QComboBox()
        for session in repository.sessions_for_case(case_id):
            self.session.addItem(_("Session {number}: {script}, {date}").format(
                number=session.id, script=session.form_id, date=session.started_at[:10]),
                session.id)
        self.session.setCurrentIndex(self.session.count() - 1)
        self.recipient = QComboBox()
        for entry in repository.directory():
            self.recipient.addItem(f"{entry.name} ({entry.kind})", entry.id)
        self.audience = QComboBox()
        for value, name in actions.audiences().items():
            self.audience.addItem(name, value)
        self.stage = QComboBox()
        for stage in Stage:
            self.stage.addItem(stage_name(stage), stage.value)
        self.urgency = QComboBox()
        self.urgency.addItem(_("As the answers suggest"), "")
        for urgency in Urgency:
            self.urgency.addItem(urgency_text(urgency), urgency.value)
        self.contact_phone = QLineEdit()
        self.contact_phone.setAccessibleName(_("Your telephone for the recipient"))
        self.withheld = InterfaceLabel()
        self.withheld.setTextFormat(Qt.TextFormat.PlainText)
        self.withheld.setWordWrap(True)
        self.withheld.setObjectName("ExportWithheld")
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for field, name in ((self.password, _("Password")), (self.repeat, _("Repeat it"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.destination = QLineEdit()
        self.destination.setAccessibleName(_("File"))
        self.choose = QPushButton(_("Choose…"))
        self.export_button = QPushButton(_("Export"))
        self.export_button.setDefault(True)
        self.close_button = QPushButton(_("Close"))
        self.status = InterfaceLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setObjectName("ExportStatus")
        self._build()
        self.kind.currentIndexChanged.connect(self._refresh)
        self.recipient.currentIndexChanged.connect(self._refresh)
        self.audience.currentIndexChanged.connect(self._refresh)
        self.choose.clicked.connect(self.choose_destination)
        self.export_button.clicked.connect(self.run_export)
        self.close_button.clicked.connect(self.reject)
        self._refresh()

    def _build(self) -> None:
        self.form = QFormLayout()
        self.form.addRow(_("Document"), self.kind)
        self.form.addRow(_("Session"), self.session)
        self.form.addRow(_("Recipient"), self.recipient)
        self.form.addRow(_("Copy for"), self.audience)
        self.form.addRow(_("Referral stage"), self.stage)
        self.form.addRow(_("Urgency"), self.urgency)
        self.form.addRow(_("Your telephone"), self.contact_phone)
        self.form.addRow(_("Not included"), self.withheld)
        self.form.addRow(_("Password"), self.password)
        self.form.addRow(_("Repeat it"), self.repeat)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.choose)
        self.form.addRow(_("File"), where)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # -- what the form shows ------------------------------------------------------------

    @property
    def current_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    def choose_kind(self, kind: Kind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _show(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    def _refresh(self) -> None:
        kind = self.current_kind
        self._show(self.session, kind in (Kind.STATEMENT, Kind.INTAKE))
        for widget in (self.recipient, self.stage, self.urgency, self.contact_phone):
            self._show(widget, kind is Kind.REFERRAL)
        self._show(self.audience, kind is Kind.JSON)
        self._show(self.withheld, kind in (Kind.REFERRAL, Kind.JSON))
        pdf = kind is not Kind.JSON
        for widget in (self.password, self.repeat):
            self._show(widget, pdf)
        self.password.setPlaceholderText(
            _("required") if kind is Kind.ANNEX else _("optional"))
        if kind is Kind.REFERRAL and self.recipient.count():
            preview = actions.referral_preview(self._repository, self._shelf, self.case_id,
                                               int(self.recipient.currentData()),
                                               self._clock().date())
            self.withheld.setText(preview.text)
            if preview.recipient is not None:
                self.stage.setCurrentIndex(self.stage.findData(
                    DEFAULT_STAGE[preview.recipient].value))
        elif kind is Kind.REFERRAL:
            self.withheld.setText(_("The directory is empty: a supervisor adds organisations."))
        elif kind is Kind.JSON:
            self.withheld.setText(actions.json_preview(
                self._repository, self._shelf, self.case_id, str(self.audience.currentData())))
        self.export_button.setEnabled(kind is not Kind.REFERRAL or self.recipient.count() > 0)

    # -- where it goes ------------------------------------------------------------------

    def choose_destination(self) -> None:
        """A non-native save dialog (the same everywhere, and testable); it does not ask about
        replacing: the export asks, once, right before writing."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Export to"), self.destination.text(),
            options=QFileDialog.Option.DontUseNativeDialog
            | QFileDialog.Option.DontConfirmOverwrite)
        forget_visited_folders()  # Qt wrote the folder's name to its settings file, in clear
        if chosen:
            self.destination.setText(chosen)

    def _ask_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, _("Replace the file?"),
            _("A file with this name already exists. Replace it?\n{path}").format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # -- doing it -----------------------------------------------------------------------

    def run_export(self) -> bool:
        """Start the export the form describes: True when it started (``export_done`` tells
        how it ended), False when it was refused at once; the status line says why."""
        if self.busy:
            return False
        kind = self.current_kind
        text = self.destination.text().strip()
        if not text:
            self.status.setText(_("Choose a file to export to."))
            return False
        path = Path(text).expanduser()
        if kind in _SUFFIX and not path.suffix:
            path = path.with_suffix(_SUFFIX[kind])
        password = self.password.text() if kind is not Kind.JSON else ""
        if password != self.repeat.text() and kind is not Kind.JSON:
            self.status.setText(_("The two passwords differ; nothing was exported."))
            return False
        if kind is Kind.ANNEX and not password:
            self.status.setText(_("The identity annex is always encrypted: choose a password."))
            return False
        targets = actions.targets(kind.value, path)
        overwrite = any(t.exists() for t in targets)
        if overwrite and not all(self.confirm_replace(t) for t in targets if t.exists()):
            self.status.setText(_("Nothing was exported."))
            return False
        request = export_jobs.Request(
            kind=kind.value, case_id=self.case_id, path=path, password=password or None,
            overwrite=overwrite, session_id=self.session.currentData(),
            recipient=self.recipient.currentData(),
            audience=str(self.audience.currentData()),
            stage=Stage(self.stage.currentData()),
            urgency=Urgency(self.urgency.currentData()) if self.urgency.currentData() else None,
            contact_phone=self.contact_phone.text().strip(),
            training=self._training,
        )
        try:
            plan = export_jobs.prepare(self._repository, self._shelf, request,
                                       now=self._clock())
        except InterviewAppError as error:
            self.status.setText(actions.error_text(error))
            return False
        self._set_busy(True)
        self.status.setText(_("Exporting… the window stays usable."))
        run_in_background(lambda: export_jobs.render(plan),
                          lambda rendered: self._write(request, plan, rendered),
                          self._failed)
        return True

    def _write(self, request: export_jobs.Request, plan: export_jobs.Plan,
               rendered: export_jobs.Rendered) -> None:
        """Back on the UI thread: the files to disk and into the register."""
        try:
            results = export_jobs.finish(self._repository, plan, rendered)
        except Exception as error:  # any failure: said, not raised
            self._failed(error)
            return
        self.status.setText("\n".join(actions.lines(request, results)))
        self.password.clear()
        self.repeat.clear()
        self._set_busy(False)
        self.export_done.emit(True)

    def _failed(self, error: Exception) -> None:
        self.status.setText(actions.error_text(error) if isinstance(error, InterviewAppError)
                            else _("The document was not exported."))
        self._set_busy(False)
        self.export_done.emit(False)

    def _set_busy(self, busy: bool) -> None:
        """While a file is being made the form is fixed and the dialog stays open: what is
        rendered is what the form said when Export was pressed."""
        self.busy = busy
        for widget in (self.kind, self.session, self.recipient, self.audience, self.stage,
                       self.urgency, self.contact_phone, self.password, self.repeat,
                       self.destination, self.choose, self.export_button, self.close_button):
            widget.setEnabled(not busy)
        if not busy:
            self._refresh()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)
