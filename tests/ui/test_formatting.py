"""Dates, times and numbers follow the interface language, with native digits for fa and ar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from interview_app.domain.engine import Progress
from interview_app.i18n import install_interface_language
from interview_app.ui.formatting import (
    date_text,
    digits,
    duration_text,
    long_date_text,
    month_text,
    number,
)
from interview_app.ui.section_nav import SectionNavigator
from interview_app.ui.session_bar import clock_text

MARCH_21 = dt.date(2026, 3, 21)
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    install_interface_language("en")


def test_english_is_unchanged() -> None:
    assert number(1234567.5, "en") == "1,234,567.5"
    assert date_text("2026-03-21T23:59:00+00:00", "en") == "Mar 21, 2026"
    assert long_date_text(MARCH_21, "en") == "March 21, 2026"
    assert duration_text(dt.timedelta(hours=1, minutes=5, seconds=59), "en") == "1:05"
    assert digits("12 of 30", "en") == "12 of 30"


def test_persian_writes_persian_digits_and_separators() -> None:
    assert number(1234.5, "fa") == "۱٬۲۳۴٫۵"
    assert duration_text(dt.timedelta(minutes=65), "fa") == "۱:۰۵"
    shown = date_text(MARCH_21, "fa")
    assert "۲۱" in shown
    assert "۲۰۲۶" in shown
    assert not any(character in "0123456789" for character in shown)


def test_arabic_writes_arabic_indic_digits_as_egyptian_arabic_does() -> None:
    assert number(1234.5, "ar") == "١٬٢٣٤٫٥"
    assert digits("0123456789", "ar") == ARABIC_INDIC
    assert digits("0123456789", "fa") == PERSIAN
    assert month_text(2026, 3, "ar") == "مارس ٢٠٢٦"
    assert not any(character in "0123456789" for character in long_date_text(MARCH_21, "ar"))


def test_french_and_german_use_their_separators_and_month_names() -> None:
    assert number(1234.5, "fr") == "1\u202f234,5"
    assert number(1234.5, "de") == "1.234,5"
    assert long_date_text(MARCH_21, "fr") == "21 mars 2026"
    assert date_text(MARCH_21, "de") == "21.03.2026"


def test_the_pseudo_locale_formats_as_english() -> None:
    assert number(1234, "en_XA") == "1,234"
    assert date_text(MARCH_21, "en_XA") == "Mar 21, 2026"


def test_a_value_that_is_not_a_date_is_shown_as_stored() -> None:
    assert date_text("unknown", "fr") == "unknown"


@pytest.mark.gui
@pytest.mark.usefixtures("qapp", "english_after")
def test_the_session_clock_and_progress_follow_the_interface_language() -> None:
    assert clock_text(dt.timedelta(minutes=75)) == "Session time 1:15"
    assert install_interface_language("ar") == "ar"
    assert "١:١٥" in clock_text(dt.timedelta(minutes=75))
    nav = SectionNavigator()
    nav.show_sections([], Progress(answered=3, total=12))
    assert "٣" in nav.overall.format()
    assert "١٢" in nav.overall.format()
    assert "3" not in nav.overall.format()
