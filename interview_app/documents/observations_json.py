"""Indicator observations and risk assessments of a case, as the case JSON carries them."""

from __future__ import annotations

from interview_app import paths
from interview_app.documents.case_data import CaseData
from interview_app.documents.htcds import METHODS_OF_CONTROL, indicator_control
from interview_app.documents.sharing import Selection
from interview_app.domain.indicators import IndicatorCatalogue, load_catalogue
from interview_app.domain.model import JsonValue
from interview_app.errors import DataFileError

# Said in the file itself: whoever reads the JSON without our documentation reads it too.
OBSERVATIONS_NOTE = (
    "Observations, each with its source. They are not a determination that the person is or "
    "is not a victim of trafficking; no HTCDS trafficking status is set from them.")


def installed_catalogue() -> IndicatorCatalogue | None:
    """The indicator catalogue for labels; ids alone without it."""
    try:
        return load_catalogue(paths.INDICATOR_CATALOGUE)
    except (OSError, DataFileError):
        return None


def observations(data: CaseData, selection: Selection,
                 catalogue: IndicatorCatalogue | None) -> list[JsonValue]:
    """Every observation in a shared class, oldest first; retractions stay, marked, so the
    file shows what was withdrawn rather than silently dropping it."""
    retracted = {o.retracts for o in data.observations if o.retracts is not None}
    rows: list[JsonValue] = []
    for seen in data.observations:
        if not selection.allows(seen.data_class):
            continue
        label = (catalogue.indicator(seen.indicator_id).label
                 if catalogue is not None and catalogue.has(seen.indicator_id) else None)
        control = indicator_control(seen.indicator_id)
        rows.append({
            "id": seen.id,
            "session": seen.session_id,
            "indicator": seen.indicator_id,
            "label": label,
            "source": seen.source.value,
            "note": seen.note,
            "data_class": seen.data_class.value,
            "recorded_at": seen.recorded_at,
            "withdraws": seen.retracts,
            "withdrawn_later": seen.id in retracted,
            "htcds": None if control is None else {"field": METHODS_OF_CONTROL,
                                                   "value": control},
        })
    return rows


def risk_assessments(data: CaseData, selection: Selection) -> list[JsonValue]:
    """Risk assessments in a shared class, oldest first (HTCDS 2.0 has no risk fields)."""
    return [
        {"id": risk.id, "session": risk.session_id, "area": risk.area,
         "level": risk.level.value, "note": risk.note, "data_class": risk.data_class.value,
         "assessed_at": risk.assessed_at}
        for risk in data.risks if selection.allows(risk.data_class)
    ]
