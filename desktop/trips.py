"""Which accounts a trip's brief pack covers: a city, or this week's meetings."""

from __future__ import annotations

import datetime as dt

from .dates import week_bounds


def meeting_accounts_this_week(store, today: dt.date | None = None) -> list[str]:
    """Accounts with an open meeting task due this week (Monday to Sunday), by first meeting."""
    monday, sunday = week_bounds(today or dt.date.today())
    tasks = store.tasks_due(until=sunday, kind="meeting", since=monday)
    return list(dict.fromkeys(t["account_id"] for t in tasks))


def city_accounts(store, city: str) -> list[str]:
    """Every account in ``city``, in the store's default order."""
    from .queries import AccountFilter

    return store.account_ids(AccountFilter(city=city))


__all__ = ["city_accounts", "meeting_accounts_this_week"]
