"""The pieces of an account tab: a table or timeline that says what to do when empty, and the
tab itself, an action row (New, Edit, Delete and extras) above the view of one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E

from ..chips import ChipDelegate
from ..record_dialog import confirm_delete, edit_record
from ..roles import CHIP_ROLE, ID_ROLE
from .models import TR_CONTEXT
from .note_card import NoteCardDelegate

if TYPE_CHECKING:
    from .view import AccountView


def _tr(text: str) -> str:
    return QCoreApplication.translate(TR_CONTEXT, text)


class _EmptyHint:
    """Draws a sentence saying what to do when the view has no rows."""

    empty_text = ""

    def paint_empty_hint(self) -> None:
        model = self.model()
        if model is None or model.rowCount() > 0 or not self.empty_text:
            return
        painter = QPainter(self.viewport())
        color = QColor(self.palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(0.6)
        painter.setPen(color)
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(
            area,
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            self.empty_text,
        )
        painter.end()


class RecordTable(_EmptyHint, QTableView):
    def __init__(self, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.empty_text = empty_text
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setItemDelegate(ChipDelegate(self))

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.paint_empty_hint()


class NotesTimeline(_EmptyHint, QListView):
    def __init__(self, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.empty_text = empty_text
        self.setItemDelegate(NoteCardDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSpacing(0)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # card heights follow the width

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.paint_empty_hint()


class RecordTab(QWidget):
    """One tab: an action row (New, Edit, Delete and extras) above a view of one table."""

    def __init__(
        self,
        owner: AccountView,
        table: str,
        model,
        view: QAbstractItemView,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.owner = owner
        self.table = table
        self.model = model
        self.view = view
        view.setModel(model)
        word = QCoreApplication.translate("entities", E.entity(table).singular)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        self.actions_row = QHBoxLayout()
        self.actions_row.setSpacing(6)
        self.new_button = QPushButton(_tr("New {}").format(word), self)
        self.edit_button = QPushButton(_tr("Edit"), self)
        self.edit_button.setToolTip(_tr("Edit the selected {} (Enter)").format(word))
        self.delete_button = QPushButton(_tr("Delete"), self)
        self.delete_button.setToolTip(_tr("Delete the selected {} (Del)").format(word))
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.actions_row.addWidget(self.new_button)
        self.actions_row.addWidget(self.edit_button)
        self.actions_row.addWidget(self.delete_button)
        self.actions_row.addStretch(1)
        layout.addLayout(self.actions_row)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.body, 1)
        view.doubleClicked.connect(lambda _index: self.edit_selected())
        for keys, slot in (
            ("Return", self.edit_selected),
            ("Enter", self.edit_selected),
            ("Delete", self.delete_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), view, activated=slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _fit_columns(self) -> None:
        # Small per-account lists: fit columns to their contents, within reason.
        if isinstance(self.view, QTableView) and self.model.rowCount():
            self.view.resizeColumnsToContents()
            header = self.view.horizontalHeader()
            for column in range(self.model.columnCount() - 1):
                width = max(80, min(header.sectionSize(column) + 16, 280))
                if self.model.index(0, column).data(CHIP_ROLE):
                    width = max(width, 130)  # room for the longest chip ("Qualification")
                header.resizeSection(column, width)

    def _update_buttons(self) -> None:
        self._fit_columns()
        has = self.model.rowCount() > 0
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def selected_id(self) -> str | None:
        index = self.view.currentIndex()
        selection = self.view.selectionModel()
        if selection is not None and selection.selectedRows():
            index = selection.selectedRows()[0]
        return index.data(ID_ROLE) if index.isValid() else None

    def select_id(self, row_id: str) -> bool:
        row = self.model.row_of(row_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def new_record(self) -> None:
        self.owner.new_record(self.table)

    def _select_when_loaded(self, row_id: str) -> None:
        # The store's change signal reloads the model; select the new record once it is there.
        if not self.select_id(row_id):
            self.owner.pending_selection = (self.table, row_id)

    def edit_selected(self) -> None:
        row_id = self.selected_id()
        if row_id:
            self.owner.last_dialog = edit_record(self, self.owner.context, self.table, row_id)

    def delete_selected(self) -> None:
        row_id = self.selected_id()
        if row_id:
            confirm_delete(self, self.owner.context, self.table, row_id)

    def context_menu_actions(self, menu: QMenu, row_id: str) -> None:
        """Extra entries for this tab's context menu (opportunities add "Move to stage")."""

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            self.view.setCurrentIndex(index)
            row_id = index.data(ID_ROLE)
            menu.addAction(_tr("Edit…"), self.edit_selected)
            self.context_menu_actions(menu, row_id)
            menu.addSeparator()
            menu.addAction(_tr("Delete…"), self.delete_selected)
        else:
            menu.addAction(self.new_button.text(), self.new_record)
        menu.popup(self.view.viewport().mapToGlobal(pos))


__all__ = ["NotesTimeline", "RecordTab", "RecordTable"]
