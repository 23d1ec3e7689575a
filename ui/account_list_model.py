"""The accounts table's model: it holds ids, and reads rows only when the view shows them.

Like Anki's browser model, sorting and filtering happen in SQL: the model reads the ids a page
at a time (``store.account_page``, an index walk that costs the same on 60 accounts or 150,000),
more through ``canFetchMore``/``fetchMore``, and reads the rows on screen (``store.account_rows``)
into a small cache. How many accounts match is counted separately, after the first page. Both
run as a ``QueryOp`` on the reader thread (``ui.operations``), so typing in the filter never stalls the window.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop.queries import AccountFilter
from desktop.store import Changes, Store

from .chips import chip_text
from .i18n import QT_TRANSLATE_NOOP
from .operations import LazyRefresh, StoreReader  # noqa: F401 - views import them from here
from .roles import CHIP_ROLE, ID_ROLE, SORT_VALUE_ROLE
from .style import format_date, format_money, muted_brush

_ROOT = QModelIndex()
ACCOUNT_ID_ROLE = ID_ROLE  # the accounts table's rows are accounts: their id is the record id

PAGE = 200  # rows exposed per fetchMore
READ_CHUNK = 100  # rows read from the store at a time
CACHE_ROWS = 3000  # rows kept in memory; older ones are read again when scrolled back to

# (key used for sorting in SQL and for reading the row, header)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", QT_TRANSLATE_NOOP("AccountListModel", "Name")),
    ("city", QT_TRANSLATE_NOOP("AccountListModel", "City")),
    ("industry", QT_TRANSLATE_NOOP("AccountListModel", "Industry")),
    ("mrr_cents", QT_TRANSLATE_NOOP("AccountListModel", "MRR")),
    ("tier", QT_TRANSLATE_NOOP("AccountListModel", "Tier")),
    ("health", QT_TRANSLATE_NOOP("AccountListModel", "Health")),
    ("churn_risk", QT_TRANSLATE_NOOP("AccountListModel", "Churn risk")),
    ("next_review", QT_TRANSLATE_NOOP("AccountListModel", "Next review")),
    ("open_pipeline_cents", QT_TRANSLATE_NOOP("AccountListModel", "Open pipeline")),
)
CHIP_COLUMNS = {"tier", "health", "churn_risk"}
MONEY_COLUMNS = {"mrr_cents", "open_pipeline_cents"}


class AccountListModel(QAbstractTableModel):
    """Accounts matching a filter, sorted in SQL, read lazily page by page."""

    loaded = Signal(int)  # how many accounts match, after each (re)load

    def __init__(self, store: Store, parent: QObject | None = None, background: bool = True):
        super().__init__(parent)
        self._store = store
        self._filter = AccountFilter()
        self._sort_key = "name"
        self._descending = False
        self._ids: list[str] = []  # the rows read so far, in list order
        self._next: Any = None  # where the next page starts; None: all rows are read
        self._count: int | None = None
        self._query: tuple = (self._filter, self._sort_key, self._descending)
        self._row_of: dict[str, int] | None = None
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._generation = 0
        self._reader: StoreReader | None = StoreReader(store, self, background)
        self._today = dt.date.today()
        self._name_font = QFont()
        self._name_font.setWeight(QFont.Weight.DemiBold)

    # -- what to show ----------------------------------------------------------------------------

    def set_filter(self, flt: AccountFilter) -> None:
        self._filter = flt
        self.reload()

    def account_filter(self) -> AccountFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_key = COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def reload(self) -> None:
        """Read the first page again, and count the matches, on the reader thread (inline when
        built with ``background=False``). After a change, as many rows as are shown are read
        again, so the view keeps its place."""
        self._generation += 1
        generation = self._generation
        flt, sort, descending = self._filter, self._sort_key, self._descending
        if self._reader is None:
            return
        same_query = (flt, sort, descending) == self._query
        rows = max(PAGE, len(self._ids)) if same_query else PAGE
        self._reader.run(
            "page",
            lambda store: store.account_page(flt, sort, descending, None, rows),
            lambda page: self._take_page(generation, (flt, sort, descending), page),
        )
        self._reader.run(
            "count",
            lambda store: store.account_match_count(flt),
            lambda count: self._take_count(generation, count),
        )

    def apply_changes(self, changes: Changes) -> None:
        """Refresh after a commit: forget changed rows and read the list again."""
        if changes.touches("opportunities"):
            self._cache.clear()  # open pipeline may have moved for any shown account
        for account_id in changes.tables.get("accounts", ()):
            self._cache.pop(account_id, None)
        if changes.touches("accounts", "opportunities"):
            self.reload()

    def close(self) -> None:
        if self._reader is not None:
            self._reader.shutdown()
            self._reader = None

    def _take_page(self, generation: int, query: tuple, page: Any) -> None:
        if generation != self._generation:
            return
        if page.ids == self._ids and query == self._query:
            self._next = page.next
            if self._ids:  # same rows, maybe new values
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
                )
            return
        self.beginResetModel()
        if query != self._query:
            self._count = None
        self._query = query
        self._ids = page.ids
        self._next = page.next
        self._row_of = None
        self.endResetModel()

    def _take_count(self, generation: int, count: Any) -> None:
        if generation != self._generation:
            return
        self._count = count
        self.loaded.emit(count)

    def _read_more(self, rows: int) -> None:
        if self._next is None or rows <= 0:
            return
        flt, sort, descending = self._query
        page = self._store.account_page(flt, sort, descending, self._next, rows)
        if not page.ids:
            self._next = None
            return
        self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(page.ids) - 1)
        self._ids = self._ids + page.ids
        self._next = page.next
        self._row_of = None
        self.endInsertRows()

    # -- lookups for the view -------------------------------------------------------------------

    def total(self) -> int:
        """How many accounts match (all of them, not only the rows read so far); until the
        count is in, the rows read so far."""
        return self._count if self._count is not None else len(self._ids)

    def account_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, account_id: str) -> int:
        """The row of ``account_id`` (reading pages up to it), or -1 when it is filtered out."""
        if self._row_of is None:
            self._row_of = {account_id: row for row, account_id in enumerate(self._ids)}
        row = self._row_of.get(account_id)
        if row is not None:
            return row
        flt, sort, descending = self._query
        position = self._store.account_position(flt, sort, descending, account_id)
        if position is None:
            return -1
        self._read_more(position + 1 - len(self._ids))
        return position if position < len(self._ids) and self._ids[position] == account_id else -1

    # -- Qt model interface ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._next is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if not parent.isValid():
            self._read_more(PAGE)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1])
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section][0] in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        account_id = self._ids[index.row()]
        if role == ACCOUNT_ID_ROLE:
            return account_id
        row = self._row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            shown = row.get("_shown")
            if shown is None:  # formatted once per row read, not once per paint
                shown = row["_shown"] = [
                    self._display(k, row.get(k), row.get("currency")) for k, _label in COLUMNS
                ]
            return shown[index.column()]
        if role == CHIP_ROLE:
            return (key, value) if key in CHIP_COLUMNS else None
        if role == SORT_VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and key in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key == "name":
            return self._name_font
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and key == "next_review"
            and value
            and value < self._today.isoformat()
        ):
            return muted_brush()  # a review date already passed is stale, not urgent
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "health" and row.get("health_reason"):
                return row["health_reason"]
            if key == "churn_risk" and row.get("churn_reason"):
                return row["churn_reason"]
            if key == "name" and row.get("parent_name"):
                return self.tr("Part of {}").format(row["parent_name"])
        return None

    def _display(self, key: str, value: Any, currency: str | None = None) -> str:
        if key in MONEY_COLUMNS:
            return (
                format_money(value, currency=currency)
                if value
                else "—"
                if key == "mrr_cents"
                else ""
            )
        if key in CHIP_COLUMNS:
            return chip_text(key, value)
        if key == "next_review":
            return format_date(value)
        return value or ""

    def _row(self, row: int) -> dict[str, Any] | None:
        account_id = self._ids[row]
        cached = self._cache.get(account_id)
        if cached is not None:
            self._cache.move_to_end(account_id)
            return cached
        start = row - row % READ_CHUNK
        chunk = [i for i in self._ids[start : start + READ_CHUNK] if i not in self._cache]
        for record in self._store.account_rows(chunk):
            self._cache[record["id"]] = record
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache.get(account_id)
