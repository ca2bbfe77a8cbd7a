"""One JSON encoding for everything the vault hashes, signs or stores, plus UTC timestamps."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from interview_app.domain.model import JsonValue

Clock = Callable[[], dt.datetime]


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, no NaN: the same value always gives the same bytes to hash."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def dump_value(value: JsonValue) -> str:
    return canonical_json(value)


def load_value(text: str) -> JsonValue:
    loaded: JsonValue = json.loads(text)
    return loaded


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def timestamp(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with microseconds, so text order is time order in SQL."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
