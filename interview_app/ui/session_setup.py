"""Before a session: script, both languages, who is in the room, and where it takes place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interview_app import session_plan
from interview_app.domain.model import Form
from interview_app.i18n import _
from interview_app.i18n.catalogs import interview_languages
from interview_app.i18n.locales import describe, supported_languages
from interview_app.script_shelf import ScriptShelf
from interview_app.session_plan import (
    PLACE_DETAIL_LIMIT,
    AgeGroup,
    InterpreterPlan,
    Place,
    SessionPlan,
)
from interview_app.ui.places import place_names
from interview_app.ui.shortcuts import Shortcut
from interview_app.ui.widgets import Heading, InterfaceLabel

DATA = Qt.ItemDataRole.UserRole


def _age_names() -> dict[AgeGroup, str]:
    return {
        AgeGroup.NOT_KNOWN: _("Age not known"),
        AgeGroup.ADULT: _("An adult"),
        AgeGroup.CHILD: _("A child (under 18)"),
    }


# First-strong isolate ... pop isolate: a name in another script keeps its own order and does
# not flip the direction of the text around it ("العربية (Arabic), draft translation").
FSI, PDI = "\u2068", "\u2069"


def language_name(code: str) -> str:
    language = describe(code)
    if language.native_name == language.english_name:
        return language.native_name
    return f"{FSI}{language.native_name}{PDI} ({language.english_name})"


def _combo(name: str, entries: list[tuple[str, str]] | None = None) -> QComboBox:
    """A combo box with a name for screen readers and (text, data) entries."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, data in entries or ():
        combo.addItem(text, data)
    return combo


def _languages() -> list[tuple[str, str]]:
    return [(language_name(lang.code), lang.code) for lang in supported_languages()]


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value, DATA)
    if index >= 0:
        combo.setCurrentIndex(index)


