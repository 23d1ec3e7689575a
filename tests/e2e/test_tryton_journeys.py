"""Whole journeys: Fieldbook profiles (real stores, the real engine) syncing with a real Tryton."""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

import pytest

from desktop import credentials, paths
from desktop.errors import CRM_UNREACHABLE
from desktop.store import Store
from sync.engine import SyncEngine
from sync.tryton.connector import TrytonConnector
from tests.loopback_proxy import LoopbackProxy


class Clock:
    """The engine's clock, moved past backoffs instead of sleeping."""

    def __init__(self):
        import time

        self.offset = 0.0
        self._time = time.time

    def __call__(self) -> float:
        return self._time() + self.offset

    def skip(self, seconds: float = 7200) -> None:
        self.offset += seconds


class Profile:
    """One Fieldbook profile: its own store file and engine, signed in to the CRM."""

    def __init__(self, base: Path, name: str, url: str, database: str):
        self.store = Store.open(paths.store_path(base, name))
        self.connector = TrytonConnector(url, database, "admin")
        self.clock = Clock()
        self.engine = SyncEngine(self.store, self.connector, clock=self.clock)

    def sync(self, **kwargs):
        return self.engine.sync(**kwargs)

    def close(self):
        self.connector.close()
        self.store.close()


@pytest.fixture
def profiles(tryton_server, isolated_data_dir):
    # Sign-in as the dialog does it: password and session go to the (test) keyring.
    TrytonConnector(tryton_server.url, tryton_server.database, "admin").sign_in_with_password(
        "admin"
    )
    made = []

    def make(name: str, url: str | None = None) -> Profile:
        if url:  # another address (a proxy): the keyring entries are per address
            TrytonConnector(url, tryton_server.database, "admin").sign_in_with_password("admin")
        profile = Profile(isolated_data_dir, name, url or tryton_server.url, tryton_server.database)
        made.append(profile)
        return profile

    yield make
    for profile in made:
        profile.close()


def crm_values(connector: TrytonConnector, table: str, row_id: str) -> dict:
    found = connector.fetch(table, [row_id])
    return found[0].values if found else None


def test_two_profiles_merge_different_fields_and_resolve_the_same_field(profiles):
    a, b = profiles("rep-a"), profiles("rep-b")
    account = a.store.create(
        "accounts",
        {"name": "Umbrella Corp", "tier": "growth", "city": "Raccoon City", "health": "green"},
    )
    assert a.sync().ok
    assert b.sync().ok
    assert b.store.get("accounts", account)["name"] == "Umbrella Corp"

    # Offline on both laptops: different fields.
    a.store.update("accounts", account, {"health": "red"})
    b.store.update("accounts", account, {"tier": "strategic"})
    assert a.sync().ok and b.sync().ok and a.sync().ok
    for profile in (a, b):
        row = profile.store.get("accounts", account)
        assert (row["health"], row["tier"]) == ("red", "strategic")
    crm = crm_values(a.connector, "accounts", account)
    assert (crm["health"], crm["tier"]) == ("red", "strategic")

    # The same field, differently: a conflict on the second laptop, resolved by the rep.
    a.store.update("accounts", account, {"city": "Paris"})
    b.store.update("accounts", account, {"city": "Berlin"})
    assert a.sync().ok
    report = b.sync()
    conflicts = b.engine.conflicts()
    assert report.conflicts == 1 or len(conflicts) == 1
    assert [(c.field, c.mine, c.theirs) for c in conflicts] == [("city", "Berlin", "Paris")]
    assert b.store.get("accounts", account)["city"] == "Berlin"  # nothing overwritten
    assert crm_values(a.connector, "accounts", account)["city"] == "Paris"

    b.engine.resolve(conflicts[0].id, "mine")
    assert b.sync().ok
    assert b.engine.conflicts() == []
    assert crm_values(a.connector, "accounts", account)["city"] == "Berlin"
    assert a.sync().ok
    assert a.store.get("accounts", account)["city"] == "Berlin"


def test_a_record_deleted_in_tryton_disappears_locally(profiles):
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Soylent"})
    task = a.store.create(
        "tasks", {"account_id": account, "subject": "Taste test", "status": "open"}
    )
    assert a.sync().ok
    rpc = a.connector.rpc
    task_ids = rpc.model(
        "fieldbook.task", "search", [("fieldbook_uuid", "=", task)], 0, 1, None, {}
    )
    rpc.model("fieldbook.task", "delete", task_ids, {})
    assert a.sync().ok
    assert a.store.get("tasks", task) is None
    assert a.store.get("accounts", account) is not None


