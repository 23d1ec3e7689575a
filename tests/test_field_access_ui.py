"""What the CRM lets the rep edit, on screen (ui/field_access.py): the record dialog, the
account header and its inline editors, quick capture and Preferences, for whatever the store
kept after the last sync (desktop/crm_fields.py). Never an exception, in English and German."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from desktop.crm_fields import FieldAccess
from ui import i18n
from ui.account import AccountView
from ui.preferences_dialog import PreferencesDialog
from ui.record_dialog import RecordDialog

SAID = FieldAccess.of(
    "salesforce",
    missing={"accounts": ["nps", "health"], "notes": ["kind"]},
    read_only={
        "contracts": ["end_date"],
        "opportunities": ["stage"],
        "tasks": ["status"],
        "notes": ["occurred_at"],
    },
    scope={"accounts": "select Id from Account where OwnerId = '005000000000001AAA'"},
)


@pytest.fixture
def book(store):
    account = store.create("accounts", {"name": "Acme", "nps": 40})
    contract = store.create(
        "contracts",
        {"account_id": account, "number": "C-1", "start_date": "2026-01-01", "term_months": 12},
    )
    store.create("opportunities", {"account_id": account, "name": "Renewal", "stage": "proposal"})
    task = store.create("tasks", {"account_id": account, "subject": "Call Ann", "status": "open"})
    return {"account": account, "contract": contract, "task": task}


def _hints(widget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.objectName() == "CrmFieldHint"]


def test_the_record_dialog_hints_missing_fields_and_locks_read_only_ones(qtbot, context, book):
    context.store.save_field_access(SAID)
    form = RecordDialog(None, context, "accounts", book["account"])
    qtbot.addWidget(form)
    assert _hints(form._rows["nps"]) == ["Not in your Salesforce — kept in Fieldbook only"]
    assert _hints(form._rows["health"]) and not _hints(form._rows["city"])
    contract = RecordDialog(None, context, "contracts", book["contract"])
    qtbot.addWidget(contract)
    end = contract.editors["end_date"].focus_widget()
    assert end.isReadOnly()
    assert end.toolTip() == "Your Salesforce admin does not let you change this field"
    new = RecordDialog(None, context, "contracts", None, {"account_id": book["account"]})
    qtbot.addWidget(new)
    new.editors["end_date"].set_value("2031-01-01")  # whatever got there, it is not sent
    assert "end_date" not in new.changed_values()


def test_another_kind_of_crm_is_named_and_no_word_means_everything_editable(qtbot, context, book):
    context.store.save_field_access(FieldAccess.of("tryton", missing={"accounts": ["nps"]}))
    form = RecordDialog(None, context, "accounts", book["account"])
    qtbot.addWidget(form)
    assert _hints(form._rows["nps"]) == ["Not in your Tryton — kept in Fieldbook only"]
    context.store.save_field_access(None)
    plain = RecordDialog(None, context, "contracts", book["contract"])
    qtbot.addWidget(plain)
    assert _hints(plain) == [] and not plain.editors["end_date"].focus_widget().isReadOnly()


def test_a_store_that_cannot_say_still_opens_the_form(qtbot, context, book, monkeypatch):
    def broken():
        raise RuntimeError("disk")

    monkeypatch.setattr(context.store, "field_access", broken)
    form = RecordDialog(None, context, "contracts", book["contract"])
    qtbot.addWidget(form)
    assert not form.editors["end_date"].focus_widget().isReadOnly()


def test_the_account_view_header_inline_editors_and_quick_capture_follow(qtbot, context, book):
    context.store.save_field_access(SAID)
    view = AccountView(context)
    qtbot.addWidget(view)
    view.show_account(book["account"])
    header = view.header
    assert header.figure_captions["nps"][0].text() == "NPS · Fieldbook only"
    assert header.health_chip.toolTip().startswith("Not in your Salesforce")
    assert not view.stage_button.isEnabled()
    assert view.stage_button.toolTip().startswith("Your Salesforce admin")
    model = view.tasks_model
    index = model.index(0, 0)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("Your Salesforce admin")
    capture = view.capture
    assert capture.kind.isEnabled() and capture.kind.toolTip().startswith("Not in your")
    assert not capture.when.isEnabled()
    assert capture.title.isEnabled() and not capture.title.isReadOnly()
    # Signed out: everything is editable again, as soon as the view is shown afresh.
    context.store.save_field_access(None)
    view.show_account(book["account"])
    assert header.figure_captions["nps"][0].text() == "NPS"
    assert view.stage_button.isEnabled() and "Ctrl+Shift+M" in view.stage_button.toolTip()
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert capture.when.isEnabled()


def test_preferences_show_the_scope_statements_for_salesforce_only(qtbot, context, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context.store.save_field_access(SAID)
    prefs = PreferencesDialog(settings, None, store=context.store)
    qtbot.addWidget(prefs)
    text = prefs.scope_box.statements.toPlainText()
    assert "-- Accounts\nselect Id from Account where OwnerId = '005000000000001AAA'" in text
    assert prefs.scope_box.statements.isReadOnly()
    context.store.save_field_access(FieldAccess.of("tryton"))
    plain = PreferencesDialog(settings, None, store=context.store)
    qtbot.addWidget(plain)
    assert plain.scope_box is None


def test_the_hints_are_in_german(qtbot, qapp, context, book):
    assert i18n.install_translators(qapp, "de") == "de"
    try:
        context.store.save_field_access(SAID)
        form = RecordDialog(None, context, "accounts", book["account"])
        qtbot.addWidget(form)
        assert _hints(form._rows["nps"]) == [
            "Nicht in Ihrem Salesforce – nur in Fieldbook gespeichert"
        ]
        contract = RecordDialog(None, context, "contracts", book["contract"])
        qtbot.addWidget(contract)
        tip = contract.editors["end_date"].focus_widget().toolTip()
        assert tip == "Ihr Salesforce-Administrator erlaubt Ihnen nicht, dieses Feld zu ändern"
    finally:
        i18n.install_translators(qapp, "en")


class _Controller:
    def __init__(self):
        self.resets = 0

    def reset_engine(self):
        self.resets += 1


def _session(context, tmp_path, connector):
    from PySide6.QtWidgets import QWidget

    from ui.session_crm import CrmSession

    session = CrmSession()
    session.connector = connector
    session.window = QWidget()
    session.context = context
    session.controller = _Controller()
    session.data_dir = tmp_path
    return session


def test_signing_out_forgets_what_the_crm_said(qtbot, context, tmp_path, monkeypatch):
    from desktop.crm_fields import EVERYTHING_EDITABLE
    from ui import sign_in_dialog

    context.store.save_field_access(SAID)
    context.profile = "rep"
    session = _session(context, tmp_path, connector=object())
    qtbot.addWidget(session.window)
    monkeypatch.setattr(sign_in_dialog.SignOut, "run", lambda self: True)
    session.sign_out()
    qtbot.waitUntil(lambda: context.store.field_access() == EVERYTHING_EDITABLE)
    assert session.connector is None and session.controller.resets == 1


def test_another_crm_in_the_same_profile_forgets_it_the_same_crm_keeps_it(qtbot, context, tmp_path):
    from types import SimpleNamespace

    from desktop import paths
    from desktop.crm_fields import EVERYTHING_EDITABLE

    context.store.save_field_access(SAID)
    connector = SimpleNamespace(login="ann", url="https://crm.example.com", database="crm")
    context.profile = paths.profile_slug(connector.login, connector.url, connector.database)
    session = _session(context, tmp_path, connector=None)
    qtbot.addWidget(session.window)
    connector.kind = "salesforce"
    session._signed_in("salesforce", connector)  # signed in again to the same org
    assert context.store.field_access() == SAID
    connector.kind = "tryton"
    session._signed_in("tryton", connector)
    qtbot.waitUntil(lambda: context.store.field_access() == EVERYTHING_EDITABLE)


def test_preferences_of_a_salesforce_profile_say_it_is_connected(qtbot, context, tmp_path):
    """A Salesforce profile keeps its login address under its own setting, not the Tryton
    address: Preferences said "Not connected" and offered no sign-out before."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    store = context.store
    for key, value in {
        "salesforce_login_url": "https://acme.my.salesforce.com",
        "salesforce_consumer_key": "key",
    }.items():
        context.writer.call(lambda k=key, v=value: store.set_preference(k, v))
    prefs = PreferencesDialog(settings, None, store=store)
    qtbot.addWidget(prefs)
    assert prefs.connection_label.text() == (
        "Connected to Salesforce at https://acme.my.salesforce.com."
    )
    assert prefs.sign_out_button.isEnabled() and prefs.remove_button.isEnabled()
    assert prefs.change_button.text() == "Change…"
