"""The sync engine against the in-memory CRM: each rule of DESIGN.md "Sync" in its own test."""

from __future__ import annotations

import pytest
from engine_helpers import FakeClock, client_snapshot, creates_received, one_of_each

import sync.engine as engine_module
from desktop import entities as E
from desktop.errors import (
    CRM_REFUSED,
    OP_WAITS_FOR_RECORD,
    SIGN_IN_NEEDED,
    SYNC_RUNNING,
    ErrorInfo,
)
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


@pytest.fixture
def crm():
    return MemoryCRM()


@pytest.fixture
def connector(crm):
    return MemoryConnector(crm)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def engine(store, connector, clock):
    return SyncEngine(store, connector, clock=clock, rng=lambda: 0.5)


def test_offline_edits_of_every_entity_arrive_once(store, crm, connector, engine, clock):
    connector.fail_next(1)  # offline: the first attempt fails
    ids = one_of_each(store)
    assert not engine.sync().ok
    for table, row_id in ids.items():
        store.update(
            table,
            row_id,
            {E.entity(table).title_field: f"{table} edited"}
            if table != "contracts"
            else {"notice_days": 90},
        )
    clock.advance(3600)
    report = engine.sync()
    assert report.ok, report.errors
    server = crm.snapshot()
    for table, row_id in ids.items():
        assert list(server[table]) == [row_id]
        assert creates_received(crm, table, row_id) == 1
    assert server["contracts"][ids["contracts"]]["notice_days"] == 90
    assert server["notes"][ids["notes"]]["title"] == "notes edited"
    assert client_snapshot(store) == server
    assert store.pending_count() == 0
    # Deletes of every entity arrive too, children before the account.
    for table in ("tasks", "notes", "contracts", "opportunities", "contacts"):
        store.delete(table, ids[table])
    store.delete("accounts", ids["accounts"])
    assert engine.sync().ok
    assert crm.snapshot() == {t: {} for t in E.TABLES}
    deletes = [m.table for m in crm.pushes if m.op == "delete"]
    assert deletes.index("accounts") == len(deletes) - 1


def test_lost_answer_to_a_create_then_retry_makes_no_duplicate(
    store, crm, connector, engine, clock
):
    account = store.create("accounts", {"name": "Acme"})
    note = store.create(
        "notes",
        {
            "account_id": account,
            "kind": "call",
            "title": "Hello",
            "occurred_at": "2026-01-01T09:00:00",
        },
    )
    connector.lose_next(1)
    report = engine.sync()
    assert not report.ok
    assert set(crm.snapshot()["accounts"]) == {account}  # applied, answer lost
    assert store.pending_count() == 2
    store.update("accounts", account, {"city": "Oslo"})  # edited before the retry
    clock.advance(3600)
    report = engine.sync()
    assert report.ok, report.errors
    server = crm.snapshot()
    assert list(server["accounts"]) == [account] and list(server["notes"]) == [note]
    assert server["accounts"][account]["city"] == "Oslo"
    assert client_snapshot(store) == server
    assert store.pending_count() == 0


def test_retried_create_whose_answer_was_lost_is_answered_by_the_crm_idempotently(
    store, crm, connector, engine, clock
):
    account = store.create("accounts", {"name": "Acme"})
    connector.lose_next(1)
    engine.sync()
    clock.advance(3600)
    # Skip the pull: push directly, as a retry after a crash between push and pull would.
    engine._push_all(engine_module.SyncReport())
    assert list(crm.snapshot()["accounts"]) == [account]
    assert creates_received(crm, "accounts", account) == 2
    assert store.pending_count() == 0


def test_an_edit_made_while_a_push_is_in_flight_survives(store, crm, connector, engine):
    account = store.create("accounts", {"name": "Acme", "city": "Lyon"})
    assert engine.sync().ok
    store.update("accounts", account, {"city": "Paris"})

    def rep_edits_meanwhile(mutations):
        connector.during_push = None
        store.update("accounts", account, {"city": "Nice", "phone": "+33 1"})

    connector.during_push = rep_edits_meanwhile
    assert engine.sync().ok
    assert crm.snapshot()["accounts"][account]["city"] == "Paris"  # what was pushed
    row = store.get("accounts", account)
    assert (row["city"], row["phone"]) == ("Nice", "+33 1")  # the later edit is still here
    assert store.pending_count() == 1
    # The remaining op is rebased on the new server version, so it goes through unconflicted.
    assert engine.sync().ok
    assert crm.snapshot()["accounts"][account]["city"] == "Nice"
    assert engine.conflicts() == []
    assert client_snapshot(store) == crm.snapshot()


