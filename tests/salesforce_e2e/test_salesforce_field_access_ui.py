"""What Salesforce lets the rep edit reaches the forms (issue 15): after a sync against an org
without the NPS custom field and with a computed contract end date, the account form says NPS
is kept in Fieldbook only and the contract's end date is read-only; it still holds when the app
opens the store again offline; Preferences shows the SOQL that selects the rep's records."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from desktop import crm_fields
from desktop.store import Store
from desktop.validation import ValidationError
from sync.engine import SyncEngine
from tests.salesforce_server.schema import ORG, ObjectSpec
from ui.account import AccountView
from ui.operations import OpContext
from ui.preferences_dialog import PreferencesDialog
from ui.record_dialog import RecordDialog

MISSING_HINT = "Not in your Salesforce — kept in Fieldbook only"
READ_ONLY_HINT = "Your Salesforce admin does not let you change this field"


@pytest.fixture
def org_without_nps(sf_server, monkeypatch):
    """The test org as an org whose admin never deployed Fieldbook_NPS__c on Account: describe
    leaves it out and a query naming it is refused, as a real org would."""
    account = ORG["Account"]
    trimmed = ObjectSpec(
        "Account", [f for f in account.fields if f.name != "Fieldbook_NPS__c"], account.upsertable
    )
    spec = sf_server.org.spec
    monkeypatch.setattr(
        sf_server.org, "spec", lambda name: trimmed if name == "Account" else spec(name)
    )
    return sf_server


@pytest.fixture
def synced_book(org_without_nps, make_sf, tmp_path):
    """A rep's store with an account and a contract, synced once with that org; closed."""
    path = tmp_path / "rep" / "book.sqlite"
    store = Store.open(path)
    account = store.create("accounts", {"name": "Nordlicht AG", "nps": 42, "city": "Bergen"})
    contract = store.create(
        "contracts",
        {"account_id": account, "number": "C-1", "start_date": "2026-01-01", "term_months": 12},
    )
    connector = make_sf()
    try:
        report = SyncEngine(store, connector).sync()
        assert report.ok, report.problems
    finally:
        store.close()
    return path, account, contract


def test_after_a_sync_the_store_knows_what_salesforce_lets_the_rep_edit(synced_book):
    path, account, contract = synced_book
    store = Store.open(path)  # the app opened again, no network: nothing asks Salesforce
    try:
        access = store.field_access()
        assert access.crm == "salesforce"
        assert access.state("accounts", "nps") == crm_fields.MISSING
        assert access.state("contracts", "end_date") == crm_fields.READ_ONLY
        assert access.state("accounts", "name") == crm_fields.EDITABLE
        assert access.scope["accounts"].startswith("select Id from Account")
        assert store.get("accounts", account)["nps"] == 42  # kept here all the same
        # The store refuses what Salesforce would refuse, naming the field; NPS stays editable.
        with pytest.raises(ValidationError) as refused:
            store.update("contracts", contract, {"end_date": "2030-01-01"})
        assert refused.value.errors == {"end_date": crm_fields.READ_ONLY_MESSAGE}
        assert store.update("accounts", account, {"nps": 50}) == {"nps": 50}
        # A derived end date (the rep changed the term) is not the rep's edit of it.
        assert store.update("contracts", contract, {"term_months": 24})
    finally:
        store.close()


def _hint(dialog: RecordDialog, name: str) -> str:
    cell = dialog._rows[name]
    hints = [
        label.text() for label in cell.findChildren(QLabel) if label.objectName() == "CrmFieldHint"
    ]
    return " ".join(hints)


def test_forms_opened_offline_show_the_hint_and_the_read_only_end_date(
    qtbot, synced_book, monkeypatch
):
    path, account, contract = synced_book
    store = Store.open(path)
    context = OpContext(store).make_current()
    try:
        account_form = RecordDialog(None, context, "accounts", account)
        qtbot.addWidget(account_form)
        account_form.show()
        assert _hint(account_form, "nps") == MISSING_HINT
        assert _hint(account_form, "name") == ""
        nps = account_form.editors["nps"].focus_widget()
        assert not nps.isReadOnly() and nps.isEnabled()  # kept in Fieldbook: the rep edits it

        contract_form = RecordDialog(None, context, "contracts", contract)
        qtbot.addWidget(contract_form)
        contract_form.show()
        end = contract_form.editors["end_date"]
        assert end.focus_widget().isReadOnly()
        assert end.focus_widget().toolTip() == READ_ONLY_HINT
        assert not end.widget.button.isEnabled()  # no calendar to pick another day
        assert not contract_form.editors["start_date"].focus_widget().isReadOnly()
        assert "end_date" not in contract_form.changed_values()
        account_form.grab().save("/tmp/h15-field-access-account-form.png")
        contract_form.grab().save("/tmp/h15-field-access-contract-form.png")

        view = AccountView(context)
        qtbot.addWidget(view)
        view.resize(1100, 700)
        view.show_account(account)
        view.show()
        caption, _text = view.header.figure_captions["nps"]
        assert "Fieldbook only" in caption.text()
        assert view.header.figure_labels["nps"].toolTip() == MISSING_HINT
        assert view.header.figure_captions["mrr"][0].toolTip() == ""
        view.grab().save("/tmp/h15-field-access-account-view.png")

        prefs = PreferencesDialog(context_settings(path), None, store=store)
        qtbot.addWidget(prefs)
        prefs.show()
        statements = prefs.scope_box.statements
        assert statements.isReadOnly()
        assert "select Id from ContentVersion where IsLatest = TRUE" in statements.toPlainText()
        assert "select Id from Account" in statements.toPlainText()
        prefs.scope_box.copy_button.click()
        assert "select Id from Contract" in QApplication.clipboard().text()
        prefs.grab().save("/tmp/h15-field-access-preferences.png")
    finally:
        context.close()
        store.close()


def context_settings(path):
    from PySide6.QtCore import QSettings

    return QSettings(str(path.parent / "settings.ini"), QSettings.Format.IniFormat)


def test_signing_out_forgets_what_the_crm_said(synced_book):
    path, _account, contract = synced_book
    store = Store.open(path)
    try:
        store.save_field_access(None)
        assert store.field_access() == crm_fields.EVERYTHING_EDITABLE
        assert store.update("contracts", contract, {"end_date": "2030-01-01"})
    finally:
        store.close()


def test_a_field_the_org_lacks_keeps_the_reps_value_through_push_and_pull(synced_book, make_sf):
    """The answer to our push leaves NPS out (the org has no such field): that is not Salesforce
    emptying it. Before the fix the rebase after the push wrote NPS back as empty."""
    path, account, _contract = synced_book
    store = Store.open(path)
    try:
        assert store.get("accounts", account)["nps"] == 42  # the create's answer kept it
        store.update("accounts", account, {"nps": 50, "phone": "+47 1"})
        engine = SyncEngine(store, make_sf())
        assert engine.sync().ok
        assert engine.sync().ok  # and a pull of the same record later
        row = store.get("accounts", account)
        assert (row["nps"], row["phone"]) == (50, "+47 1")
        assert store.pending_count() == 0
    finally:
        store.close()


def test_before_describe_is_read_the_connector_says_nothing_rather_than_all_missing(make_sf):
    connector = make_sf()
    with pytest.raises(RuntimeError):
        connector.field_access()  # the engine then keeps what it kept (tests/test_crm_fields.py)
    connector.sign_in()
    assert connector.field_access().state("accounts", "name") == crm_fields.EDITABLE
