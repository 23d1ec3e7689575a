"""Global search (Ctrl+K): results grouped by type under the search field, opened with Enter.

The popup is a child panel of the window, not a separate popup window, so the keyboard focus
stays in the search field: the rep types, moves with the arrow keys and opens with Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import Store

from .roles import ID_ROLE, TABLE_ROLE
from .style import icon, muted_brush

SEARCH_DELAY_MS = 120
GROUP_ORDER = ("accounts", "contacts", "opportunities", "notes")
GROUP_ICONS = {
    "accounts": "accounts",
    "contacts": "contact",
    "opportunities": "opportunity",
    "notes": "note",
}


class SearchPopup(QFrame):
    """Shows ``store.search`` results for what is typed in ``field``; emits ``open_record``."""

    open_record = Signal(str, str)  # table, id

    def __init__(self, store: Store, field: QLineEdit, window: QWidget):
        super().__init__(window)
        self.setObjectName("SearchPopup")
        self._store = store
        self._field = field
        self._window = window
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.results = QTreeWidget()
        self.results.setColumnCount(2)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setIndentation(0)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.results.header().setStretchLastSection(False)
        self.results.itemClicked.connect(self._open_item)
        layout.addWidget(self.results)
        self.hide()

        field.textChanged.connect(self._text_changed)
        field.installEventFilter(self)

    # -- public ----------------------------------------------------------------------------------

    def run_search(self) -> None:
        """Search now for what the field holds and show the results."""
        self._timer.stop()
        text = self._field.text().strip()
        if not text:
            self.hide()
            return
        hits = self._store.search(text, per_table=6)
        self.results.clear()
        groups = {
            "accounts": self.tr("Accounts"),
            "contacts": self.tr("Contacts"),
            "opportunities": self.tr("Opportunities"),
            "notes": self.tr("Notes"),
        }
        first: QTreeWidgetItem | None = None
        for table in GROUP_ORDER:
            table_hits = [h for h in hits if h.table == table]
            if not table_hits:
                continue
            header = QTreeWidgetItem([groups[table].upper(), ""])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setWeight(QFont.Weight.DemiBold)
            header.setFont(0, font)
            header.setForeground(0, muted_brush())
            self.results.addTopLevelItem(header)
            for hit in table_hits:
                item = QTreeWidgetItem([hit.title or self.tr("(untitled)"), hit.subtitle])
                item.setIcon(0, icon(GROUP_ICONS[table]))
                item.setForeground(1, muted_brush())
                item.setData(0, TABLE_ROLE, hit.table)
                item.setData(0, ID_ROLE, hit.id)
                item.setToolTip(0, hit.title)
                self.results.addTopLevelItem(item)
                first = first or item
        if first is None:
            empty = QTreeWidgetItem([self.tr("No matches for “{}”").format(text), ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addTopLevelItem(empty)
        else:
            self.results.setCurrentItem(first)
        self._place()
        self.show()
        self.raise_()

    def hit_count(self) -> int:
        return sum(1 for item in self._items() if item.data(0, ID_ROLE))

    def open_current(self) -> bool:
        item = self.results.currentItem()
        if item is None or not item.data(0, ID_ROLE):
            return False
        self._open_item(item)
        return True

    # -- internals -------------------------------------------------------------------------------

    def _items(self) -> list[QTreeWidgetItem]:
        return [self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount())]

    def _text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.hide()

    def _open_item(self, item: QTreeWidgetItem) -> None:
        table, row_id = item.data(0, TABLE_ROLE), item.data(0, ID_ROLE)
        if not row_id:
            return
        self.hide()
        self._field.blockSignals(True)
        self._field.clear()  # the next Ctrl+K starts afresh
        self._field.blockSignals(False)
        self._field.clearFocus()
        self.open_record.emit(table, row_id)

    def _move(self, step: int) -> None:
        items = [item for item in self._items() if item.data(0, ID_ROLE)]
        if not items:
            return
        current = self.results.currentItem()
        position = items.index(current) if current in items else -1
        position = max(0, min(len(items) - 1, position + step))
        self.results.setCurrentItem(items[position])
        self.results.scrollToItem(items[position])

    def _place(self) -> None:
        rows = max(1, self.results.topLevelItemCount())
        row_height = self.results.sizeHintForRow(0) if self.results.topLevelItemCount() else 24
        height = min(rows * max(row_height, 20) + 20, int(self._window.height() * 0.7))
        width = max(self._field.width(), min(620, self._window.width() - 40))
        corner = self._field.mapTo(self._window, QPoint(0, self._field.height() + 4))
        x = min(corner.x(), self._window.width() - width - 12)
        self.setGeometry(max(12, x), corner.y(), width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Down:
                if not self.isVisible():
                    self.run_search()
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive() or not self.isVisible():
                    self.run_search()
                return self.open_current() or True
            if key == Qt.Key.Key_Escape:
                self.hide()
                self._field.clear()
                self._field.clearFocus()
                return True
        if watched is self._field and event.type() == QEvent.Type.FocusOut:
            # A click in the results takes no focus (NoFocus), so this is a click elsewhere.
            QTimer.singleShot(150, self._hide_unless_focused)
        return super().eventFilter(watched, event)

    def _hide_unless_focused(self) -> None:
        if not self._field.hasFocus():
            self.hide()
