"""The sign-in dialog against a real Tryton: success, and a clear message for each failure."""

from __future__ import annotations

import socket

import pytest

from desktop import credentials
from sync.tryton import server as crm_server
from sync.tryton.connector import secret_key
from ui.sign_in_dialog import SignInDialog, SignOut


def fill(dialog, url, database="fieldbook", user="admin", password="admin"):
    dialog.url_edit.setText(url)
    dialog.database_edit.setText(database)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)


def attempt(qtbot, dialog):
    """Sign in and wait for the answer; the error message, or None on success."""
    outcome = []
    dialog.signed_in.connect(lambda connector: outcome.append(None))
    dialog.failed.connect(outcome.append)
    dialog.start_sign_in()
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    dialog.signed_in.disconnect()
    dialog.failed.disconnect()
    return outcome[0]


@pytest.fixture
def dialog(qtbot):
    d = SignInDialog()
    qtbot.addWidget(d)
    return d


def test_signing_in_keeps_the_password_in_the_keyring_only(qtbot, dialog, tryton_server):
    fill(dialog, tryton_server.url)
    assert attempt(qtbot, dialog) is None
    assert dialog.connector is not None
    assert dialog.password_edit.text() == ""
    key = secret_key(tryton_server.url, "fieldbook", "admin", "password")
    assert credentials.load_secret(key) == crm_server.ADMIN_PASSWORD
    assert dialog.connector.list_ids("accounts") == set()
    dialog.grab().save("/tmp/sign_in_ok.png")


def test_a_wrong_password_says_so(qtbot, dialog, tryton_server):
    fill(dialog, tryton_server.url, password="wrong")
    message = attempt(qtbot, dialog)
    assert "password is not right" in message
    assert dialog.error_label.isVisible() or not dialog.isVisible()
    key = secret_key(tryton_server.url, "fieldbook", "admin", "password")
    assert credentials.load_secret(key) is None
    dialog.show()
    dialog.grab().save("/tmp/sign_in_wrong_password.png")


def test_an_unreachable_server_says_so(qtbot, dialog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here
    fill(dialog, f"http://127.0.0.1:{port}")
    assert "cannot be reached" in attempt(qtbot, dialog)


def test_a_bad_address_says_so(qtbot, dialog, tryton_server):
    fill(dialog, "not a url at all")
    assert "No CRM answers at this address" in attempt(qtbot, dialog)
    fill(dialog, tryton_server.url, database="no_such_db")
    assert "no database with this name" in attempt(qtbot, dialog)
    dialog.show()
    dialog.grab().save("/tmp/h13-sign-in-wrong-database.png")


def test_a_certificate_that_is_not_trusted_says_so(qtbot, dialog, tryton_server):
    # Speaking TLS to a plain-HTTP server fails the handshake, as a bad certificate does.
    fill(dialog, tryton_server.url.replace("http://", "https://"))
    message = attempt(qtbot, dialog)
    assert "certificate" in message


def test_empty_fields_are_named(qtbot, dialog):
    dialog.start_sign_in()
    assert "server address" in dialog.error_label.text()


def test_sign_out_removes_secrets_and_asks_before_losing_changes(
    qtbot, dialog, tryton_server, tmp_path
):
    fill(dialog, tryton_server.url)
    assert attempt(qtbot, dialog) is None
    connector = dialog.connector
    folder = tmp_path / "profile"
    folder.mkdir()
    (folder / "book.sqlite").write_text("x")
    closed = []

    flow = SignOut(
        None, connector, folder, pending_changes=3, close_store=lambda: closed.append(True)
    )
    flow.ask_sign_out = lambda: (True, True)
    flow.ask_discard_pending = lambda: False
    assert flow.run() is False  # the rep kept their unsent changes
    assert folder.exists() and credentials.load_secret(connector.password_key)

    flow.ask_discard_pending = lambda: True
    assert flow.run() is True
    assert not folder.exists() and closed == [True]
    assert credentials.load_secret(connector.password_key) is None
    assert credentials.load_secret(connector.session_key) is None