def test_one_sided_field_edits_on_both_sides_merge(store, crm, engine):
    account = store.create("accounts", {"name": "Acme", "city": "Lyon", "industry": "Steel"})
    assert engine.sync().ok
    crm.edit("accounts", account, {"industry": "Aluminium", "phone": "+1 555"})
    store.update("accounts", account, {"city": "Grenoble"})
    report = engine.sync()
    assert report.ok and report.conflicts == 0
    expected = {"city": "Grenoble", "industry": "Aluminium", "phone": "+1 555"}
    for side in (store.get("accounts", account), crm.snapshot()["accounts"][account]):
        assert {k: side[k] for k in expected} == expected
    assert store.pending_count() == 0


@pytest.mark.parametrize(
    "choice, value, expected",
    [
        ("mine", None, "Mine."),
        ("theirs", None, "Theirs."),
        ("edit", "Both agreed.", "Both agreed."),
        ("both", None, "Mine.\n\n---\n\nTheirs."),
    ],
)
def test_a_true_conflict_is_surfaced_with_three_values_and_resolves(
    store, crm, engine, choice, value, expected
):
    ids = one_of_each(store)
    note = ids["notes"]
    assert engine.sync().ok
    crm.edit("notes", note, {"body": "Theirs.", "author": "Bea"})
    store.update("notes", note, {"body": "Mine.", "title": "QBR (long)"})
    report = engine.sync()
    assert report.conflicts == 1
    [conflict] = engine.conflicts()
    assert (conflict.table, conflict.row_id, conflict.field, conflict.kind) == (
        "notes",
        note,
        "body",
        "field",
    )
    assert (conflict.base, conflict.mine, conflict.theirs) == ("Went well.", "Mine.", "Theirs.")
    assert conflict.label == "Body" and conflict.title == "QBR (long)"
    # Until resolved: the local value stays, the other fields merged, the field is not pushed.
    row = store.get("notes", note)
    assert (row["body"], row["author"]) == ("Mine.", "Bea")
    server = crm.snapshot()["notes"][note]
    assert (server["body"], server["title"]) == ("Theirs.", "QBR (long)")
    assert engine.sync().ok and crm.snapshot()["notes"][note]["body"] == "Theirs."
    assert engine.status().conflicts == 1
    engine.resolve(conflict.id, choice, value)
    assert engine.status().conflicts == 0
    assert store.get("notes", note)["body"] == expected
    assert engine.sync().ok
    assert crm.snapshot()["notes"][note]["body"] == expected
    assert client_snapshot(store) == crm.snapshot()


def test_keep_both_is_only_for_long_text(store, crm, engine):
    account = store.create("accounts", {"name": "Acme", "city": "Lyon"})
    engine.sync()
    crm.edit("accounts", account, {"city": "Rome"})
    store.update("accounts", account, {"city": "Oslo"})
    engine.sync()
    [conflict] = engine.conflicts()
    with pytest.raises(ValueError):
        engine.resolve(conflict.id, "both")
    assert engine.status().conflicts == 1


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_remote_delete_of_a_locally_edited_row_becomes_a_conflict(store, crm, engine, choice):
    ids = one_of_each(store)
    assert engine.sync().ok
    store.update("contacts", ids["contacts"], {"title": "CFO"})
    crm.delete("contacts", ids["contacts"])
    report = engine.sync()
    assert report.conflicts == 1
    [conflict] = engine.conflicts()
    assert (conflict.kind, conflict.row_id) == ("deleted_remotely", ids["contacts"])
    assert conflict.mine["title"] == "CFO" and conflict.theirs is None
    assert store.get("contacts", ids["contacts"])["title"] == "CFO"  # kept until decided
    engine.resolve(conflict.id, choice)
    assert engine.sync().ok
    server = crm.snapshot()
    if choice == "mine":
        assert server["contacts"][ids["contacts"]]["title"] == "CFO"
    else:
        assert ids["contacts"] not in server["contacts"]
        assert store.get("contacts", ids["contacts"]) is None
    assert client_snapshot(store) == server
    assert store.pending_count() == 0


