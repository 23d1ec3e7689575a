"""Rules about tasks: when one is overdue, and by how much."""

from __future__ import annotations

import datetime as dt


def is_overdue(status: str | None, due: dt.date | None, today: dt.date) -> bool:
    """An open task whose due date is before today."""
    return status == "open" and due is not None and due < today


def days_overdue(due: dt.date | None, today: dt.date) -> int:
    """Days past the due date; 0 when not yet due or undated."""
    return max(0, (today - due).days) if due else 0


__all__ = ["days_overdue", "is_overdue"]
