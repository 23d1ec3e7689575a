"""The scaffold of the list screens (Today, Pipeline, Renewals): one way to read, show and open.

A screen says what it reads (``query``: a function of the store, run off the GUI thread), how
it shows the answer (``fill``) and which tables' changes make it read again (``shown_tables``).
It reads only while shown; activating a row that names a record (``TABLE_ROLE`` and
``ID_ROLE``) emits ``open_record``. Pipeline and Renewals share the page of a titled tree with
an empty state (``build_tree_page``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.store import Changes

from .account_list_model import LazyRefresh, StoreReader
from .accounts_view import EmptyState
from .operations import OpContext
from .roles import ID_ROLE, TABLE_ROLE
from .style import page_heading


class ListScreen(LazyRefresh, QWidget):
    """A screen listing records read off the GUI thread; subclasses fill in what and how."""

    open_record = Signal(str, str)  # table, id
    shown_tables: tuple[str, ...] = ()  # a change to one of these reads the screen again

    def __init__(self, context: OpContext, parent: QWidget | None = None, background: bool = True):
        super().__init__(parent)
        self._context = context
        self._store = context.store
        self._background = background
        self._reader = StoreReader(context.store, self, background)
        context.events.changed.connect(self._on_store_changed)

    def query(self) -> Callable[[Any], Any]:
        """What to read: a function of the store, run on the reader thread."""
        raise NotImplementedError

    def fill(self, data: Any) -> None:
        """Show what ``query`` read (on the GUI thread)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the screen again (off the GUI thread)."""
        self._reader.run(type(self).__name__, self.query(), self.fill)

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.touches(*self.shown_tables):
            self.refresh_when_visible()

    def open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """Open the record a row names (rows that name none, such as group rows, do nothing)."""
        if item.data(0, TABLE_ROLE):
            self.open_record.emit(item.data(0, TABLE_ROLE), item.data(0, ID_ROLE))

    def build_tree_page(
        self, title: str, headers: list[str], empty_title: str, empty_text: str
    ) -> QVBoxLayout:
        """A page title with its summary (``self.summary``) above a tree (``self.tree``) that
        gives way to an empty state (``self.empty``) in ``self.stack``; returns the layout."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        heading, self.summary = page_heading(title)
        layout.addLayout(heading)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(headers)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self.open_item)
        self.empty = EmptyState(empty_title, empty_text)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        return layout

    def show_tree(self, has_rows: bool) -> None:
        """The tree when there is something to list, else the empty state."""
        self.stack.setCurrentWidget(self.tree if has_rows else self.empty)

    def top_level_ids(self) -> list[str]:
        """The ids of the tree's top-level rows, in order."""
        return [
            self.tree.topLevelItem(i).data(0, ID_ROLE) for i in range(self.tree.topLevelItemCount())
        ]


__all__ = ["ListScreen"]
