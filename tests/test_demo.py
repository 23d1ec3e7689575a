"""The demo book: deterministic, internally consistent, valid, and showing every case a screen
must handle (each stage and type, notice deadlines soon and passed, overdue tasks, groups)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

import pytest

from desktop import entities as E
from desktop.demo import DEMO_OWNER, ensure_demo_store, generate_book, load_book, tier_for
from desktop.queries import AccountFilter
from desktop.store import Store
from desktop.validation import validate

TODAY = dt.date(2026, 11, 18)  # a Wednesday: "this week" has days on both sides


@pytest.fixture(scope="module")
def book():
    return generate_book(seed=7, today=TODAY)


def by_id(book, table):
    return {r["id"]: r for r in book[table]}


def test_same_seed_and_day_give_the_same_book_and_another_seed_another(book):
    assert generate_book(seed=7, today=TODAY) == book
    other = generate_book(seed=8, today=TODAY)
    assert other != book
    assert {a["name"] for a in other["accounts"]} != {a["name"] for a in book["accounts"]}


def test_dates_follow_today(book):
    later = generate_book(seed=7, today=TODAY + dt.timedelta(days=30))
    assert [a["name"] for a in later["accounts"]] == [a["name"] for a in book["accounts"]]
    newest = max(n["occurred_at"] for n in later["notes"])
    assert TODAY.isoformat() < newest < (TODAY + dt.timedelta(days=30)).isoformat()


def test_size_and_ids_are_time_ordered_uuid7(book):
    assert len(book["accounts"]) == 60
    ids = [r["id"] for table in E.TABLES for r in book[table]]
    assert len(set(ids)) == len(ids)
    for table in E.TABLES:
        table_ids = [r["id"] for r in book[table]]
        assert table_ids == sorted(table_ids), f"{table} ids are not in creation order"
        assert all(uuid.UUID(i).version == 7 for i in table_ids)


def test_every_record_validates_as_is(book):
    for table in E.TABLES:
        entity = E.entity(table)
        for record in book[table]:
            values = {k: v for k, v in record.items() if k != "id"}
            assert set(values) == set(entity.field_names)
            clean = validate(entity, values)
            assert {k: clean[k] for k in values} == values, (table, record)


def test_every_reference_resolves_within_its_account(book):
    accounts = by_id(book, "accounts")
    contacts = by_id(book, "contacts")
    opportunities = by_id(book, "opportunities")
    for account in book["accounts"]:
        if account["parent_id"]:
            assert account["parent_id"] in accounts
    for table in ("contacts", "opportunities", "contracts", "notes", "tasks"):
        for row in book[table]:
            assert row["account_id"] in accounts
            for ref, targets in (
                ("contact_id", contacts),
                ("opportunity_id", opportunities),
                ("reports_to_id", contacts),
            ):
                if row.get(ref):
                    assert targets[row[ref]]["account_id"] == row["account_id"], (table, ref)


def test_parents_come_before_children(book):
    seen: set[str] = set()
    for account in book["accounts"]:
        assert account["parent_id"] is None or account["parent_id"] in seen
        seen.add(account["id"])
    seen = set()
    for contact in book["contacts"]:
        assert contact["reports_to_id"] is None or contact["reports_to_id"] in seen
        seen.add(contact["id"])


def test_groups_contacts_and_reporting_lines(book):
    children = Counter(a["parent_id"] for a in book["accounts"] if a["parent_id"])
    assert children and max(children.values()) >= 2
    per_account = Counter(c["account_id"] for c in book["contacts"])
    assert set(per_account) == {a["id"] for a in book["accounts"]}
    assert all(3 <= n <= 8 for n in per_account.values())
    assert len(set(per_account.values())) >= 4
    contacts = by_id(book, "contacts")
    for account in book["accounts"]:
        people = [c for c in book["contacts"] if c["account_id"] == account["id"]]
        tops = [c for c in people if c["reports_to_id"] is None]
        assert tops and all(c["title"].startswith("Chief") for c in tops)
        assert any(c["reports_to_id"] for c in people)
        for c in people:  # every line ends at an executive, without loops
            steps, current = 0, c
            while current["reports_to_id"]:
                current = contacts[current["reports_to_id"]]
                steps += 1
                assert steps < 5
            assert current["title"].startswith("Chief")
    assert {c["role"] for c in book["contacts"]} == set(E.CONTACT_ROLES)
    assert {c["stance"] for c in book["contacts"]} == set(E.STANCES)


def test_names_in_other_scripts_are_there_for_the_pdf(book):
    names = " ".join(c["name"] for c in book["contacts"])
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in names)
    assert any("\u0370" <= ch <= "\u03ff" for ch in names)
    assert all(c["email"].isascii() for c in book["contacts"])


def test_opportunities_cover_every_stage_and_type(book):
    opps = book["opportunities"]
    assert {o["stage"] for o in opps} == set(E.STAGES)
    assert {o["type"] for o in opps} == set(E.OPPORTUNITY_TYPES)
    assert {o["forecast_category"] for o in opps} >= {"pipeline", "best_case", "commit", "closed"}
    assert any(o["competitor"] for o in opps)
    for o in opps:
        closed = o["stage"] in E.CLOSED_STAGES
        assert (o["close_date"] < TODAY.isoformat()) or not closed
        assert (o["next_step"] is None) == closed
        assert o["amount_cents"] >= o["mrr_cents"] > 0


def test_contracts_have_notice_deadlines_soon_passed_and_later(book):
    deadlines = []
    for c in book["contracts"]:
        assert c["notice_days"] in (30, 60, 90, 180)
        start, end = dt.date.fromisoformat(c["start_date"]), dt.date.fromisoformat(c["end_date"])
        assert start <= TODAY and start < end
        if c["status"] == "active":
            assert end >= TODAY
            deadlines.append((end - dt.timedelta(days=c["notice_days"]) - TODAY).days)
    assert any(0 <= d <= 90 for d in deadlines)
    assert any(d < 0 for d in deadlines)  # too late to give notice, contract still running
    assert any(d > 90 for d in deadlines)
    assert any(c["status"] in ("expired", "terminated") for c in book["contracts"])
    assert {c["auto_renew"] for c in book["contracts"]} == {0, 1}


def test_account_mrr_matches_active_contracts_and_sets_the_tier(book):
    active = Counter()
    for c in book["contracts"]:
        if c["status"] == "active":
            active[c["account_id"]] += c["mrr_cents"]
    for a in book["accounts"]:
        if a["type"] == "customer":
            assert a["mrr_cents"] == active[a["id"]]
        assert a["tier"] == tier_for(a["mrr_cents"])
    tiers = Counter(a["tier"] for a in book["accounts"])
    assert set(tiers) == set(E.TIERS)
    assert all(a["mrr_cents"] > 5_000_000 for a in book["accounts"] if a["tier"] == "strategic")


def test_health_churn_owners_and_reviews_are_spread(book):
    accounts = book["accounts"]
    assert {a["health"] for a in accounts} >= set(E.HEALTH)
    assert {a["churn_risk"] for a in accounts} >= set(E.CHURN_RISK)
    assert all(a["health_reason"] for a in accounts if a["health"])
    assert all(a["churn_reason"] for a in accounts if a["churn_risk"] not in (None, "none"))
    assert {a["type"] for a in accounts} == set(E.ACCOUNT_TYPES)
    owners = Counter(a["owner"] for a in accounts)
    assert owners.most_common(1)[0][0] == DEMO_OWNER and len(owners) > 1
    assert len({a["city"] for a in accounts}) >= 8
    assert len({a["industry"] for a in accounts}) >= 6
    soon = TODAY + dt.timedelta(days=30)
    assert any(
        a["next_review"] and TODAY.isoformat() <= a["next_review"] <= soon.isoformat()
        for a in accounts
    )


def test_tasks_are_overdue_due_today_and_this_week(book):
    open_tasks = [t for t in book["tasks"] if t["status"] == "open"]
    due = [dt.date.fromisoformat(t["due_date"]) for t in open_tasks]
    assert any(d < TODAY for d in due)
    assert any(d == TODAY for d in due)
    sunday = TODAY + dt.timedelta(days=6 - TODAY.weekday())
    assert any(
        t["kind"] == "meeting" and TODAY <= dt.date.fromisoformat(t["due_date"]) <= sunday
        for t in open_tasks
    )
    assert {t["status"] for t in book["tasks"]} == set(E.TASK_STATUSES)


def test_notes_read_like_a_rep_and_some_carry_risks(book):
    notes = book["notes"]
    assert {n["kind"] for n in notes} == set(E.NOTE_KINDS)
    assert all(n["occurred_at"] < TODAY.isoformat() for n in notes)
    per_account = Counter(n["account_id"] for n in notes)
    assert len(per_account) == 60
    text = " ".join(n["body"].lower() for n in notes)
    for word in ("escalation", "outage", "sla", "churn", "competitor quote"):
        assert word in text
    assert "{" not in text and "}" not in text  # every placeholder filled
    assert all(n["body"].count("Next:") == 1 for n in notes)
    assert Counter(n["body"] for n in notes).most_common(1)[0][1] < 5  # not one note repeated
    small = generate_book(seed=7, accounts=5, today=TODAY, notes_per_account=4)
    assert len(small["accounts"]) == 5 and len(small["notes"]) == 20


def test_load_book_writes_no_outbox_keeps_integrity_and_tells_listeners(store, book):
    heard = []
    store.add_listener(heard.append)
    load_book(store, book)
    assert store.pending_count() == 0
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in E.TABLES:
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(book[table])
    assert len(heard) == 1 and heard[0].origin == "sync"
    assert heard[0].tables["notes"] == {n["id"] for n in book["notes"]}
    note = book["notes"][0]
    stored = store.get("notes", note["id"])
    assert {k: stored[k] for k in note} == note
    # The full-text index heard every row: a word of the last note finds it.
    word = book["notes"][-1]["title"].split()[-1]
    hits = store.search(word, per_table=500)
    assert book["notes"][-1]["id"] in {h.id for h in hits if h.table == "notes"}
    assert store.db.execute("SELECT name FROM sqlite_temp_master").fetchall() == []
    mine = store.account_ids(AccountFilter(owner=DEMO_OWNER))
    assert 0 < len(mine) < len(book["accounts"])


def test_ensure_demo_store_fills_once(tmp_path):
    path = tmp_path / "demo" / "book.sqlite"
    first = ensure_demo_store(path, today=TODAY)
    ids = first.account_ids()
    assert len(ids) == 60
    first.close()
    again = ensure_demo_store(path, seed=99, today=TODAY)
    assert again.account_ids() == ids
    assert again.pending_count() == 0
    again.close()
    reopened = Store.open(path)
    assert reopened.account_count() == 60
    reopened.close()
