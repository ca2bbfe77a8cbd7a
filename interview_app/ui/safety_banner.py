"""The safety prompt: shown while an answer calls for action now, with emergency contacts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from interview_app.domain.directory import Organisation
from interview_app.domain.model import Item
from interview_app.i18n import _
from interview_app.ui.widgets import PlainLabel


def contact_line(organisation: Organisation) -> str:
    emergency = organisation.emergency
    phone, hours = (emergency.phone, emergency.hours) if emergency else (
        organisation.phone, organisation.hours)
    return _("{name}: {phone} ({hours})").format(name=organisation.name, phone=phone, hours=hours)


class SafetyBanner(QFrame):
    """For the interviewer only: which answers raised it, what the script says to do, and whom
    to call. It stays while the answers say so; it is not a decision about the person."""

    def __init__(
        self, contacts: Sequence[Organisation] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("safetyBanner")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAccessibleName(_("Safety prompt"))
        title = PlainLabel(_("Safety: an answer calls for action now."))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.details = PlainLabel()
        self.contacts = PlainLabel("\n".join(contact_line(o) for o in contacts))
        self.contacts.setVisible(bool(contacts))
        layout = QVBoxLayout(self)
        for label in (title, self.details, self.contacts):
            layout.addWidget(label)
        self.hide()

    def show_urgent(self, items: Sequence[Item]) -> None:
        """The items (in the interface language) whose answers raised the prompt; none hides it."""
        lines = []
        for item in items:
            lines.append(item.prompt if not item.guidance else f"{item.prompt}\n{item.guidance}")
        self.details.setText("\n\n".join(lines))
        self.setVisible(bool(items))
