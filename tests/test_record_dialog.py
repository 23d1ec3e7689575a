"""Create, edit and delete every entity through the record dialog and confirm_delete."""

from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

import ui.record_dialog as rd
from desktop import entities as E
from ui.form_fields import AccountEditor, DateEditor, DateTimeEditor
from ui.record_dialog import (
    confirm_delete,
    delete_message,
    edit_record,
    undo_last_edit,
)


@pytest.fixture
def track():
    """Close dialogs a test left open (they delete themselves on close, so qtbot cannot)."""
    dialogs = []
    yield dialogs.append
    for dialog in dialogs:
        if shiboken6.isValid(dialog):
            dialog.close()


@pytest.fixture
def acme(store):
    account = store.create("accounts", {"name": "Acme Corp", "city": "Berlin"})
    return account


def fill(qtbot, dialog, values: dict) -> None:
    """Type ``values`` into the dialog's editors the way a rep would."""
    for name, value in values.items():
        editor = dialog.editors[name]
        widget = editor.focus_widget()
        if isinstance(editor, DateTimeEditor):
            editor.set_value(value)
        elif isinstance(widget, QLineEdit):
            widget.clear()
            qtbot.keyClicks(widget, value)
            if widget.completer() is not None:
                widget.completer().popup().hide()  # the rep picks or ignores the suggestion
        elif isinstance(widget, QPlainTextEdit):
            widget.clear()
            for number, line in enumerate(value.split("\n")):
                if number:
                    qtbot.keyClick(widget, Qt.Key.Key_Return)
                qtbot.keyClicks(widget, line)
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            assert index >= 0, (name, value)
            widget.setCurrentIndex(index)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:  # pragma: no cover - every editor kind is handled above
            raise TypeError(f"no way to fill {name}")


def save_and_wait(qtbot, dialog) -> str:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.saved, timeout=5000) as blocker:
        qtbot.keyClick(
            dialog.focusWidget() or dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    return blocker.args[0]


CREATES = {
    "accounts": (
        {
            "name": "Initech",
            "city": "Austin",
            "mrr_cents": "12,500.50",
            "tier": "growth",
            "next_review": "2027-03-31",
            "nps": "40",
            "description": "Two offices.",
        },
        {
            "name": "Initech",
            "city": "Austin",
            "mrr_cents": 1250050,
            "tier": "growth",
            "next_review": "2027-03-31",
            "nps": 40,
            "description": "Two offices.",
        },
    ),
    "contacts": (
        {
            "name": "Priya Raman",
            "title": "CFO",
            "email": "priya@acme.example",
            "role": "decision_maker",
            "stance": "neutral",
        },
        {"name": "Priya Raman", "email": "priya@acme.example", "role": "decision_maker"},
    ),
    "opportunities": (
        {
            "name": "Fleet upsell",
            "type": "upsell",
            "stage": "proposal",
            "amount_cents": "48,000",
            "close_date": "2027-01-15",
        },
        {"name": "Fleet upsell", "stage": "proposal", "amount_cents": 4800000, "probability": 60},
    ),
    "contracts": (
        {
            "number": "C-9",
            "start_date": "2026-01-01",
            "term_months": "12",
            "notice_days": "60",
            "auto_renew": True,
            "mrr_cents": "3000",
        },
        {"number": "C-9", "end_date": "2026-12-31", "auto_renew": 1, "mrr_cents": 300000},
    ),
    "notes": (
        {"title": "Kick-off", "body": "Agreed the plan.\nNext: pilot.", "kind": "business_review"},
        {"title": "Kick-off", "body": "Agreed the plan.\nNext: pilot.", "kind": "business_review"},
    ),
    "tasks": (
        {"subject": "Send ROI model", "due_date": "2026-12-01", "priority": "high"},
        {
            "subject": "Send ROI model",
            "due_date": "2026-12-01",
            "priority": "high",
            "status": "open",
        },
    ),
}


@pytest.mark.parametrize("table", E.TABLES)
def test_create_every_entity_through_the_dialog(qtbot, track, context, store, acme, table):
    typed, expected = CREATES[table]
    defaults = None if table == "accounts" else {"account_id": acme}
    dialog = edit_record(None, context, table, defaults=defaults)
    track(dialog)
    assert dialog.isVisible()
    fill(qtbot, dialog, typed)
    new_id = save_and_wait(qtbot, dialog)
    record = store.get(table, new_id)
    for name, value in expected.items():
        assert record[name] == value, name
    if table != "accounts":
        assert record["account_id"] == acme
    assert not dialog.isVisible()


@pytest.mark.parametrize("table", E.TABLES)
def test_edit_every_entity_sends_only_what_changed(qtbot, track, context, store, acme, table):
    values = {
        "accounts": {"name": "Globex"},
        "contacts": {"account_id": acme, "name": "Hank"},
        "opportunities": {"account_id": acme, "name": "Deal", "stage": "discovery"},
        "contracts": {"account_id": acme, "number": "C-1", "start_date": "2026-01-01"},
        "notes": {
            "account_id": acme,
            "kind": "call",
            "title": "Call",
            "occurred_at": "2026-05-01T09:30:00",
        },
        "tasks": {"account_id": acme, "subject": "Call back", "status": "open"},
    }[table]
    row_id = store.create(table, values)
    title_field = E.entity(table).title_field
    dialog = edit_record(None, context, table, row_id)
    track(dialog)
    assert dialog.editors[title_field].value() == values[title_field]
    fill(qtbot, dialog, {title_field: "Renamed"})
    save_and_wait(qtbot, dialog)
    assert store.get(table, row_id)[title_field] == "Renamed"
    last = store.db.execute(
        "SELECT op, changes FROM outbox WHERE row_id = ? ORDER BY seq DESC LIMIT 1", (row_id,)
    ).fetchone()
    assert last["op"] == "update"
    assert json.loads(last["changes"]) == {title_field: "Renamed"}


def test_stage_change_in_the_dialog_lets_probability_follow(qtbot, track, context, store, acme):
    opp = store.create("opportunities", {"account_id": acme, "name": "Deal", "stage": "discovery"})
    dialog = edit_record(None, context, "opportunities", opp)
    track(dialog)
    fill(qtbot, dialog, {"stage": "negotiation"})
    save_and_wait(qtbot, dialog)
    assert store.get("opportunities", opp)["probability"] == 80


def test_validation_errors_show_next_to_fields_and_keep_what_was_typed(
    qtbot, track, context, store, acme
):
    dialog = edit_record(None, context, "accounts", acme)
    track(dialog)
    outbox_before = store.pending_count()
    fill(
        qtbot,
        dialog,
        {"name": "", "next_review": "31/02/2027", "mrr_cents": "-500", "city": "Munich"},
    )
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error_text("name") != "")
    assert dialog.error_text("name") == "Name is required."
    assert dialog.error_text("next_review") == "Expected a date such as 2026-03-31."
    assert dialog.error_text("mrr_cents") == "MRR must not be negative."
    assert dialog.error_text("city") == ""
    assert dialog.editors["name"].focus_widget().property("invalid") is True
    assert dialog.editors["city"].focus_widget().property("invalid") is False
    # everything typed is still there, the dialog is open, nothing was written
    assert dialog.isVisible()
    assert dialog.editors["next_review"].focus_widget().text() == "31/02/2027"
    assert dialog.editors["mrr_cents"].focus_widget().text() == "-500"
    assert dialog.editors["city"].focus_widget().text() == "Munich"
    assert store.get("accounts", acme)["city"] == "Berlin"
    assert store.pending_count() == outbox_before
    assert "3 highlighted fields" in dialog.problem.text()
    # correcting the fields saves, and the messages go away
    fill(qtbot, dialog, {"name": "Acme GmbH", "next_review": "2027-02-28", "mrr_cents": "500"})
    save_and_wait(qtbot, dialog)
    saved = store.get("accounts", acme)
    assert (saved["name"], saved["next_review"], saved["mrr_cents"], saved["city"]) == (
        "Acme GmbH",
        "2027-02-28",
        50000,
        "Munich",
    )


