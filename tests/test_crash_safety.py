"""SIGKILL a syncing child process at many random instants; nothing is lost or duplicated.

The child (tests/crash_child.py) runs in a forked process so that 100+ kills fit in seconds.
After every kill the next child picks up the same client store and CRM file; at the end a clean
sync must leave client and CRM holding exactly the same records, every record the journal says
was made still there, none twice, and a store that passes ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter

import crash_child
import pytest
from engine_helpers import client_snapshot

from desktop.store import Store
from sync.engine import SyncEngine
from sync.memory import MemoryConnector

KILLS = 120


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path):
    folder = tmp_path / "crash"
    folder.mkdir()
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20261122)
    killed_by_us = self_killed = 0
    for attempt in range(KILLS):
        child = ctx.Process(target=crash_child.run, args=(folder, rng.randrange(1 << 30)))
        child.start()
        time.sleep(rng.uniform(0.002, 0.08))
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL, f"child {attempt} ended with {child.exitcode}"
        if child.exitcode == -signal.SIGKILL:
            killed_by_us += 1
    crm = crash_child.open_crm(folder)
    store = Store.open(folder / "client.sqlite")
    try:
        assert store.integrity_ok()
        # A day later: every backoff the children left behind has run out.
        engine = SyncEngine(store, MemoryConnector(crm), clock=lambda: time.time() + 86400)
        for _ in range(3):
            report = engine.sync()
            assert report.ok, report.errors
        assert engine.outbox_items() == []
        assert engine.conflicts() == []
        assert store.db.execute("SELECT count(*) FROM sync_orphans").fetchone()[0] == 0
        client, server = client_snapshot(store), crm.snapshot()
        assert client == server
        assert store.integrity_ok()

        made, deleted = {}, set()
        for line in (folder / "journal").read_text().splitlines():
            words = line.split()
            if words[0] == "create":
                made[(words[1], words[2])] = words[3]
            elif words[0] == "delete":
                deleted.add((words[1], words[2]))
        assert len(made) > 30, "the children did too little to prove anything"
        for (table, row_id), account in made.items():
            gone_on_purpose = (table, row_id) in deleted or ("accounts", account) in deleted
            if not gone_on_purpose:
                assert row_id in server[table], f"lost {table} {row_id}"
        for table, rows in server.items():
            title = {
                "accounts": "name",
                "contacts": "name",
                "notes": "title",
                "tasks": "subject",
            }.get(table)
            if title:
                twice = [n for n, c in Counter(r[title] for r in rows.values()).items() if c > 1]
                assert twice == [], f"duplicated {table}: {twice}"
        assert sum(len(rows) for rows in server.values()) > 20
    finally:
        store.close()
    assert killed_by_us + self_killed >= 100
