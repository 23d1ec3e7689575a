"""The account detail through its real widgets on a temporary store."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.clock import utc_now
from ui.account import AccountView
from ui.record_dialog import can_undo, undo_last_edit


@pytest.fixture
def book(store):
    """Two accounts: Acme (parent Northwind) with a bit of everything, and an unrelated one."""
    today = dt.date.today()
    ids: dict[str, str] = {}
    ids["group"] = store.create("accounts", {"name": "Northwind Holdings"})
    ids["acme"] = a = store.create(
        "accounts",
        {
            "name": "Acme Corp",
            "parent_id": ids["group"],
            "city": "Berlin",
            "mrr_cents": 6250000,
            "tier": "strategic",
            "health": "amber",
            "health_reason": "Usage down",
            "churn_risk": "medium",
            "churn_reason": "New CFO",
            "nps": 32,
            "owner": "Sam",
        },
    )
    ids["other"] = store.create("accounts", {"name": "Globex"})
    ids["ceo"] = store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Dana",
            "title": "CEO",
            "role": "economic_buyer",
            "stance": "supporter",
        },
    )
    ids["cfo"] = store.create(
        "contacts",
        {
            "account_id": a,
            "name": "Priya",
            "title": "CFO",
            "reports_to_id": ids["ceo"],
            "stance": "detractor",
        },
    )
    store.create("contacts", {"account_id": ids["other"], "name": "Hank"})
    ids["opp"] = store.create(
        "opportunities",
        {"account_id": a, "name": "Upsell", "stage": "proposal", "amount_cents": 100000},
    )
    ids["contract"] = store.create(
        "contracts",
        {
            "account_id": a,
            "number": "C-1",
            "start_date": "2025-01-01",
            "end_date": (today + dt.timedelta(days=40)).isoformat(),
            "notice_days": 30,
        },
    )
    ids["old_note"] = store.create(
        "notes",
        {
            "account_id": a,
            "kind": "call",
            "title": "Old call",
            "occurred_at": "2026-01-05T10:00:00",
        },
    )
    ids["new_note"] = store.create(
        "notes",
        {"account_id": a, "kind": "meeting", "title": "QBR", "occurred_at": "2026-06-05T10:00:00"},
    )
    store.create(
        "notes",
        {
            "account_id": ids["other"],
            "kind": "call",
            "title": "Globex call",
            "occurred_at": "2026-07-01T10:00:00",
        },
    )
    ids["task"] = store.create(
        "tasks",
        {
            "account_id": a,
            "subject": "Send ROI model",
            "status": "open",
            "due_date": today.isoformat(),
        },
    )
    return ids


@pytest.fixture
def view(qtbot, context, book):
    widget = AccountView(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.show_account(book["acme"])
    return widget


def test_detail_shows_the_accounts_records_only(view, book):
    assert view.current_account_id() == book["acme"]
    assert view.header.name_label.text() == "Acme Corp"
    assert "Northwind Holdings" in view.header.subtitle.text()
    assert view.header.figure_labels["mrr"].text() == "$62,500"
    assert (
        view.header.health_reason.text() == "Usage down"
        and view.header.churn_reason.text() == "New CFO"
    )
    assert set(view.contacts_model.ids) == {book["ceo"], book["cfo"]}
    assert view.notes_model.ids == [book["new_note"], book["old_note"]]  # newest first
    assert view.opportunities_model.ids == [book["opp"]]
    assert view.contracts_model.ids == [book["contract"]]
    assert view.tasks_model.ids == [book["task"]]
    contract = view.contracts_model.record(0)
    assert contract["days_to_notice"] == 10
    assert view.contracts_model.urgency(contract) == "soon"
    # one box per contact on the relationship map, one line for Priya -> Dana
    assert set(view.relationship_map.boxes) == {book["ceo"], book["cfo"]}
    assert [(ln.manager_id, ln.report_id) for ln in view.relationship_map.lines] == [
        (book["ceo"], book["cfo"])
    ]


def test_every_model_passes_the_model_tester(view, qtmodeltester):
    for model in view.models.values():
        qtmodeltester.check(model)


def test_parent_link_asks_to_open_the_parent(view, book, qtbot):
    with qtbot.waitSignal(view.open_record) as blocker:
        view.header.subtitle.linkActivated.emit(f"accounts:{book['group']}")
    assert blocker.args == ["accounts", book["group"]]


def test_quick_capture_saves_with_ctrl_enter_and_shows_it_on_top(view, store, qtbot):
    view.tabs.setCurrentWidget(view.record_tabs["notes"])
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    capture = view.capture
    capture.title.setFocus()
    qtbot.keyClicks(capture.title, "Lunch with Dana")
    capture.body.setFocus()
    qtbot.keyClicks(capture.body, "She wants the EMEA rollout in Q1.")
    before = utc_now()
    qtbot.keyClick(capture.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.notes_model.record(0)["title"] == "Lunch with Dana")
    note = store.get("notes", view.notes_model.ids[0])
    assert note["kind"] == "meeting"
    assert note["body"] == "She wants the EMEA rollout in Q1."
    when = dt.datetime.fromisoformat(note["occurred_at"])
    assert abs((when - before).total_seconds()) < 120
    assert capture.title.text() == "" and capture.body.toPlainText() == ""
    assert view.record_tabs["notes"].selected_id() == note["id"]


def test_quick_capture_keeps_a_chosen_kind(view, store, qtbot):
    capture = view.capture
    capture.kind.setCurrentIndex(capture.kind.findData("call"))
    capture.title.setText("Rang Priya")
    capture.save()
    qtbot.waitUntil(lambda: view.notes_model.record(0)["title"] == "Rang Priya")
    assert view.notes_model.record(0)["kind"] == "call"


def test_quick_capture_refuses_an_empty_note(view, store):
    count = len(store.notes_of(view.account_id))
    view.capture.save()
    assert "Write a few words" in view.capture.message.text()
    assert len(store.notes_of(view.account_id)) == count


def test_move_opportunity_to_negotiation_from_the_stage_menu(view, book, store, qtbot):
    tab = view.record_tabs["opportunities"]
    view.tabs.setCurrentWidget(tab)
    tab.select_id(book["opp"])
    action = next(a for a in view.stage_menu.actions() if a.data() == "negotiation")
    action.trigger()
    qtbot.waitUntil(lambda: view.opportunities_model.record(0)["stage"] == "negotiation")
    assert store.get("opportunities", book["opp"])["probability"] == 80
    assert tab.selected_id() == book["opp"]  # the selection survives the refresh
    # Edit > Undo puts the old stage and probability back
    qtbot.waitUntil(can_undo)
    undo_last_edit(view, view.context)
    qtbot.waitUntil(lambda: view.opportunities_model.record(0)["stage"] == "proposal")
    assert store.get("opportunities", book["opp"])["probability"] == 60


def test_stage_menu_opens_from_the_keyboard(view, qtbot):
    tab = view.record_tabs["opportunities"]
    view.tabs.setCurrentWidget(tab)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    tab.view.setFocus()
    tab.select_id(view.opportunities_model.ids[0])
    qtbot.keyClick(
        tab.view,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(view.stage_menu.isVisible)
    view.stage_menu.close()


def test_ticking_a_task_completes_it(view, book, store, qtbot):
    tab = view.record_tabs["tasks"]
    view.tabs.setCurrentWidget(tab)
    model = view.tasks_model
    index = model.index(0, 0)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    tab.view.setFocus()
    tab.select_id(book["task"])
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: store.get("tasks", book["task"])["status"] == "done")
    qtbot.waitUntil(lambda: model.record(0)["status"] == "done")
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # and unticking reopens it
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: store.get("tasks", book["task"])["status"] == "open")


def test_a_task_tick_that_fails_is_shown_in_words(view, book, store, qtbot):
    """The task went away meanwhile (a sync deleted it): the tick says so, the list is re-read."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    store.delete("tasks", book["task"])
    view.set_task_done(book["task"], True)

    def boxes() -> list[QMessageBox]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]

    qtbot.waitUntil(lambda: len(boxes()) == 1)
    assert "Traceback" not in boxes()[0].text() and boxes()[0].text()
    boxes()[0].done(0)
    qtbot.waitUntil(lambda: view.tasks_model.rowCount() == 0)


