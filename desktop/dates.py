"""Date rules of the rep's calendar: the week ahead, the end of this week, days until a day."""

from __future__ import annotations

import datetime as dt


def week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the working week ahead: this week, or from Saturday the next one.

    Reps pack for the week on the weekend; on a Sunday "this week's meetings" means tomorrow's.
    """
    monday = today - dt.timedelta(days=today.weekday())
    if today.weekday() >= 5:
        monday += dt.timedelta(days=7)
    return monday, monday + dt.timedelta(days=6)


def end_of_week(today: dt.date) -> dt.date:
    """The Sunday of the current week (today itself on a Sunday)."""
    return today + dt.timedelta(days=6 - today.weekday())


def days_until(day: dt.date | None, today: dt.date) -> int | None:
    """Days from ``today`` to ``day`` (negative once it has passed); None without a day."""
    return (day - today).days if day else None


__all__ = ["days_until", "end_of_week", "week_bounds"]
