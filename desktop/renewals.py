"""Renewals: when a contract's notice must be given, and how urgent that is.

The notice deadline (end date minus notice period) is what a rep must not miss. Every screen,
the brief, its PDF and the talking points read the bands from here: a deadline passed, due
within 30 days, within 90 days, or later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

NOTICE_SOON_DAYS = 30  # notice due this close (or passed): act now
NOTICE_WATCH_DAYS = 90  # notice due this close: time to talk renewal
RECENTLY_PASSED_DAYS = 7  # a deadline passed this recently still shows on Today

NoticeBand = Literal["overdue", "30", "90", "later"]
OVERDUE: NoticeBand = "overdue"
SOON: NoticeBand = "30"
WATCH: NoticeBand = "90"
LATER: NoticeBand = "later"
URGENT_BANDS: tuple[NoticeBand, ...] = (OVERDUE, SOON)  # "notice due within 30 days"
MAX_LISTED = 400  # nearest deadlines the renewals screen lists; its summary counts them all


def notice_deadline(end_date: str | dt.date | None, notice_days: int | None) -> dt.date | None:
    """The last day a rep can give notice: the end date minus the notice period."""
    if not end_date:
        return None
    end = dt.date.fromisoformat(end_date[:10]) if isinstance(end_date, str) else end_date
    return end - dt.timedelta(days=notice_days or 0)


def days_to_notice(deadline: dt.date | None, today: dt.date) -> int | None:
    """Days left to give notice (negative once the deadline has passed), None without one."""
    return (deadline - today).days if deadline else None


def notice_band(days: int | None) -> NoticeBand:
    """Which band a notice deadline ``days`` ahead falls in: passed, 30 days, 90 days, later."""
    if days is None:
        return LATER
    if days < 0:
        return OVERDUE
    if days <= NOTICE_SOON_DAYS:
        return SOON
    if days <= NOTICE_WATCH_DAYS:
        return WATCH
    return LATER


def notice_is_urgent(days: int | None) -> bool:
    """Notice due within 30 days, or already passed."""
    return notice_band(days) in URGENT_BANDS


def is_active(status: str | None) -> bool:
    """A contract without a status counts as active."""
    return (status or "active") == "active"


def is_live(status: str | None, days_to_end: int | None) -> bool:
    """Active and not yet ended: the contracts that still pay."""
    ended = days_to_end is not None and days_to_end < 0
    return is_active(status) and not ended


def contract_band(contract: dict[str, Any]) -> NoticeBand | None:
    """The notice band of an active contract row (with ``days_to_notice``); None otherwise."""
    days = contract.get("days_to_notice")
    if days is None or not is_active(contract.get("status")):
        return None
    return notice_band(days)


def with_notice(contract: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """``contract`` with ``notice_deadline`` (ISO text) and ``days_to_notice`` filled in."""
    deadline = notice_deadline(contract.get("end_date"), contract.get("notice_days"))
    contract["notice_deadline"] = deadline.isoformat() if deadline else None
    contract["days_to_notice"] = days_to_notice(deadline, today)
    return contract


def renewals_overview(store, limit: int = MAX_LISTED) -> tuple[list[dict[str, Any]], int, int]:
    """Active contracts, nearest notice deadline first: (the first ``limit``, total, urgent)."""
    today = dt.date.today()
    total, urgent = store.renewal_counts(today, NOTICE_SOON_DAYS)
    return store.contracts_by_notice_deadline(today=today, limit=limit), total, urgent


def deadlines_due(store, today: dt.date, limit: int | None = None) -> list[dict[str, Any]]:
    """Notice deadlines within 30 days, and those passed in the last week (Today shows them)."""
    return store.contracts_by_notice_deadline(
        NOTICE_SOON_DAYS, today, passed_within_days=RECENTLY_PASSED_DAYS, limit=limit
    )


__all__ = [
    "LATER",
    "NOTICE_SOON_DAYS",
    "NOTICE_WATCH_DAYS",
    "OVERDUE",
    "SOON",
    "WATCH",
    "NoticeBand",
    "contract_band",
    "days_to_notice",
    "deadlines_due",
    "is_active",
    "is_live",
    "notice_band",
    "notice_deadline",
    "notice_is_urgent",
    "renewals_overview",
    "with_notice",
]
