"""Deleting a record is undoable: Ctrl+Z brings an account back with everything that went with
it, and the outbox (before the delete was pushed) or the CRM (after) ends as if nothing had
happened."""

from __future__ import annotations

import pytest
from engine_helpers import client_snapshot, one_of_each
from PySide6.QtCore import QSettings, Qt

import ui.record_dialog as rd
from desktop import entities as E
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


@pytest.fixture
def window(qtbot, context, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setattr(rd, "ask", lambda parent, title, text: True)  # "Delete" is clicked
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(context, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.accounts_view.close_model()


def book(store) -> dict[str, str]:
    """An account with one of each child, a second contact reporting to the first, a note on
    the opportunity, and a child account that survives the delete (its parent is cleared)."""
    ids = one_of_each(store)
    a = ids["accounts"]
    ids["manager_of"] = store.create(
        "contacts", {"account_id": a, "name": "Bo Chen", "reports_to_id": ids["contacts"]}
    )
    ids["deal_note"] = store.create(
        "notes",
        {
            "account_id": a,
            "opportunity_id": ids["opportunities"],
            "kind": "call",
            "title": "Pricing call",
            "occurred_at": "2026-03-02T10:00:00",
        },
    )
    ids["subsidiary"] = store.create("accounts", {"name": "Acme Japan", "parent_id": a})
    return ids


def outbox_rows(store) -> list[tuple]:
    return [
        (r["op_id"], r["table_name"], r["row_id"], r["op"], r["changes"], r["base"], r["state"])
        for r in store.db.execute("SELECT * FROM outbox ORDER BY seq")
    ]


def whole_rows(store) -> dict[str, list[dict]]:
    return {
        t: [dict(r) for r in store.db.execute(f"SELECT * FROM {t} ORDER BY id")] for t in E.TABLES
    }


def delete_account(qtbot, window, context, account_id) -> None:
    rd.confirm_delete(window, context, "accounts", account_id)
    qtbot.waitUntil(lambda: context.store.get("accounts", account_id) is None)
    qtbot.waitUntil(lambda: len(context.undo) == 1)


def press_undo(qtbot, window, context, account_id) -> None:
    with qtbot.waitSignal(context.events.changed, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: context.store.get("accounts", account_id) is not None)


def test_ctrl_z_brings_back_an_account_with_its_children_and_leaves_no_outbox_trace(
    qtbot, window, context, store
):
    ids = book(store)
    a = ids["accounts"]
    with store.transaction() as changes:  # as after a sync: everything is on the CRM
        store.db.execute("DELETE FROM outbox")
        changes.outbox = True
    store.update("accounts", a, {"city": "Paris"})  # one edit waits to be sent
    rows_before, outbox_before = whole_rows(store), outbox_rows(store)
    assert len(outbox_before) == 1

    delete_account(qtbot, window, context, a)
    assert store.contacts_of(a) == [] and store.notes_of(a) == []
    assert store.get("accounts", ids["subsidiary"])["parent_id"] is None
    assert len(outbox_rows(store)) > 1 + 8  # the deletes and the cleared parent
    assert rd.undo_text(context) == "Undo delete of account"
    window._name_undo()  # what the Edit menu shows when it opens
    assert window.undo_action.text() == "Undo delete of account"

    press_undo(qtbot, window, context, a)
    assert whole_rows(store) == rows_before  # every row, every field, the same ids
    assert outbox_rows(store) == outbox_before  # no stray operation: only the earlier edit
    assert not context.undo


def test_undo_before_the_push_of_unsynced_records_keeps_their_creates(
    qtbot, window, context, store
):
    ids = book(store)  # nothing synced yet: every record is a pending create
    outbox_before = outbox_rows(store)
    delete_account(qtbot, window, context, ids["accounts"])
    press_undo(qtbot, window, context, ids["accounts"])
    assert outbox_rows(store) == outbox_before


def test_undo_after_the_delete_was_pushed_recreates_the_records_on_the_crm(
    qtbot, context, store, monkeypatch
):
    monkeypatch.setattr(rd, "ask", lambda parent, title, text: True)
    crm = MemoryCRM()
    engine = SyncEngine(store, MemoryConnector(crm))
    ids = book(store)
    assert engine.sync().ok
    on_crm = crm.snapshot()
    assert on_crm["accounts"][ids["accounts"]]["name"] == "Acme"

    rd.confirm_delete(None, context, "accounts", ids["accounts"])
    qtbot.waitUntil(lambda: len(context.undo) == 1)
    assert engine.sync().ok
    assert ids["accounts"] not in crm.snapshot()["accounts"]
    assert ids["notes"] not in crm.snapshot()["notes"]

    with qtbot.waitSignal(context.events.changed, timeout=5000):
        assert rd.undo_last_edit(None, context)
    qtbot.waitUntil(lambda: store.get("accounts", ids["accounts"]) is not None)
    creates = [r for r in outbox_rows(store) if r[3] == "create"]
    assert {(r[1], r[2]) for r in creates} >= {(t, ids[t]) for t in E.TABLES if t in ids}
    assert engine.sync().ok
    assert store.pending_count() == 0
    assert crm.snapshot() == on_crm  # the same records, with the same client UUIDs, again
    assert client_snapshot(store) == on_crm


def test_an_undo_during_the_push_of_the_delete_waits_for_the_push(
    qtbot, context, store, monkeypatch
):
    """Ctrl+Z while the delete is on its way to the CRM: the undo waits for the cycle, then
    sees the delete was applied and re-creates the records, instead of restoring them locally
    only to have the next pull delete them again."""
    from test_sync_ui import HoldingConnector

    from ui.sync_controller import SyncController

    monkeypatch.setattr(rd, "ask", lambda parent, title, text: True)
    crm = MemoryCRM()
    connector = HoldingConnector(crm)
    engine = SyncEngine(store, connector, write=context.writer.call)
    controller = SyncController(context, lambda: engine)
    controller.debounce_ms = 60_000  # only the syncs this test starts
    try:
        ids = book(store)
        with qtbot.waitSignal(controller.finished, timeout=10_000):
            controller.sync_now()
        on_crm = crm.snapshot()
        delete_account_ids = ids["accounts"]
        rd.confirm_delete(None, context, "accounts", delete_account_ids)
        qtbot.waitUntil(lambda: len(context.undo) == 1)

        connector.hold_on = "push"
        controller.sync_now()
        assert connector.held.wait(5)  # the deletes are on their way
        assert rd.undo_last_edit(None, context)
        assert len(context._after_sync) == 1  # the undo waits for the cycle, not run yet
        assert store.get("accounts", delete_account_ids) is None
        with qtbot.waitSignal(controller.finished, timeout=10_000):
            connector.release.set()
        qtbot.waitUntil(lambda: store.get("accounts", delete_account_ids) is not None)
        connector.hold_on = None
        with qtbot.waitSignal(controller.finished, timeout=10_000) as done:
            controller.sync_now()
        assert done.args[0].ok and store.pending_count() == 0
        assert crm.snapshot() == on_crm  # every record is on the CRM again, same UUIDs
        assert store.get("accounts", delete_account_ids) is not None
    finally:
        connector.release.set()
        controller.shutdown()


def test_undo_a_second_later_puts_back_the_stamp_of_a_child_account_it_cleared(store, monkeypatch):
    # The delete clears the subsidiary's parent; undone a second later, the subsidiary must
    # come back as it was, its updated_at included (the Ctrl+Z test above failed whenever the
    # undo crossed a second boundary).
    import desktop.replica as replica
    from desktop.undo import delete_undoable

    ids = book(store)
    before = whole_rows(store)
    step = delete_undoable(store, "accounts", ids["accounts"])
    monkeypatch.setattr(replica, "now_iso", lambda: "2099-01-01T00:00:00")
    with store.transaction():
        for part in step.parts:
            part.apply(store)
    assert whole_rows(store) == before