def test_refreshes_only_for_changes_to_this_account(view, book, context, qtbot):
    resets = []
    view.notes_model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(context.events.changed):
        context.writer.submit(
            lambda: context.store.create(
                "notes",
                {
                    "account_id": book["other"],
                    "kind": "call",
                    "title": "Elsewhere",
                    "occurred_at": "2026-08-01T10:00:00",
                },
            )
        )
    assert resets == []
    with qtbot.waitSignal(context.events.changed):
        context.writer.submit(
            lambda: context.store.update("notes", book["old_note"], {"title": "Old call, renamed"})
        )
    assert resets == [1]
    assert view.notes_model.record(1)["title"] == "Old call, renamed"


def test_select_record_switches_tab_and_selects(view, book):
    view.select_record("opportunities", book["opp"])
    assert view.tabs.currentWidget() is view.record_tabs["opportunities"]
    assert view.selected_id("opportunities") == book["opp"]
    view.select_record("notes", book["old_note"])
    assert view.tabs.currentWidget() is view.record_tabs["notes"]
    assert view.selected_id("notes") == book["old_note"]


def test_new_contact_from_the_tab_appears_in_table_and_map(view, book, store, qtbot):
    tab = view.record_tabs["contacts"]
    tab.new_button.click()
    dialog = view.last_dialog
    dialog.editors["name"].widget.setText("Olga")
    reports_to = dialog.editors["reports_to_id"].widget
    reports_to.setCurrentIndex(reports_to.findData(book["cfo"]))
    dialog.save()
    qtbot.waitUntil(lambda: len(view.contacts_model.ids) == 3)
    olga = next(i for i in view.contacts_model.ids if store.get("contacts", i)["name"] == "Olga")
    assert store.get("contacts", olga)["reports_to_id"] == book["cfo"]
    qtbot.waitUntil(lambda: olga in view.relationship_map.boxes)
    assert len(view.relationship_map.lines) == 2
    qtbot.waitUntil(lambda: tab.selected_id() == olga)