def test_a_remote_account_delete_keeps_a_locally_edited_child(store, crm, engine):
    ids = one_of_each(store)
    assert engine.sync().ok
    store.update("tasks", ids["tasks"], {"status": "done"})
    crm.delete("accounts", ids["accounts"])
    engine.sync()
    kinds = {(c.table, c.kind) for c in engine.conflicts()}
    assert ("tasks", "deleted_remotely") in kinds and ("accounts", "deleted_remotely") in kinds
    assert store.get("tasks", ids["tasks"])["status"] == "done"
    assert store.get("contacts", ids["contacts"]) is None  # deleted there, untouched here
    for conflict in engine.conflicts():
        engine.resolve(conflict.id, "mine")
    assert engine.sync().ok
    server = crm.snapshot()
    assert server["tasks"][ids["tasks"]]["status"] == "done"
    assert ids["accounts"] in server["accounts"]


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_local_delete_of_a_remotely_edited_row_asks_the_rep(store, crm, engine, choice):
    ids = one_of_each(store)
    assert engine.sync().ok
    crm.edit("opportunities", ids["opportunities"], {"stage": "negotiation"})
    store.delete("opportunities", ids["opportunities"])
    engine.sync()
    [conflict] = engine.conflicts()
    assert conflict.kind == "deleted_locally" and conflict.theirs["stage"] == "negotiation"
    assert ids["opportunities"] in crm.snapshot()["opportunities"]
    engine.resolve(conflict.id, choice)
    assert engine.sync().ok
    server = crm.snapshot()
    assert (ids["opportunities"] in server["opportunities"]) == (choice == "theirs")
    assert client_snapshot(store) == server


def test_a_rejected_record_does_not_block_others_but_blocks_its_children(
    store, crm, connector, engine
):
    bad = store.create("accounts", {"name": "Bad"})
    bad_contact = store.create("contacts", {"account_id": bad, "name": "Child of bad"})
    good = store.create("accounts", {"name": "Good"})
    good_contact = store.create("contacts", {"account_id": good, "name": "Child of good"})
    crm.rejects[("accounts", bad)] = "Name is on the blocked list"
    report = engine.sync()
    assert report.rejected == 1
    server = crm.snapshot()
    assert set(server["accounts"]) == {good} and set(server["contacts"]) == {good_contact}
    items = {i.row_id: i for i in engine.outbox_items()}
    assert items[bad].state == "parked"
    # why, as a kind and parameters (ui/errors.py words it): the CRM's reason, and the wait
    refused = ErrorInfo(CRM_REFUSED, {"detail": "Name is on the blocked list"})
    assert ErrorInfo.from_json(items[bad].last_error) == refused
    assert items[bad].title == "Bad"
    assert items[bad_contact].state == "pending"
    waits = ErrorInfo(OP_WAITS_FOR_RECORD, {"table": "accounts", "crm": connector.name})
    assert ErrorInfo.from_json(items[bad_contact].last_error) == waits
    status = engine.status()
    assert (status.parked, status.pending) == (1, 1)
    # A later sync does not retry the parked op by itself; retry after the fix does.
    assert creates_received(crm, "accounts", bad) == 1
    engine.sync()
    assert creates_received(crm, "accounts", bad) == 1
    del crm.rejects[("accounts", bad)]
    engine.retry([items[bad].op_id])
    assert engine.sync().ok
    assert set(crm.snapshot()["contacts"]) == {good_contact, bad_contact}
    assert store.pending_count() == 0


def test_an_invalid_update_is_parked_and_discard_restores_the_server_value(store, crm, engine):
    account = store.create("accounts", {"name": "Acme", "city": "Lyon"})
    engine.sync()
    crm.reject_rules.append(lambda t, v: "City not allowed" if v.get("city") == "Nowhere" else None)
    store.update("accounts", account, {"city": "Nowhere"})
    engine.sync()
    [item] = engine.outbox_items()
    assert item.state == "parked" and item.op == "update"
    engine.discard([item.op_id])
    assert store.get("accounts", account)["city"] == "Lyon"
    assert engine.outbox_items() == []
    assert engine.sync().ok and client_snapshot(store) == crm.snapshot()


def test_discarding_a_never_pushed_create_removes_it_and_its_children(store, crm, engine):
    ids = one_of_each(store)
    ops = {i.row_id: i.op_id for i in engine.outbox_items() if i.op == "create"}
    engine.discard([ops[ids["accounts"]]])
    assert store.get("accounts", ids["accounts"]) is None
    assert store.get("notes", ids["notes"]) is None
    assert store.pending_count() == 0
    engine.sync()
    assert crm.snapshot() == {t: {} for t in E.TABLES}


