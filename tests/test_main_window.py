"""The main window: navigation, global search, shortcuts, state kept between runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from ui.operations import OpContext
from ui.roles import ID_ROLE


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, demo_context, settings):
    from ui.main_window import MainWindow

    win = MainWindow(demo_context, settings=settings)
    qtbot.addWidget(win)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.accounts_view.close_model()


def test_sidebar_and_shortcuts_switch_views(qtbot, window):
    for number, name in enumerate(("today", "accounts", "pipeline", "renewals"), start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_view() == name
    window.sidebar.setCurrentRow(0)
    assert window.current_view() == "today"


def test_global_search_opens_the_record_with_the_keyboard(qtbot, window, demo_context):
    store = demo_context.store
    account = store.get("accounts", store.account_ids()[5])
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, account["name"][:6])
    qtbot.waitUntil(lambda: window.search_popup.isVisible() and window.search_popup.hit_count() > 0)
    titles = [
        window.search_popup.results.topLevelItem(i).text(0)
        for i in range(window.search_popup.results.topLevelItemCount())
    ]
    assert "ACCOUNTS" in titles
    # Move down to the account itself and open it with Enter.
    while window.search_popup.results.currentItem().text(0) != account["name"]:
        qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_view() == "account"
    assert window.account_view.current_account_id() == account["id"]
    assert not window.search_popup.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_view() == "today"


def test_search_for_a_word_from_a_note_opens_its_account(qtbot, window, demo_context):
    store = demo_context.store
    note = store.recent_notes(1)[0]
    word = max(note["title"].split(), key=len)
    window.focus_search()
    qtbot.keyClicks(window.search_field, word)
    qtbot.waitUntil(lambda: window.search_popup.hit_count() > 0)
    results = window.search_popup.results
    for i in range(results.topLevelItemCount()):
        item = results.topLevelItem(i)
        if item.data(0, ID_ROLE) == note["id"]:
            results.setCurrentItem(item)
            break
    else:
        pytest.fail(f"note {note['title']!r} not found by {word!r}")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.account_view.current_account_id() == note["account_id"]


def test_hostile_search_text_finds_nothing_calmly(qtbot, window):
    window.focus_search()
    qtbot.keyClicks(window.search_field, '"zzqx AND * -(')
    qtbot.waitUntil(lambda: window.search_popup.isVisible())
    assert window.search_popup.hit_count() == 0
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert not window.search_popup.isVisible()


def test_view_and_open_account_are_restored(qtbot, demo_context, settings):
    from ui.main_window import MainWindow

    first = MainWindow(demo_context, settings=settings)
    qtbot.addWidget(first)
    first.show()
    account_id = demo_context.store.account_ids()[2]
    first.show_view("pipeline")
    first.open_account(account_id)
    first.close()

    second = MainWindow(demo_context, settings=settings)
    qtbot.addWidget(second)
    assert second.current_view() == "account"
    assert second.account_view.current_account_id() == account_id
    second.go_back()
    assert second.current_view() == "pipeline"
    second.close()


def test_status_bar_and_sync_menu_leave_room_for_sync(window):
    from PySide6.QtWidgets import QLabel

    label = QLabel("Offline")
    window.add_status_widget(label)
    assert label.parent() is window.statusBar() or label.isVisibleTo(window)
    assert window.sync_menu.title().replace("&", "") == "Sync"


def test_new_record_actions_default_to_the_open_account(qtbot, window, demo_context):
    account_id = demo_context.store.account_ids()[0]
    window.open_account(account_id)
    dialog = window.new_record("tasks")
    qtbot.addWidget(dialog)
    assert dialog.values().get("account_id") == account_id
    dialog.reject()


def v_text(view) -> str:
    return view.empty.text_label.text()


def test_empty_book_says_what_to_do(qtbot, tmp_path, settings):
    from desktop.store import Store
    from ui.main_window import MainWindow

    context = OpContext(Store.open(tmp_path / "empty" / "book.sqlite")).make_current()
    win = MainWindow(context, settings=settings)
    qtbot.addWidget(win)
    win.show_view("accounts")
    qtbot.waitUntil(lambda: win.accounts_view.stack.currentWidget() is win.accounts_view.empty)
    assert "New Account" in win.accounts_view.empty.text_label.text()
    win.show()
    for name in ("pipeline", "renewals"):
        win.show_view(name)
        view = win.views[name]
        qtbot.waitUntil(lambda v=view: v.stack.currentWidget() is v.empty)
        assert "add" in v_text(view).lower() or "Add" in v_text(view)
    win.show_view("today")
    qtbot.waitUntil(lambda: win.today_view.tasks.empty.isVisibleTo(win.today_view))
    win.close()
    context.close()


def test_brief_tab_shows_the_open_account_and_follows_it(qtbot, window, demo_context):
    store = demo_context.store
    first, second = store.account_ids()[:2]
    window.open_account(first)
    view = window.account_view
    view.tabs.setCurrentWidget(window.brief_view)
    name = store.get("accounts", first)["name"]
    qtbot.waitUntil(lambda: name in window.brief_view.browser.toPlainText())
    window.open_account(second)
    other = store.get("accounts", second)["name"]
    qtbot.waitUntil(lambda: other in window.brief_view.browser.toPlainText())


def test_export_briefs_takes_the_selected_accounts(qtbot, window, demo_context, monkeypatch):
    asked = []
    monkeypatch.setattr("ui.main_window.export_briefs", lambda parent, ctx, ids: asked.append(ids))
    window.show_view("accounts")
    qtbot.waitUntil(lambda: window.accounts_view.model.rowCount() > 3)
    table = window.accounts_view.table
    table.selectRow(0)
    table.selectionModel().select(
        window.accounts_view.model.index(2, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    window.export_briefs_action.trigger()
    assert len(asked) == 1 and len(asked[0]) == 2
    assert set(asked[0]) == set(window.accounts_view.selected_account_ids())


@pytest.mark.parametrize(
    ("preset", "chosen", "opens_on"),
    [
        ({"ui": {"start_page": "accounts"}}, None, "accounts"),  # IT's default for a new rep
        ({"ui": {"start_page": "accounts"}}, "today", "today"),  # the rep's choice wins...
        ({"ui": {"start_page": "accounts"}, "locked": ["ui.start_page"]}, "today", "accounts"),
    ],
)
def test_it_presets_where_fieldbook_opens(
    qtbot, demo_context, settings, tmp_path, monkeypatch, preset, chosen, opens_on
):
    import json

    from desktop import provisioning
    from ui.main_window import MainWindow

    system = tmp_path / "system"
    system.mkdir()
    (system / "fieldbook.json").write_text(json.dumps(preset))
    monkeypatch.setenv(provisioning.SYSTEM_CONFIG_ENV, str(system))
    settings.setValue("window/view", "pipeline")
    if chosen:
        settings.setValue("preferences/start_view", chosen)
    win = MainWindow(demo_context, settings=settings)
    qtbot.addWidget(win)
    assert win.current_view() == opens_on