def test_new_record_with_empty_required_fields(qtbot, track, context, store, acme):
    dialog = edit_record(None, context, "contracts", defaults={"account_id": acme})
    track(dialog)
    fill(qtbot, dialog, {"start_date": "", "end_date": "not a date", "notice_days": "abc"})
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error_text("number") != "")
    assert dialog.error_text("number") == "Number is required."
    assert dialog.error_text("start_date") == "Start date is required."
    assert dialog.error_text("end_date") == "Expected a date such as 2026-03-31."
    assert dialog.error_text("notice_days") == "Expected a whole number."
    assert store.contracts_of(acme) == []


def test_unknown_account_name_is_caught_before_saving(qtbot, track, context, store, acme):
    dialog = edit_record(None, context, "contacts", defaults={"account_id": acme})
    track(dialog)
    fill(qtbot, dialog, {"name": "Hank", "account_id": "Acme Typo"})
    dialog.save()
    assert "no account named “Acme Typo”" in dialog.error_text("account_id")
    assert store.contacts_of(acme) == []


def test_account_is_chosen_by_name(qtbot, track, context, store, acme):
    group = store.create("accounts", {"name": "Northwind Holdings"})
    dialog = edit_record(None, context, "accounts", acme)
    track(dialog)
    editor = dialog.editors["parent_id"]
    assert isinstance(editor, AccountEditor)
    fill(qtbot, dialog, {"parent_id": "northwind holdings"})
    save_and_wait(qtbot, dialog)
    assert store.get("accounts", acme)["parent_id"] == group


def test_reference_choices_are_the_accounts_own_records(qtbot, track, context, store, acme):
    other = store.create("accounts", {"name": "Globex"})
    mine = store.create("contacts", {"account_id": acme, "name": "Dana"})
    store.create("contacts", {"account_id": other, "name": "Hank"})
    deal = store.create("opportunities", {"account_id": acme, "name": "Deal", "stage": "proposal"})
    dialog = edit_record(None, context, "tasks", defaults={"account_id": acme})
    track(dialog)
    contacts = dialog.editors["contact_id"].widget
    assert [contacts.itemData(i) for i in range(contacts.count())] == [None, mine]
    fill(qtbot, dialog, {"subject": "Call Dana", "contact_id": mine, "opportunity_id": deal})
    new_id = save_and_wait(qtbot, dialog)
    task = store.get("tasks", new_id)
    assert (task["contact_id"], task["opportunity_id"]) == (mine, deal)


