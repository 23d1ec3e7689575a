"""The accounts table's model: it holds ids, and reads rows only when the view shows them.

Like Anki's browser model, sorting and filtering happen in SQL (``store.account_ids``), the
model keeps the resulting id list, exposes it page by page through ``canFetchMore``/``fetchMore``
and reads the rows on screen (``store.account_rows``) into a small cache. A 50,000-account book
costs one id query and a hundred rows per screenful. The id query runs as a ``QueryOp`` on the
reader thread (``ui.operations``), so typing in the filter never stalls the window.
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
        self._ids: list[str] = []
        self._row_of: dict[str, int] | None = None
        self._shown = 0
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
        """Query the ids again (on the reader thread unless built with ``background=False``)."""
        self._generation += 1
        generation = self._generation
        flt, sort, descending = self._filter, self._sort_key, self._descending
        if self._reader is None:
            return
        self._reader.run(
            "ids",
            lambda store: store.account_ids(flt, sort=sort, descending=descending),
            lambda ids: self._take_ids(generation, ids),
        )

    def apply_changes(self, changes: Changes) -> None:
        """Refresh after a commit: forget changed rows and query the ids again."""
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

    def _take_ids(self, generation: int, ids: Any) -> None:
        if generation != self._generation:
            return
        if ids == self._ids:
            if self._shown:  # same rows, maybe new values
                self.dataChanged.emit(
                    self.index(0, 0), self.index(self._shown - 1, len(COLUMNS) - 1)
                )
        else:
            self.beginResetModel()
            self._ids = ids
            self._row_of = None
            self._shown = min(len(ids), max(PAGE, self._shown))
            self.endResetModel()
        self.loaded.emit(len(ids))

    # -- lookups for the view -------------------------------------------------------------------

    def total(self) -> int:
        """How many accounts match (all of them, not only the rows fetched so far)."""
        return len(self._ids)

    def account_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_of(self, account_id: str) -> int:
        """The row of ``account_id`` (fetching pages up to it), or -1 when it is filtered out."""
        if self._row_of is None:
            self._row_of = {account_id: row for row, account_id in enumerate(self._ids)}
        row = self._row_of.get(account_id, -1)
        if row >= self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, row)
            self._shown = row + 1
            self.endInsertRows()
        return row

    # -- Qt model interface ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

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
        if not index.isValid() or index.row() >= self._shown:
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
