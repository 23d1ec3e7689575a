"""The window's side of the protected store (issue 16): encrypting with progress before the
window opens, the missing-key question, no keyring, the lock screen, a revocation mid-session."""

from __future__ import annotations

import datetime as dt
import threading

import keyring
import pytest
from older_stores import encrypt_as_first_release

from desktop import access, cipher, paths, protection
from desktop.credentials import MemoryKeyring
from desktop.errors import ACCESS_REVOKED, ErrorInfo
from desktop.protection import EncryptionUnavailable, Protection
from desktop.security_policy import SecurityPolicy
from desktop.store import Store
from sync.memory import MemoryConnector, MemoryCRM
from sync.report import SyncReport
from ui import store_guard
from ui.app import Session
from ui.lock_dialog import FRESH, QUIT, LockDialog


def _local_path(data_dir):
    return paths.store_path(data_dir, "local")


@pytest.fixture
def session(qapp, tmp_path):
    made = Session(qapp, tmp_path / "data", real_keyring=True)
    yield made
    made.close()
    if made.guard.lock_dialog is not None:
        made.guard.lock_dialog.close()


def test_a_plain_profile_is_encrypted_with_progress_before_the_window_opens(
    qtbot, file_keyring, session
):
    path = _local_path(session.data_dir)
    store = Store.open(path, Protection(encrypt=False))
    for n in range(50):
        store.create("accounts", {"name": f"Plain Account {n}"})
    store.close()
    session.open(None, demo=False)
    assert session.window is None  # the window waits for the encrypted copy
    qtbot.waitUntil(lambda: session.window is not None, timeout=20_000)
    assert session.context.store.encrypted
    assert session.context.store.account_count() == 50
    assert not cipher.is_plain(path)


def test_a_profile_of_the_first_encrypted_release_is_re_encrypted_before_the_window_opens(
    qtbot, file_keyring, session
):
    path = _local_path(session.data_dir)
    store = Store.open(path, Protection(encrypt=False))
    store.create_many("accounts", [{"name": f"Older Pages {n}"} for n in range(40)])
    store.close()
    key = encrypt_as_first_release(path)
    session.open(None, demo=False)
    assert session.window is None  # re-encrypted off the GUI thread, with the progress window
    assert session.guard.encrypting is not None
    qtbot.waitUntil(lambda: session.window is not None, timeout=20_000)
    assert session.context.store.encrypted
    assert session.context.store.account_count() == 40
    assert cipher.key_fits(path, key) and not cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT)


def test_a_first_release_profile_that_cannot_be_re_encrypted_opens_as_it_is(
    qtbot, file_keyring, session, monkeypatch
):
    path = _local_path(session.data_dir)
    store = Store.open(path, Protection(encrypt=False))
    store.create_many("accounts", [{"name": f"Older Pages {n}"} for n in range(20)])
    store.close()
    key = encrypt_as_first_release(path)

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cipher, "export_encrypted", full_disk)
    shown = []
    monkeypatch.setattr(store_guard, "show_error", lambda *args: shown.append(args))
    session.open(None, demo=False)
    qtbot.waitUntil(lambda: session.window is not None, timeout=20_000)
    assert session.context.store.encrypted and session.context.store.account_count() == 20
    assert shown == []  # still encrypted: nothing for the rep to decide
    assert cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT)


def test_switching_to_a_plain_profile_encrypts_it_with_the_progress_window(
    qtbot, file_keyring, session, monkeypatch
):
    session.open(None, demo=False)
    other = paths.store_path(session.data_dir, "rep-at-crm")
    store = Store.open(other, Protection(encrypt=False))
    store.create_many("accounts", [{"name": f"Still Plain {n}"} for n in range(30)])
    store.close()
    release = threading.Event()  # holds the encryption until the progress window is seen
    export = cipher.export_encrypted

    def held_export(*args, **kwargs):
        release.wait(10)
        return export(*args, **kwargs)

    monkeypatch.setattr(cipher, "export_encrypted", held_export)
    connector = MemoryConnector(MemoryCRM())
    session.switch_to("rep-at-crm", connector)
    assert session.window is None  # the profile's window waits for the encrypted copy
    task = session.guard.encrypting
    assert task is not None

    def progress_shown() -> bool:
        indicator = task._indicator
        return indicator.has_window() and indicator.window().isVisible()

    qtbot.waitUntil(progress_shown, timeout=5_000)
    task._indicator.window().grab().save("/tmp/h16-switch-encrypting.png")
    release.set()
    qtbot.waitUntil(lambda: session.window is not None, timeout=20_000)
    assert session.context.profile == "rep-at-crm"
    assert session.context.store.encrypted and not cipher.is_plain(other)
    assert session.context.store.account_count() == 30
    assert session.connector is connector


