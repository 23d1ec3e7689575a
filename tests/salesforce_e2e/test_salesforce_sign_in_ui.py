"""Connect to Salesforce from the form: the browser step is simulated by a client that follows
the authorize redirect to the loopback port; the tokens land in the keyring and the book syncs."""

from __future__ import annotations

import threading

import requests

from desktop.store import Store
from sync.engine import SyncEngine
from sync.salesforce import auth
from tests.salesforce_e2e.conftest import CONSUMER_KEY, free_port
from ui.salesforce_sign_in import CRM_KIND, SalesforceSignInForm


def follow_in_a_browser(url: str) -> None:
    threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 10}, daemon=True).start()


def test_connect_opens_the_browser_takes_the_redirect_keeps_tokens_and_syncs(
    qtbot, sf_server, tmp_path
):
    port = free_port()
    sf_server.org.callbacks.add(f"http://localhost:{port}/OauthRedirect")
    form = SalesforceSignInForm(login_url=sf_server.url, consumer_key=CONSUMER_KEY, port=port)
    qtbot.addWidget(form)
    opened = []
    form.open_browser = lambda url: (opened.append(url), follow_in_a_browser(url))
    form.show()
    assert form.domain_edit.isVisible() and form.domain_edit.text() == sf_server.url
    with qtbot.waitSignal(form.signed_in, timeout=15000) as signal:
        form.connect_button.click()
    connector, settings = signal.args
    assert opened and "code_challenge=" in opened[0] and "code_challenge_method=S256" in opened[0]
    assert settings["salesforce_consumer_key"] == CONSUMER_KEY
    assert all("token" not in v for v in settings.values())
    tokens = auth.load_tokens(connector.login_url, CONSUMER_KEY)
    assert tokens is not None and tokens.refresh_token
    store = Store.open(tmp_path / "rep.sqlite")
    try:
        account = store.create("accounts", {"name": "Signed In Ltd"})
        assert SyncEngine(store, CRM_KIND["connector_from_settings"](settings)).sync().ok
        assert sf_server.count("Account", account) == 1
    finally:
        store.close()
        connector.close()
    form.grab().save("/tmp/h15-salesforce-sign-in.png")


def test_a_missing_consumer_key_and_a_busy_port_are_said_in_words(qtbot, sf_server):
    import socket

    form = SalesforceSignInForm()
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.failed) as signal:
        form.connect_button.click()
    assert "consumer key" in signal.args[0]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        form.key_edit.setText(CONSUMER_KEY)
        form.port_edit.setValue(busy.getsockname()[1])
        form.environment.setCurrentIndex(2)
        form.domain_edit.setText(sf_server.url)
        with qtbot.waitSignal(form.failed, timeout=10000) as signal:
            form.connect_button.click()
    assert "in use" in signal.args[0]
    assert form.connect_button.isEnabled()


def test_cancel_while_waiting_for_the_browser(qtbot, sf_server):
    port = free_port()
    form = SalesforceSignInForm(login_url=sf_server.url, consumer_key=CONSUMER_KEY, port=port)
    qtbot.addWidget(form)
    form.open_browser = lambda url: None  # the rep never comes back
    form.connect_button.click()
    qtbot.waitUntil(lambda: form.cancel_button.isVisibleTo(form))
    form.cancel()
    qtbot.waitUntil(lambda: form.connect_button.isEnabled(), timeout=5000)
    assert form.connector is None


def test_connect_from_the_window_opens_a_salesforce_profile_that_syncs_and_signs_out(
    qtbot, qapp, sf_server, tmp_path, monkeypatch
):
    from ui import sync_controller as sc
    from ui.app import Session
    from ui.sign_in_dialog import SignOut

    port = free_port()
    sf_server.org.callbacks.add(f"http://localhost:{port}/OauthRedirect")
    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.open(None, demo=False)
    try:
        session.sign_in_salesforce()
        form = session.sign_in_dialog.form
        form.environment.setCurrentIndex(2)
        form.domain_edit.setText(sf_server.url)
        form.key_edit.setText(CONSUMER_KEY)
        form.port_edit.setValue(port)
        form.open_browser = follow_in_a_browser
        form.connect_button.click()
        qtbot.waitUntil(
            lambda: session.context is not None and "salesforce" in session.context.profile,
            timeout=30_000,
        )
        qtbot.waitUntil(lambda: session.controller.state.mode == sc.UP_TO_DATE, timeout=30_000)
        store = session.context.store
        assert store.preference("salesforce_consumer_key") == CONSUMER_KEY
        login = store.preference("salesforce_login_url")
        assert auth.load_tokens(login, CONSUMER_KEY) is not None

        refresh = auth.load_tokens(login, CONSUMER_KEY).refresh_token
        monkeypatch.setattr(SignOut, "ask_sign_out", lambda self: (True, False))
        session.sign_out()
        assert auth.load_tokens(login, CONSUMER_KEY) is None
        qtbot.waitUntil(lambda: refresh not in sf_server.org.refresh, timeout=10_000)
    finally:
        session.close()
