"""The issue's "done when" journeys, through the real window on a temporary demo book.

Keyboard first wherever a rep has a shortcut: Ctrl+K to find, Ctrl+Shift+N for a quick note,
Ctrl+Shift+C for a new contact, Ctrl+Shift+A for a new account. Each change must show at once
in the list, the account detail and Today.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from ui.record_dialog import RecordDialog
from ui.roles import ID_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, demo_context, tmp_path):
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(demo_context, settings=settings, background=False)
    qtbot.addWidget(win)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    for dialog in win.findChildren(RecordDialog):
        dialog.close()
    win.accounts_view.close_model()


def open_by_search(qtbot, window, text: str, row_id: str) -> None:
    """Ctrl+K, type, arrow down to the record, Enter."""
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    assert window.search_field.hasFocus()
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, text)
    qtbot.waitUntil(lambda: window.search_popup.hit_count() > 0)
    results = window.search_popup.results
    for _ in range(results.topLevelItemCount()):
        if results.currentItem().data(0, ID_ROLE) == row_id:
            break
        qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    else:
        pytest.fail(f"{row_id} not among the results for {text!r}")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)


def open_dialog(qtbot, window) -> RecordDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(RecordDialog)))
    return next(d for d in window.findChildren(RecordDialog) if d.isVisible())


def test_find_an_account_by_part_of_its_name(qtbot, window, demo_context):
    account = demo_context.store.get("accounts", demo_context.store.account_ids()[7])
    part = account["name"].split()[-1][:5]
    open_by_search(qtbot, window, part, account["id"])
    assert window.current_view() == "account"
    assert window.account_view.current_account_id() == account["id"]


def test_add_a_meeting_note_and_find_it_by_a_word(qtbot, window, demo_context):
    store = demo_context.store
    account_id = store.account_ids()[3]
    window.open_account(account_id)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)  # quick note
    capture = window.account_view.capture
    assert capture.title.hasFocus()
    capture.kind.setCurrentIndex(capture.kind.findData("meeting"))
    qtbot.keyClicks(capture.title, "Quarterly sync about zephyrine rollout")
    qtbot.keyClick(capture.title, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(
        lambda: any(
            store.get("notes", i) and store.get("notes", i)["title"].startswith("Quarterly sync")
            for i in window.account_view.notes_model.ids
        )
    )
    note_id = window.account_view.notes_model.ids[0]
    note = store.get("notes", note_id)
    assert (note["kind"], note["account_id"]) == ("meeting", account_id)
    # Found again from anywhere by a word of it.
    window.show_view("today")
    open_by_search(qtbot, window, "zephyrine", note_id)
    assert window.account_view.current_account_id() == account_id


def test_move_an_opportunity_to_negotiation(qtbot, window, demo_context):
    store = demo_context.store
    opportunity = next(o for o in store.open_opportunities() if o["stage"] != "negotiation")
    window.show_view("pipeline")
    assert opportunity["id"] in window.pipeline_view.opportunity_ids(opportunity["stage"])
    open_by_search(qtbot, window, opportunity["name"], opportunity["id"])
    assert window.account_view.current_account_id() == opportunity["account_id"]
    window.account_view.move_opportunity_to_stage(opportunity["id"], "negotiation")
    qtbot.waitUntil(lambda: store.get("opportunities", opportunity["id"])["stage"] == "negotiation")
    detail = window.account_view.opportunities_model
    qtbot.waitUntil(
        lambda: detail.record(detail.row_of(opportunity["id"]))["stage"] == "negotiation"
    )
    assert opportunity["id"] in window.pipeline_view.opportunity_ids("negotiation")


def test_add_a_contact_reporting_to_the_cfo(qtbot, window, demo_context):
    store = demo_context.store
    account_id = store.account_ids()[1]
    cfo = store.create(
        "contacts",
        {
            "account_id": account_id,
            "name": "Dana Whitfield",
            "title": "CFO",
            "role": "economic_buyer",
        },
    )
    window.open_account(account_id)
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    dialog = open_dialog(qtbot, window)
    assert dialog.values()["account_id"] == account_id
    qtbot.keyClicks(dialog.editors["name"].focus_widget(), "Priya Raman")
    qtbot.keyClicks(dialog.editors["title"].focus_widget(), "Head of FP&A")
    reports_to = dialog.editors["reports_to_id"]
    reports_to.set_value(cfo)
    assert reports_to.widget.currentText().startswith("Dana Whitfield")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    contacts = window.account_view.contacts_model
    qtbot.waitUntil(
        lambda: any(contacts.record(r)["name"] == "Priya Raman" for r in range(contacts.rowCount()))
    )
    row = next(r for r in range(contacts.rowCount()) if contacts.record(r)["name"] == "Priya Raman")
    assert contacts.record(row)["reports_to_id"] == cfo
    assert contacts.record(row)["reports_to_name"] == "Dana Whitfield"


def test_complete_a_task_from_today_shows_everywhere(qtbot, window, demo_context):
    store = demo_context.store
    account_id = store.account_ids()[2]
    task = store.create(
        "tasks",
        {
            "account_id": account_id,
            "subject": "Send signed order form",
            "kind": "follow_up",
            "status": "open",
            "due_date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        },
    )
    window.open_account(account_id)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # Today
    today = window.today_view
    qtbot.waitUntil(lambda: task in today.tasks.list.ids())
    item = today.tasks.list.item_for(task)
    today.tasks.list.setFocus()
    today.tasks.list.setCurrentItem(item)
    qtbot.keyClick(today.tasks.list, Qt.Key.Key_Space)  # tick
    qtbot.waitUntil(lambda: store.get("tasks", task)["status"] == "done")
    qtbot.waitUntil(lambda: task not in today.tasks.list.ids())
    tasks = window.account_view.tasks_model
    qtbot.waitUntil(lambda: tasks.record(tasks.row_of(task))["status"] == "done")


def test_rename_shows_in_list_detail_and_today_at_once(qtbot, window, demo_context):
    store = demo_context.store
    account_id = store.account_ids()[4]
    store.update(
        "accounts",
        account_id,
        {"next_review": (dt.date.today() + dt.timedelta(days=5)).isoformat()},
    )
    window.open_account(account_id)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    dialog = open_dialog(qtbot, window)
    name_field = dialog.editors["name"].focus_widget()
    name_field.clear()
    qtbot.keyClicks(name_field, "Aardvark Renamed Ltd")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: store.get("accounts", account_id)["name"] == "Aardvark Renamed Ltd")
    QApplication.processEvents()
    assert window.account_view.account["name"] == "Aardvark Renamed Ltd"
    window.show_view("accounts")
    qtbot.waitUntil(lambda: window.accounts_view.model.index(0, 0).data() == "Aardvark Renamed Ltd")
    window.show_view("today")
    qtbot.waitUntil(
        lambda: any(
            window.today_view.reviews.list.topLevelItem(i).text(0) == "Aardvark Renamed Ltd"
            for i in range(window.today_view.reviews.list.topLevelItemCount())
        )
    )


def test_validation_errors_show_next_to_the_field_and_keep_the_text(qtbot, window, demo_context):
    store = demo_context.store
    before = store.account_count()
    window.show_view("accounts")
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL_SHIFT)
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.editors["city"].focus_widget(), "Lyon")
    qtbot.keyClicks(dialog.editors["next_review"].focus_widget(), "2027-13-45")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error_text("name") != "")
    assert "required" in dialog.error_text("name").lower()
    assert dialog.error_text("next_review") != ""
    assert dialog.isVisible()
    assert dialog.editors["city"].focus_widget().text() == "Lyon"
    assert dialog.editors["next_review"].focus_widget().text() == "2027-13-45"
    assert store.account_count() == before
