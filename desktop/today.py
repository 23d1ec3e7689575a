"""Today: what the rep must do or must not miss, read in one go for the Today screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .accounts import REVIEW_SOON_DAYS
from .dates import end_of_week
from .renewals import deadlines_due

MAX_ROWS = 60  # per section: a day's list, not the whole book
REVIEW_WINDOW_DAYS = REVIEW_SOON_DAYS  # business reviews this many days ahead


def agenda(store, today: dt.date) -> dict[str, Any]:
    """Tasks due (a meeting today is a meeting, not a task), this week's meetings, reviews in
    the next 30 days and notice deadlines within 30 days (or passed in the last week)."""
    week_end = end_of_week(today)
    return {
        "today": today,
        "tasks": store.tasks_due(until=today, limit=MAX_ROWS, skip_meetings_from=today),
        "tasks_total": store.tasks_due_count(until=today, skip_meetings_from=today),
        "meetings": store.tasks_due(
            until=max(week_end, today), kind="meeting", since=today, limit=MAX_ROWS
        ),
        "reviews": store.reviews_due(REVIEW_WINDOW_DAYS, today, limit=MAX_ROWS),
        "deadlines": deadlines_due(store, today, limit=MAX_ROWS),
    }


__all__ = ["agenda"]