def test_discarding_a_delete_brings_the_record_and_its_children_back(store, crm, engine):
    ids = one_of_each(store)
    engine.sync()
    store.delete("accounts", ids["accounts"])
    [account_delete] = [i for i in engine.outbox_items() if i.table == "accounts"]
    engine.discard([account_delete.op_id])
    assert store.pending_count() == 0
    assert client_snapshot(store) == crm.snapshot()


@pytest.mark.parametrize(
    "inject, min_delay",
    [
        (lambda c: c.fail_next(1, call="push"), 5.0),
        (lambda c: c.rate_limit_next(1, retry_after=120, call="push"), 120.0),
        (lambda c: c.timeout_next(1), 5.0),
    ],
    ids=["500", "429", "timeout"],
)
def test_transient_failures_back_off_and_recover(
    store, crm, connector, engine, clock, inject, min_delay
):
    account = store.create("accounts", {"name": "Acme"})
    assert engine.sync().ok  # the pull
    store.update("accounts", account, {"city": "Lyon"})
    note = store.create(
        "notes",
        {"account_id": account, "kind": "call", "title": "T", "occurred_at": "2026-01-01T09:00:00"},
    )
    inject(connector)
    report = engine.sync()
    assert not report.ok and report.errors
    status = engine.status()
    assert status.pending == 2 and status.next_retry_at is not None
    assert status.next_retry_at >= clock() + min_delay
    assert not engine.due_for_retry()
    attempts = {i.row_id: i.attempts for i in engine.outbox_items()}
    assert attempts[note] == 1  # the account's update, queued behind it, was never sent
    clock.advance(status.next_retry_at - clock() + 1)
    assert engine.due_for_retry()
    report = engine.sync()
    assert report.ok, report.errors
    server = crm.snapshot()
    assert server["accounts"][account]["city"] == "Lyon" and list(server["notes"]) == [note]
    assert engine.status().pending == 0 and not engine.due_for_retry()


def test_backoff_grows_exponentially_with_jitter_and_survives_a_restart(store, connector, clock):
    jitter = [0.0]
    engine = SyncEngine(store, connector, clock=clock, rng=lambda: jitter[0])
    store.create("accounts", {"name": "Acme"})
    delays = []
    for draw in (0.0, 0.99, 0.5):
        jitter[0] = draw
        clock.advance(10_000)
        connector.fail_next(1, call="push")
        assert not engine.sync().ok
        delays.append(engine.outbox_items()[0].next_attempt_at - clock())
    assert delays[0] == pytest.approx(5.0 * 0.5)  # base delay, jitter 0.5x
    assert delays[1] == pytest.approx(10.0 * 1.49)  # doubled, jitter 1.49x
    assert delays[2] == pytest.approx(20.0)  # doubled again, jitter 1x
    restarted = SyncEngine(store, connector, clock=clock)
    assert restarted.outbox_items()[0].next_attempt_at == pytest.approx(clock() + delays[2])
    assert not restarted.due_for_retry()


def test_the_watchdog_sees_work_waiting_after_a_pull_failure(store, connector, engine, clock):
    connector.fail_next(1)
    report = engine.sync()
    assert not report.ok
    assert engine.status().online is False
    assert not engine.due_for_retry()
    clock.advance(3600)
    assert engine.due_for_retry()
    assert engine.sync().ok and engine.status().online is True


@pytest.mark.parametrize("skew", [-3600, 3600])
def test_client_clock_skew_changes_nothing(store, crm, connector, monkeypatch, skew):
    import datetime as dt

    import desktop.clock

    real = desktop.clock.utc_now
    monkeypatch.setattr(desktop.clock, "utc_now", lambda: real() + dt.timedelta(seconds=skew))
    clock = FakeClock()
    clock.advance(skew)
    engine = SyncEngine(store, connector, clock=clock, rng=lambda: 0.5)
    ids = one_of_each(store)
    assert engine.sync().ok
    crm.edit("accounts", ids["accounts"], {"industry": "Rail"})
    other = crm.create("accounts", {"name": "Server-side"})
    store.update("accounts", ids["accounts"], {"city": "Turin"})
    assert engine.sync().ok
    server = crm.snapshot()
    assert server["accounts"][ids["accounts"]]["city"] == "Turin"
    assert store.get("accounts", ids["accounts"])["industry"] == "Rail"
    assert store.get("accounts", other)["name"] == "Server-side"
    assert client_snapshot(store) == server


