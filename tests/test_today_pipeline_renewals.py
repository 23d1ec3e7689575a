"""Today, Pipeline and Renewals show the right records and follow every StoreOp change."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ui.operations import StoreOp
from ui.roles import ID_ROLE

TODAY = dt.date.today()


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def run_op(qtbot, context, fn):
    """Run a write through StoreOp and wait until every view has heard of it.

    The store-changed signal reaches the GUI thread before the op's own success callback, so
    once the callback ran, every view has refreshed.
    """
    done = []
    StoreOp(None, fn, context).success(done.append).run_in_background()
    qtbot.waitUntil(lambda: bool(done), timeout=3000)


@pytest.fixture
def account_id(demo_context):
    return demo_context.store.account_ids()[0]


def test_today_lists_due_tasks_and_ticking_completes_them(qtbot, demo_context, account_id):
    from ui.today_view import TodayView

    store = demo_context.store
    overdue = store.create(
        "tasks",
        {
            "account_id": account_id,
            "subject": "Send the QBR deck",
            "kind": "email",
            "due_date": day(-3),
            "status": "open",
        },
    )
    later = store.create(
        "tasks",
        {
            "account_id": account_id,
            "subject": "Next month",
            "kind": "call",
            "due_date": day(40),
            "status": "open",
        },
    )
    view = TodayView(demo_context, background=False)
    qtbot.addWidget(view)
    ids = view.tasks.list.ids()
    assert overdue in ids and later not in ids
    item = view.tasks.list.item_for(overdue)
    assert "Overdue" in item.text(2)

    with qtbot.waitSignal(demo_context.events.changed, timeout=3000):
        item.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: overdue not in view.tasks.list.ids())
    assert store.get("tasks", overdue)["status"] == "done"
    assert all(
        view.tasks.list.topLevelItem(i).data(0, ID_ROLE) != overdue
        for i in range(view.tasks.list.topLevelItemCount())
    )


def test_today_meetings_reviews_and_deadlines(qtbot, demo_context, account_id):
    from ui.today_view import TodayView

    store = demo_context.store
    view = TodayView(demo_context, background=False)
    qtbot.addWidget(view)
    meeting_day = min(day(6 - TODAY.weekday()), day(1)) if TODAY.weekday() < 6 else day(0)
    run_op(
        qtbot,
        demo_context,
        lambda s: s.create(
            "tasks",
            {
                "account_id": account_id,
                "subject": "Kick-off on site",
                "kind": "meeting",
                "due_date": meeting_day,
                "status": "open",
            },
        ),
    )
    assert "Kick-off on site" in [
        view.meetings.list.topLevelItem(i).text(0)
        for i in range(view.meetings.list.topLevelItemCount())
    ]
    run_op(
        qtbot, demo_context, lambda s: s.update("accounts", account_id, {"next_review": day(12)})
    )
    assert account_id in view.reviews.list.ids()
    run_op(
        qtbot, demo_context, lambda s: s.update("accounts", account_id, {"next_review": day(45)})
    )
    assert account_id not in view.reviews.list.ids()
    contract = store.create(
        "contracts",
        {
            "account_id": account_id,
            "number": "T-1",
            "start_date": day(-300),
            "end_date": day(80),
            "notice_days": 60,
            "status": "active",
        },
    )
    view.refresh()
    assert contract in view.deadlines.list.ids()


def test_pipeline_groups_by_stage_and_follows_a_stage_move(qtbot, demo_context, account_id):
    from ui.pipeline_view import PipelineView

    store = demo_context.store
    opportunity = store.create(
        "opportunities",
        {
            "account_id": account_id,
            "name": "Big upsell",
            "stage": "proposal",
            "amount_cents": 1_000_000,
        },
    )
    view = PipelineView(demo_context, background=False)
    qtbot.addWidget(view)
    assert opportunity in view.opportunity_ids("proposal")
    run_op(
        qtbot,
        demo_context,
        lambda s: s.update("opportunities", opportunity, {"stage": "negotiation"}),
    )
    assert opportunity in view.opportunity_ids("negotiation")
    assert opportunity not in view.opportunity_ids("proposal")
    expected = sum(o["amount_cents"] or 0 for o in store.opportunities_by_stage()["negotiation"])
    group = next(
        view.tree.topLevelItem(i)
        for i in range(view.tree.topLevelItemCount())
        if view.tree.topLevelItem(i).data(0, ID_ROLE) == "negotiation"
    )
    from ui.style import format_money

    assert group.text(2) == format_money(expected)
    run_op(
        qtbot,
        demo_context,
        lambda s: s.update("opportunities", opportunity, {"stage": "closed_won"}),
    )
    assert all(
        opportunity not in view.opportunity_ids(stage) for stage in ("proposal", "negotiation")
    )


def test_renewals_sorted_by_deadline_and_highlighted(qtbot, demo_context, account_id):
    from ui.renewals_view import RenewalsView

    view = RenewalsView(demo_context, background=False)
    qtbot.addWidget(view)
    soon = demo_context.store.create(
        "contracts",
        {
            "account_id": account_id,
            "number": "R-SOON",
            "start_date": day(-300),
            "end_date": day(50),
            "notice_days": 30,
            "status": "active",
        },
    )  # notice in 20 days
    run_op(
        qtbot,
        demo_context,
        lambda s: s.create(
            "contracts",
            {
                "account_id": account_id,
                "number": "R-LATER",
                "start_date": day(-300),
                "end_date": day(120),
                "notice_days": 60,
                "status": "active",
            },
        ),
    )  # notice in 60 days
    assert view.band_of(soon) == "30"
    later = next(
        i
        for i in view.contract_ids()
        if demo_context.store.get("contracts", i)["number"] == "R-LATER"
    )
    assert view.band_of(later) == "90"
    deadlines = [demo_context.store.get("contracts", i) for i in view.contract_ids()]
    keys = [(c["end_date"], c["notice_days"] or 0) for c in deadlines]
    ordered = [dt.date.fromisoformat(e) - dt.timedelta(days=n) for e, n in keys]
    today = dt.date.today()
    upcoming = [d for d in ordered if d >= today]
    passed = [d for d in ordered if d < today]
    # what a rep can still act on first, soonest first; missed deadlines last, latest first
    assert ordered == sorted(upcoming) + sorted(passed, reverse=True)


def test_views_read_off_the_gui_thread_and_only_when_shown(qtbot, demo_context, account_id):
    from ui.pipeline_view import PipelineView

    view = PipelineView(demo_context)
    qtbot.addWidget(view)
    assert view.tree.topLevelItemCount() == 0  # hidden: nothing read yet
    view.show()
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() > 0)
    opportunity = (
        view.opportunity_ids("prospecting")[0] if view.opportunity_ids("prospecting") else None
    )
    if opportunity is None:
        opportunity = demo_context.store.create(
            "opportunities", {"account_id": account_id, "name": "Seed", "stage": "prospecting"}
        )
    run_op(
        qtbot,
        demo_context,
        lambda s: s.update("opportunities", opportunity, {"stage": "negotiation"}),
    )
    qtbot.waitUntil(lambda: opportunity in view.opportunity_ids("negotiation"))
