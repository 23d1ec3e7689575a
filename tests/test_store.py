"""The store's write API: one transaction per edit with its outbox row, validation, deletes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop import entities as E
from desktop.store import NotFound, Store
from desktop.validation import ValidationError

VALID = {
    "accounts": {"name": "Helix Bank", "city": "Zürich", "mrr_cents": 1_250_000, "tier": "growth"},
    "contacts": {"name": "Mara Lenz", "title": "CIO", "email": "mara@helix.example"},
    "opportunities": {"name": "DR site", "stage": "discovery", "amount_cents": 9_900_000},
    "contracts": {
        "number": "ZRH-1",
        "start_date": "2025-01-01",
        "term_months": 24,
        "notice_days": 90,
    },
    "notes": {
        "kind": "call",
        "title": "Intro call",
        "body": "Talked DR.",
        "occurred_at": "2026-11-02T09:30",
    },
    "tasks": {
        "subject": "Send DR proposal",
        "kind": "email",
        "due_date": "2026-12-01",
        "status": "open",
    },
}
UPDATE = {
    "accounts": {"health": "red", "health_reason": "Outage in October"},
    "contacts": {"stance": "detractor"},
    "opportunities": {"stage": "negotiation"},
    "contracts": {"notice_days": 60},
    "notes": {"body": "Talked DR and backups."},
    "tasks": {"status": "done"},
}


def outbox(store: Store) -> list[dict]:
    return [dict(r) for r in store.db.execute("SELECT * FROM outbox ORDER BY seq")]


def make(store: Store, table: str) -> str:
    values = dict(VALID[table])
    if table != "accounts":
        values["account_id"] = store.create("accounts", VALID["accounts"])
    return store.create(table, values)


@pytest.mark.parametrize("table", E.TABLES)
def test_create_update_delete_each_write_their_outbox_row(store, table):
    row_id = make(store, table)
    created = [op for op in outbox(store) if op["row_id"] == row_id]
    assert [op["op"] for op in created] == ["create"]
    assert json.loads(created[0]["changes"])[E.entity(table).title_field]

    changed = store.update(table, row_id, UPDATE[table])
    assert set(UPDATE[table]) <= set(changed)
    op = outbox(store)[-1]
    assert (op["op"], op["row_id"], op["table_name"]) == ("update", row_id, table)
    field = next(iter(UPDATE[table]))
    assert json.loads(op["changes"])[field] == changed[field]
    assert field in json.loads(op["base"])

    store.delete(table, row_id)
    assert store.get(table, row_id) is None
    op = outbox(store)[-1]
    assert (op["op"], op["row_id"]) == ("delete", row_id)
    assert json.loads(op["base"])[E.entity(table).title_field]


@pytest.mark.parametrize("table", E.TABLES)
@pytest.mark.parametrize("action", ["create", "update", "delete"])
def test_a_failing_outbox_insert_leaves_the_row_unchanged(store, table, action, monkeypatch):
    row_id = make(store, table)
    account = store.get(table, row_id).get("account_id")
    before_rows = store.db.execute(f"SELECT * FROM {table} ORDER BY seq").fetchall()
    before_outbox = outbox(store)

    def broken(*args, **kwargs):
        store.db.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(store, "_append_outbox", broken)
    with pytest.raises(sqlite3.OperationalError):
        if action == "create":
            store.create(table, {**VALID[table], **({"account_id": account} if account else {})})
        elif action == "update":
            store.update(table, row_id, UPDATE[table])
        else:
            store.delete(table, row_id)
    assert store.db.execute(f"SELECT * FROM {table} ORDER BY seq").fetchall() == before_rows
    assert outbox(store) == before_outbox
    assert not store.db.in_transaction


def test_update_with_same_values_writes_nothing(store):
    account = store.create("accounts", {"name": "Same"})
    count = store.pending_count()
    assert store.update("accounts", account, {"name": "  Same "}) == {}
    assert store.pending_count() == count


def test_nested_transaction_commits_once_and_listeners_hear_it(store):
    heard = []
    store.add_listener(heard.append)
    with store.transaction():
        a = store.create("accounts", {"name": "One"})
        store.create("contacts", {"account_id": a, "name": "Two"})
        assert heard == []
    assert len(heard) == 1
    assert set(heard[0].tables) == {"accounts", "contacts"}
    assert heard[0].outbox


def test_has_accounts_says_whether_the_book_holds_any(store):
    assert not store.has_accounts()
    first = store.create("accounts", {"name": "First"})
    second = store.create("accounts", {"name": "Second"})
    assert store.has_accounts()
    store.delete("accounts", first)
    assert store.has_accounts()
    store.delete("accounts", second)
    assert not store.has_accounts()


def test_a_failing_batch_rolls_back_every_edit(store):
    with pytest.raises(ValidationError), store.transaction():
        store.create("accounts", {"name": "Kept?"})
        store.create("accounts", {"name": ""})
    assert store.account_count() == 0
    assert store.pending_count() == 0


@pytest.mark.parametrize(
    "table, values, field, words",
    [
        ("accounts", {"name": ""}, "name", "required"),
        ("accounts", {"name": "X", "mrr_cents": -1}, "mrr_cents", "negative"),
        ("accounts", {"name": "X", "mrr_cents": "twelve"}, "mrr_cents", "amount"),
        ("accounts", {"name": "X", "tier": "gold"}, "tier", "strategic"),
        ("accounts", {"name": "X", "health": "purple"}, "health", "green"),
        ("accounts", {"name": "X", "nps": 300}, "nps", "-100 to 100"),
        ("accounts", {"name": "X", "next_review": "31/02/2026"}, "next_review", "date"),
        ("accounts", {"name": "X", "next_review": "2026-02-30"}, "next_review", "date"),
        ("accounts", {"name": "X", "colour": "blue"}, "colour", "not a field"),
        ("contacts", {"name": "X", "email": "not-an-email"}, "email", "e-mail"),
        ("opportunities", {"name": "X", "stage": "won"}, "stage", "negotiation"),
        (
            "opportunities",
            {"name": "X", "stage": "proposal", "close_date": "soon"},
            "close_date",
            "date",
        ),
        (
            "opportunities",
            {"name": "X", "stage": "proposal", "probability": 120},
            "probability",
            "0 to 100",
        ),
        (
            "opportunities",
            {"name": "X", "stage": "proposal", "amount_cents": -5},
            "amount_cents",
            "negative",
        ),
        (
            "contracts",
            {"number": "C", "start_date": "2026-05-01", "end_date": "2026-04-01"},
            "end_date",
            "before the start",
        ),
        ("tasks", {"subject": "X", "status": "open", "due_date": "tomorrow"}, "due_date", "date"),
        ("tasks", {"subject": "", "status": "open"}, "subject", "required"),
        (
            "notes",
            {"kind": "meeting", "title": "X", "occurred_at": "yesterday"},
            "occurred_at",
            "date and time",
        ),
    ],
)
def test_validation_names_the_field_and_what_is_expected(store, table, values, field, words):
    account = store.create("accounts", {"name": "Parent"}) if table != "accounts" else None
    if account:
        values = {"account_id": account, **values}
    before = store.pending_count()
    with pytest.raises(ValidationError) as caught:
        store.create(table, values)
    assert field in caught.value.errors
    assert words in caught.value.errors[field]
    label = E.entity(table).field(field).label if field in E.entity(table).field_names else field
    assert label in str(caught.value)
    assert store.pending_count() == before


def test_update_validates_against_the_existing_row(store):
    account = store.create("accounts", {"name": "A"})
    contract = store.create(
        "contracts", {"account_id": account, "number": "1", "start_date": "2026-01-01"}
    )
    with pytest.raises(ValidationError) as caught:
        store.update("contracts", contract, {"end_date": "2025-12-31"})
    assert "end_date" in caught.value.errors
    assert store.get("contracts", contract)["end_date"] is None


def test_money_is_stored_as_integer_cents(store):
    a = store.create("accounts", {"name": "Cents", "mrr_cents": "12,500.55"})
    row = store.get("accounts", a)
    assert row["mrr_cents"] == 1_250_055
    assert isinstance(row["mrr_cents"], int)
    assert store.db.execute("SELECT typeof(mrr_cents) FROM accounts").fetchone()[0] == "integer"


def test_contract_end_date_follows_start_and_term_across_month_ends(store):
    a = store.create("accounts", {"name": "Terms"})
    c = store.create(
        "contracts",
        {"account_id": a, "number": "T", "start_date": "2025-02-28", "term_months": 12},
    )
    assert store.get("contracts", c)["end_date"] == "2026-02-27"


def test_stage_change_sets_probability_unless_given(store):
    a = store.create("accounts", {"name": "Stages"})
    o = store.create("opportunities", {"account_id": a, "name": "O", "stage": "prospecting"})
    store.update("opportunities", o, {"stage": "negotiation"})
    assert store.get("opportunities", o)["probability"] == 80
    store.update("opportunities", o, {"stage": "proposal", "probability": 35})
    assert store.get("opportunities", o)["probability"] == 35


def test_references_must_exist_and_must_not_loop(store):
    a = store.create("accounts", {"name": "A"})
    with pytest.raises(ValidationError) as caught:
        store.create(
            "contacts", {"account_id": "01900000-0000-7000-8000-00000000dead", "name": "X"}
        )
    assert "account_id" in caught.value.errors
    boss = store.create("contacts", {"account_id": a, "name": "Boss"})
    report = store.create("contacts", {"account_id": a, "name": "Report", "reports_to_id": boss})
    with pytest.raises(ValidationError) as caught:
        store.update("contacts", boss, {"reports_to_id": report})
    assert "loop" in caught.value.errors["reports_to_id"]
    child = store.create("accounts", {"name": "Child", "parent_id": a})
    with pytest.raises(ValidationError):
        store.update("accounts", a, {"parent_id": child})


def test_delete_takes_children_first_and_clears_references(store):
    parent = store.create("accounts", {"name": "Group"})
    a = store.create("accounts", {"name": "Sub", "parent_id": parent})
    boss = store.create("contacts", {"account_id": a, "name": "Boss"})
    report = store.create("contacts", {"account_id": a, "name": "Report", "reports_to_id": boss})
    note = store.create(
        "notes",
        {
            "account_id": a,
            "contact_id": boss,
            "kind": "call",
            "title": "t",
            "occurred_at": "2026-01-01T10:00",
        },
    )
    assert store.dependents("accounts", a) == {"contacts": 2, "notes": 1}
    store.delete("contacts", boss)
    assert store.get("contacts", report)["reports_to_id"] is None
    assert store.get("notes", note)["contact_id"] is None
    ops = outbox(store)
    clearing = [op for op in ops if op["op"] == "update" and op["row_id"] in (report, note)]
    assert len(clearing) == 2  # the CRM hears of the cleared references too

    removed = store.delete("accounts", parent)
    assert removed == [("accounts", parent)]
    assert store.get("accounts", a)["parent_id"] is None

    removed = store.delete("accounts", a)
    assert removed[-1] == ("accounts", a)
    assert {t for t, _ in removed[:-1]} == {"contacts", "notes"}
    delete_ops = [op["table_name"] for op in outbox(store) if op["op"] == "delete"]
    assert delete_ops[-1] == "accounts" and "notes" in delete_ops[2:-1]
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_missing_records_raise_not_found(store):
    with pytest.raises(NotFound):
        store.update("accounts", "01900000-0000-7000-8000-00000000beef", {"name": "x"})
    with pytest.raises(KeyError):
        store.get("planets", "x")


def test_ids_are_time_ordered_uuid7(store):
    ids = [store.create("accounts", {"name": f"A{i}"}) for i in range(50)]
    assert ids == sorted(ids)
    assert all(i[14] == "7" for i in ids)


def test_store_file_uses_wal_and_foreign_keys(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_preferences_round_trip(store):
    assert store.preference("sync_interval_minutes", "5") == "5"
    store.set_preference("sync_interval_minutes", "15")
    assert store.preference("sync_interval_minutes") == "15"


def test_notice_deadlines_upcoming_first_and_passed_ones_only_while_recent(store):
    import datetime as dt

    today = dt.date(2026, 12, 20)
    a = store.create("accounts", {"name": "Renewals"})

    def contract(number, end, notice):
        store.create(
            "contracts",
            {
                "account_id": a,
                "number": number,
                "start_date": "2025-01-01",
                "end_date": end,
                "notice_days": notice,
                "status": "active",
            },
        )

    contract("IN-12", "2027-01-31", 30)  # deadline 2027-01-01: 12 days ahead, across the year
    contract("IN-40", "2027-03-31", 60)  # deadline 2027-01-30
    contract("PASSED-5", "2027-01-14", 30)  # deadline 2026-12-15
    contract("PASSED-60", "2027-06-30", 250)  # deadline 2026-10-23
    contract("ENDED", "2026-12-01", 30)  # contract over: not listed
    every = store.contracts_by_notice_deadline(today=today)
    assert [c["number"] for c in every] == ["IN-12", "IN-40", "PASSED-5", "PASSED-60"]
    assert [c["days_to_notice"] for c in every] == [12, 41, -5, -58]
    soon = store.contracts_by_notice_deadline(30, today, passed_within_days=7)
    assert [c["number"] for c in soon] == ["IN-12", "PASSED-5"]


def test_create_many_writes_each_record_and_its_outbox_row_or_nothing(store):
    a = store.create("accounts", {"name": "Batch"})
    before = store.pending_count()
    ids = store.create_many(
        "tasks", [{"account_id": a, "subject": f"Call {i}", "status": "open"} for i in range(5)]
    )
    assert [store.get("tasks", i)["subject"] for i in ids] == [f"Call {i}" for i in range(5)]
    ops = outbox(store)[before:]
    assert [(op["op"], op["row_id"]) for op in ops] == [("create", i) for i in ids]
    assert len({op["op_id"] for op in ops}) == 5

    count = store.pending_count()
    with pytest.raises(ValidationError) as caught:
        store.create_many(
            "tasks",
            [
                {"account_id": a, "subject": "ok", "status": "open"},
                {"account_id": a, "subject": "", "status": "open"},
            ],
        )
    assert caught.value.row == 1 and "subject" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        store.create_many(
            "tasks",
            [
                {"account_id": a, "subject": "ok", "status": "open"},
                {
                    "account_id": "01900000-0000-7000-8000-00000000dead",
                    "subject": "orphan",
                    "status": "open",
                },
            ],
        )
    assert caught.value.row == 1 and "account_id" in caught.value.errors
    assert store.pending_count() == count
    assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 5


def test_update_many_changes_only_what_differs_with_one_outbox_row_each(store):
    a = store.create("accounts", {"name": "Batch"})
    ids = store.create_many(
        "tasks", [{"account_id": a, "subject": f"T{i}", "status": "open"} for i in range(4)]
    )
    before = store.pending_count()
    done = store.update_many(
        "tasks",
        {
            ids[0]: {"status": "done"},
            ids[1]: {"status": "open"},  # unchanged: no outbox row
            ids[2]: {"priority": "high", "status": "done"},
        },
    )
    assert set(done) == {ids[0], ids[2]}
    assert store.get("tasks", ids[2])["priority"] == "high"
    ops = outbox(store)[before:]
    assert [(op["row_id"], json.loads(op["base"])) for op in ops] == [
        (ids[0], {"status": "open"}),
        (ids[2], {"priority": None, "status": "open"}),
    ]
    with pytest.raises(ValidationError):
        store.update_many("tasks", {ids[3]: {"status": "done"}, ids[1]: {"due_date": "soon"}})
    assert store.get("tasks", ids[3])["status"] == "open"
    with pytest.raises(NotFound):
        store.update_many("tasks", {"01900000-0000-7000-8000-00000000dead": {"status": "done"}})


def test_a_write_refused_at_begin_leaves_the_next_write_its_own_transaction(store):
    blocker = store.new_connection()  # plain or encrypted, like the store
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    store.db.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        store.create("accounts", {"name": "Waiting"})
    blocker.execute("ROLLBACK")

    heard = []
    store.add_listener(heard.append)
    account = store.create("accounts", {"name": "After the lock"})
    # Its own transaction, committed and announced: not joined to one that never began.
    assert [set(changes.tables.get("accounts", ())) for changes in heard] == [{account}]
    assert not store.db.in_transaction
    seen = blocker.execute("SELECT name FROM accounts WHERE id = ?", (account,)).fetchone()
    assert tuple(seen) == ("After the lock",)
    blocker.close()