def test_a_timestamp_tie_at_a_page_boundary_loses_no_record(store, monkeypatch):
    crm = MemoryCRM(step=0.0)  # every change carries the same server timestamp
    connector = MemoryConnector(crm)
    monkeypatch.setattr(engine_module, "PULL_LIMIT", 3)
    accounts = [crm.create("accounts", {"name": f"A{i}"}) for i in range(10)]
    pulls = 0
    real_pull = connector.pull

    def pull_while_others_write(cursor, limit=500):
        nonlocal pulls
        pulls += 1
        if pulls == 2:  # someone writes between two pages, at the very same timestamp
            accounts.append(crm.create("accounts", {"name": "Late"}))
            crm.edit("accounts", accounts[0], {"city": "Bern"})
        return real_pull(cursor, limit)

    connector.pull = pull_while_others_write
    engine = SyncEngine(store, connector)
    assert engine.sync().ok
    assert engine.sync().ok
    assert set(client_snapshot(store)["accounts"]) == set(accounts)
    assert client_snapshot(store) == crm.snapshot()
    assert pulls > 4


def test_a_child_in_an_earlier_page_than_its_parent_is_held_not_lost(store, monkeypatch):
    crm = MemoryCRM()
    connector = MemoryConnector(crm)
    monkeypatch.setattr(engine_module, "PULL_LIMIT", 1)
    parent = crm.create("accounts", {"name": "Parent"})
    child = crm.create("contacts", {"account_id": parent, "name": "Kid"})
    sub = crm.create("accounts", {"name": "Sub", "parent_id": parent})
    crm.edit("accounts", parent, {"city": "Late"})  # the parent now comes after its children
    pages = []
    real_pull = connector.pull

    def record_pages(cursor, limit=500):
        page = real_pull(cursor, limit)
        pages.append([r.id for r in page.records])
        return page

    connector.pull = record_pages
    engine = SyncEngine(store, connector)
    assert engine.sync().ok
    first = {i: next(n for n, p in enumerate(pages) if i in p) for i in (parent, child)}
    assert first[child] < first[parent]
    assert store.get("contacts", child)["account_id"] == parent
    assert store.get("accounts", sub)["parent_id"] == parent
    assert store.db.execute("SELECT count(*) FROM sync_orphans").fetchone()[0] == 0
    assert client_snapshot(store) == crm.snapshot()


@pytest.mark.parametrize("refresh_works", [True, False])
def test_an_expired_session_is_refreshed_once_then_the_rep_is_asked(
    store, crm, connector, engine, refresh_works
):
    account = store.create("accounts", {"name": "Acme"})
    assert engine.sync().ok
    store.update("accounts", account, {"city": "Lyon"})
    store.create(
        "notes",
        {"account_id": account, "kind": "call", "title": "T", "occurred_at": "2026-01-01T09:00:00"},
    )
    connector.expire_session()
    connector.refresh_fails = not refresh_works
    report = engine.sync()
    assert connector.refreshes == 1
    if refresh_works:
        assert report.ok and store.pending_count() == 0
        return
    assert not report.ok and report.needs_sign_in
    status = engine.status()
    assert status.needs_sign_in and status.pending == 2
    assert status.last_error == ErrorInfo(SIGN_IN_NEEDED, {"crm": connector.name})
    assert not engine.due_for_retry()
    # The rep signs in again: everything kept goes through.
    connector.refresh_fails = False
    report = engine.sync()
    assert report.ok, report.errors
    assert not engine.status().needs_sign_in
    assert crm.snapshot()["accounts"][account]["city"] == "Lyon"
    assert store.pending_count() == 0


def test_without_a_deletion_log_ids_are_reconciled(store, crm):
    connector = MemoryConnector(crm, has_deletion_log=False)
    engine = SyncEngine(store, connector)
    ids = one_of_each(store)
    second = one_of_each(store, "Beta")
    assert engine.sync().ok
    crm.delete("notes", ids["notes"])
    crm.delete("accounts", second["accounts"])
    store.update("tasks", ids["tasks"], {"status": "done"})
    crm.delete("tasks", ids["tasks"])  # edited here: must not vanish silently
    report = engine.sync()
    assert store.get("notes", ids["notes"]) is None
    assert store.get("accounts", second["accounts"]) is None
    assert store.get("contacts", second["contacts"]) is None
    assert store.get("tasks", ids["tasks"])["status"] == "done"
    assert [c.kind for c in engine.conflicts()] == ["deleted_remotely"]
    assert report.conflicts == 1