def test_a_date_can_be_emptied(qtbot, track, context, store, acme):
    store.update("accounts", acme, {"next_review": "2027-01-10"})
    dialog = edit_record(None, context, "accounts", acme)
    track(dialog)
    assert isinstance(dialog.editors["next_review"], DateEditor)
    fill(qtbot, dialog, {"next_review": ""})
    save_and_wait(qtbot, dialog)
    assert store.get("accounts", acme)["next_review"] is None


def test_escape_cancels_without_writing(qtbot, track, context, store, acme):
    dialog = edit_record(None, context, "accounts", acme)
    track(dialog)
    fill(qtbot, dialog, {"name": "Changed"})
    before = store.pending_count()
    qtbot.keyClick(dialog.editors["name"].widget, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert store.get("accounts", acme)["name"] == "Acme Corp"
    assert store.pending_count() == before


def test_undo_last_edit_puts_the_old_values_back(qtbot, track, context, store, acme):
    dialog = edit_record(None, context, "accounts", acme)
    track(dialog)
    fill(qtbot, dialog, {"name": "Acme GmbH", "city": "Munich"})
    save_and_wait(qtbot, dialog)
    assert rd.can_undo() and rd.undo_text() == "Undo edit of account"
    with qtbot.waitSignal(context.events.changed):
        assert undo_last_edit(None, context)
    record = store.get("accounts", acme)
    assert (record["name"], record["city"]) == ("Acme Corp", "Berlin")
    assert not rd.can_undo()


def test_confirm_delete_names_the_dependents_and_deletes_them(
    qtbot, track, context, store, acme, monkeypatch
):
    for name in ("Dana", "Priya"):
        store.create("contacts", {"account_id": acme, "name": name})
    for title in ("One", "Two", "Three"):
        store.create(
            "notes",
            {
                "account_id": acme,
                "kind": "call",
                "title": title,
                "occurred_at": "2026-01-01T09:00:00",
            },
        )
    store.create("opportunities", {"account_id": acme, "name": "Deal", "stage": "proposal"})
    asked = []
    monkeypatch.setattr(rd, "ask", lambda parent, title, text: asked.append(text) or False)
    confirm_delete(None, context, "accounts", acme)
    assert asked == [
        ("Delete Acme Corp? Its 2 contacts, 1 opportunity and 3 notes are deleted too.")
    ]
    assert store.get("accounts", acme) is not None  # answered no: nothing deleted

    monkeypatch.setattr(rd, "ask", lambda parent, title, text: True)
    confirm_delete(None, context, "accounts", acme)
    qtbot.waitUntil(lambda: store.get("accounts", acme) is None)
    assert store.contacts_of(acme) == [] and store.notes_of(acme) == []
    assert store.opportunities_of(acme) == []


def test_delete_message_for_a_child_record(context, store, acme):
    contact = store.create("contacts", {"account_id": acme, "name": "Dana"})
    assert delete_message(context, "contacts", contact) == "Delete the contact “Dana”?"


def test_datetime_is_edited_in_local_time_and_stored_in_utc(qtbot, track, context, store, acme):
    note = store.create(
        "notes",
        {"account_id": acme, "kind": "call", "title": "Call", "occurred_at": "2026-05-01T09:30:00"},
    )
    dialog = edit_record(None, context, "notes", note)
    track(dialog)
    editor = dialog.editors["occurred_at"]
    assert editor.value() == "2026-05-01T09:30:00"  # round trip through local time
    fill(qtbot, dialog, {"title": "Call, renamed"})
    save_and_wait(qtbot, dialog)
    assert store.get("notes", note)["occurred_at"] == "2026-05-01T09:30:00"


def test_typing_part_of_a_name_suggests_accounts(qtbot, track, context, store, acme):
    store.create("accounts", {"name": "Northwind Holdings"})
    store.create("accounts", {"name": "Northwind Logistics"})
    dialog = edit_record(None, context, "accounts", acme)
    track(dialog)
    editor = dialog.editors["parent_id"]
    editor.widget.setFocus()
    qtbot.keyClicks(editor.widget, "northw")
    qtbot.waitUntil(lambda: editor._model.rowCount() == 2)
    assert editor._model.stringList() == ["Northwind Holdings", "Northwind Logistics"]
    # an account is never offered as its own parent
    editor.widget.setText("Acme")
    editor.suggest()
    assert "Acme Corp" not in editor._model.stringList()
    editor.widget.completer().popup().hide()


def test_enter_in_a_field_saves(qtbot, track, context, store, acme):
    dialog = edit_record(None, context, "contacts", defaults={"account_id": acme})
    track(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    name = dialog.editors["name"].widget
    qtbot.keyClicks(name, "Dana")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(name, Qt.Key.Key_Return)
    assert store.get("contacts", saved.args[0])["name"] == "Dana"
