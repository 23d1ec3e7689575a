"""The account screen's item models: one per tab, each holding the ids of the account's records.

Each model reads its rows through a store query method in one go; the view reloads a model only
when a commit touches a table it shows, for this account. Cells only show what ``desktop/``
rules say (notice bands, overdue); the models word and colour them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop import entities as E
from desktop import renewals
from desktop.clock import parse_date, today
from desktop.dates import days_until
from desktop.tasks import is_overdue

from ..chips import chip_tone, stage_label
from ..form_fields import choice_label
from ..i18n import QT_TRANSLATE_NOOP, Counts, translate
from ..operations import OpContext
from ..relationship_map import stance_text
from ..roles import CHIP_ROLE, ID_ROLE, ROW_ROLE
from ..style import days_text, format_date, format_money, muted_brush, tone_colors

TR_CONTEXT = "account_view"  # one translation context for the whole account screen
_ROOT = QModelIndex()  # the invisible root: these models are flat
# How the contracts tab marks a notice band.
_URGENCY = {renewals.OVERDUE: "soon", renewals.SOON: "soon", renewals.WATCH: "watch"}


class AccountRecordsModel(QAbstractTableModel):
    """Records of one table that belong to one account: ids in order plus their rows.

    Subclasses name their columns and say how a cell reads; ``fetch`` is a store query method.
    """

    table = ""
    columns: tuple[tuple[str, str], ...] = ()  # (key, header)
    # Tables whose changes alter what this model shows (names of related records included).
    depends_on: tuple[str, ...] = ()

    def __init__(self, context: OpContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.account_id: str | None = None
        self.ids: list[str] = []
        self._rows: dict[str, dict[str, Any]] = {}

    def fetch(self, account_id: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    def load(self, account_id: str | None) -> None:
        """Read the account's records again (ids and rows) in one query."""
        self.beginResetModel()
        self.account_id = account_id
        rows = self.fetch(account_id) if account_id else []
        self.ids = [r["id"] for r in rows]
        self._rows = {r["id"]: r for r in rows}
        self.endResetModel()

    def refresh(self) -> None:
        self.load(self.account_id)

    def row_of(self, row_id: str) -> int:
        try:
            return self.ids.index(row_id)
        except ValueError:
            return -1

    def record(self, row: int) -> dict[str, Any]:
        return self._rows[self.ids[row]]

    # Qt model API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return QCoreApplication.translate(TR_CONTEXT, self.columns[section][1])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        record = self._rows[self.ids[index.row()]]
        key = self.columns[index.column()][0]
        if role == ID_ROLE:
            return record["id"]
        if role == ROW_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole:
            special = self.cell_data(record, key, role)
            if special is not None:
                return special
            text = self.cell(record, key)
            return text if text and len(text) > 30 else None
        return self.cell_data(record, key, role)

    def cell(self, record: dict[str, Any], key: str) -> str:
        return "" if record.get(key) is None else str(record.get(key))

    def cell_data(self, record: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(record, key)
        return None


class ContactsModel(AccountRecordsModel):
    table = "contacts"
    depends_on = ("contacts",)
    columns = (
        ("name", QT_TRANSLATE_NOOP("account_view", "Name")),
        ("title", QT_TRANSLATE_NOOP("account_view", "Title")),
        ("role", QT_TRANSLATE_NOOP("account_view", "Role")),
        ("stance", QT_TRANSLATE_NOOP("account_view", "Stance")),
        ("reports_to_name", QT_TRANSLATE_NOOP("account_view", "Reports to")),
        ("email", QT_TRANSLATE_NOOP("account_view", "E-mail")),
        ("phone", QT_TRANSLATE_NOOP("account_view", "Phone")),
        ("last_contacted", QT_TRANSLATE_NOOP("account_view", "Last contacted")),
    )

    def fetch(self, account_id: str) -> list[dict[str, Any]]:
        return self.context.store.contacts_of(account_id)

    def cell(self, record: dict[str, Any], key: str) -> str:
        if key == "role":
            return choice_label("role", record.get("role"))
        if key == "stance":
            return stance_text(record.get("stance")) if record.get("stance") else ""
        if key == "last_contacted":
            return format_date(record.get(key))
        return super().cell(record, key)

    def cell_data(self, record: dict[str, Any], key: str, role: int) -> Any:
        if key == "stance" and role == Qt.ItemDataRole.ForegroundRole and record.get("stance"):
            return tone_colors(chip_tone("stance", record["stance"]))[1]
        if role == Qt.ItemDataRole.FontRole and (
            (key == "role" and record.get("role") in ("champion", "blocker"))
            or (key == "stance" and record.get("stance") == "detractor")
        ):
            font = QFont()
            font.setBold(True)
            return font
        return super().cell_data(record, key, role)


class NotesModel(QAbstractListModel):
    """The account's notes, newest first, one card per note."""

    table = "notes"
    depends_on = ("notes", "contacts", "opportunities")

    def __init__(self, context: OpContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.account_id: str | None = None
        self.ids: list[str] = []
        self._rows: dict[str, dict[str, Any]] = {}

    load = AccountRecordsModel.load
    refresh = AccountRecordsModel.refresh
    row_of = AccountRecordsModel.row_of
    record = AccountRecordsModel.record

    def fetch(self, account_id: str) -> list[dict[str, Any]]:
        return self.context.store.notes_of(account_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        record = self._rows[self.ids[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.get("title") or ""
        if role == ID_ROLE:
            return record["id"]
        if role == ROW_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.get("body") or None
        return None


class OpportunitiesModel(AccountRecordsModel):
    table = "opportunities"
    depends_on = ("opportunities",)
    columns = (
        ("name", QT_TRANSLATE_NOOP("account_view", "Name")),
        ("stage", QT_TRANSLATE_NOOP("account_view", "Stage")),
        ("type", QT_TRANSLATE_NOOP("account_view", "Type")),
        ("amount_cents", QT_TRANSLATE_NOOP("account_view", "Amount")),
        ("mrr_cents", QT_TRANSLATE_NOOP("account_view", "MRR")),
        ("close_date", QT_TRANSLATE_NOOP("account_view", "Close date")),
        ("probability", QT_TRANSLATE_NOOP("account_view", "Probability")),
        ("forecast_category", QT_TRANSLATE_NOOP("account_view", "Forecast")),
        ("next_step", QT_TRANSLATE_NOOP("account_view", "Next step")),
    )

    def fetch(self, account_id: str) -> list[dict[str, Any]]:
        return self.context.store.opportunities_of(account_id)

    def cell(self, record: dict[str, Any], key: str) -> str:
        value = record.get(key)
        if key == "stage":
            return stage_label(value) if value else ""
        if key in ("type", "forecast_category"):
            return choice_label(key, value)
        if key in ("amount_cents", "mrr_cents"):
            return format_money(value, currency=record.get("currency"))
        if key == "close_date":
            return format_date(value)
        if key == "probability":
            return "" if value is None else f"{value}%"
        return super().cell(record, key)

    def cell_data(self, record: dict[str, Any], key: str, role: int) -> Any:
        if key == "stage" and role == CHIP_ROLE:
            return ("stage", record.get("stage"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in (
            "amount_cents",
            "mrr_cents",
            "probability",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and record.get("stage") in E.CLOSED_STAGES:
            return muted_brush()
        return super().cell_data(record, key, role)


class ContractsModel(AccountRecordsModel):
    table = "contracts"
    depends_on = ("contracts",)
    columns = (
        ("number", QT_TRANSLATE_NOOP("account_view", "Number")),
        ("status", QT_TRANSLATE_NOOP("account_view", "Status")),
        ("start_date", QT_TRANSLATE_NOOP("account_view", "Start")),
        ("end_date", QT_TRANSLATE_NOOP("account_view", "End")),
        ("notice_deadline", QT_TRANSLATE_NOOP("account_view", "Notice deadline")),
        ("days_to_notice", QT_TRANSLATE_NOOP("account_view", "Days left to give notice")),
        ("mrr_cents", QT_TRANSLATE_NOOP("account_view", "MRR")),
        ("auto_renew", QT_TRANSLATE_NOOP("account_view", "Auto-renew")),
    )

    def fetch(self, account_id: str) -> list[dict[str, Any]]:
        return self.context.store.contracts_of(account_id, today())

    @staticmethod
    def urgency(record: dict[str, Any]) -> str | None:
        """'soon' (notice due within 30 days or passed), 'watch' (90 days) or None."""
        return _URGENCY.get(renewals.contract_band(record) or "")

    def cell(self, record: dict[str, Any], key: str) -> str:
        value = record.get(key)
        if key in ("start_date", "end_date", "notice_deadline"):
            return format_date(value)
        if key == "days_to_notice":
            if value is None:
                return ""
            if renewals.notice_band(value) == renewals.OVERDUE:
                return Counts.tr("passed %n day(s) ago", "", -value)
            return days_text(value)
        if key == "status":
            return choice_label("status", value)
        if key == "auto_renew":
            return translate("account_view", "Yes") if value else translate("account_view", "No")
        if key == "mrr_cents":
            return format_money(value, currency=record.get("currency"))
        return super().cell(record, key)

    def cell_data(self, record: dict[str, Any], key: str, role: int) -> Any:
        urgency = self.urgency(record)
        if urgency and key in ("notice_deadline", "days_to_notice"):
            tone = "red" if urgency == "soon" else "amber"
            if role == Qt.ItemDataRole.BackgroundRole:
                return tone_colors(tone)[0]
            if role == Qt.ItemDataRole.ForegroundRole:
                return tone_colors(tone)[1]
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "mrr_cents":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().cell_data(record, key, role)


class TasksModel(AccountRecordsModel):
    """Tasks with a tick box in the subject column: ticking completes the task."""

    table = "tasks"
    depends_on = ("tasks", "contacts")
    columns = (
        ("subject", QT_TRANSLATE_NOOP("account_view", "Subject")),
        ("due_date", QT_TRANSLATE_NOOP("account_view", "Due")),
        ("kind", QT_TRANSLATE_NOOP("account_view", "Kind")),
        ("priority", QT_TRANSLATE_NOOP("account_view", "Priority")),
        ("contact_name", QT_TRANSLATE_NOOP("account_view", "Contact")),
        ("status", QT_TRANSLATE_NOOP("account_view", "Status")),
    )
    status_locked = ""  # why the rep may not tick a task (the CRM's say), or "" when they may

    def __init__(self, context: OpContext, parent=None):
        super().__init__(context, parent)
        self.on_toggle: Callable[[str, bool], None] | None = None

    def fetch(self, account_id: str) -> list[dict[str, Any]]:
        return self.context.store.tasks_of(account_id)

    def cell(self, record: dict[str, Any], key: str) -> str:
        value = record.get(key)
        if key == "due_date":
            return format_date(value)
        if key in ("kind", "priority", "status"):
            return choice_label(key, value)
        return super().cell(record, key)

    def overdue(self, record: dict[str, Any]) -> bool:
        return is_overdue(record.get("status"), parse_date(record.get("due_date")), today())

    def cell_data(self, record: dict[str, Any], key: str, role: int) -> Any:
        if key == "subject" and role == Qt.ItemDataRole.CheckStateRole:
            done = record.get("status") == "done"
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and record.get("status") != "open":
            font = QFont()
            font.setStrikeOut(key == "subject")
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if record.get("status") != "open":
                return muted_brush()
            if key == "due_date" and self.overdue(record):
                return tone_colors("red")[1]
        if role == Qt.ItemDataRole.ToolTipRole and key == "subject" and self.status_locked:
            return self.status_locked
        if role == Qt.ItemDataRole.ToolTipRole and key == "due_date" and record.get("due_date"):
            return days_text(days_until(parse_date(record["due_date"]), today()))
        return super().cell_data(record, key, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        # Ticking is for when the CRM lets the rep change the status (desktop/crm_fields.py).
        subject = index.isValid() and self.columns[index.column()][0] == "subject"
        if subject and not self.status_locked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or self.columns[index.column()][0] != "subject"
        ):
            return False
        done = (
            Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        )
        task_id = self.ids[index.row()]
        # Show the tick at once; the store change follows through StoreOp and refreshes the row.
        self._rows[task_id] = {**self._rows[task_id], "status": "done" if done else "open"}
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        )
        if self.on_toggle:
            self.on_toggle(task_id, done)
        return True


__all__ = [
    "TR_CONTEXT",
    "AccountRecordsModel",
    "ContactsModel",
    "ContractsModel",
    "NotesModel",
    "OpportunitiesModel",
    "TasksModel",
]
