"""desktop/outbox: the one owner of the sync bookkeeping, driven directly (no engine)."""

from __future__ import annotations

from desktop import outbox
from sync import engine


def test_the_engines_public_names_still_import_from_sync_engine():
    for name in (
        "SyncEngine",
        "SyncReport",
        "SyncStatus",
        "SyncProgress",
        "OutboxItem",
        "Conflict",
        "SyncError",
        "ConnectorError",
        "ErrorKind",
        "PULL_LIMIT",
        "MAX_PUSH_ROUNDS",
    ):
        assert hasattr(engine, name), name


def test_operations_are_finished_by_id_even_past_one_in_list(store):
    account = store.create("accounts", {"name": "Quarry Holdings"})
    with store.transaction():
        outbox.append_many(
            store.db,
            "accounts",
            "update",
            [(account, {"phone": str(n)}, {"phone": None}) for n in range(1200)],
            "2026-11-02T10:00:00",
        )
    ops = outbox.operations(store.db)
    assert len(ops) == 1201 and ops[0].op == "create"
    keep = ops[-1]
    with store.transaction():
        outbox.finish(store.db, [o.op_id for o in ops[:-1]])  # more than one IN (...) list
    assert [o.op_id for o in outbox.operations(store.db)] == [keep.op_id]
    assert keep.changes == {"phone": "1199"} and keep.base == {"phone": None}


def test_a_parked_operation_keeps_its_reason_until_made_due(store):
    account = store.create("accounts", {"name": "Quarry Holdings"})
    (op,) = outbox.operations_of(store.db, "accounts", account)
    with store.transaction():
        outbox.park(store.db, [op.op_id], "name taken")
    parked = outbox.operation(store.db, op.op_id)
    assert parked is not None
    assert (parked.state, parked.last_error, parked.attempts) == ("parked", "name taken", 1)
    assert outbox.counts_by_state(store.db) == {"parked": 1}
    with store.transaction():
        outbox.make_due(store.db, [op.op_id])
    assert outbox.counts_by_state(store.db) == {"pending": 1}
    assert outbox.any_due(store.db, now=0.0)


def test_state_keys_are_set_replaced_and_removed(store):
    with store.transaction():
        outbox.put_state(store.db, "cursor", "a")
        outbox.put_state(store.db, "cursor", "b")
        outbox.put_state(store.db, "last_success_at", "2026-11-02T10:00:00")
    assert outbox.all_state(store.db) == {"cursor": "b", "last_success_at": "2026-11-02T10:00:00"}
    assert outbox.last_sync_text(store.db) == "2026-11-02T10:00:00"
    with store.transaction():
        outbox.put_state(store.db, "cursor", None)
    assert outbox.state(store.db, "cursor") is None


def test_conflicts_open_and_close_per_record_and_kind(store):
    account = store.create("accounts", {"name": "Quarry Holdings"})
    with store.transaction():
        outbox.add_conflict(store.db, "accounts", account, "phone", "field", "1", "2", "3")
        outbox.add_conflict(store.db, "accounts", account, None, "deleted_remotely", {}, {}, None)
    assert outbox.open_kinds(store.db, "accounts", account) == {"field", "deleted_remotely"}
    assert outbox.field_conflicts(store.db, "accounts", account)[0][::2] == ("phone", "2")
    assert ("accounts", account) in outbox.busy_rows(store.db)
    with store.transaction():
        outbox.close_conflicts(store.db, "accounts", account, "deleted_remotely", "restored")
    assert outbox.open_kinds(store.db, "accounts", account) == {"field"}
    assert outbox.open_conflict_count(store.db) == 1
