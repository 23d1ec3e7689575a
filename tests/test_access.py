"""Locking the local copy when access ends, wiping it only where IT says so (issue 16)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess

import keyring
import pytest

from desktop import access, cipher, protection
from desktop.credentials import MemoryKeyring
from desktop.errors import ACCESS_REVOKED, CRM_UNREACHABLE, SIGN_IN_NEEDED, ErrorInfo
from desktop.security_policy import SecurityPolicy
from desktop.store import Store
from sync.connector import ConnectorError, ErrorKind
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM

DAY = dt.timedelta(days=1)
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
TWO_WEEKS = SecurityPolicy(lock_after_days=14)


def test_a_copy_without_a_confirmed_sync_for_n_days_locks(store):
    access.record_confirmed_sync(store, server_time=T0, client_now=T0)
    assert not access.check(store, TWO_WEEKS, client_now=T0 + 13 * DAY).locked
    state = access.check(store, TWO_WEEKS, client_now=T0 + 14 * DAY)
    assert state.locked and state.reason == access.OFFLINE
    assert access.state(store).locked  # it stays locked across a restart (in the store)
    access.record_confirmed_sync(store, server_time=T0 + 15 * DAY, client_now=T0 + 15 * DAY)
    assert not access.check(store, TWO_WEEKS, client_now=T0 + 15 * DAY).locked


def test_days_are_counted_on_the_servers_clock_not_the_clients(store):
    wrong = T0 + 400 * DAY  # the laptop's clock is a year ahead
    access.record_confirmed_sync(store, server_time=T0, client_now=wrong)
    assert access.days_without_confirmed_sync(store, client_now=wrong) == 0
    assert not access.check(store, TWO_WEEKS, client_now=wrong + DAY).locked
    # A refused sign-in 20 days later still tells the server's time: 20 days, whatever the
    # laptop says.
    access.record_server_time(store, T0 + 20 * DAY, client_now=wrong + 2 * DAY)
    assert access.days_without_confirmed_sync(store, client_now=wrong + 2 * DAY) == 20
    assert access.check(store, TWO_WEEKS, client_now=wrong + 2 * DAY).locked


def test_setting_the_clock_back_buys_no_days(store):
    access.record_confirmed_sync(store, server_time=T0, client_now=T0)
    access.check(store, SecurityPolicy(), client_now=T0 + 10 * DAY)  # seen 10 days on
    assert access.days_without_confirmed_sync(store, client_now=T0 + DAY) == 10
    state = access.check(store, TWO_WEEKS, client_now=T0 + 4 * DAY)
    assert not state.locked and state.days_offline == 10
    assert access.check(store, TWO_WEEKS, client_now=T0 + 14 * DAY).locked


def test_no_policy_no_lock(store):
    access.record_confirmed_sync(store, server_time=T0, client_now=T0)
    assert not access.check(store, SecurityPolicy(), client_now=T0 + 900 * DAY).locked
    assert access.check(store, TWO_WEEKS).days_offline is not None


class RevokedConnector(MemoryConnector):
    """A CRM that has deactivated the user: the session and the saved sign-in are refused."""

    def sign_in(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        refused = ConnectorError(ErrorKind.SIGN_IN, "refresh token revoked")
        refused.reason = "revoked"  # type: ignore[attr-defined]
        raise refused


def test_a_revoked_sign_in_is_its_own_kind_and_locks(store):
    connector = RevokedConnector(MemoryCRM())
    connector.expire_session()
    report = SyncEngine(store, connector).sync()
    kinds = [p.kind for p in report.problems]
    assert ACCESS_REVOKED in kinds
    state = access.note_revoked(store, SecurityPolicy())
    assert state.locked and state.reason == access.REVOKED
    access.record_confirmed_sync(store, server_time=T0)
    assert access.state(store).locked  # only a sign-in lifts a revoked lock
    access.unlock(store)
    assert not access.state(store).locked


def test_a_mistyped_password_or_a_network_failure_is_no_revocation():
    typed = ConnectorError(ErrorKind.SIGN_IN, "user name or password refused")
    assert ErrorInfo.of(typed).kind == SIGN_IN_NEEDED
    offline = ConnectorError(ErrorKind.TRANSIENT, "no route to host")
    offline.reason = "revoked"  # type: ignore[attr-defined]  (only a sign-in can be revoked)
    assert ErrorInfo.of(offline).kind == CRM_UNREACHABLE


def _unsynced(store: Store) -> str:
    account = store.create("accounts", {"name": "Wipe Test Kestrel Quarry"})
    store.create(
        "notes",
        {
            "account_id": account,
            "title": "Unsynced",
            "body": "Kestrel wants forty turbines",
            "kind": "call",
            "occurred_at": "2026-11-30T10:00",
        },
    )
    return account


def test_a_wipe_exports_unsynced_edits_encrypted_first(file_keyring, tmp_path):
    path = tmp_path / "profile" / "book.sqlite"
    store = Store.open(path)
    account = _unsynced(store)
    policy = SecurityPolicy(wipe_on_revoke=True)
    state = access.note_revoked(store, policy)
    assert access.may_wipe(policy, state)
    exported = access.wipe(store)
    assert not path.exists() and not cipher.side_files(path)[0].exists()
    assert protection.load_key(path) is None  # the store's key is gone with it
    assert exported is not None and exported.exists()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(exported).execute("SELECT * FROM outbox").fetchall()
    if not subprocess.run(["which", "strings"], capture_output=True).returncode:
        text = subprocess.run(["strings", str(exported)], capture_output=True, text=True).stdout
        assert "Kestrel" not in text
    key = protection.load_key(exported)
    assert key is not None
    db = cipher.connect_encrypted(exported, key)
    ops = db.execute("SELECT table_name, row_id, changes FROM outbox").fetchall()
    assert {(t, r) for t, r, _ in ops} >= {("accounts", account)}
    assert any("forty turbines" in changes for _t, _r, changes in ops)
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == 2
    db.close()


def test_no_wipe_without_the_policy_or_without_a_revocation(store):
    _unsynced(store)
    revoked = access.note_revoked(store, SecurityPolicy())
    assert not access.may_wipe(SecurityPolicy(), revoked)
    offline = access.AccessState(True, access.OFFLINE, 30)
    assert not access.may_wipe(SecurityPolicy(wipe_on_revoke=True), offline)


def test_no_wipe_where_the_export_could_not_be_encrypted(tmp_path):
    keyring.set_keyring(MemoryKeyring())  # no keyring that outlives the process
    path = tmp_path / "book.sqlite"
    store = Store.open(path)
    _unsynced(store)
    with pytest.raises(access.WipeRefused):
        access.wipe(store)
    assert path.exists()  # nothing removed
    assert store.pending_count() == 2
    store.close()


def test_a_wipe_with_nothing_unsynced_exports_nothing(file_keyring, tmp_path):
    path = tmp_path / "book.sqlite"
    store = Store.open(path)
    assert access.wipe(store) is None
    assert not path.exists()


def test_the_tryton_connector_reads_the_servers_clock_from_its_answers():
    from sync.tryton.rpc import _server_date

    assert _server_date("Wed, 02 Dec 2026 14:01:10 GMT") == dt.datetime(
        2026, 12, 2, 14, 1, 10, tzinfo=dt.UTC
    )
    assert _server_date(None) is None
    assert _server_date("not a date") is None
