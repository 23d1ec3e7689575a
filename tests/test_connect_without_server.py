"""The installed app connects to a CRM without the CRM *server* packages (issue 13).

The bundle leaves ``trytond`` out; only the demo CRM needs it. Here it is hidden from imports the
way the bundle lacks it, and Sync ▸ Sign In still opens the dialog, and a saved connection is
still used.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from PySide6.QtCore import QSettings

from desktop import paths
from desktop.store import Store
from sync import kinds
from ui.app import Session, demo_crm_available


@pytest.fixture
def no_trytond(monkeypatch):
    """``import trytond`` fails and find_spec finds nothing, as in the frozen bundle."""
    for name in [m for m in sys.modules if m == "trytond" or m.startswith("trytond.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "trytond", None)
    assert importlib.util.find_spec("trytond") is None
    with pytest.raises(ImportError):
        import trytond  # noqa: F401


def test_sign_in_menu_opens_the_dialog_without_the_tryton_server(qtbot, qapp, tmp_path, no_trytond):
    assert not demo_crm_available()
    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.open(None, demo=False)
    try:
        assert session.context.profile == paths.LOCAL_PROFILE
        session.sign_in_action.trigger()
        dialog = session.sign_in_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.url_edit.isEnabled()
    finally:
        session.close()


def test_a_saved_connection_is_used_without_the_tryton_server(qtbot, qapp, tmp_path, no_trytond):
    data = tmp_path / "data"
    profile = paths.profile_slug("alex", "http://127.0.0.1:9", "fieldbook")
    store = Store.open(paths.store_path(data, profile))
    for key, value in {
        kinds.KIND_PREFERENCE: "tryton",
        kinds.URL_PREFERENCE: "http://127.0.0.1:9",
        kinds.DATABASE_PREFERENCE: "fieldbook",
        kinds.USER_PREFERENCE: "alex",
    }.items():
        store.set_preference(key, value)
    store.close()

    session = Session(qapp, data, real_keyring=False)
    session.open(profile, demo=False)
    try:
        connector = session.connector
        assert connector is not None
        assert (connector.url, connector.database, connector.login) == (
            "http://127.0.0.1:9",
            "fieldbook",
            "alex",
        )
        assert session.controller.engine is not None
        session.sign_in()
        dialog = session.sign_in_dialog
        assert dialog.url_edit.text() == "http://127.0.0.1:9"
        assert dialog.user_edit.text() == "alex"
    finally:
        session.close()


def test_every_registered_connector_imports_without_server_packages(no_trytond):
    for kind in kinds.KINDS.values():
        assert kind.importable()


def test_an_empty_profile_opens_on_the_welcome_page(qtbot, qapp, tmp_path, no_trytond):
    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.open(None, demo=False)
    try:
        qtbot.waitUntil(lambda: session.welcome is not None and session.welcome.isVisible())
        session.window.resize(1200, 760)
        session.window.grab().save("/tmp/h13-window-welcome.png")
        session.welcome.local_button.click()
        assert not session.welcome.isVisible()
        store = session.context.store
        qtbot.waitUntil(lambda: store.preference("welcome_done") == "1")
        session.welcome = None
        # "Local only" in the status bar brings the page back.
        qtbot.waitUntil(lambda: session.controller.state.mode == "local_only")
        session.window.sync_status.clicked.emit()
        assert session.welcome is not None and session.welcome.isVisible()
        session.welcome.reject()
    finally:
        session.close()
    # Chosen once: the next start opens on the book, not on the page.
    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.open(None, demo=False)
    try:
        assert session.welcome is None
    finally:
        session.close()


def test_the_welcome_page_opens_the_demo_book(qtbot, qapp, tmp_path, no_trytond):
    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.open(None, demo=False)
    try:
        qtbot.waitUntil(lambda: session.welcome is not None)
        session.welcome.demo_button.click()
        qtbot.waitUntil(lambda: session.context is not None and session.context.profile == "demo")
        assert session.context.store.account_count() > 0
    finally:
        session.close()
        QSettings().remove("profile/last")  # Qt keeps settings per process: not for the next test


def test_the_window_opens_the_profile_the_command_line_signed_in_to(tmp_path, qapp):
    from ui.app import choose_profile

    base = tmp_path / "data"
    Store.open(paths.store_path(base, "alex@crm.example.com-prod")).close()
    paths.remember_profile(base, "alex@crm.example.com-prod")
    assert choose_profile(None, False, base) == "alex@crm.example.com-prod"
    assert choose_profile("other", False, base) == "other"
    assert choose_profile(None, True, base) == "demo"


def test_crm_options_preset_the_welcome_page(qtbot, qapp, tmp_path, no_trytond):
    from desktop.provisioning import Provisioning

    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.presets = Provisioning().with_options(
        "crm", url="https://crm.example.com", database="prod"
    )
    session.open(None, demo=False)
    try:
        qtbot.waitUntil(lambda: session.welcome is not None)
        form = session.welcome.form
        assert (form.url_edit.text(), form.database_edit.text()) == (
            "https://crm.example.com",
            "prod",
        )
        session.welcome.reject()
    finally:
        session.close()
