"""The outbox: what is still to be sent to the CRM, why it has not gone, and the open conflicts.

The rep can retry an operation (after fixing what the CRM refused) or discard it (the record goes
back to what the CRM has; the dialog asks first and names what is lost), and open a conflict to
settle it. Everything refreshes when the controller reports a new status.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E

from .entity_words import entity_name
from .errors import describe, show_error
from .i18n import QT_TRANSLATE_NOOP, translate
from .roles import ROW_ROLE
from .style import tone_colors

_Index = QModelIndex | QPersistentModelIndex


def held_reason(h) -> str:
    """Why a record is held back, in the rep's language: each field's message worded by
    ``ui/validation_text.py`` (the quarantine keeps them as {field: message})."""
    import json

    from .validation_text import field_message

    try:
        errors = json.loads(h.reason)
    except ValueError:
        errors = None
    if not isinstance(errors, dict):
        return str(h.reason)[:300]
    try:
        entity = E.entity(h.table)
    except KeyError:
        entity = None
    parts = []
    for name, message in list(errors.items())[:5]:
        field = entity.field(name) if entity and entity.has_field(name) else None
        parts.append(field_message(field, str(message)))
    return " ".join(parts)[:300]


def op_text(op: str) -> str:
    return {
        "create": translate("outbox", "New"),
        "update": translate("outbox", "Edit"),
        "delete": translate("outbox", "Delete"),
    }.get(op, op)


def when_text(epoch: float | None) -> str:
    if epoch is None:
        return translate("outbox", "next sync")
    return dt.datetime.fromtimestamp(epoch).strftime("%H:%M:%S")


class _ListModel(QAbstractTableModel):
    """A small table over a list of items (the outbox and open conflicts stay small)."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature; the default is never mutated
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature; the default is never mutated
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return translate("outbox", self.headers[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, index.column())
        if role == ROW_ROLE:
            return item
        return self.styled(item, index.column(), role)

    def cell(self, item, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, item, column: int) -> str | None:
        return None

    def styled(self, item, column: int, role: int):
        return None


class OutboxModel(_ListModel):
    """Pending and refused operations, oldest first."""

    headers = (
        QT_TRANSLATE_NOOP("outbox", "Record"),
        QT_TRANSLATE_NOOP("outbox", "Type"),
        QT_TRANSLATE_NOOP("outbox", "Change"),
        QT_TRANSLATE_NOOP("outbox", "State"),
        QT_TRANSLATE_NOOP("outbox", "Attempts"),
        QT_TRANSLATE_NOOP("outbox", "Next try"),
        QT_TRANSLATE_NOOP("outbox", "Last error"),
    )

    def cell(self, item, column: int) -> str:
        if column == 0:
            return item.title
        if column == 1:
            return entity_name(item.table)
        if column == 2:
            return op_text(item.op)
        if column == 3:
            return (
                translate("outbox", "Refused")
                if item.state == "parked"
                else translate("outbox", "Waiting")
            )
        if column == 4:
            return str(item.attempts)
        if column == 6:
            return describe(item.last_error)
        if item.state == "parked":
            return translate("outbox", "after Retry")
        return when_text(item.next_attempt_at)

    def tooltip(self, item, column: int) -> str | None:
        if column == 6 and item.last_error:
            return describe(item.last_error)
        if column == 3 and item.state == "parked":
            return translate(
                "outbox", "The CRM refused this change. Fix the record, then Retry; or Discard it."
            )
        return None

    def styled(self, item, column: int, role: int):
        if column == 3 and role == Qt.ItemDataRole.ForegroundRole:
            return tone_colors("red" if item.state == "parked" else "blue")[1]
        return None


class ConflictListModel(_ListModel):
    """Open conflicts, one row per field (or per deleted record)."""

    headers = (
        QT_TRANSLATE_NOOP("outbox", "Record"),
        QT_TRANSLATE_NOOP("outbox", "Type"),
        QT_TRANSLATE_NOOP("outbox", "What"),
        QT_TRANSLATE_NOOP("outbox", "Conflict"),
    )

    def cell(self, item, column: int) -> str:
        if column == 0:
            return item.title
        if column == 1:
            return entity_name(item.table)
        if column == 2:
            return translate("entities", item.label)
        return {
            "field": translate("outbox", "Changed here and in the CRM"),
            "deleted_remotely": translate("outbox", "Deleted in the CRM"),
            "deleted_locally": translate("outbox", "Deleted here, changed in the CRM"),
        }.get(item.kind, item.kind)

    def styled(self, item, column: int, role: int):
        if column == 3 and role == Qt.ItemDataRole.ForegroundRole:
            return tone_colors("amber")[1]
        return None


class OutboxDialog(QDialog):
    """What waits to be sent, with Retry and Discard, and the conflicts with Resolve…."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Outbox"))
        self.resize(900, 520)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        self.outbox_model = OutboxModel(self)
        self.outbox_view = self._table(self.outbox_model)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setToolTip(self.tr("Send the selected changes at the next sync"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton(self.tr("Discard…"), self)
        self.discard_button.setToolTip(
            self.tr("Drop the selected changes; the records go back to what the CRM has")
        )
        self.discard_button.clicked.connect(self.discard_selected)

        self.held_label = QLabel(self)
        self.held_label.setWordWrap(True)
        self.held_label.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts_label = QLabel(self)
        self.conflict_model = ConflictListModel(self)
        self.conflict_view = self._table(self.conflict_model)
        self.conflict_view.doubleClicked.connect(lambda _index: self.resolve_selected())
        self.resolve_button = QPushButton(self.tr("Resolve…"), self)
        self.resolve_button.clicked.connect(self.resolve_selected)

        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.clicked.connect(controller.sync_now)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        outbox_title = QLabel("<b>" + self.tr("Changes waiting to be sent") + "</b>", self)
        outbox_row = QHBoxLayout()
        outbox_row.addWidget(self.retry_button)
        outbox_row.addWidget(self.discard_button)
        outbox_row.addStretch(1)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.resolve_button)
        conflict_row.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.sync_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(outbox_title)
        layout.addWidget(self.outbox_view, 3)
        layout.addLayout(outbox_row)
        layout.addWidget(self.held_label)
        layout.addSpacing(8)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflict_view, 2)
        layout.addLayout(conflict_row)
        layout.addLayout(bottom)

        self._conflict_dialog = None
        controller.status_changed.connect(self.refresh)
        self.refresh()

    def _table(self, model) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        return view

    # -- contents -----------------------------------------------------------------------------

    def refresh(self, _state=None) -> None:
        """Reload both lists from the engine, keeping the selection."""

        engine = self.controller.engine
        if engine is None:
            items, conflicts = [], []
        else:
            items, conflicts = engine.outbox_items(), engine.conflicts()
        chosen_ops = {i.op_id for i in self.selected_items()}
        chosen_conflicts = {c.id for c in self.selected_conflicts()}
        self.outbox_model.set_items(items)
        self.conflict_model.set_items(conflicts)
        self._reselect(self.outbox_view, [i.op_id in chosen_ops for i in items])
        self._reselect(self.conflict_view, [c.id in chosen_conflicts for c in conflicts])
        for view in (self.outbox_view, self.conflict_view):
            view.resizeColumnsToContents()
            for column in range(view.model().columnCount() - 1):
                width = view.columnWidth(column) + 16  # air between columns
                view.setColumnWidth(column, max(90 if column else 180, min(width, 280)))
        refused = sum(1 for i in items if i.state == "parked")
        state = self.controller.state
        failed = (
            self.tr("The last sync failed: {}").format(
                describe(state.status.last_error)
                or " ".join(map(describe, state.last_report.problems or state.last_report.errors))
            )
            if state.mode == "error" and state.status is not None and state.last_report is not None
            else ""
        )
        if engine is None:
            self.summary.setText(self.tr("No CRM is connected: nothing is sent anywhere."))
        elif not items and not conflicts:
            self.summary.setText(failed or self.tr("Everything you changed has reached the CRM."))
        else:
            parts = [self.tr("%n change(s) waiting to be sent.", "", len(items))]
            status = self.controller.state.status
            if status is not None and status.needs_sign_in:
                parts.append(self.tr("Sign in to the CRM again to send your changes."))
            elif status is not None and status.online is False:
                parts.append(self.tr("The CRM cannot be reached; they go when it can."))
            if refused:
                parts.append(
                    self.tr(
                        "The CRM refused {}: see the reason, fix the record and Retry, or Discard."
                    ).format(refused)
                )
            self.summary.setText(" ".join(parts + ([failed] if failed else [])))
        self.conflicts_label.setText(
            "<b>"
            + self.tr("Conflicts")
            + "</b> "
            + (
                self.tr("— changed both here and in the CRM; choose what to keep")
                if conflicts
                else self.tr("— none")
            )
        )
        self.conflict_view.setVisible(bool(conflicts))
        self.resolve_button.setVisible(bool(conflicts))
        self._show_held(engine)
        self._enable()

    def _show_held(self, engine) -> None:
        """Records the CRM sent that failed validation: how many, which, and why."""
        held = engine.held_back() if engine is not None and hasattr(engine, "held_back") else []
        self.held_label.setVisible(bool(held))
        if not held:
            self.held_label.clear()
            return
        lines = [
            self.tr(
                "%n record(s) held back: the CRM sent values Fieldbook cannot take, so they are "
                "not in your book yet. They are asked for again at every sync.",
                "",
                len(held),
            )
        ]
        for h in held[:20]:
            lines.append(
                self.tr("{what} {id}: {reason}").format(
                    what=entity_name(h.table), id=h.row_id[:13] or "?", reason=held_reason(h)
                )
            )
        if len(held) > 20:
            lines.append(self.tr("… and %n more.", "", len(held) - 20))
        self.held_label.setText("\n".join(lines))
        # Word-wrapped text gets the height it needs at the dialog's width, not a clipped line.
        self.held_label.setMinimumHeight(
            self.held_label.heightForWidth(max(300, self.width() - 24))
        )

    @staticmethod
    def _reselect(view: QTableView, flags: list[bool]) -> None:
        selection = view.selectionModel()
        for row, chosen in enumerate(flags):
            if chosen:
                selection.select(
                    view.model().index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _enable(self) -> None:
        has_items = bool(self.selected_items())
        self.retry_button.setEnabled(has_items)
        self.discard_button.setEnabled(has_items)
        self.resolve_button.setEnabled(bool(self.selected_conflicts()))

    def selected_items(self) -> list:
        rows = sorted({i.row() for i in self.outbox_view.selectionModel().selectedRows()})
        return [self.outbox_model.items[r] for r in rows if r < len(self.outbox_model.items)]

    def selected_conflicts(self) -> list:
        rows = sorted({i.row() for i in self.conflict_view.selectionModel().selectedRows()})
        return [self.conflict_model.items[r] for r in rows if r < len(self.conflict_model.items)]

    # -- actions -------------------------------------------------------------------------------

    def retry_selected(self) -> None:
        items = self.selected_items()
        if items:
            self.controller.retry([i.op_id for i in items], on_error=self._failed)

    def discard_selected(self) -> None:
        items = self.selected_items()
        if not items or not self.ask(self.discard_question(items)):
            return
        self.controller.discard([i.op_id for i in items], on_error=self._failed)

    def discard_question(self, items) -> str:
        """Names what is lost, per operation."""
        lines = []
        for item in items[:8]:
            name = f"{entity_name(item.table).lower()} “{item.title}”"
            if item.op == "create":
                lines.append(
                    self.tr(
                        "• The new {} and what you added to it will be removed from this computer."
                    ).format(name)
                )
            elif item.op == "update":
                lines.append(
                    self.tr(
                        "• Your edit of the {} will be undone; it goes back to what the CRM has."
                    ).format(name)
                )
            else:
                lines.append(self.tr("• The {} you deleted comes back.").format(name))
        if len(items) > 8:
            lines.append(self.tr("• and %n more.", "", len(items) - 8))
        question = self.tr("Discard %n change(s)? This cannot be undone.", "", len(items))
        return question + "\n\n" + "\n".join(lines)

    def ask(self, question: str) -> bool:
        """Ask the rep to confirm (tests patch this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes"),
            question,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def resolve_selected(self):
        """Open the conflict dialog for the record of the selected conflict."""
        chosen = self.selected_conflicts()
        if not chosen:
            return None
        first = chosen[0]
        same_record = [
            c
            for c in self.conflict_model.items
            if (c.table, c.row_id) == (first.table, first.row_id)
        ]
        from .conflict_dialog import ConflictDialog

        dialog = ConflictDialog(self.controller, same_record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._conflict_dialog = dialog
        dialog.open()
        return dialog

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.refresh()
