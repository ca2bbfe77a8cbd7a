"""The names of the places a session can take place in, in the interface language."""

from __future__ import annotations

from interview_app.i18n import _
from interview_app.session_plan import Place


def place_names() -> dict[Place, str]:
    return {
        Place.SUPPORT_OFFICE: _("Office of a support organisation"),
        Place.SHELTER: _("Shelter"),
        Place.HEALTH_FACILITY: _("Clinic or hospital"),
        Place.POLICE_STATION: _("Police station"),
        Place.PLACE_OF_EXPLOITATION: _("Place of exploitation"),
        Place.OUTREACH: _("Outreach (street, site visit, transport)"),
        Place.OTHER: _("Somewhere else"),
    }


def place_text(place: str | None, detail: str | None) -> str | None:
    """A session's place for a listing: its kind, then the words recorded; None if neither."""
    try:
        kind = place_names()[Place(place)] if place is not None else None
    except ValueError:
        kind = place  # a kind this version does not name: shown as stored
    parts = [part for part in (kind, detail) if part]
    return ": ".join(parts) if parts else None