class SessionSetupView(QWidget):
    """Collects a :class:`SessionPlan`; the rules about it live in :mod:`session_plan`."""

    start_requested = Signal(object)  # SessionPlan
    cancelled = Signal()

    def __init__(
        self,
        shelf: ScriptShelf,
        case_id: int,
        *,
        lead: str,
        interface_language: str,
        translations_root: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._shelf = shelf
        self.case_id = case_id
        self._root = translations_root
        self.heading = Heading(_("New session"))

        self.script = _combo(
            _("Script"), [(f"{form.title} ({form.version})", form.id) for form in shelf.forms]
        )
        self.interview_language = _combo(_("Interview language"))
        self.interface_language = _combo(_("Interface language"), _languages())
        _select(self.interface_language, interface_language)
        self.place = _combo(
            _("Place"), [(name, place.value) for place, name in place_names().items()]
        )
        self.place_detail = QLineEdit()
        self.place_detail.setAccessibleName(_("Where, in a few words"))
        self.place_detail.setPlaceholderText(_("Where, in a few words"))
        self.place_detail.setMaxLength(PLACE_DETAIL_LIMIT)
        self.age = _combo(
            _("The person is"), [(name, age.value) for age, name in _age_names().items()]
        )

        self.lead = QLineEdit(lead)
        self.lead.setAccessibleName(_("Lead interviewer"))
        self.second = QLineEdit()
        self.second.setAccessibleName(_("Second interviewer"))
        self._build_interpreter()

        self.warnings = InterfaceLabel()
        self.warnings.setObjectName("WarningText")
        self.warnings.setAccessibleName(_("Warnings"))
        self.problems = InterfaceLabel()
        self.problems.setObjectName("ErrorText")
        self.problems.setAccessibleName(_("Still needed"))
        self.start_button = QPushButton(_("Start the session"))
        self.start_button.setShortcut(Shortcut.START_SESSION.sequence)
        self.start_button.setToolTip(Shortcut.START_SESSION.sequence.toString())
        self.cancel_button = QPushButton(_("Back to the case"))

        self._lay_out()
        self._connect()
        self._fill_interview_languages()
        self._check()

    def _lay_out(self) -> None:
        fields = QFormLayout()
        fields.addRow(_("Script"), self.script)
        fields.addRow(_("Interview language"), self.interview_language)
        fields.addRow(_("Interface language"), self.interface_language)
        fields.addRow(_("Lead interviewer"), self.lead)
        fields.addRow(_("Second interviewer"), self.second)
        fields.addRow(_("Place"), self.place)
        fields.addRow("", self.place_detail)
        fields.addRow(_("The person is"), self.age)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch()
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.heading)
        column.addLayout(fields)
        column.addWidget(self.interpreter)
        column.addWidget(self.warnings)
        column.addWidget(self.problems)
        column.addLayout(buttons)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)


    def _build_interpreter(self) -> None:
        self.interpreter = QGroupBox(_("An interpreter is present"))
        self.interpreter.setCheckable(True)
        self.interpreter.setChecked(False)
        self.interpreter_name = QLineEdit()
        self.interpreter_name.setAccessibleName(_("Interpreter's name"))
        self.interpreter_language = _combo(_("Interpreter's language"), _languages())
        self.dialect = QLineEdit()
        self.dialect.setAccessibleName(_("Dialect"))
        self.no_conflict = QCheckBox(
            _("The interpreter declares no relation to the person or to the suspects")
        )
        self.confidentiality = QCheckBox(
            _("The interpreter declares to keep everything said here confidential")
        )
        interpreter_fields = QFormLayout(self.interpreter)
        interpreter_fields.addRow(_("Name"), self.interpreter_name)
        interpreter_fields.addRow(_("Language"), self.interpreter_language)
        interpreter_fields.addRow(_("Dialect"), self.dialect)
        interpreter_fields.addRow(self.no_conflict)
        interpreter_fields.addRow(self.confidentiality)

    def _connect(self) -> None:
        self.script.currentIndexChanged.connect(self._fill_interview_languages)
        self.interview_language.currentIndexChanged.connect(self._follow_interview_language)
        for combo in (self.script, self.interview_language, self.interface_language, self.place,
                      self.age, self.interpreter_language):
            combo.currentIndexChanged.connect(self._check)
        for line in (self.lead, self.second, self.interpreter_name, self.dialect,
                     self.place_detail):
            line.textChanged.connect(self._check)
        for box in (self.interpreter, self.no_conflict, self.confidentiality):
            box.toggled.connect(self._check)
        self.start_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self.cancelled)

    def _form(self) -> Form | None:
        form_id = self.script.currentData(DATA)
        return None if form_id is None else self._shelf.get(str(form_id))

    def _fill_interview_languages(self) -> None:
        form = self._form()
        self.interview_language.clear()
        if form is None:
            return
        for language in interview_languages(form, self._root):
            name = language_name(language.code)
            if language.draft:
                name = _("{language}, draft translation").format(language=f"{FSI}{name}{PDI}")
            # Isolated as a whole, so it reads in its own direction on a mirrored page too.
            self.interview_language.addItem(f"{FSI}{name}{PDI}", language.code)

    def _follow_interview_language(self) -> None:
        code = self.interview_language.currentData(DATA)
        if code is not None:
            _select(self.interpreter_language, code)

    def plan(self) -> SessionPlan | None:
        form = self._form()
        interview = self.interview_language.currentData(DATA)
        if form is None or interview is None:
            return None
        interpreter = None
        if self.interpreter.isChecked():
            interpreter = InterpreterPlan(
                name=self.interpreter_name.text(),
                language=str(self.interpreter_language.currentData(DATA) or ""),
                dialect=self.dialect.text(),
                no_conflict=self.no_conflict.isChecked(),
                confidentiality=self.confidentiality.isChecked(),
            )
        return SessionPlan(
            case_id=self.case_id,
            form=form,
            interface_language=str(self.interface_language.currentData(DATA)),
            interview_language=str(interview),
            lead=self.lead.text(),
            second=self.second.text(),
            interpreter=interpreter,
            place=Place(self.place.currentData(DATA)),
            place_detail=self.place_detail.text(),
            age=AgeGroup(self.age.currentData(DATA)),
        )

    def _check(self) -> None:
        plan = self.plan()
        if plan is None:
            self.problems.setText(_("No interview script is installed."))
            self.warnings.hide()
            self.start_button.setEnabled(False)
            return
        missing = session_plan.problems(plan)
        self.problems.setText("\n".join(missing))
        found = session_plan.warnings(plan)
        self.warnings.setText("\n".join(found))
        self.warnings.setVisible(bool(found))
        self.start_button.setEnabled(not missing)

    def _start(self) -> None:
        plan = self.plan()
        if plan is not None and not session_plan.problems(plan):
            self.start_requested.emit(plan)
