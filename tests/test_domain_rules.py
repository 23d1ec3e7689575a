"""Each business rule, once, in desktop/: a test per rule (the widgets only show what they say)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import accounts, dates, opportunities, renewals, tasks, today, trips
from desktop.clock import utc_now

TODAY = dt.date(2026, 11, 18)  # a Wednesday


@pytest.mark.parametrize(
    ("days", "band"),
    [
        (None, "later"),
        (-1, "overdue"),
        (-400, "overdue"),
        (0, "30"),
        (30, "30"),
        (31, "90"),
        (90, "90"),
        (91, "later"),
    ],
)
def test_notice_band_edges(days, band):
    assert renewals.notice_band(days) == band
    assert renewals.notice_is_urgent(days) == (band in ("overdue", "30"))


def test_notice_deadline_is_end_minus_notice_period():
    assert renewals.notice_deadline("2027-03-31", 90) == dt.date(2026, 12, 31)
    assert renewals.notice_deadline(dt.date(2027, 3, 31), None) == dt.date(2027, 3, 31)
    assert renewals.notice_deadline(None, 30) is None
    assert renewals.days_to_notice(dt.date(2026, 11, 20), TODAY) == 2
    assert renewals.days_to_notice(None, TODAY) is None
    row = renewals.with_notice({"end_date": "2026-12-18", "notice_days": 30}, TODAY)
    assert row["notice_deadline"] == "2026-11-18" and row["days_to_notice"] == 0


def test_contract_band_only_for_active_contracts():
    assert renewals.contract_band({"status": None, "days_to_notice": 10}) == "30"
    assert renewals.contract_band({"status": "active", "days_to_notice": 60}) == "90"
    assert renewals.contract_band({"status": "terminated", "days_to_notice": 10}) is None
    assert renewals.contract_band({"status": "active", "days_to_notice": None}) is None


def test_a_live_contract_is_active_and_not_ended():
    assert renewals.is_live(None, 5)
    assert renewals.is_live("active", None)
    assert not renewals.is_live("active", -1)
    assert not renewals.is_live("expired", 30)


def test_tier_follows_mrr():
    assert accounts.tier_for(None) == "standard"
    assert accounts.tier_for(300_000) == "standard"
    assert accounts.tier_for(300_001) == "growth"
    assert accounts.tier_for(1_500_001) == "enterprise"
    assert accounts.tier_for(5_000_000) == "enterprise"
    assert accounts.tier_for(5_000_001) == "strategic"


@pytest.mark.parametrize(
    "days, soon", [(None, False), (-1, False), (0, True), (30, True), (31, False)]
)
def test_a_business_review_is_soon_within_30_days(days, soon):
    assert accounts.review_is_soon(days) is soon


def test_open_and_weighted_pipeline():
    opps = [
        {"stage": "proposal", "amount_cents": 10_000, "probability": 55},
        {"stage": "discovery", "amount_cents": 333, "probability": None},  # stage default 40
        {"stage": "closed_won", "amount_cents": 99_999, "probability": 100},
        {"stage": "negotiation", "amount_cents": None, "probability": 80},
    ]
    assert opportunities.is_open("negotiation") and not opportunities.is_open("closed_lost")
    assert opportunities.open_pipeline_cents(opps) == 10_333
    # 5,500 + 133.2 rounded half up: integer cents, never floats
    assert opportunities.weighted_pipeline_cents(opps) == 5_500 + 133
    assert opportunities.weighted_cents(1, 50) == 1  # half up
    assert opportunities.probability_of({"stage": "prospecting"}) == 10


def test_overdue_tasks():
    yesterday = TODAY - dt.timedelta(days=1)
    assert tasks.is_overdue("open", yesterday, TODAY)
    assert not tasks.is_overdue("open", TODAY, TODAY)
    assert not tasks.is_overdue("done", yesterday, TODAY)
    assert not tasks.is_overdue("open", None, TODAY)
    assert tasks.days_overdue(TODAY - dt.timedelta(days=15), TODAY) == 15
    assert tasks.days_overdue(TODAY + dt.timedelta(days=3), TODAY) == 0
    assert tasks.days_overdue(None, TODAY) == 0


def test_week_bounds_and_end_of_week():
    # Saturday and Sunday look at the week ahead; weekdays at this week.
    assert dates.week_bounds(dt.date(2027, 1, 2)) == (dt.date(2027, 1, 4), dt.date(2027, 1, 10))
    assert dates.week_bounds(dt.date(2027, 1, 1)) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert dates.end_of_week(TODAY) == dt.date(2026, 11, 22)
    assert dates.end_of_week(dt.date(2026, 11, 22)) == dt.date(2026, 11, 22)
    assert dates.days_until(dt.date(2026, 11, 20), TODAY) == 2
    assert dates.days_until(None, TODAY) is None


def _account(store, name, city="Lyon"):
    return store.create("accounts", {"name": name, "city": city})


def test_today_agenda_and_trip_accounts(store):
    a = _account(store, "Acme")
    b = _account(store, "Beta", city="Oslo")
    store.create(
        "tasks",
        {
            "account_id": a,
            "subject": "Overdue call",
            "kind": "call",
            "status": "open",
            "due_date": (TODAY - dt.timedelta(days=2)).isoformat(),
        },
    )
    store.create(
        "tasks",
        {
            "account_id": b,
            "subject": "Meet",
            "kind": "meeting",
            "status": "open",
            "due_date": TODAY.isoformat(),
        },
    )
    store.create(
        "contracts",
        {
            "account_id": a,
            "number": "C-1",
            "start_date": "2025-12-29",
            "term_months": 12,
            "end_date": "2026-12-28",
            "notice_days": 30,
            "status": "active",
        },
    )
    store.create(
        "contracts",
        {
            "account_id": b,
            "number": "C-2",
            "start_date": "2026-12-29",
            "term_months": 12,
            "end_date": "2027-12-28",
            "notice_days": 30,
            "status": "active",
        },
    )
    data = today.agenda(store, TODAY)
    assert [t["subject"] for t in data["tasks"]] == ["Overdue call"]  # a meeting is no task
    assert [t["subject"] for t in data["meetings"]] == ["Meet"]
    assert [c["number"] for c in data["deadlines"]] == ["C-1"]
    assert trips.meeting_accounts_this_week(store, TODAY) == [b]
    assert trips.city_accounts(store, "Lyon") == [a]


def test_renewals_overview_counts_urgent_notices(store):
    day = dt.date.today()  # the overview reads the store's own "today"
    a = _account(store, "Acme")
    for number, ends_in in (("C-1", 20), ("C-2", 400), ("C-3", 100)):
        end = day + dt.timedelta(days=ends_in)
        store.create(
            "contracts",
            {
                "account_id": a,
                "number": number,
                "start_date": (end - dt.timedelta(days=365)).isoformat(),
                "term_months": 12,
                "end_date": end.isoformat(),
                "notice_days": 30,
                "status": "active",
            },
        )
    listed, total, urgent = renewals.renewals_overview(store, limit=2)
    # C-1's notice passed ten days ago: listed, but after the deadlines still ahead
    assert [c["number"] for c in listed] == ["C-3", "C-2"]
    assert (total, urgent) == (3, 1)


def test_pipeline_by_stage_counts_every_opportunity(store):
    a = _account(store, "Acme")
    for i in range(3):
        store.create(
            "opportunities",
            {"account_id": a, "name": f"O{i}", "stage": "proposal", "amount_cents": 100},
        )
    grouped = opportunities.pipeline_by_stage(store, limit=2)
    rows, count, amount = grouped["proposal"]
    assert len(rows) == 2 and count == 3 and amount == 300
    assert utc_now()  # the store stamps rows with the clock; nothing here depends on it
