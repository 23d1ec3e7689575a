"""desktop.undo without Qt: steps group one action; a delete comes back whatever the CRM did."""

from __future__ import annotations

from engine_helpers import client_snapshot, one_of_each

from desktop.undo import FieldEdit, UndoStack, UndoStep, delete_undoable
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


def test_a_step_takes_back_all_its_parts_in_one_transaction(store):
    a = store.create("accounts", {"name": "Acme", "city": "Lyon"})
    b = store.create("accounts", {"name": "Bolt", "city": "Oslo"})
    heard = []
    store.add_listener(heard.append)
    store.update("accounts", a, {"city": "Paris"})
    store.update("accounts", b, {"city": "Rome"})
    step = UndoStep(
        "edit",
        "accounts",
        [FieldEdit("accounts", a, {"city": "Lyon"}), FieldEdit("accounts", b, {"city": "Oslo"})],
    )
    heard.clear()
    step.apply(store)
    assert [store.get("accounts", i)["city"] for i in (a, b)] == ["Lyon", "Oslo"]
    assert len(heard) == 1  # one commit, so views refresh once


def test_the_stack_forgets_the_oldest_beyond_its_limit():
    stack = UndoStack(limit=2)
    for n in range(3):
        stack.push(UndoStep("edit", f"t{n}"))
    assert len(stack) == 2 and stack.pop().table == "t2" and stack.pop().table == "t1"
    assert stack.pop() is None and not stack


def test_undo_of_a_delete_the_crm_questioned_brings_the_records_back(store):
    """The account was edited on the CRM after our last sync: its delete becomes a conflict
    and nothing of its subtree is deleted there meanwhile (issue 12). Undo puts everything
    back on both sides."""
    crm = MemoryCRM()
    engine = SyncEngine(store, MemoryConnector(crm))
    ids = one_of_each(store)
    a = ids["accounts"]
    assert engine.sync().ok
    crm.edit("accounts", a, {"industry": "Rail"})  # someone else, meanwhile
    step = delete_undoable(store, "accounts", a)
    engine.sync()
    assert [c.kind for c in engine.conflicts()] == ["deleted_locally"]
    assert ids["notes"] in crm.snapshot()["notes"]  # the subtree waits for the decision
    step.apply(store)
    assert store.get("accounts", a) is not None
    assert all(store.get(t, i) is not None for t, i in ids.items())
    assert not engine.conflicts()  # the questioned delete is moot now
    assert engine.sync().ok and store.pending_count() == 0
    on_crm = crm.snapshot()
    assert all(i in on_crm[t] for t, i in ids.items())
    assert on_crm["accounts"][a]["industry"] == "Rail"  # the other side's edit is kept
    assert client_snapshot(store) == on_crm


def test_undo_twice_or_after_a_discard_changes_nothing(store):
    ids = one_of_each(store)
    step = delete_undoable(store, "accounts", ids["accounts"])
    step.apply(store)
    before = client_snapshot(store), store.pending_count()
    step.apply(store)  # already back: nothing doubles
    assert (client_snapshot(store), store.pending_count()) == before
