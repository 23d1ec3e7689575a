"""The engine as the app drives it: sync on a worker thread, store writes on the writer thread."""

from __future__ import annotations

import threading

from engine_helpers import client_snapshot

from desktop.writer import Writer
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


def test_network_waits_never_hold_the_writer_and_edits_meanwhile_survive(store):
    writer = Writer()
    try:
        crm = MemoryCRM()
        connector = MemoryConnector(crm, max_batch=5)
        engine = SyncEngine(store, connector, write=writer.call)
        ids = writer.call(lambda: [store.create("accounts", {"name": f"A{i}"}) for i in range(12)])
        sync_transactions_off_writer = []
        real_transaction = store.transaction

        def watched(origin="local"):
            if origin == "sync" and not writer.on_writer_thread():
                sync_transactions_off_writer.append(origin)
            return real_transaction(origin)

        store.transaction = watched
        edited = threading.Event()

        def rep_edits_during_push(mutations):
            # On the sync thread, mid-push: this waits for the writer, which must be free.
            connector.during_push = None
            writer.call(lambda: store.update("accounts", ids[0], {"city": "Typed mid-push"}))
            edited.set()

        connector.during_push = rep_edits_during_push
        reports = []
        worker = threading.Thread(target=lambda: reports.append(engine.sync()))
        worker.start()
        worker.join(20)
        assert not worker.is_alive(), "sync deadlocked: the writer was held during the network"
        assert edited.is_set() and reports[0].ok, reports
        assert sync_transactions_off_writer == []
        assert store.get("accounts", ids[0])["city"] == "Typed mid-push"
        assert engine.status().pending == 1
        assert writer.call(engine.sync).ok
        assert client_snapshot(store) == crm.snapshot()
        assert crm.snapshot()["accounts"][ids[0]]["city"] == "Typed mid-push"
    finally:
        writer.shutdown()