def test_remote_changes_make_no_outbox_rows_and_are_searchable(store, crm, engine):
    changes_heard = []
    store.add_listener(changes_heard.append)
    account = crm.create("accounts", {"name": "Zanzibar Freight", "city": "Hamburg"})
    assert engine.sync().ok
    assert store.pending_count() == 0
    assert any(
        c.origin == "sync" and account in c.tables.get("accounts", ()) for c in changes_heard
    )
    assert [h.id for h in store.search("zanzibar")] == [account]
    crm.edit("accounts", account, {"name": "Quokka Freight"})
    engine.sync()
    assert [h.id for h in store.search("quokka")] == [account]
    assert store.search("zanzibar") == []
    crm.delete("accounts", account)
    engine.sync()
    assert store.search("quokka") == []
    assert store.integrity_ok()


def test_every_store_write_goes_through_the_write_function(store, crm, connector, clock):
    calls = []

    def write(fn):
        calls.append(fn)
        return fn()

    engine = SyncEngine(store, connector, write=write, clock=clock)
    one_of_each(store)
    crm.create("accounts", {"name": "Other"})
    real_transaction = store.transaction
    outside = []

    def watched(*args, **kwargs):
        import inspect

        if not any(f.function == "write" for f in inspect.stack()):
            outside.append(True)
        return real_transaction(*args, **kwargs)

    store.transaction = watched
    assert engine.sync().ok
    assert calls and not outside


def test_cancel_stops_between_pages_and_keeps_what_was_committed(store, crm, monkeypatch):
    monkeypatch.setattr(engine_module, "PULL_LIMIT", 2)
    for i in range(6):
        crm.create("accounts", {"name": f"A{i}"})
    engine = SyncEngine(store, MemoryConnector(crm))
    seen = []
    report = engine.sync(progress=seen.append, cancel=lambda: len(seen) >= 1)
    assert report.cancelled and not report.ok
    assert store.account_count() == 2
    assert seen[0].phase == "pull"
    assert engine.sync().ok and store.account_count() == 6


def test_a_second_sync_while_one_runs_returns_at_once(store, crm, connector, engine):
    store.create("accounts", {"name": "Acme"})
    inner = []
    connector.during_push = lambda mutations: inner.append(engine.sync())
    assert engine.sync().ok
    assert not inner[0].ok and inner[0].problems == [ErrorInfo(SYNC_RUNNING)]
    assert store.pending_count() == 0


def test_a_parked_operation_alone_does_not_wake_the_watchdog(store, crm, engine, clock):
    account = store.create("accounts", {"name": "Acme"})
    crm.rejects[("accounts", account)] = "no"
    engine.sync()
    clock.advance(10 * 3600)
    assert engine.status().parked == 1
    assert not engine.due_for_retry()


def test_the_base_moves_to_the_server_version_after_a_push(store, crm, engine):
    account = store.create("accounts", {"name": "Acme"})
    engine.sync()
    store.update("accounts", account, {"city": "Lyon"})
    engine.sync()
    version, base = store.db.execute(
        "SELECT version, base FROM sync_records WHERE row_id = ?", (account,)
    ).fetchone()
    assert version == crm.record("accounts", account).version
    assert '"city": "Lyon"' in base


