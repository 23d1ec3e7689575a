"""Every past schema version opens in this Fieldbook without losing anything."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.schema import MIGRATIONS, SCHEMA_VERSION, SchemaTooNew, migrate
from desktop.store import Store

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "store-v1.sqlite"
ACME = "01900000-0000-7000-8000-000000000001"


@pytest.fixture
def v1_copy(tmp_path) -> Path:
    target = tmp_path / "book.sqlite"
    shutil.copy(FIXTURE_V1, target)
    return target


def test_fixture_is_really_version_1():
    db = sqlite3.connect(FIXTURE_V1)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()


def test_v1_store_migrates_to_current_without_loss(v1_copy):
    before = sqlite3.connect(v1_copy)
    counts = {
        t: before.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("accounts", "contacts", "opportunities", "contracts", "notes", "tasks", "outbox")
    }
    before.close()

    store = Store.open(v1_copy)
    assert store.schema_version == SCHEMA_VERSION
    for table, count in counts.items():
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
    account = store.get("accounts", ACME)
    assert account["mrr_cents"] == 4_250_000
    assert account["health_reason"] == "Ticket backlog after the move"
    op = store.db.execute("SELECT * FROM outbox").fetchone()
    assert json.loads(op["changes"]) == {"priority": "high"}
    assert store.preference("sync_interval_minutes") == "10"
    assert [h.title for h in store.search("frankfurt on-ramp")] == ["Quarterly check-in"]
    assert store.contracts_of(ACME)[0]["notice_deadline"] == "2025-12-31"
    store.update("accounts", ACME, {"health": "green"})
    assert store.integrity_ok()
    store.close()


def test_migrating_twice_changes_nothing(v1_copy):
    Store.open(v1_copy).close()
    store = Store.open(v1_copy)
    assert store.schema_version == SCHEMA_VERSION
    store.close()


def test_a_newer_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "future.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNew, match="Update Fieldbook"):
        Store.open(path)


def test_a_failing_migration_leaves_the_previous_version(v1_copy, monkeypatch):
    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr("desktop.schema.MIGRATIONS", (*MIGRATIONS[:1], broken))
    db = sqlite3.connect(v1_copy, isolation_level=None)
    with pytest.raises(RuntimeError):
        migrate(db, target=2)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    db.close()