def test_a_missing_key_asks_and_a_fresh_copy_keeps_the_old_file(
    qtbot, file_keyring, session, monkeypatch
):
    path = _local_path(session.data_dir)
    store = Store.open(path)
    store.create("accounts", {"name": "Unreadable Later"})
    store.close()
    protection.forget_key(path)
    asked = []
    monkeypatch.setattr(session.guard, "ask_missing_key", lambda p: asked.append(p) or FRESH)
    session.open(None, demo=False)
    assert asked == [path]
    assert session.window is not None
    assert session.context.store.account_count() == 0  # a fresh copy, to sync afresh
    kept = list(path.parent.glob("book.sqlite.unreadable-*"))
    assert len(kept) == 1 and not cipher.is_plain(kept[0])


def test_quitting_at_the_missing_key_question_opens_nothing(file_keyring, session, monkeypatch):
    path = _local_path(session.data_dir)
    Store.open(path).close()
    protection.forget_key(path)
    monkeypatch.setattr(session.guard, "ask_missing_key", lambda p: QUIT)
    with pytest.raises(store_guard.StartStopped):
        session.open(None, demo=False)
    assert session.window is None
    assert path.exists()  # untouched


def test_without_a_keyring_the_window_says_the_copy_is_not_encrypted(session):
    keyring.set_keyring(MemoryKeyring())
    session.open(None, demo=False)
    assert not session.context.store.encrypted
    assert "not encrypted" in session.window.statusBar().currentMessage()


def test_without_a_keyring_nothing_opens_where_it_requires_encryption(session):
    keyring.set_keyring(MemoryKeyring())
    session.guard.policy = SecurityPolicy(require_encryption=True)
    with pytest.raises(EncryptionUnavailable):
        session.open(None, demo=False)
    assert session.window is None


def test_a_copy_offline_too_long_shows_the_lock_screen_not_the_book(qtbot, file_keyring, session):
    path = _local_path(session.data_dir)
    store = Store.open(path)
    store.create("accounts", {"name": "Behind The Lock"})
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    access.record_confirmed_sync(store, server_time=long_ago, client_now=long_ago)
    store.close()
    session.guard.policy = SecurityPolicy(lock_after_days=14)
    session.open(None, demo=False)
    assert session.window is None
    dialog = session.guard.lock_dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    assert "30 days" in dialog.message.text()
    dialog.grab().save("/tmp/h16-lock-offline.png")


def test_a_revoked_sign_in_mid_session_locks_and_wipes_where_policy_says(
    qtbot, file_keyring, session
):
    session.open(None, demo=False)
    path = session.context.store.path
    store = session.context.store
    session.context.writer.call(lambda: store.create("accounts", {"name": "Unsynced Heron"}))
    session.guard.policy = SecurityPolicy(wipe_on_revoke=True)
    session.connector = MemoryConnector(MemoryCRM())  # signed in; the report is what matters
    report = SyncReport(ok=False)
    report.problems.append(ErrorInfo(ACCESS_REVOKED, {"crm": "the test CRM"}))
    session._after_sync(report)
    qtbot.waitUntil(lambda: session.guard.lock_dialog is not None, timeout=10_000)
    assert session.window is None
    assert not path.exists()
    exports = list(path.parent.glob("unsynced-*.sqlite"))
    assert len(exports) == 1 and not cipher.is_plain(exports[0])
    assert "removed" in session.guard.lock_dialog.status.text()
    session.guard.lock_dialog.grab().save("/tmp/h16-lock-revoked.png")


def test_the_missing_key_question_offers_try_again_fresh_and_quit(qtbot, tmp_path):
    from PySide6.QtWidgets import QPushButton

    from ui.lock_dialog import RETRY, missing_key_box

    box = missing_key_box(None, tmp_path / "book.sqlite")
    qtbot.addWidget(box)
    names = {b.objectName() for b in box.findChildren(QPushButton) if b.objectName()}
    assert {FRESH, RETRY, QUIT} <= names
    assert "cannot be opened" in box.text()
    assert str(tmp_path / "book.sqlite") in box.informativeText()
    box.show()
    box.grab().save("/tmp/h16-missing-key.png")
