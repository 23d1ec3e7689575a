"""Issue 12: a lost or malformed answer never sticks sync or changes the rep's data.

Each test names the defect of the issue it keeps fixed (the engine against the in-memory CRM,
with a connector that corrupts answers the way a bad network or a broken CRM would).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from engine_helpers import FakeClock

from sync.connector import PullPage, RemoteRecord
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


class Corrupting(MemoryConnector):
    """A memory connector whose next pulled pages pass through ``corrupt`` first."""

    def __init__(self, crm: MemoryCRM):
        super().__init__(crm)
        self.corrupt_pages: list = []
        self.hide: set[str] = set()  # ids left out of every pulled page (a page that missed them)
        self.spoil = None  # a record -> record change made to every record the CRM answers

    def fetch(self, table, ids):
        found = super().fetch(table, ids)
        return [self.spoil(r) for r in found] if self.spoil else found

    def pull(self, cursor, limit=500):
        page = super().pull(cursor, limit)
        page = PullPage(
            [r for r in page.records if r.id not in self.hide],
            page.deletions,
            page.cursor,
            page.more,
        )
        if self.corrupt_pages:
            page = self.corrupt_pages.pop(0)(page)
        if self.spoil:
            page = replace(page, records=[self.spoil(r) for r in page.records])
        return page


@pytest.fixture
def crm():
    return MemoryCRM()


@pytest.fixture
def connector(crm):
    return Corrupting(crm)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def engine(store, connector, clock):
    return SyncEngine(store, connector, clock=clock, rng=lambda: 0.5)


def sync_ok(engine, clock):
    clock.advance(7200)
    report = engine.sync()
    assert report.ok, report.errors
    return report


def test_defect_1_lost_child_create_then_parent_delete_does_not_stick_sync(
    store, crm, connector, engine, clock
):
    parent = store.create("accounts", {"name": "Parent"})
    sync_ok(engine, clock)
    child = store.create("accounts", {"name": "Child", "parent_id": parent})
    connector.lose_next(1)
    assert not engine.sync().ok
    store.delete("accounts", parent)
    for _ in range(3):
        clock.advance(7200)
        report = engine.sync()  # raised IntegrityError: FOREIGN KEY constraint failed
    assert report.ok, report.errors
    assert store.pending_count() == 0
    server = crm.snapshot()["accounts"]
    assert parent not in server
    assert server[child]["parent_id"] is None
    assert store.get("accounts", child)["parent_id"] is None


def test_defect_3_pulled_values_are_validated_and_bad_records_held_back(
    store, crm, connector, engine, clock
):
    good = crm.create("accounts", {"name": "Good", "tier": "growth"})
    bad = crm.create("accounts", {"name": "Bad", "tier": "growth"})

    def spoil(r: RemoteRecord) -> RemoteRecord:
        if r.id == bad:
            return replace(r, values={**r.values, "tier": "bogus", "name": 12345})
        return r

    connector.spoil = spoil
    sync_ok(engine, clock)
    assert store.get("accounts", good)["name"] == "Good"
    assert store.get("accounts", bad) is None  # neither 12345 nor "bogus" is stored
    held = engine.status().held_back
    assert held == 1
    [why] = engine.held_back()
    assert why.row_id == bad and "tier" in why.reason and "name" in why.reason
    # Held back, not dropped: asked for again at the next sync, which brings it once it is valid.
    connector.spoil = None
    sync_ok(engine, clock)
    assert store.get("accounts", bad)["name"] == "Bad"
    assert engine.status().held_back == 0


def test_defect_2_a_pulled_row_with_a_null_id_never_reaches_the_saved_position(
    store, crm, connector, engine, clock
):
    crm.create("accounts", {"name": "One"})

    def null_id(page: PullPage) -> PullPage:
        return replace(page, records=[*page.records, RemoteRecord("accounts", None, "v", {})])  # type: ignore[arg-type]

    connector.corrupt_pages.append(null_id)
    engine.sync()
    two = crm.create("accounts", {"name": "Two"})
    sync_ok(engine, clock)
    assert store.get("accounts", two)["name"] == "Two"


def test_defect_3_a_record_a_pull_page_missed_is_found_by_reconciliation(
    store, crm, connector, engine, clock
):
    missed = crm.create("accounts", {"name": "Missed by the page"})
    crm.create("accounts", {"name": "Later"})
    connector.hide.add(missed)
    sync_ok(engine, clock)  # the page missed it and the cursor moved past it
    sync_ok(engine, clock)
    assert store.get("accounts", missed)["name"] == "Missed by the page"


def test_defect_4_keeping_an_account_edited_elsewhere_brings_back_its_children(
    store, crm, connector, engine, clock
):
    account = store.create("accounts", {"name": "Acme"})
    contact = store.create("contacts", {"account_id": account, "name": "Ann"})
    note = store.create(
        "notes",
        {
            "account_id": account,
            "title": "QBR",
            "kind": "meeting",
            "occurred_at": "2026-03-01T10:00:00",
        },
    )
    sync_ok(engine, clock)
    crm.edit("accounts", account, {"name": "Acme (renamed there)"})
    store.delete("accounts", account)
    sync_ok(engine, clock)
    server = crm.snapshot()
    # Nothing of the subtree went while the account's conflict was open.
    assert contact in server["contacts"] and note in server["notes"]
    conflicts = engine.conflicts()
    assert [c.kind for c in conflicts] == ["deleted_locally"]
    engine.resolve(conflicts[0].id, "theirs")
    sync_ok(engine, clock)
    sync_ok(engine, clock)
    server = crm.snapshot()
    assert account in server["accounts"] and contact in server["contacts"]
    assert note in server["notes"]
    assert store.get("accounts", account)["name"] == "Acme (renamed there)"
    assert store.get("contacts", contact) is not None
    assert store.get("notes", note) is not None
    assert store.pending_count() == 0


def test_a_poisoned_change_is_parked_with_a_reason_and_the_rest_keeps_flowing(
    store, crm, connector, engine, clock
):
    from desktop.errors import OP_GAVE_UP, ErrorInfo
    from sync.connector import MutationResult, Outcome
    from sync.core import MAX_ATTEMPTS

    poisoned = store.create("accounts", {"name": "Poisoned"})
    real_push = connector.push

    def push(mutations):
        results = real_push([m for m in mutations if m.id != poisoned])
        out, it = [], iter(results)
        for m in mutations:
            out.append(
                MutationResult(m.op_id, Outcome.RETRY, reason="server bug")
                if m.id == poisoned
                else next(it)
            )
        return out

    connector.push = push
    for n in range(MAX_ATTEMPTS + 2):
        store.create("accounts", {"name": f"Fine {n}"})
        sync_ok(engine, clock)
    [item] = engine.outbox_items()
    assert item.row_id == poisoned and item.state == "parked"
    info = ErrorInfo.from_json(item.last_error)
    assert info.kind == OP_GAVE_UP and info.params["detail"] == "server bug"
    assert len(crm.snapshot()["accounts"]) == MAX_ATTEMPTS + 2  # every other one arrived
    clock.advance(86_400)
    assert not engine.due_for_retry()  # the watchdog does not spin on it