def test_a_note_whose_answer_was_lost_reaches_tryton_exactly_once(profiles, tryton_server):
    with LoopbackProxy(tryton_server.port) as proxy:
        a = profiles("rep-a", url=proxy.url)
        account = a.store.create("accounts", {"name": "Hooli"})
        assert a.sync().ok
        note = a.store.create(
            "notes",
            {
                "account_id": account,
                "kind": "meeting",
                "title": "Met the CTO",
                "body": "Wants a pilot.",
                "occurred_at": "2026-11-21T15:00:00",
            },
        )
        proxy.fail("drop_response", match="model.ir.note.create")
        first = a.sync()
        assert tuple(e for e, body in proxy.log if b"ir.note.create" in body) == ("dropped",)
        assert not first.ok or a.store.pending_count() == 1
        assert a.store.get("notes", note)["title"] == "Met the CTO"

        a.clock.skip()
        assert a.sync().ok
        assert a.store.pending_count() == 0
        count = a.connector.rpc.model(
            "ir.note", "search_count", [("fieldbook_uuid", "=", note)], {}
        )
        assert count == 1
        assert crm_values(a.connector, "notes", note)["body"] == "Wants a pilot."


def test_server_stopped_mid_sync_keeps_everything_and_resumes(profiles, tryton_server):
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Massive Dynamic"})
    assert a.sync().ok
    a.store.update("accounts", account, {"health": "amber", "health_reason": "Late invoices"})
    a.store.create(
        "notes",
        {
            "account_id": account,
            "kind": "call",
            "title": "Chased AP",
            "occurred_at": "2026-11-22T08:00:00",
        },
    )

    def stop_when_pushing(progress):
        if progress.phase == "push" and tryton_server.running:
            tryton_server.stop()

    report = a.sync(progress=stop_when_pushing)
    assert not report.ok
    status = a.engine.status()
    assert status.online is False
    assert status.last_error is not None and status.last_error.kind == CRM_UNREACHABLE
    assert a.store.pending_count() >= 1  # nothing lost
    assert a.store.get("accounts", account)["health"] == "amber"

    tryton_server.start()
    a.clock.skip()
    assert a.sync().ok
    assert a.store.pending_count() == 0
    assert a.engine.status().online is True
    crm = crm_values(a.connector, "accounts", account)
    assert (crm["health"], crm["health_reason"]) == ("amber", "Late invoices")


def test_no_secret_is_left_in_the_profile_settings_or_logs(
    tryton_server, isolated_data_dir, tmp_path, caplog, memory_keyring
):
    caplog.set_level(logging.DEBUG)
    password = "Unusual-Passw0rd-For-Scanning"
    admin = TrytonConnector(tryton_server.url, tryton_server.database, "admin")
    admin.sign_in_with_password("admin", remember=False)
    admin.rpc.model("res.user", "write", [admin.rpc.user_id], {"password": password}, {})

    connector = TrytonConnector(tryton_server.url, tryton_server.database, "admin")
    connector.sign_in_with_password(password)
    store = Store.open(paths.store_path(isolated_data_dir, "rep-a"))
    engine = SyncEngine(store, connector)
    store.create("accounts", {"name": "Secretive Inc"})
    assert engine.sync().ok
    store.close()

    session = credentials.load_secret(connector.session_key)
    token = session.split(":", 1)[1]
    secrets = [
        password,
        token,
        base64.b64encode(f"admin:{connector.rpc.user_id}:{token}".encode()).decode(),
    ]
    assert credentials.load_secret(connector.password_key) == password  # in the keyring only

    scanned = 0
    for folder in (
        isolated_data_dir,
        Path(os.environ["XDG_CONFIG_HOME"]),
        Path(os.environ["XDG_DATA_HOME"]),
    ):
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file():
                data = path.read_bytes()
                scanned += 1
                for secret in secrets:
                    assert secret.encode() not in data, f"secret found in {path}"
    assert scanned >= 1
    for secret in secrets:
        assert secret not in caplog.text
