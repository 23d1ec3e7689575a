"""The accounts list: lazy model (checked by qtmodeltester), filters, sort, refresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.queries import AccountFilter
from ui import account_list_model as alm
from ui.account_list_model import ACCOUNT_ID_ROLE, COLUMNS, SORT_VALUE_ROLE, AccountListModel
from ui.operations import StoreOp
from ui.roles import CHIP_ROLE


def column(key: str) -> int:
    return [k for k, _ in COLUMNS].index(key)


def test_model_passes_qtmodeltester(qtmodeltester, demo_context):
    model = AccountListModel(demo_context.store, background=False)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    model.set_filter(AccountFilter(text="Kaito"))
    qtmodeltester.check(model, force_py=True)


def test_rows_are_exposed_page_by_page(monkeypatch, demo_context):
    monkeypatch.setattr(alm, "PAGE", 10)
    monkeypatch.setattr(alm, "READ_CHUNK", 5)
    model = AccountListModel(demo_context.store, background=False)
    model.reload()
    total = demo_context.store.account_count()
    assert model.total() == total and model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20
    last_id = demo_context.store.account_ids()[-1]
    assert model.row_of(last_id) == total - 1 and model.rowCount() == total
    assert not model.canFetchMore()
    # Only rows asked for are read.
    model.index(0, 0).data()
    assert len(model._cache) == 5


def test_sort_by_mrr_descending_happens_in_sql(demo_context):
    model = AccountListModel(demo_context.store, background=False)
    model.sort(column("mrr_cents"), Qt.SortOrder.DescendingOrder)
    values = [
        model.index(r, column("mrr_cents")).data(SORT_VALUE_ROLE) for r in range(model.rowCount())
    ]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True)
    assert values[: len(present)] == present  # empty MRR last


def test_chips_carry_text_and_value(demo_context):
    model = AccountListModel(demo_context.store, background=False)
    model.set_filter(AccountFilter(health="red"))
    assert model.rowCount() > 0
    index = model.index(0, column("health"))
    assert index.data(CHIP_ROLE) == ("health", "red")
    assert index.data() == "At risk"


@pytest.fixture
def accounts_view(qtbot, demo_context):
    from ui.accounts_view import AccountsView

    view = AccountsView(demo_context)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.total() > 0)
    yield view
    view.close_model()


def names(view) -> list[str]:
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]


def test_filter_as_you_type_is_debounced_and_runs_off_the_gui_thread(qtbot, accounts_view):
    view = accounts_view
    total = view.model.total()
    with qtbot.waitSignal(view.model.loaded, timeout=3000):
        qtbot.keyClicks(view.filter_edit, "kaito")
    assert 0 < view.model.total() < total
    rows = view._store.account_rows(view.model._ids)
    assert all(
        "kaito" in " ".join(str(r.get(k) or "") for k in ("name", "city", "industry")).lower()
        for r in rows
    )


def test_filters_combine(qtbot, accounts_view):
    view = accounts_view
    tier_index = view.tier_combo.findData("strategic")
    with qtbot.waitSignal(view.model.loaded):
        view.tier_combo.setCurrentIndex(tier_index)
    city = view.city_combo.itemData(1)
    with qtbot.waitSignal(view.model.loaded):
        view.city_combo.setCurrentIndex(1)
    rows = view._store.account_rows(view.model._ids)
    assert all(r["tier"] == "strategic" and r["city"] == city for r in rows)
    with qtbot.waitSignal(view.model.loaded):
        qtbot.keyClicks(view.filter_edit, "no account is called this")
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.empty)
    assert view.empty_clear_button.isVisibleTo(view)
    with qtbot.waitSignal(view.model.loaded):
        view.empty_clear_button.click()
    assert view.model.total() == view._store.account_count()


def test_enter_and_double_click_open_the_account(qtbot, accounts_view):
    view = accounts_view
    first = view.model.index(0, 0).data(ACCOUNT_ID_ROLE)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    with qtbot.waitSignal(view.open_account) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [first]


def test_list_refreshes_after_a_store_op(qtbot, accounts_view, demo_context):
    view = accounts_view
    account_id = view.model.account_id(0)
    with qtbot.waitSignal(view.model.loaded, timeout=3000):
        StoreOp(
            view, lambda s: s.update("accounts", account_id, {"name": "AAA Renamed"}), demo_context
        ).run_in_background()
    assert view.model.index(0, 0).data() == "AAA Renamed"


def test_multi_select_reports_selected_ids(accounts_view):
    view = accounts_view
    view.table.selectRow(0)
    view.table.selectionModel().select(
        view.model.index(2, 0),
        view.table.selectionModel().SelectionFlag.Select
        | view.table.selectionModel().SelectionFlag.Rows,
    )
    assert view.selected_account_ids() == [view.model.account_id(0), view.model.account_id(2)]
