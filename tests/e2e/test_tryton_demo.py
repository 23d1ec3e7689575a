"""The demo CRM: seeded once and cached, started again in seconds, synced out of the box."""

from __future__ import annotations

import time
from pathlib import Path

from desktop import credentials, paths
from desktop.demo import generate_book
from desktop.store import Store
from sync.engine import SyncEngine
from sync.tryton.demo import start_demo_crm
from tests.e2e.conftest import template_cache_dir


def small_book(seed, accounts):
    return generate_book(seed=seed, accounts=3)


def test_the_demo_crm_starts_seeded_syncs_and_keeps_changes(tmp_path, monkeypatch):
    # Share the template cache with the other e2e tests; the demo's own files go to tmp.
    data = tmp_path / "data"
    (data / "crm-cache").mkdir(parents=True)
    for template in template_cache_dir().glob("tryton-template-*.sqlite"):
        if "-demo-" not in template.name:
            (data / "crm-cache" / template.name).symlink_to(template)
    book = small_book(7, 3)

    crm = start_demo_crm(data, accounts=3, book_factory=small_book)
    try:
        assert credentials.load_secret(crm.password_key) == "admin"
        store = Store.open(paths.store_path(data, "demo"))
        engine = SyncEngine(store, crm.connector())
        report = engine.sync()
        assert report.ok
        assert report.pulled == sum(len(rows) for rows in book.values())
        first = book["accounts"][0]
        assert store.get("accounts", first["id"])["name"] == first["name"]
        store.update("accounts", first["id"], {"health_reason": "Edited in the demo"})
        assert engine.sync().ok
    finally:
        crm.stop()
    assert not crm.server.running

    started = time.monotonic()
    again = start_demo_crm(data, accounts=3, book_factory=small_book)
    try:
        assert time.monotonic() - started < 15
        assert again.url == crm.url  # the same address: the same profile and keyring entry
        values = again.connector()
        values.sign_in()
        assert values.fetch("accounts", [first["id"]])[0].values["health_reason"] == (
            "Edited in the demo"
        )
        engine = SyncEngine(store, again.connector())
        assert engine.sync().ok
    finally:
        again.stop()
        store.close()


def test_a_server_left_by_a_killed_process_is_stopped_before_a_new_start(tmp_path, tryton_template):
    import os
    import signal
    import subprocess
    import sys

    from sync.tryton import server as crm_server

    folder = tmp_path / "crm"
    crm_server.copy_database(tryton_template, folder)
    # A process that starts the server and is then killed outright, leaving the server behind.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from pathlib import Path; from sync.tryton import server as crm_server;"
                f"s = crm_server.CrmServer(folder=Path({str(folder)!r})).start();"
                "print(s.process.pid, flush=True); time.sleep(600)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    )
    orphan = int(child.stdout.readline())
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert crm_server._alive(orphan)

    server = crm_server.CrmServer(folder=folder).start()
    try:
        stat = Path(f"/proc/{orphan}/stat")
        assert not crm_server._alive(orphan) or stat.read_text().split()[2] == "Z"
        assert server.running
    finally:
        server.stop()
    assert not (folder / crm_server.PID_FILE).exists()
