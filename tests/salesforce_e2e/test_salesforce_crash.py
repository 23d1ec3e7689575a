"""SIGKILL a client syncing with the Salesforce-dialect server at 100+ random instants, and run
the engine through a proxy that loses, cuts and delays answers: nothing lost, nothing twice."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter

import pytest

from desktop import entities as E
from desktop.store import Store
from sync.engine import SyncEngine
from sync.salesforce.connector import SalesforceConnector
from tests.engine_helpers import client_snapshot
from tests.loopback_proxy import LoopbackProxy
from tests.salesforce_e2e import sf_crash_child
from tests.salesforce_e2e.conftest import CONSUMER_KEY, sign_in
from tests.salesforce_server.process import ServerProcess

KILLS = 110


def server_snapshot(connector: SalesforceConnector) -> dict[str, dict[str, dict]]:
    out = {}
    for table in E.TABLES:
        ids = sorted(connector.list_ids(table))
        out[table] = {r.id: r.values for r in connector.fetch(table, ids)}
    return out


def settle(store: Store, url: str) -> tuple[dict, SalesforceConnector]:
    """A day later, a clean client syncs until nothing is left; returns the org's book."""
    connector = SalesforceConnector(url, CONSUMER_KEY)
    engine = SyncEngine(store, connector, clock=lambda: time.time() + 86400)
    for _ in range(3):
        report = engine.sync()
        assert report.ok, report.errors
    assert engine.outbox_items() == []
    assert engine.conflicts() == []
    return server_snapshot(connector), connector


def check_journal(folder, server) -> None:
    made, deleted = {}, set()
    for line in (folder / "journal").read_text().splitlines():
        words = line.split()
        if words[0] == "create":
            made[(words[1], words[2])] = words[3]
        elif words[0] == "delete":
            deleted.add((words[1], words[2]))
    assert len(made) > 30, "the children did too little to prove anything"
    for (table, row_id), account in made.items():
        if (table, row_id) not in deleted and ("accounts", account) not in deleted:
            assert row_id in server[table], f"lost {table} {row_id}"
    for table, title in (
        ("accounts", "name"),
        ("contacts", "name"),
        ("notes", "title"),
        ("tasks", "subject"),
    ):
        twice = [n for n, c in Counter(r[title] for r in server[table].values()).items() if c > 1]
        assert twice == [], f"duplicated {table}: {twice}"


@pytest.fixture
def sf_process():
    server = ServerProcess()
    yield server
    server.stop()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path, sf_process):
    sign_in(sf_process)  # tokens in the (in-memory) keyring, inherited by every child
    folder = tmp_path / "crash"
    folder.mkdir()
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20261202)
    killed = 0
    for attempt in range(KILLS):
        child = ctx.Process(
            target=sf_crash_child.run, args=(folder, rng.randrange(1 << 30), sf_process.url)
        )
        child.start()
        time.sleep(rng.uniform(0.01, 0.35))
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL, f"child {attempt} ended with {child.exitcode}"
        killed += 1
    store = Store.open(folder / "client.sqlite")
    try:
        assert store.integrity_ok()
        server, connector = settle(store, sf_process.url)
        assert client_snapshot(store) == server
        check_journal(folder, server)
        assert sum(len(rows) for rows in server.values()) > 20
        connector.close()
    finally:
        store.close()
    assert killed >= 100


def test_answers_lost_cut_and_delayed_by_a_proxy_lose_and_duplicate_nothing(tmp_path, sf_process):
    with LoopbackProxy(sf_process.port) as proxy:
        sign_in(type("Via", (), {"url": proxy.url, "switch": sf_process.switch})())
        store = Store.open(tmp_path / "client.sqlite")
        connector = SalesforceConnector(proxy.url, CONSUMER_KEY)
        now = [time.time()]
        engine = SyncEngine(store, connector, clock=lambda: now[0])
        rng = random.Random(7)
        made: dict[str, str] = {}
        try:
            for round_ in range(12):
                account = store.create("accounts", {"name": f"Proxy {round_}"})
                made[account] = "accounts"
                note = store.create(
                    "notes",
                    {
                        "account_id": account,
                        "kind": "call",
                        "title": f"Note {round_}",
                        "body": "b",
                        "occurred_at": "2026-05-01T10:00:00",
                    },
                )
                made[note] = "notes"
                task = store.create(
                    "tasks", {"account_id": account, "subject": f"Task {round_}", "status": "open"}
                )
                made[task] = "tasks"
                mode = rng.choice(["drop_response", "cut_response", "refuse", "delay"])
                match = rng.choice(["Fieldbook_UUID__c", "ContentVersion", "compositeRequest", ""])
                proxy.fail(mode, match=match, count=rng.randint(1, 3), seconds=0.05)
                engine.sync()
                now[0] += 3600
            proxy.faults.clear()
            server, connector2 = settle(store, proxy.url)
            assert client_snapshot(store) == server
            for row_id, table in made.items():
                assert row_id in server[table], f"lost {table} {row_id}"
            for table, title in (("accounts", "name"), ("notes", "title"), ("tasks", "subject")):
                names = [r[title] for r in server[table].values()]
                assert len(names) == len(set(names)), f"duplicated {table}"
            connector2.close()
        finally:
            connector.close()
            store.close()
        assert {e for e, _ in proxy.log} >= {"dropped", "passed"}
