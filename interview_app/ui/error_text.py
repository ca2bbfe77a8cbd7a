"""What the interface says about one of our errors: its fixed sentence, translated."""

from __future__ import annotations

from interview_app.errors import InterviewAppError
from interview_app.i18n import _


def error_text(error: BaseException) -> str:
    """The error's fixed sentence (marked with ``N_`` where it is defined) translated now; a
    general one for anything else. Never ``str(error)``: that may carry details in English."""
    if isinstance(error, InterviewAppError):
        return _(error.message)
    return _(InterviewAppError.message)