def test_progress_reports_pull_and_push_with_a_total_for_the_push(store, crm, connector):
    connector.max_batch = 2
    engine = SyncEngine(store, connector)
    crm.create("accounts", {"name": "From the CRM"})
    for i in range(5):
        store.create("accounts", {"name": f"Local {i}"})
    seen = []
    assert engine.sync(progress=seen.append).ok
    phases = [p.phase for p in seen]
    assert phases[0] == "pull" and "push" in phases
    pushes = [p for p in seen if p.phase == "push"]
    assert len(pushes) == 3 and all(p.total == 5 and p.done <= p.total for p in pushes)
    assert [p.done for p in pushes] == [0, 2, 4]


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_an_account_deleted_here_waits_for_the_decision_on_a_child_edited_there(
    store, crm, engine, choice
):
    ids = one_of_each(store)
    assert engine.sync().ok
    crm.edit("contacts", ids["contacts"], {"title": "Chief Revenue Officer"})
    store.delete("accounts", ids["accounts"])
    engine.sync()
    [conflict] = engine.conflicts()
    assert (conflict.table, conflict.kind) == ("contacts", "deleted_locally")
    # The account is not deleted on the CRM meanwhile: that would take the contact along.
    assert ids["accounts"] in crm.snapshot()["accounts"]
    assert ids["contacts"] in crm.snapshot()["contacts"]
    engine.resolve(conflict.id, choice)
    assert engine.sync().ok
    server = crm.snapshot()
    if choice == "mine":
        assert server == {t: {} for t in E.TABLES}
    else:
        assert server["contacts"][ids["contacts"]]["title"] == "Chief Revenue Officer"
        assert ids["accounts"] in server["accounts"]
        assert store.get("contacts", ids["contacts"])["title"] == "Chief Revenue Officer"
    assert client_snapshot(store) == server
    assert store.pending_count() == 0 and engine.conflicts() == []


def test_offline_at_sign_in_is_offline_not_an_error_to_sign_in(store, connector, clock):
    engine = SyncEngine(store, connector, clock=clock, rng=lambda: 0.5)
    store.create("accounts", {"name": "Acme"})
    real_sign_in = connector.sign_in

    def unreachable():
        raise engine_module.ConnectorError(engine_module.ErrorKind.TRANSIENT, "no route to host")

    connector.sign_in = unreachable
    report = engine.sync()
    status = engine.status()
    assert not report.ok and not report.needs_sign_in
    assert status.online is False and not status.needs_sign_in and status.pending == 1
    connector.sign_in = real_sign_in
    clock.advance(3600)
    assert engine.due_for_retry()
    assert engine.sync().ok and engine.status().online is True


@pytest.mark.parametrize("deletion_log", [True, False])
def test_keeping_an_account_deleted_here_keeps_a_note_made_on_it_offline_and_sends_it(
    store, crm, clock, deletion_log
):
    # Found by the convergence property: the note came back with the account, but its create
    # had been dropped with the delete, so it stayed on the laptop alone, never sent.
    engine = SyncEngine(store, MemoryConnector(crm, has_deletion_log=deletion_log), clock=clock)
    account = store.create("accounts", {"name": "Acme"})
    assert engine.sync().ok
    note = store.create(
        "notes",
        {"account_id": account, "kind": "call", "title": "new", "occurred_at": "2026-02-01T09:00"},
    )
    store.delete("accounts", account)  # takes the unsent note along
    crm.edit("accounts", account, {"city": "Bergen"})
    engine.sync()
    [conflict] = engine.conflicts()
    assert (conflict.table, conflict.kind) == ("accounts", "deleted_locally")
    engine.resolve(conflict.id, "theirs")
    assert engine.sync().ok and engine.sync().ok
    server = crm.snapshot()
    assert server["accounts"][account]["city"] == "Bergen"
    assert client_snapshot(store) == server
    assert store.pending_count() == 0 and engine.conflicts() == []
    if store.get("notes", note) is not None:  # brought back with its account: then sent too
        assert note in server["notes"]


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_note_another_rep_adds_to_an_account_deleted_here_waits_for_the_reps_decision(
    store, crm, engine, choice
):
    # Found by the convergence property: the delete went out and took the other rep's new note
    # with it, and nobody was asked.
    ids = one_of_each(store)
    assert engine.sync().ok
    store.delete("accounts", ids["accounts"])
    theirs = crm.create(
        "notes",
        {
            "account_id": ids["accounts"],
            "kind": "call",
            "title": "From Kim",
            "occurred_at": "2026-02-01T09:00:00",
        },
    )
    engine.sync()
    [conflict] = engine.conflicts()
    assert (conflict.table, conflict.row_id, conflict.kind) == ("notes", theirs, "deleted_locally")
    assert ids["accounts"] in crm.snapshot()["accounts"]  # nothing of it deleted meanwhile
    engine.resolve(conflict.id, choice)
    assert engine.sync().ok and engine.sync().ok
    server = crm.snapshot()
    if choice == "mine":  # the rep lets it go with the account
        assert server == {t: {} for t in E.TABLES}
    else:  # keeping the note keeps what it belongs to
        assert server["notes"][theirs]["title"] == "From Kim"
        assert ids["accounts"] in server["accounts"]
    assert client_snapshot(store) == server
    assert store.pending_count() == 0 and engine.conflicts() == []