def test_enter_edits_and_delete_asks(view, book, qtbot, monkeypatch):
    import ui.record_dialog as rd

    tab = view.record_tabs["opportunities"]
    view.tabs.setCurrentWidget(tab)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    tab.view.setFocus()
    tab.select_id(book["opp"])
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert view.last_dialog is not None and view.last_dialog.row_id == book["opp"]
    view.last_dialog.reject()
    asked = []
    monkeypatch.setattr(rd, "ask", lambda parent, title, text: asked.append(text) or False)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert asked == ["Delete the opportunity “Upsell”?"]


def test_deleted_account_says_so(view, book, context, qtbot):
    with qtbot.waitSignal(context.events.changed):
        context.writer.submit(lambda: context.store.delete("accounts", book["acme"]))
    assert view.pages.currentWidget() is view.placeholder
    assert "no longer exists" in view.placeholder.text()
    assert view.notes_model.rowCount() == 0


def test_empty_tabs_say_what_to_do(qtbot, context, book):
    widget = AccountView(context)
    qtbot.addWidget(widget)
    widget.show_account(book["group"])
    notes_view = widget.record_tabs["notes"].view
    assert widget.notes_model.rowCount() == 0
    assert "write one above and press Ctrl+Enter" in notes_view.empty_text


def test_add_tab_for_the_brief(view):
    from PySide6.QtWidgets import QLabel

    index = view.add_tab(QLabel("brief"), "Brief")
    assert view.tabs.tabText(index) == "Brief"
    view.show_account(view.account_id)
    assert view.tabs.tabText(index) == "Brief"


def test_new_task_for_this_account_from_the_shell(view, book, store, qtbot):
    dialog = view.new_record("tasks")
    assert view.tabs.currentWidget() is view.record_tabs["tasks"]
    dialog.editors["subject"].widget.setText("Book the QBR room")
    dialog.save()
    qtbot.waitUntil(lambda: len(view.tasks_model.ids) == 2)
    new_id = next(i for i in view.tasks_model.ids if i != book["task"])
    assert store.get("tasks", new_id)["account_id"] == book["acme"]
    qtbot.waitUntil(lambda: view.selected_id("tasks") == new_id)


def test_focus_quick_capture(view, qtbot):
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.focus_quick_capture()
    assert view.tabs.currentWidget() is view.record_tabs["notes"]
    assert view.capture.title.hasFocus()


def test_clicking_the_tick_box_completes_a_task(view, book, store, qtbot):
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    tab = view.record_tabs["tasks"]
    view.tabs.setCurrentWidget(tab)
    table = tab.view
    index = view.tasks_model.index(0, 0)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = table.visualRect(index)
    table.itemDelegate().initStyleOption(option, index)
    box = table.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table
    )
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    qtbot.waitUntil(lambda: store.get("tasks", book["task"])["status"] == "done")


def test_a_parent_account_names_its_children_and_follows_new_ones(context, store, book, qtbot):
    widget = AccountView(context)
    qtbot.addWidget(widget)
    widget.show_account(book["group"])
    assert (
        "Parent of" in widget.header.subtitle.text()
        and "Acme Corp" in widget.header.subtitle.text()
    )
    with qtbot.waitSignal(widget.open_record) as blocker:
        widget.header.subtitle.linkActivated.emit(f"accounts:{book['acme']}")
    assert blocker.args == ["accounts", book["acme"]]

    for name in ("Zeta Labs", "Beta Networks", "Delta Colo"):
        store.create("accounts", {"name": name, "parent_id": book["group"]})
    qtbot.waitUntil(lambda: "Zeta Labs" in widget.header.subtitle.text())  # four: all named
    assert "more" not in widget.header.subtitle.text()
    store.create("accounts", {"name": "Gamma Fibre", "parent_id": book["group"]})
    qtbot.waitUntil(lambda: "and 2 more" in widget.header.subtitle.text())
    text = widget.header.subtitle.text()
    assert "Acme Corp" in text and "Beta Networks" in text and "Zeta Labs" not in text
    assert "Zeta Labs" in widget.header.subtitle.toolTip()

    store.update("accounts", book["acme"], {"name": "Acme Group"})
    qtbot.waitUntil(lambda: "Acme Group" in widget.header.subtitle.text())
