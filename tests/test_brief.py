"""The brief's content: each section holds exactly the right records, and each rule fires only
when it holds. Small targeted stores for the rules; the demo book for the sections."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import entities as E
from desktop.brief import compose_brief, pending_changes_of, risk_keywords
from desktop.talking_points import CHAMPION_SILENT_DAYS, RENEWAL_WINDOW_DAYS

TODAY = dt.date(2026, 11, 22)


def day(n: int, today: dt.date = TODAY) -> str:
    return (today + dt.timedelta(days=n)).isoformat()


def moment(n: int, today: dt.date = TODAY) -> str:
    return (dt.datetime.combine(today, dt.time(10, 0)) + dt.timedelta(days=n)).isoformat()


def make_account(store, **values) -> str:
    base = {
        "name": "Acme Logistics",
        "type": "customer",
        "health": "green",
        "churn_risk": "low",
        "city": "Lyon",
        "country": "France",
    }
    base.update(values)
    return store.create("accounts", base)


def make_typical_account(
    store, name: str = "Kobayashi Precision 小林精機", today: dt.date = TODAY, city: str = "Osaka"
) -> str:
    """A realistic account of typical size (fits one page), with non-Latin names."""
    a = make_account(
        store,
        name=name,
        industry="Industrial machinery",
        segment="Enterprise",
        city=city,
        country="Japan",
        owner="Dana Whitfield",
        tier="strategic",
        mrr_cents=4_820_000,
        annual_revenue_cents=57_840_000,
        health="amber",
        churn_risk="medium",
        health_reason="Adoption flat in two plants",
        churn_reason="New CFO reviewing SaaS spend",
        nps=18,
        next_review=day(20, today),
    )
    store.create(
        "contracts",
        {
            "account_id": a,
            "number": "KP-2024-001",
            "start_date": "2024-01-15",
            "end_date": day(75, today),
            "notice_days": 60,
            "auto_renew": 1,
            "mrr_cents": 3_900_000,
            "status": "active",
        },
    )
    cfo = store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Haruto Sato 佐藤陽翔",
            "title": "CFO",
            "role": "economic_buyer",
            "stance": "neutral",
            "last_contacted": day(-20, today),
        },
    )
    store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Yuki Tanaka 田中由紀",
            "title": "Head of Operations",
            "role": "champion",
            "stance": "supporter",
            "reports_to_id": cfo,
            "last_contacted": day(-12, today),
        },
    )
    store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Αλέξανδρος Παπαδόπουλος",
            "title": "IT Director",
            "role": "decision_maker",
            "stance": "detractor",
            "reports_to_id": cfo,
            "last_contacted": day(-9, today),
        },
    )
    store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Дмитрий Иванов",
            "title": "Plant manager",
            "role": "influencer",
            "stance": "supporter",
            "last_contacted": day(-30, today),
        },
    )
    up = store.create(
        "opportunities",
        {
            "account_id": a,
            "name": "Predictive maintenance",
            "type": "upsell",
            "stage": "proposal",
            "amount_cents": 18_000_000,
            "probability": 60,
            "close_date": day(25, today),
            "next_step": "Revised quote to procurement",
        },
    )
    store.create(
        "opportunities",
        {
            "account_id": a,
            "name": "Renewal 2027",
            "type": "renewal",
            "stage": "discovery",
            "amount_cents": 46_800_000,
            "probability": 40,
            "close_date": day(70, today),
            "next_step": "Agree renewal scope",
        },
    )
    for kind, title, body, n, opp in [
        ("meeting", "Plant visit with Yuki", "Walked the Osaka line.\nMore.", -3, up),
        ("call", "CFO budget call", "He mentioned a competitor offer at 20% less.", -8, None),
        ("business_review", "Q3 business review", "Adoption and roadmap.", -40, None),
        ("email", "Pricing sent", "Sent the revised pricing.", -50, None),
    ]:
        store.create(
            "notes",
            {
                "account_id": a,
                "kind": kind,
                "title": title,
                "body": body,
                "occurred_at": moment(n, today),
                "opportunity_id": opp,
                "author": "Dana Whitfield",
            },
        )
    store.create(
        "tasks",
        {
            "account_id": a,
            "subject": "Send ROI deck",
            "kind": "email",
            "due_date": day(-2, today),
            "status": "open",
            "priority": "high",
        },
    )
    store.create(
        "tasks",
        {
            "account_id": a,
            "subject": "Book Q4 review",
            "kind": "meeting",
            "due_date": day(1, today),
            "status": "open",
        },
    )
    return a


def make_large_account(store, today: dt.date = TODAY) -> str:
    """An account with far more than a page of stakeholders and deals."""
    a = make_typical_account(store, name="Πλοία Αιγαίου Shipping", today=today, city="Athens")
    for i in range(30):
        store.create(
            "contacts",
            {
                "account_id": a,
                "name": f"Stakeholder {i:02d}",
                "title": "Manager",
                "role": "influencer",
                "stance": "neutral",
                "last_contacted": day(-i, today),
            },
        )
    for i in range(15):
        store.create(
            "opportunities",
            {
                "account_id": a,
                "name": f"Expansion wave {i:02d}",
                "type": "new_business",
                "stage": "discovery",
                "amount_cents": 1_000_000 * (i + 1),
                "close_date": day(30 + i, today),
                "next_step": "Scope workshop",
            },
        )
    return a


def rules(brief) -> list[str]:
    return [p.rule for p in brief.talking_points]


# -- sections ----------------------------------------------------------------------------------


def test_sections_hold_the_accounts_records(store):
    a = make_typical_account(store)
    other = make_account(store, name="Other")
    store.create("opportunities", {"account_id": other, "name": "Not ours", "stage": "proposal"})
    won = store.create(
        "opportunities", {"account_id": a, "name": "Won", "stage": "closed_won", "amount_cents": 1}
    )
    done = store.create("tasks", {"account_id": a, "subject": "Done", "status": "done"})
    user = store.create("contacts", {"account_id": a, "name": "Just a user", "role": "user"})
    brief = compose_brief(store, a, today=TODAY)

    assert brief.name == "Kobayashi Precision 小林精機"
    assert {o.name for o in brief.opportunities} == {"Predictive maintenance", "Renewal 2027"}
    assert ("opportunities", won) not in brief.sources()
    assert brief.weighted_pipeline_cents == 18_000_000 * 60 // 100 + 46_800_000 * 40 // 100
    assert brief.open_pipeline_cents == 18_000_000 + 46_800_000
    assert [t.subject for t in brief.tasks] == ["Send ROI deck", "Book Q4 review"]
    assert [t.subject for t in brief.overdue_tasks] == ["Send ROI deck"]
    assert ("tasks", done) not in brief.sources()
    assert ("contacts", user) not in brief.sources()
    assert [s.name for s in brief.champions] == ["Yuki Tanaka 田中由紀"]
    assert [s.name for s in brief.detractors] == ["Αλέξανδρος Παπαδόπουλος"]
    assert brief.stakeholders[0].is_champion  # champions come first
    yuki = brief.champions[0]
    assert yuki.reports_to.name == "Haruto Sato 佐藤陽翔" and yuki.days_since_contact == 12
    assert [n.title for n in brief.notes] == [
        "Plant visit with Yuki",
        "CFO budget call",
        "Q3 business review",
        "Pricing sent",
    ]
    assert brief.notes[0].first_line == "Walked the Osaka line."
    assert [r.note_title for r in brief.risks] == ["CFO budget call"]
    assert brief.risks[0].keywords == ["competitor"]


def test_every_statement_names_a_record_of_the_store(store):
    a = make_typical_account(store)
    brief = compose_brief(store, a, today=TODAY)
    sources = brief.sources()
    assert len(sources) > 10
    for table, row_id in sources:
        assert store.get(table, row_id) is not None, (table, row_id)
    for point in brief.talking_points:
        assert store.get(*point.source) is not None


def test_identity_names_parent_and_children(store):
    parent = make_account(store, name="Holding")
    a = make_account(store, name="Mid", parent_id=parent, owner="Sam", tier="growth")
    child = make_account(store, name="Leaf", parent_id=a)
    brief = compose_brief(store, a, today=TODAY)
    assert brief.identity.parent.name == "Holding"
    assert [(c.id, c.name) for c in brief.identity.children] == [(child, "Leaf")]
    assert (brief.identity.owner, brief.identity.tier, brief.identity.city) == (
        "Sam",
        "growth",
        "Lyon",
    )


@pytest.mark.parametrize(
    "today, end, notice, deadline, days_left",
    [
        # Across the year boundary: a December brief with January end dates.
        (dt.date(2026, 12, 20), "2027-01-10", 30, "2026-12-11", -9),
        (dt.date(2026, 12, 20), "2027-01-31", 30, "2027-01-01", 12),
        (dt.date(2026, 12, 20), "2027-01-15", 0, "2027-01-15", 26),
        # Across month ends, February of a common year and of a leap year.
        (dt.date(2026, 12, 20), "2027-03-01", 60, "2026-12-31", 11),
        (dt.date(2028, 2, 1), "2028-03-01", 1, "2028-02-29", 28),
        (dt.date(2027, 1, 31), "2027-03-31", 31, "2027-02-28", 28),
    ],
)
def test_notice_deadline_and_days_left(store, today, end, notice, deadline, days_left):
    a = make_account(store)
    store.create(
        "contracts",
        {
            "account_id": a,
            "number": "C-1",
            "start_date": "2024-01-01",
            "end_date": end,
            "notice_days": notice,
            "status": "active",
        },
    )
    contract = compose_brief(store, a, today=today).money.contracts[0]
    assert contract.notice_deadline == dt.date.fromisoformat(deadline)
    assert contract.days_to_notice == days_left
    assert contract.days_to_end == (dt.date.fromisoformat(end) - today).days


def test_weighted_pipeline_uses_stage_probability_when_none_set(store):
    a = make_account(store)
    store.create(
        "opportunities",
        {"account_id": a, "name": "A", "stage": "negotiation", "amount_cents": 1000},
    )  # 80 %
    store.create(
        "opportunities",
        {"account_id": a, "name": "B", "stage": "proposal", "amount_cents": 333, "probability": 50},
    )  # 166.5 -> 167
    store.create(
        "opportunities",
        {"account_id": a, "name": "C", "stage": "closed_lost", "amount_cents": 10**9},
    )
    assert compose_brief(store, a, today=TODAY).weighted_pipeline_cents == 800 + 167


def test_pending_changes_count_only_this_accounts_records(store):
    a = make_account(store)
    b = make_account(store, name="Other")
    c = store.create("contacts", {"account_id": a, "name": "X"})
    store.db.execute("DELETE FROM outbox")  # as if everything had synced
    assert pending_changes_of(store, a) == 0
    store.update("contacts", c, {"title": "CTO"})
    store.update("accounts", b, {"city": "Paris"})
    assert pending_changes_of(store, a) == 1
    note = store.create(
        "notes", {"account_id": a, "kind": "call", "title": "t", "occurred_at": moment(0)}
    )
    store.delete("notes", note)
    brief = compose_brief(store, a, today=TODAY, now=dt.datetime(2026, 11, 22, 9, 30))
    assert brief.as_of.pending_changes == 3  # the contact edit, the note's create and delete
    assert brief.as_of.has_unsynced_changes
    assert brief.as_of.now == dt.datetime(2026, 11, 22, 9, 30)


def test_risk_keywords_match_words_not_fragments():
    assert risk_keywords("They escalated twice; SLA breached.") == ["escalation", "SLA", "breach"]
    assert risk_keywords("Cancellation threatened by a competitor") == [
        "cancellation",
        "competitor",
    ]
    assert risk_keywords("The slab of classical islands was uncancelled") == []


# -- talking points: each rule appears when it holds, and not otherwise -------------------------


def contract(store, a, end_in: int, notice: int, status="active", auto_renew=1):
    return store.create(
        "contracts",
        {
            "account_id": a,
            "number": f"C-{end_in}-{notice}",
            "start_date": "2024-01-01",
            "end_date": day(end_in),
            "notice_days": notice,
            "status": status,
            "auto_renew": auto_renew,
        },
    )


def test_renewal_window_rule(store):
    a = make_account(store)
    inside = contract(store, a, end_in=RENEWAL_WINDOW_DAYS + 30, notice=30)  # deadline in 90
    contract(store, a, end_in=RENEWAL_WINDOW_DAYS + 31, notice=30)  # deadline in 91: not yet
    passed = contract(store, a, end_in=10, notice=30)  # deadline passed, contract still running
    contract(store, a, end_in=-5, notice=30)  # ended: nothing to say
    contract(store, a, end_in=40, notice=30, status="terminated")
    points = compose_brief(store, a, today=TODAY).talking_points
    found = {(p.rule, p.source[1]) for p in points if p.rule in ("renewal_window", "notice_passed")}
    assert found == {("renewal_window", inside), ("notice_passed", passed)}


def test_upsell_stalled_rule(store):
    a = make_account(store)
    late = store.create(
        "opportunities",
        {
            "account_id": a,
            "name": "Late upsell",
            "type": "upsell",
            "stage": "proposal",
            "close_date": day(-1),
        },
    )
    quiet = store.create(
        "opportunities",
        {
            "account_id": a,
            "name": "Quiet cross-sell",
            "type": "cross_sell",
            "stage": "discovery",
            "close_date": day(40),
        },
    )
    lively = store.create(
        "opportunities",
        {
            "account_id": a,
            "name": "Lively upsell",
            "type": "upsell",
            "stage": "discovery",
            "close_date": day(40),
        },
    )
    store.create(
        "opportunities",
        {
            "account_id": a,
            "name": "Late renewal",
            "type": "renewal",
            "stage": "proposal",
            "close_date": day(-3),
        },
    )
    store.create(
        "notes",
        {
            "account_id": a,
            "kind": "call",
            "title": "old",
            "occurred_at": moment(-31),
            "opportunity_id": quiet,
        },
    )
    store.create(
        "notes",
        {
            "account_id": a,
            "kind": "call",
            "title": "recent",
            "occurred_at": moment(-29),
            "opportunity_id": lively,
        },
    )
    points = compose_brief(store, a, today=TODAY).talking_points
    found = {(p.rule, p.source[1]) for p in points if p.rule.startswith("upsell")}
    assert found == {("upsell_overdue", late), ("upsell_quiet", quiet)}


def test_champion_silent_rule(store):
    a = make_account(store)
    silent = store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Silent",
            "role": "champion",
            "last_contacted": day(-CHAMPION_SILENT_DAYS),
        },
    )
    store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Recent",
            "role": "champion",
            "last_contacted": day(-CHAMPION_SILENT_DAYS + 1),
        },
    )
    never = store.create("contacts", {"account_id": a, "name": "Never", "role": "champion"})
    store.create(
        "contacts",
        {"account_id": a, "name": "Old user", "role": "influencer", "last_contacted": day(-400)},
    )
    points = compose_brief(store, a, today=TODAY).talking_points
    assert {p.source[1] for p in points if p.rule == "champion_silent"} == {silent, never}


@pytest.mark.parametrize(
    "account, review_note_days_ago, expected",
    [
        ({"next_review": day(-1)}, 10, "review_overdue"),
        ({}, 89, None),
        ({}, 91, "no_recent_review"),
        ({}, None, "no_recent_review"),
        ({"next_review": day(14)}, 120, None),  # already booked soon
        ({"type": "prospect"}, None, None),  # prospects have no reviews
    ],
)
def test_business_review_rule(store, account, review_note_days_ago, expected):
    a = make_account(store, **account)
    if review_note_days_ago is not None:
        store.create(
            "notes",
            {
                "account_id": a,
                "kind": "business_review",
                "title": "QBR",
                "occurred_at": moment(-review_note_days_ago),
            },
        )
    found = [
        r
        for r in rules(compose_brief(store, a, today=TODAY))
        if r in ("review_overdue", "no_recent_review")
    ]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"health": "red", "health_reason": "Outage"}, {"health_red"}),
        ({"health": "amber"}, set()),
        ({"churn_risk": "high"}, {"churn_high"}),
        ({"churn_risk": "medium"}, set()),
        ({"nps": -10}, {"nps_negative"}),
        ({"nps": 0}, set()),
    ],
)
def test_health_rules(store, values, expected):
    a = make_account(store, next_review=day(10), **values)
    store.create(
        "notes",
        {"account_id": a, "kind": "business_review", "title": "QBR", "occurred_at": moment(-5)},
    )
    assert set(rules(compose_brief(store, a, today=TODAY))) == expected


def test_risk_and_overdue_rules(store):
    a = make_account(store, next_review=day(10))
    recent = store.create(
        "notes",
        {
            "account_id": a,
            "kind": "email",
            "title": "Angry mail",
            "body": "Ops escalated the outage to the VP.",
            "occurred_at": moment(-10),
        },
    )
    store.create(
        "notes",
        {"account_id": a, "kind": "email", "title": "Old outage", "occurred_at": moment(-91)},
    )
    store.create(
        "notes",
        {"account_id": a, "kind": "business_review", "title": "QBR", "occurred_at": moment(-5)},
    )
    brief = compose_brief(store, a, today=TODAY)
    assert [r.source for r in brief.risks] == [("notes", recent)]
    assert brief.risks[0].excerpt == "Ops escalated the outage to the VP."
    assert rules(brief) == ["risk_in_notes"]
    store.create(
        "tasks", {"account_id": a, "subject": "Due today", "due_date": day(0), "status": "open"}
    )
    assert "overdue_follow_ups" not in rules(compose_brief(store, a, today=TODAY))
    late = store.create(
        "tasks", {"account_id": a, "subject": "Late", "due_date": day(-1), "status": "open"}
    )
    points = compose_brief(store, a, today=TODAY).talking_points
    overdue = [p for p in points if p.rule == "overdue_follow_ups"]
    assert [p.source for p in overdue] == [("tasks", late)]


def test_detractor_rule_only_for_deciding_roles(store):
    a = make_account(store, next_review=day(10))
    store.create(
        "notes",
        {"account_id": a, "kind": "business_review", "title": "QBR", "occurred_at": moment(-5)},
    )
    buyer = store.create(
        "contacts",
        {"account_id": a, "name": "Buyer", "role": "economic_buyer", "stance": "detractor"},
    )
    store.create(
        "contacts", {"account_id": a, "name": "User", "role": "user", "stance": "detractor"}
    )
    brief = compose_brief(store, a, today=TODAY)
    assert [p.source[1] for p in brief.talking_points if p.rule == "win_over"] == [buyer]
    assert {s.name for s in brief.detractors} == {"Buyer", "User"}


def test_calm_account_has_no_talking_points(store):
    a = make_account(store, next_review=day(10))
    store.create(
        "notes",
        {
            "account_id": a,
            "kind": "business_review",
            "title": "QBR",
            "body": "All good.",
            "occurred_at": moment(-5),
        },
    )
    assert compose_brief(store, a, today=TODAY).talking_points == []


# -- against the demo book ---------------------------------------------------------------------


@pytest.fixture
def demo_store(store):
    demo = pytest.importorskip("desktop.demo", reason="desktop/demo.py (issue 2) not landed yet")
    book = demo.generate_book(seed=7, accounts=60, today=TODAY)
    demo.load_book(store, book)
    return store, book


def test_demo_briefs_hold_exactly_the_right_records(demo_store):
    store, book = demo_store

    def of(table, account_id):
        return [r for r in book.get(table, []) if r["account_id"] == account_id]

    checked = 0
    for account in book["accounts"]:
        a = account["id"]
        brief = compose_brief(store, a, today=TODAY)
        opps = [o for o in of("opportunities", a) if o["stage"] in E.OPEN_STAGES]
        assert {o.source[1] for o in brief.opportunities} == {o["id"] for o in opps}
        expected_weighted = sum(
            (
                (o.get("amount_cents") or 0)
                * (
                    o["probability"]
                    if o.get("probability") is not None
                    else E.STAGE_PROBABILITY[o["stage"]]
                )
                + 50
            )
            // 100
            for o in opps
        )
        assert brief.weighted_pipeline_cents == expected_weighted
        assert {c.source[1] for c in brief.money.contracts} == {c["id"] for c in of("contracts", a)}
        for line in brief.money.contracts:
            raw = next(c for c in of("contracts", a) if c["id"] == line.source[1])
            if raw.get("end_date"):
                deadline = dt.date.fromisoformat(raw["end_date"]) - dt.timedelta(
                    days=raw.get("notice_days") or 0
                )
                assert line.notice_deadline == deadline
                assert line.days_to_notice == (deadline - TODAY).days
        tasks = [t for t in of("tasks", a) if t["status"] == "open"]
        assert {t.source[1] for t in brief.tasks} == {t["id"] for t in tasks}
        overdue = {
            t["id"] for t in tasks if t.get("due_date") and t["due_date"] < TODAY.isoformat()
        }
        assert {t.source[1] for t in brief.overdue_tasks} == overdue
        notes = sorted(of("notes", a), key=lambda n: n["occurred_at"], reverse=True)
        assert [n.occurred_at.isoformat()[:19] for n in brief.notes] == [
            n["occurred_at"][:19] for n in notes[:5]
        ]
        contacts = of("contacts", a)
        champions = {c["id"] for c in contacts if c.get("role") == "champion"}
        assert {s.source[1] for s in brief.champions} == champions
        detractors = {
            c["id"]
            for c in contacts
            if c.get("stance") == "detractor" or c.get("role") == "blocker"
        }
        assert {s.source[1] for s in brief.detractors} == detractors
        children = {x["id"] for x in book["accounts"] if x.get("parent_id") == a}
        assert {c.id for c in brief.identity.children} == children
        checked += 1
    assert checked == 60


def test_risks_show_the_newest_few(store):
    from desktop.brief import RISK_MENTIONS

    a = make_account(store)
    ids = [
        store.create(
            "notes",
            {"account_id": a, "kind": "call", "title": f"Outage {i}", "occurred_at": moment(-i)},
        )
        for i in range(RISK_MENTIONS + 3)
    ]
    brief = compose_brief(store, a, today=TODAY)
    assert [r.source[1] for r in brief.risks] == ids[:RISK_MENTIONS]


def test_no_champion_rule(store):
    a = make_account(store, next_review=day(10))
    store.create(
        "notes",
        {"account_id": a, "kind": "business_review", "title": "QBR", "occurred_at": moment(-5)},
    )
    store.create("contacts", {"account_id": a, "name": "Buyer", "role": "economic_buyer"})
    assert rules(compose_brief(store, a, today=TODAY)) == []  # no open deal: nothing to sell
    store.create("opportunities", {"account_id": a, "name": "Deal", "stage": "proposal"})
    assert rules(compose_brief(store, a, today=TODAY)) == ["no_champion"]
    store.create(
        "contacts", {"account_id": a, "name": "Fan", "role": "champion", "last_contacted": day(-1)}
    )
    assert rules(compose_brief(store, a, today=TODAY)) == []


def test_as_of_reads_the_last_successful_sync(store):
    a = make_account(store)
    assert compose_brief(store, a, today=TODAY).as_of.last_sync is None
    with store.transaction():
        store.db.execute(
            "INSERT INTO sync_state (key, value) VALUES ('last_success_at', '2026-11-22T07:15:00')"
        )
    last = compose_brief(store, a, today=TODAY).as_of.last_sync
    assert last == dt.datetime(2026, 11, 22, 7, 15)
