"""The welcome page: what it offers, IT's presets and locks, and the failures it can name
without a CRM server (a closed port; a Tryton without our module, served on 127.0.0.1)."""

from __future__ import annotations

import json
import socket

import pytest

from desktop import provisioning
from desktop.provisioning import Provisioning
from tests.fake_tryton import TrytonWithoutModule
from ui.welcome import WelcomeDialog


@pytest.fixture
def welcome(qtbot):
    dialog = WelcomeDialog(presets=Provisioning())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog, url, database="fieldbook", user="admin", password="admin"):
    form = dialog.form
    form.url_edit.setText(url)
    form.database_edit.setText(database)
    form.user_edit.setText(user)
    form.password_edit.setText(password)


def attempt(qtbot, dialog):
    with qtbot.waitSignal(dialog.tested, timeout=30_000) as blocker:
        dialog.test_connection()
    return blocker.args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_it_offers_the_crm_kinds_the_demo_and_working_locally(welcome):
    assert [welcome.kind_combo.itemData(i) for i in range(welcome.kind_combo.count())][
        0
    ] == "tryton"
    assert welcome.demo_button.isVisible() and welcome.local_button.isVisible()
    welcome.grab().save("/tmp/h13-welcome.png")


def test_empty_fields_are_named(qtbot, welcome):
    with qtbot.waitSignal(welcome.tested) as blocker:
        welcome.test_connection()
    assert blocker.args[0] is False
    assert "server address" in blocker.args[1] and "password" in blocker.args[1]


def test_an_unreachable_host_is_named(qtbot, welcome):
    fill(welcome, f"http://127.0.0.1:{free_port()}")
    worked, text = attempt(qtbot, welcome)
    assert not worked and "cannot be reached" in text
    welcome.grab().save("/tmp/h13-welcome-unreachable.png")


def test_a_database_without_our_module_is_named(qtbot, welcome):
    with TrytonWithoutModule() as crm:
        fill(welcome, crm.url)
        worked, text = attempt(qtbot, welcome)
    assert not worked and "Fieldbook module" in text and "fieldbook" in text
    welcome.grab().save("/tmp/h13-welcome-module.png")


def test_presets_fill_the_form_and_locked_fields_are_read_only(qtbot, tmp_path, monkeypatch):
    (tmp_path / "fieldbook.json").write_text(
        json.dumps(
            {
                "crm": {"kind": "tryton", "url": "https://crm.example.com", "database": "prod"},
                "locked": ["crm.url", "crm.kind"],
            }
        )
    )
    monkeypatch.setenv(provisioning.SYSTEM_CONFIG_ENV, str(tmp_path))
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.url_edit.text() == "https://crm.example.com" and form.url_edit.isReadOnly()
    assert form.database_edit.text() == "prod" and not form.database_edit.isReadOnly()
    assert not dialog.kind_combo.isEnabled()
    assert form.user_edit.text() == ""


def test_the_cursor_starts_in_the_first_empty_field(qtbot):
    presets = provisioning.parse(
        {"crm": {"url": "https://crm.example.com", "database": "prod"}}, None, honour_locks=False
    )
    dialog = WelcomeDialog(presets=presets)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.form.user_edit.hasFocus())


def test_salesforce_is_offered_with_its_own_browser_sign_in(qtbot, welcome):
    keys = [welcome.kind_combo.itemData(i) for i in range(welcome.kind_combo.count())]
    assert keys == ["tryton", "salesforce"]
    welcome.kind_combo.setCurrentIndex(keys.index("salesforce"))
    assert welcome.test_button.isHidden() and welcome.connect_button.isHidden()
    welcome.grab().save("/tmp/h13-welcome-salesforce.png")
    connector = object()
    with qtbot.waitSignal(welcome.connected_with_settings) as blocker:
        welcome.form.inner.signed_in.emit(connector, {"salesforce_login_url": "production"})
    assert blocker.args == ["salesforce", connector, {"salesforce_login_url": "production"}]
    welcome.kind_combo.setCurrentIndex(0)
    assert not welcome.test_button.isHidden()


def test_it_presets_salesforce(qtbot):
    presets = provisioning.parse(
        {
            "crm": {
                "kind": "salesforce",
                "url": "https://acme.my.salesforce.com",
                "salesforce_consumer_key": "3MVG9abc",
            },
            "locked": ["crm.kind"],
        },
        None,
        honour_locks=True,
    )
    dialog = WelcomeDialog(presets=presets)
    qtbot.addWidget(dialog)
    assert dialog.kind_combo.currentData() == "salesforce" and not dialog.kind_combo.isEnabled()
    inner = dialog.form.inner
    assert inner.login_url() == "https://acme.my.salesforce.com"
    assert inner.key_edit.text() == "3MVG9abc"


@pytest.mark.parametrize(
    ("preferences", "empty"),
    [
        ({}, True),
        ({"crm_url": "https://crm.example.com"}, False),
        ({"salesforce_login_url": "https://acme.my.salesforce.com"}, False),  # a browser CRM
    ],
)
def test_only_a_profile_with_no_crm_and_no_accounts_opens_the_welcome_page(
    context, preferences, empty
):
    from sync import kinds
    from ui.session_crm import CrmSession

    names = {"crm_url": kinds.URL_PREFERENCE, "salesforce_login_url": "salesforce_login_url"}
    store = context.store
    for key, value in preferences.items():
        context.writer.call(lambda k=names[key], v=value: store.set_preference(k, v))
    assert CrmSession._is_empty_profile(store) is empty


def test_enter_on_an_it_preset_salesforce_page_connects(qtbot, tmp_path, monkeypatch):
    # Found running the frozen app: Enter did nothing (the hidden Tryton Connect was the
    # dialog's default, and the cursor sat in a drop-down).
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    system = tmp_path / "system"
    system.mkdir()
    preset = {"kind": "salesforce", "url": "http://127.0.0.1:9", "salesforce_consumer_key": "k"}
    (system / "fieldbook.json").write_text(json.dumps({"crm": preset, "locked": ["crm.kind"]}))
    monkeypatch.setenv(provisioning.SYSTEM_CONFIG_ENV, str(system))
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    inner = dialog.form.inner
    opened = []
    inner.start_sign_in = lambda: opened.append(True)  # what Connect runs
    inner.connect_button.clicked.disconnect()
    inner.connect_button.clicked.connect(inner.start_sign_in)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is inner.connect_button  # nothing left to type
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert opened == [True]
