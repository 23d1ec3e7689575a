"""Issue 12: SIGKILL a client syncing with the real Tryton at random instants; then one more
sync from the same store loses nothing and duplicates nothing.

The child (forked, so the test keyring's session goes with it) makes the edits of
``tests/crash_child.py`` (journaled after commit) and syncs against Tryton until it is killed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

import crash_child
import pytest

from desktop import entities as E
from desktop.store import Store
from sync.engine import SyncEngine
from sync.tryton.connector import TrytonConnector

KILLS = int(os.environ.get("FIELDBOOK_TRYTON_KILLS") or 25)


def _child(folder: Path, url: str, database: str, seed: int) -> None:
    rng = random.Random(seed)
    store = Store.open(folder / "client.sqlite")
    engine = SyncEngine(store, TrytonConnector(url, database, "admin"))
    while True:
        for _ in range(rng.randint(1, 3)):
            crash_child.local_edit(store, rng, folder)
        engine.sync()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_while_syncing_with_tryton_loses_and_duplicates_nothing(
    tryton, tryton_server, tmp_path
):
    folder = tmp_path / "crash"
    folder.mkdir()
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20261202)
    for attempt in range(KILLS):
        child = ctx.Process(
            target=_child,
            args=(folder, tryton_server.url, tryton_server.database, rng.randrange(1 << 30)),
        )
        child.start()
        time.sleep(rng.uniform(0.05, 1.2))
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL, f"child {attempt} ended with {child.exitcode}"
    store = Store.open(folder / "client.sqlite")
    try:
        assert store.integrity_ok()
        engine = SyncEngine(store, tryton, clock=lambda: time.time() + 86400)
        for _ in range(3):
            report = engine.sync()
            assert report.ok, report.errors
        assert engine.outbox_items() == [] and engine.conflicts() == []
        made, deleted = {}, set()
        for line in (folder / "journal").read_text().splitlines():
            words = line.split()
            if words[0] == "create":
                made[(words[1], words[2])] = words[3]
            elif words[0] == "delete":
                deleted.add((words[1], words[2]))
        assert len(made) > 10, "the children did too little to prove anything"
        for table in ("accounts", "contacts", "notes", "tasks"):
            ids = sorted(tryton.list_ids(table))
            on_crm = Counter(r.id for r in tryton.fetch(table, ids))
            assert [i for i, n in on_crm.items() if n > 1] == [], f"duplicated {table}"
            names = E.entity(table).field_names
            local = {
                r[0]: dict(zip(names, r[1:], strict=True))
                for r in store.db.execute(f"SELECT id, {', '.join(names)} FROM {table}")
            }
            assert set(local) == set(on_crm), f"{table}: the store and Tryton differ"
            for (t, row_id), account in made.items():
                if t != table:
                    continue
                gone = (t, row_id) in deleted or ("accounts", account) in deleted
                if not gone:
                    assert row_id in on_crm, f"lost {table} {row_id}"
    finally:
        store.close()
