"""A country as said (any supported language, or an ISO code) -> its UN M49 region, for counts."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache

from babel import Locale

from interview_app.i18n.locales import SUPPORTED_CODES

__all__ = ["NOT_MATCHED", "NOT_RECORDED", "REGIONS", "region_of", "territory_of"]

NOT_RECORDED = "not recorded"
NOT_MATCHED = "not matched to a country"

# UN M49 sub-regions, with sub-Saharan Africa and Latin America in their intermediate regions
# (trafficking routes differ between them), and Oceania kept whole: too few cases anywhere to
# count its parts apart. Regions, never countries: a country of origin can identify a person.
REGIONS: Mapping[str, str] = {
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Eastern Africa": "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Southern Africa": "BW SZ LS NA ZA",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT"
                 " TC VI",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    "Northern America": "BM CA GL PM US",
    "Central Asia": "KZ KG TJ TM UZ",
    "Eastern Asia": "CN HK MO KP JP MN KR TW",
    "South-eastern Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "Southern Asia": "AF BD BT IN IR MV NP PK LK",
    "Western Asia": "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    "Eastern Europe": "BY BG CZ HU PL MD RO RU SK UA",
    "Northern Europe": "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB",
    "Southern Europe": "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK",
    "Western Europe": "AT BE FR DE LI LU MC NL CH",
    "Oceania": "AU NZ NF HM CX CC FJ NC PG SB VU GU KI MH FM NR MP PW AS CK PF NU PN WS TK TO TV"
               " WF UM",
}
_REGION_OF: dict[str, str] = {
    code: region for region, codes in REGIONS.items() for code in codes.split()
}
# Common short forms CLDR does not list as names.
_ALIASES = {"uk": "GB", "usa": "US", "u.s.a.": "US", "great britain": "GB", "britain": "GB",
            "england": "GB", "scotland": "GB", "wales": "GB", "holland": "NL"}


def _key(text: str) -> str:
    """Case, accents, apostrophes and spacing do not matter when matching a name."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    stripped = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(stripped.split())


@cache
def _names() -> dict[str, str]:
    """Territory names in every supported language (CLDR) -> ISO 3166 code."""
    names: dict[str, str] = {}
    for language in ("en", *SUPPORTED_CODES):
        for code, name in Locale.parse(language).territories.items():
            if code in _REGION_OF:
                names.setdefault(_key(name), code)
    for alias, code in _ALIASES.items():
        names.setdefault(alias, code)
    return names


def territory_of(text: str) -> str | None:
    """The ISO 3166 code of a country name or code as typed; None when it matches none."""
    cleaned = text.strip().strip(".")
    if len(cleaned) == 2 and cleaned.upper() in _REGION_OF:
        return cleaned.upper()
    return _names().get(_key(cleaned))


def region_of(text: str | None) -> str:
    """The M49 region of a country as said; :data:`NOT_RECORDED` or :data:`NOT_MATCHED` else."""
    if text is None or not text.strip():
        return NOT_RECORDED
    code = territory_of(text)
    return NOT_MATCHED if code is None else _REGION_OF[code]
