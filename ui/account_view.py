"""The account detail: who the account is, what it pays, and everything that belongs to it.

A header (name, parent, MRR, tier, health and churn risk with their reasons, NPS, next review,
owner, city) above tabs for contacts (table and relationship map), notes (timeline with quick
capture), opportunities, contracts and tasks. Each tab's model holds the ids of the account's
records and reads them through the store's query methods; it refreshes only when a commit
touches a table it shows, for this account.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E
from desktop.clock import parse_date, today
from desktop.store import Changes

from .chips import CHIP_ROLE, Chip, ChipDelegate, stage_label
from .form_fields import choice_label, local_from_utc_iso
from .note_capture import QuickCapture
from .operations import OpContext, StoreOp
from .record_dialog import confirm_delete, edit_record, remember_edit
from .relationship_map import STANCE_TONES, RelationshipMap, stance_text
from .style import days_text, format_date, format_money, muted_brush, tone_colors

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole record, for delegates and tests
NOTICE_SOON_DAYS = 30
NOTICE_WATCH_DAYS = 90
SHOWN_CHILDREN = 3  # child accounts named in the header; the rest are counted

_ROOT = QModelIndex()  # the invisible root: these models are flat
CHILD_TABLES = ("contacts", "notes", "opportunities", "contracts", "tasks")


def _tr(text: str) -> str:
    return QCoreApplication.translate("account_view", text)


# -- models ----------------------------------------------------------------------------------


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
            return QCoreApplication.translate("account_view", self.columns[section][1])
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
        ("name", "Name"),
        ("title", "Title"),
        ("role", "Role"),
        ("stance", "Stance"),
        ("reports_to_name", "Reports to"),
        ("email", "E-mail"),
        ("phone", "Phone"),
        ("last_contacted", "Last contacted"),
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
            return tone_colors(STANCE_TONES.get(record["stance"], "grey"))[1]
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
        ("name", "Name"),
        ("stage", "Stage"),
        ("type", "Type"),
        ("amount_cents", "Amount"),
        ("mrr_cents", "MRR"),
        ("close_date", "Close date"),
        ("probability", "Probability"),
        ("forecast_category", "Forecast"),
        ("next_step", "Next step"),
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
            return format_money(value)
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
        ("number", "Number"),
        ("status", "Status"),
        ("start_date", "Start"),
        ("end_date", "End"),
        ("notice_deadline", "Notice deadline"),
        ("days_to_notice", "Days left to give notice"),
        ("mrr_cents", "MRR"),
        ("auto_renew", "Auto-renew"),
    )

    def fetch(self, account_id: str) -> list[dict[str, Any]]:
        return self.context.store.contracts_of(account_id, today())

    @staticmethod
    def urgency(record: dict[str, Any]) -> str | None:
        """'soon' (notice due within 30 days or passed), 'watch' (90 days) or None."""
        days = record.get("days_to_notice")
        if days is None or (record.get("status") or "active") != "active":
            return None
        if days <= NOTICE_SOON_DAYS:
            return "soon"
        if days <= NOTICE_WATCH_DAYS:
            return "watch"
        return None

    def cell(self, record: dict[str, Any], key: str) -> str:
        value = record.get(key)
        if key in ("start_date", "end_date", "notice_deadline"):
            return format_date(value)
        if key == "days_to_notice":
            if value is None:
                return ""
            if value < 0:
                return _tr("passed {} days ago").format(-value)
            return days_text(value)
        if key == "status":
            return choice_label("status", value)
        if key == "auto_renew":
            return _tr("Yes") if value else _tr("No")
        if key == "mrr_cents":
            return format_money(value)
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
        ("subject", "Subject"),
        ("due_date", "Due"),
        ("kind", "Kind"),
        ("priority", "Priority"),
        ("contact_name", "Contact"),
        ("status", "Status"),
    )

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
        due = parse_date(record.get("due_date"))
        return record.get("status") == "open" and due is not None and due < today()

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
        if role == Qt.ItemDataRole.ToolTipRole and key == "due_date" and record.get("due_date"):
            return days_text((parse_date(record["due_date"]) - today()).days)
        return super().cell_data(record, key, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()][0] == "subject":
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


# -- views -----------------------------------------------------------------------------------


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


class NoteCardDelegate(QStyledItemDelegate):
    """A note as a readable card: kind and date, title, an excerpt of the body, who and what."""

    PAD = 12
    EXCERPT_LINES = 2

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.05)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        return base, title, small

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base, title, small = self._fonts(option)
        record = index.data(ROW_ROLE) or {}
        height = 2 * self.PAD + QFontMetrics(small).height() + 6 + QFontMetrics(title).height()
        body = " ".join((record.get("body") or "").split())
        if body:
            height += 4 + QFontMetrics(base).lineSpacing() * self._excerpt_lines(body, base)
        return QSize(320, height + 8)

    def _excerpt_lines(self, body: str, font: QFont) -> int:
        """One line when the body fits the card's width, else the two-line excerpt."""
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else 600
        available = width - 8 - 2 * self.PAD
        return 1 if QFontMetrics(font).horizontalAdvance(body) <= available else self.EXCERPT_LINES

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        record = index.data(ROW_ROLE) or {}
        base, title_font, small = self._fonts(option)
        palette = option.palette
        card = QRect(option.rect.adjusted(4, 4, -4, -4))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(card.adjusted(0, 0, -1, -1), 8, 8)
        painter.fillPath(path, palette.color(QPalette.ColorRole.Base))
        border = (
            palette.color(QPalette.ColorRole.Highlight)
            if selected
            else palette.color(QPalette.ColorRole.Mid)
        )
        painter.setPen(border)
        painter.drawPath(path)
        inner = card.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD)
        text = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text)
        muted.setAlphaF(0.62)

        # top line: kind pill, when, contact and opportunity
        metrics = QFontMetrics(small)
        kind = choice_label("kind", record.get("kind"))
        pill_w = metrics.horizontalAdvance(kind) + 14
        pill = QRect(inner.left(), inner.top(), pill_w, metrics.height() + 2)
        bg, fg = tone_colors("violet" if record.get("kind") == "business_review" else "blue")
        pill_path = QPainterPath()
        pill_path.addRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.fillPath(pill_path, bg)
        painter.setFont(small)
        painter.setPen(fg)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, kind)
        when = local_from_utc_iso(record.get("occurred_at")).toString("d MMM yyyy, HH:mm")
        extras = [when]
        if record.get("contact_name"):
            extras.append(_tr("with {}").format(record["contact_name"]))
        if record.get("opportunity_name"):
            extras.append(_tr("about {}").format(record["opportunity_name"]))
        if record.get("author"):
            extras.append(_tr("by {}").format(record["author"]))
        meta = QRect(pill.right() + 8, pill.top(), inner.right() - pill.right() - 8, pill.height())
        painter.setPen(muted)
        painter.drawText(
            meta,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText("  ·  ".join(extras), Qt.TextElideMode.ElideRight, meta.width()),
        )
        # title
        y = pill.bottom() + 6
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(text)
        painter.drawText(
            QRect(inner.left(), y, inner.width(), title_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title_metrics.elidedText(
                record.get("title") or "", Qt.TextElideMode.ElideRight, inner.width()
            ),
        )
        y += title_metrics.height() + 4
        # body excerpt: at most two wrapped lines, ending in an ellipsis when cut
        body = " ".join((record.get("body") or "").split())
        if body:
            base_metrics = QFontMetrics(base)
            budget = inner.width() * self.EXCERPT_LINES - base_metrics.averageCharWidth() * 8
            excerpt = base_metrics.elidedText(body, Qt.TextElideMode.ElideRight, max(budget, 40))
            painter.setFont(base)
            painter.setPen(muted if not selected else text)
            painter.drawText(
                QRect(
                    inner.left(),
                    y,
                    inner.width(),
                    base_metrics.lineSpacing() * self._excerpt_lines(body, base),
                ),
                int(
                    Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap
                ),
                excerpt,
            )
        painter.restore()


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


# -- the account view ------------------------------------------------------------------------


class AccountView(QWidget):
    """One account in full: header and a tab per kind of record."""

    open_record = Signal(str, str)  # (table, id): follow a link to another record

    def __init__(self, context: OpContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.account_id: str | None = None
        self.account: dict[str, Any] | None = None
        self.shown_children: set[str] = set()  # child accounts named in the header
        self.last_dialog = None  # the dialog opened last (tests drive it)
        self.pending_selection: tuple[str, str] | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("EmptyText")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setText(_tr("Pick an account in the list, or search for one with Ctrl+K."))
        self.pages.addWidget(self.placeholder)

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(self._build_header(page))

        self.tabs = QTabWidget(page)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.pages.addWidget(page)
        self.detail_page = page

        self.contacts_model = ContactsModel(context, self)
        self.notes_model = NotesModel(context, self)
        self.opportunities_model = OpportunitiesModel(context, self)
        self.contracts_model = ContractsModel(context, self)
        self.tasks_model = TasksModel(context, self)
        self.tasks_model.on_toggle = self.set_task_done
        self.models = {
            "contacts": self.contacts_model,
            "notes": self.notes_model,
            "opportunities": self.opportunities_model,
            "contracts": self.contracts_model,
            "tasks": self.tasks_model,
        }
        self.record_tabs: dict[str, RecordTab] = {}
        self._build_contacts_tab()
        self._build_notes_tab()
        self._build_opportunities_tab()
        self._build_simple_tab(
            "contracts",
            _tr(
                "No contracts yet. Add one with New contract: its notice deadline is worked out "
                "from the end date and notice period."
            ),
        )
        self._build_simple_tab(
            "tasks", _tr("No tasks yet. Add a follow-up with New task; tick a task to complete it.")
        )
        for model in self.models.values():
            model.modelReset.connect(self._update_tab_titles)
        context.events.changed.connect(self._on_store_changed)

    # -- building ------------------------------------------------------------------------------

    def _build_header(self, parent: QWidget) -> QWidget:
        header = QFrame(parent)
        header.setObjectName("Card")
        grid = QVBoxLayout(header)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setSpacing(6)
        top = QHBoxLayout()
        self.name_label = QLabel(header)
        self.name_label.setObjectName("PageTitle")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.name_label)
        self.tier_chip = Chip("tier", None, header)
        top.addWidget(self.tier_chip)
        top.addStretch(1)
        self.edit_account_button = QPushButton(_tr("Edit account"), header)
        self.edit_account_button.clicked.connect(self.edit_account)
        self.delete_account_button = QPushButton(_tr("Delete account"), header)
        self.delete_account_button.clicked.connect(self.delete_account)
        top.addWidget(self.edit_account_button)
        top.addWidget(self.delete_account_button)
        grid.addLayout(top)

        self.subtitle = QLabel(header)
        self.subtitle.setObjectName("PageSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle.linkActivated.connect(self._follow_link)
        grid.addWidget(self.subtitle)

        signals = QHBoxLayout()
        signals.setSpacing(8)
        self.health_chip = Chip("health", None, header)
        self.health_reason = QLabel(header)
        self.health_reason.setObjectName("Muted")
        self.churn_chip = Chip("churn_risk", None, header)
        self.churn_reason = QLabel(header)
        self.churn_reason.setObjectName("Muted")
        for widget in (self.health_chip, self.health_reason):
            signals.addWidget(widget)
        signals.addSpacing(16)
        for widget in (self.churn_chip, self.churn_reason):
            signals.addWidget(widget)
        signals.addStretch(1)
        grid.addLayout(signals)

        figures = QHBoxLayout()
        figures.setSpacing(28)
        self.figure_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("mrr", _tr("MRR")),
            ("nps", _tr("NPS")),
            ("next_review", _tr("Next business review")),
            ("owner", _tr("Owner")),
            ("pipeline", _tr("Open pipeline")),
        ):
            box = QVBoxLayout()
            box.setSpacing(0)
            cap = QLabel(caption, header)
            cap.setObjectName("Muted")
            value = QLabel(header)
            value.setObjectName("SectionTitle")
            box.addWidget(cap)
            box.addWidget(value)
            figures.addLayout(box)
            self.figure_labels[key] = value
        figures.addStretch(1)
        grid.addLayout(figures)
        return header

    def _build_contacts_tab(self) -> None:
        view = RecordTable(_tr("No contacts yet. Add the people you work with using New contact."))
        tab = RecordTab(self, "contacts", self.contacts_model, view, self)
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        splitter.addWidget(view)
        self.relationship_map = RelationshipMap(splitter)
        splitter.addWidget(self.relationship_map)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 420])
        splitter.setChildrenCollapsible(False)
        tab.body.addWidget(splitter)
        self.contacts_splitter = splitter
        hint = QLabel(
            _tr("Map: who reports to whom. Click a person to select, double-click to edit."), tab
        )
        hint.setObjectName("Muted")
        tab.actions_row.addWidget(hint)
        self.relationship_map.contact_selected.connect(tab.select_id)
        self.relationship_map.contact_activated.connect(
            lambda cid: (tab.select_id(cid), tab.edit_selected())
        )
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._contact_row_changed(current)
        )
        self.contacts_model.modelReset.connect(
            lambda: self.relationship_map.set_contacts(
                [self.contacts_model.record(r) for r in range(self.contacts_model.rowCount())]
            )
        )
        self.record_tabs["contacts"] = tab
        self.tabs.addTab(tab, "")

    def _contact_row_changed(self, current: QModelIndex) -> None:
        contact_id = current.data(ID_ROLE) if current.isValid() else None
        if contact_id and contact_id != self.relationship_map.selected_contact_id():
            self.relationship_map.select_contact(contact_id)

    def _build_notes_tab(self) -> None:
        view = NotesTimeline(_tr("No notes yet — write one above and press Ctrl+Enter."))
        tab = RecordTab(self, "notes", self.notes_model, view, self)
        self.capture = QuickCapture(self.context, tab)
        tab.layout().insertWidget(0, self.capture)
        self.capture.saved.connect(
            lambda note_id: tab.select_id(note_id) or self._select_later("notes", note_id)
        )
        tab.body.addWidget(view)
        self.record_tabs["notes"] = tab
        self.tabs.addTab(tab, "")

    def _select_later(self, table: str, row_id: str) -> None:
        self.pending_selection = (table, row_id)

    def _build_opportunities_tab(self) -> None:
        view = RecordTable(
            _tr("No opportunities yet. Add an upsell or renewal with New opportunity.")
        )
        tab = RecordTab(self, "opportunities", self.opportunities_model, view, self)
        self.stage_button = QToolButton(tab)
        self.stage_button.setText(_tr("Move to stage"))
        self.stage_button.setToolTip(
            _tr("Move the selected opportunity to another stage (Ctrl+Shift+M)")
        )
        self.stage_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.stage_menu = QMenu(self.stage_button)
        self._fill_stage_menu(self.stage_menu, lambda: tab.selected_id())
        self.stage_button.setMenu(self.stage_menu)
        tab.actions_row.insertWidget(3, self.stage_button)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+M"), tab, activated=self.popup_stage_menu)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tab.context_menu_actions = lambda menu, row_id: self._fill_stage_menu(
            menu.addMenu(_tr("Move to stage")), lambda: row_id
        )
        view.setColumnWidth(0, 220)
        tab.body.addWidget(view)
        self.record_tabs["opportunities"] = tab
        self.tabs.addTab(tab, "")

    def popup_stage_menu(self) -> None:
        """Open "Move to stage" under its button without blocking (keys 1-7 pick a stage)."""
        button = self.stage_button
        self.stage_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def _fill_stage_menu(self, menu: QMenu, selected: Callable[[], str | None]) -> None:
        for number, stage in enumerate(E.STAGES, start=1):
            action = menu.addAction(f"&{number}  {stage_label(stage)}")
            action.setData(stage)
            action.triggered.connect(
                lambda _checked=False, s=stage: self._move_selected(selected(), s)
            )

    def _move_selected(self, opportunity_id: str | None, stage: str) -> None:
        if opportunity_id:
            self.move_opportunity_to_stage(opportunity_id, stage)

    def _build_simple_tab(self, table: str, empty_text: str) -> None:
        view = RecordTable(empty_text)
        tab = RecordTab(self, table, self.models[table], view, self)
        view.setColumnWidth(0, 240)
        tab.body.addWidget(view)
        self.record_tabs[table] = tab
        self.tabs.addTab(tab, "")

    def _update_tab_titles(self) -> None:
        titles = {
            "contacts": _tr("Contacts"),
            "notes": _tr("Notes"),
            "opportunities": _tr("Opportunities"),
            "contracts": _tr("Contracts"),
            "tasks": _tr("Tasks"),
        }
        for table, tab in self.record_tabs.items():
            count = self.models[table].rowCount()
            if table == "tasks":
                count = sum(
                    1
                    for i in self.tasks_model.ids
                    if self.tasks_model._rows[i].get("status") == "open"
                )
            title = titles[table] + (f"  {count}" if count else "")
            self.tabs.setTabText(self.tabs.indexOf(tab), title)
        soon = [
            c
            for c in (
                self.contracts_model.record(r) for r in range(self.contracts_model.rowCount())
            )
            if ContractsModel.urgency(c) == "soon"
        ]
        contracts_tab = self.tabs.indexOf(self.record_tabs["contracts"])
        self.tabs.tabBar().setTabTextColor(
            contracts_tab, tone_colors("red")[1] if soon else QColor()
        )

    # -- public API ----------------------------------------------------------------------------

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab after the built-in ones (the brief view adds "Brief")."""
        return self.tabs.addTab(widget, title)

    def current_account_id(self) -> str | None:
        return self.account_id

    def show_account(self, account_id: str) -> None:
        """Show ``account_id``: header and every tab read afresh."""
        changed = account_id != self.account_id
        self.account_id = account_id
        self.account = self.context.store.get("accounts", account_id)
        if self.account is None:
            self.placeholder.setText(
                _tr(
                    "This account no longer exists here. It may have been "
                    "deleted, or removed by a sync."
                )
            )
            self.pages.setCurrentWidget(self.placeholder)
            for model in self.models.values():
                model.load(None)
            self.capture.set_account(None)
            return
        self.pages.setCurrentWidget(self.detail_page)
        self._fill_header()
        for model in self.models.values():
            model.load(account_id)
        self.capture.set_account(
            account_id,
            [self.contacts_model.record(r) for r in range(self.contacts_model.rowCount())],
        )
        if changed:
            for tab in self.record_tabs.values():
                tab.view.scrollToTop()

    def select_record(self, table: str, row_id: str) -> None:
        """Switch to the tab of ``table`` and select ``row_id`` (search results use this)."""
        if table == "accounts":
            self.show_account(row_id)
            return
        tab = self.record_tabs.get(table)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        if not tab.select_id(row_id):
            self.pending_selection = (table, row_id)
        tab.view.setFocus()

    def focus_quick_capture(self) -> None:
        """Show the Notes tab with the cursor in quick capture (the shell's "New note")."""
        self.tabs.setCurrentWidget(self.record_tabs["notes"])
        self.capture.title.setFocus()

    def new_record(self, table: str, defaults: dict[str, Any] | None = None):
        """Open the form for a new record of ``table`` for this account; returns the dialog."""
        tab = self.record_tabs.get(table)
        if tab is None or not self.account_id:
            return None
        self.tabs.setCurrentWidget(tab)
        dialog = edit_record(
            self, self.context, table, defaults={"account_id": self.account_id, **(defaults or {})}
        )
        dialog.saved.connect(tab._select_when_loaded)
        self.last_dialog = dialog
        return dialog

    def selected_id(self, table: str) -> str | None:
        return self.record_tabs[table].selected_id()

    # -- actions -------------------------------------------------------------------------------

    def edit_account(self) -> None:
        if self.account_id:
            self.last_dialog = edit_record(self, self.context, "accounts", self.account_id)

    def delete_account(self) -> None:
        if self.account_id:
            confirm_delete(self, self.context, "accounts", self.account_id)

    def move_opportunity_to_stage(self, opportunity_id: str, stage: str) -> StoreOp:
        """Change an opportunity's stage (probability and forecast follow, as the store derives).

        Edit > Undo (``record_dialog.undo_last_edit``) puts the old stage back.
        """

        def work(store) -> dict:
            before = store.require("opportunities", opportunity_id)
            changed = store.update("opportunities", opportunity_id, {"stage": stage})
            return {k: before.get(k) for k in changed}

        return (
            StoreOp(self, work, self.context)
            .success(lambda base: base and remember_edit("opportunities", opportunity_id, base))
            .run_in_background()
        )

    def set_task_done(self, task_id: str, done: bool) -> StoreOp:
        """Complete (or reopen) a task; Edit > Undo reopens it."""
        status = "done" if done else "open"

        def work(store) -> dict:
            before = store.require("tasks", task_id)
            changed = store.update("tasks", task_id, {"status": status})
            return {k: before.get(k) for k in changed}

        return (
            StoreOp(self, work, self.context)
            .success(lambda base: base and remember_edit("tasks", task_id, base))
            .failure(self._toggle_failed)
            .run_in_background()
        )

    def _toggle_failed(self, exc: BaseException) -> None:
        from .errors import show_error

        self.tasks_model.refresh()
        show_error(self, exc)

    def _follow_link(self, link: str) -> None:
        table, _, row_id = link.partition(":")
        if table and row_id:
            self.open_record.emit(table, row_id)

    # -- header --------------------------------------------------------------------------------

    def _fill_header(self) -> None:
        account = self.account or {}
        store = self.context.store
        self.name_label.setText(account.get("name") or "")
        self.tier_chip.set_value(account.get("tier"))
        parts = []
        if account.get("parent_id"):
            parent = store.get("accounts", account["parent_id"])
            if parent:
                parts.append(_tr("Part of {}").format(_account_link(parent)))
        children = store.child_accounts(self.account_id) if self.account_id else []
        self.shown_children = {child["id"] for child in children}
        named = children if len(children) <= SHOWN_CHILDREN + 1 else children[:SHOWN_CHILDREN]
        if children:
            links = ", ".join(_account_link(child) for child in named)
            more = len(children) - len(named)
            parts.append(
                _tr("Parent of {}").format(links)
                + (_tr(" and {} more").format(more) if more else "")
            )
        self.subtitle.setToolTip(
            _tr("Parent of: {}").format(", ".join(child["name"] for child in children))
            if len(named) < len(children)
            else ""
        )
        where = ", ".join(p for p in (account.get("city"), account.get("country")) if p)
        for piece in (where, account.get("industry"), choice_label("type", account.get("type"))):
            if piece:
                parts.append(_escape(piece))
        if account.get("website"):
            parts.append(_escape(account["website"]))
        self.subtitle.setText("  ·  ".join(parts))
        self.health_chip.set_value(account.get("health"))
        self.health_reason.setText(account.get("health_reason") or "")
        self.churn_chip.set_value(account.get("churn_risk"))
        self.churn_reason.setText(account.get("churn_reason") or "")
        if not account.get("health") and not account.get("churn_risk"):
            self.health_reason.setText(_tr("Health and churn risk not assessed yet."))
        labels = self.figure_labels
        labels["mrr"].setText(format_money(account.get("mrr_cents")) or "—")
        labels["nps"].setText("—" if account.get("nps") is None else str(account["nps"]))
        review = account.get("next_review")
        if review:
            days = (parse_date(review) - today()).days
            labels["next_review"].setText(f"{format_date(review)}  ({days_text(days)})")
        else:
            labels["next_review"].setText(_tr("Not planned"))
        labels["owner"].setText(account.get("owner") or "—")
        pipeline = sum(
            o.get("amount_cents") or 0
            for o in store.opportunities_of(self.account_id)
            if o.get("stage") in E.OPEN_STAGES
        )
        labels["pipeline"].setText(format_money(pipeline))

    # -- refresh -------------------------------------------------------------------------------

    def _touched_tables(self, changes: Changes) -> set[str]:
        """Tables of this account's records that ``changes`` touched."""
        touched: set[str] = set()
        store = self.context.store
        for table in CHILD_TABLES:
            ids = changes.tables.get(table)
            if not ids:
                continue
            model = self.models[table]
            known = set(model.ids)
            if ids & known:
                touched.add(table)
                continue
            # New records, or records moved here from another account (one query per 500 ids).
            if any(row.get("account_id") == self.account_id for row in store.rows(table, ids)):
                touched.add(table)
        return touched

    def _on_store_changed(self, changes: Changes) -> None:
        if not self.account_id:
            return
        account_ids = changes.tables.get("accounts", set())
        if (
            self.account_id in account_ids
            and self.context.store.get("accounts", self.account_id) is None
        ):
            self.show_account(self.account_id)  # shows "no longer exists"
            return
        touched = self._touched_tables(changes)
        header_touched = (
            bool(
                account_ids
                & {self.account_id, (self.account or {}).get("parent_id"), *self.shown_children}
            )
            or "opportunities" in touched
            or (bool(account_ids) and self._children_changed())
        )
        if header_touched:
            self.account = self.context.store.get("accounts", self.account_id)
            self._fill_header()
        for table, model in self.models.items():
            if touched & set(model.depends_on):
                self._reload_keeping_selection(table)
        if "contacts" in touched:
            self.capture.set_account(
                self.account_id,
                [self.contacts_model.record(r) for r in range(self.contacts_model.rowCount())],
            )
        if self.pending_selection and self.pending_selection[0] in touched:
            table, row_id = self.pending_selection
            if self.record_tabs[table].select_id(row_id):
                self.pending_selection = None

    def _children_changed(self) -> bool:
        """Whether a new child account appeared (one indexed query, however big the change)."""
        children = self.context.store.child_accounts(self.account_id)
        return {child["id"] for child in children} != self.shown_children

    def _reload_keeping_selection(self, table: str) -> None:
        tab = self.record_tabs[table]
        selected = tab.selected_id()
        scroll = tab.view.verticalScrollBar().value()
        self.models[table].refresh()
        if selected:
            tab.select_id(selected)
        tab.view.verticalScrollBar().setValue(scroll)


def _account_link(account: dict[str, Any]) -> str:
    return f'<a href="accounts:{account["id"]}">{_escape(account["name"])}</a>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = [
    "ID_ROLE",
    "ROW_ROLE",
    "AccountView",
    "ContactsModel",
    "ContractsModel",
    "NotesModel",
    "OpportunitiesModel",
    "TasksModel",
]
