"""Text forms the bookkeeping tables hold: JSON snapshots, ISO times, id chunks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit

_encode = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode


def dumps(value: Any) -> str:
    """The JSON text of a snapshot or conflict value (sorted keys: equal values, equal text)."""
    return json.dumps(value, sort_keys=True)


def _loads(text: str | None) -> Any:
    return json.loads(text) if text is not None else None


def iso_at(t: float) -> str:
    """An epoch time as the ISO text ``outbox.next_attempt_at`` holds (UTC, no zone)."""
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def epoch(text: str | None) -> float | None:
    """The epoch time of an ISO text written by ``iso_at`` (None stays None)."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).timestamp()


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
