"""Dates and times as the store keeps them: ISO text, UTC for instants."""

from __future__ import annotations

import datetime as dt
import time


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


_last_stamp: tuple[int, str] = (-1, "")


def now_iso() -> str:
    """The current instant, UTC, to the second: ``2026-11-22T09:30:00``.

    Every write stamps its row and outbox operation, so the text is made once per second.
    """
    global _last_stamp
    second = int(time.time())
    cached_second, text = _last_stamp
    if second != cached_second:
        text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        _last_stamp = (second, text)
    return text


def today() -> dt.date:
    return dt.date.today()


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def parse_datetime(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the last day of a shorter month."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
