"""The welcome page's connection test against a real Tryton: each failure named, and success."""

from __future__ import annotations

import pytest

from desktop import credentials
from desktop.provisioning import Provisioning
from sync.tryton.connector import secret_key
from tests.test_welcome import attempt, fill
from ui.welcome import WelcomeDialog


@pytest.fixture
def welcome(qtbot):
    dialog = WelcomeDialog(presets=Provisioning())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_working_connection_says_so_and_keeps_nothing(qtbot, welcome, tryton_server):
    fill(welcome, tryton_server.url)
    worked, text = attempt(qtbot, welcome)
    assert worked, text
    assert "connection works" in text
    assert (
        credentials.load_secret(secret_key(tryton_server.url, "fieldbook", "admin", "password"))
        is None
    )
    welcome.grab().save("/tmp/h13-welcome-works.png")


def test_a_bad_password_is_named(qtbot, welcome, tryton_server):
    fill(welcome, tryton_server.url, password="wrong")
    worked, text = attempt(qtbot, welcome)
    assert not worked and "password is not right" in text
    welcome.grab().save("/tmp/h13-welcome-password.png")


def test_a_wrong_database_is_named(qtbot, welcome, tryton_server):
    fill(welcome, tryton_server.url, database="fieldbok")
    worked, text = attempt(qtbot, welcome)
    assert not worked and "no database with this name" in text
    welcome.grab().save("/tmp/h13-welcome-database.png")


def test_a_tls_problem_is_named(qtbot, welcome, tryton_server):
    # TLS spoken to a plain-HTTP server fails the handshake, as an untrusted certificate does.
    fill(welcome, tryton_server.url.replace("http://", "https://"))
    worked, text = attempt(qtbot, welcome)
    assert not worked and "certificate is not trusted" in text
    welcome.grab().save("/tmp/h13-welcome-tls.png")


def test_connect_signs_in_for_good(qtbot, welcome, tryton_server):
    fill(welcome, tryton_server.url)
    with qtbot.waitSignal(welcome.connected, timeout=30_000) as blocker:
        welcome.connect_crm()
    kind, connector = blocker.args
    assert kind == "tryton" and connector.url == tryton_server.url
    assert credentials.load_secret(connector.password_key) == "admin"
    assert welcome.form.password_edit.text() == ""
    connector.close()
