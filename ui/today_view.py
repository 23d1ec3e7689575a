"""Today: what the rep must do or must not miss, on one screen.

Overdue and due tasks (tick to complete), meetings today and this week, business reviews in the
next 30 days and contract notice deadlines within 30 days.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.accounts import REVIEW_SOON_DAYS
from desktop.clock import parse_date
from desktop.dates import days_until
from desktop.renewals import NOTICE_SOON_DAYS, OVERDUE, notice_band
from desktop.tasks import is_overdue
from desktop.today import agenda

from .form_fields import choice_label
from .list_screen import ListScreen
from .operations import OpContext, StoreOp
from .roles import ACCOUNT_ROLE, ID_ROLE, TABLE_ROLE
from .style import days_text, format_date, format_money, muted_brush


class RecordList(QTreeWidget):
    """A flat list of records in a card; Enter or double-click opens the record's account."""

    open_record = Signal(str, str)  # table, id

    def __init__(self, headers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(len(headers))
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in range(2, len(headers)):
            self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)
        self.itemActivated.connect(self._activated)

    def add_record(
        self, table: str, row_id: str, account_id: str | None, texts: list[str]
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        item.setData(0, TABLE_ROLE, table)
        item.setData(0, ID_ROLE, row_id)
        item.setData(0, ACCOUNT_ROLE, account_id)
        for column in range(1, len(texts)):
            item.setForeground(column, muted_brush())
        self.addTopLevelItem(item)
        return item

    def fit_height(self) -> None:
        """Tall enough for every row: the page scrolls, not each card."""
        rows = self.topLevelItemCount()
        row_height = self.sizeHintForRow(0) if rows else 0
        self.setFixedHeight(self.header().sizeHint().height() + rows * row_height + 4)

    def ids(self) -> list[str]:
        return [self.topLevelItem(i).data(0, ID_ROLE) for i in range(self.topLevelItemCount())]

    def item_for(self, row_id: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            if self.topLevelItem(i).data(0, ID_ROLE) == row_id:
                return self.topLevelItem(i)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_record.emit(item.data(0, TABLE_ROLE), item.data(0, ID_ROLE))


class Section(QFrame):
    """A titled card holding a RecordList, with a line to show when it is empty."""

    def __init__(
        self, title: str, empty_text: str, headers: list[str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("Card")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.title = QLabel(title)
        self.title.setObjectName("SectionTitle")
        self.count = QLabel()
        self.count.setObjectName("SectionCount")
        top.addWidget(self.title)
        top.addWidget(self.count)
        top.addStretch()
        layout.addLayout(top)
        self.list = RecordList(headers)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)

    def finish(self) -> None:
        rows = self.list.topLevelItemCount()
        self.count.setText(f"· {rows}" if rows else "")
        self.list.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        self.list.fit_height()


class TodayView(ListScreen):
    """The rep's day: tasks to tick off, meetings, reviews and deadlines coming up."""

    shown_tables = ("tasks", "accounts", "contracts")

    def __init__(self, context: OpContext, parent: QWidget | None = None, background: bool = True):
        super().__init__(context, parent, background)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        title = QLabel(self.tr("Today"))
        title.setObjectName("PageTitle")
        self.date_label = QLabel()
        self.date_label.setObjectName("PageSubtitle")
        layout.addWidget(title)
        layout.addWidget(self.date_label)

        self.tasks = Section(
            self.tr("Tasks due"),
            self.tr("Nothing due. Add a follow-up from an account with New Task (Ctrl+T)."),
            [self.tr("Task"), self.tr("Account"), self.tr("Due"), self.tr("Priority")],
        )
        self.meetings = Section(
            self.tr("Meetings this week"),
            self.tr("No meetings planned this week. Plan one as a task of kind Meeting."),
            [self.tr("Meeting"), self.tr("Account"), self.tr("When")],
        )
        self.reviews = Section(
            self.tr("Business reviews in the next {days} days").format(days=REVIEW_SOON_DAYS),
            self.tr(
                "No business review in the next {days} days. Set an account's next review date "
                "to see it here."
            ).format(days=REVIEW_SOON_DAYS),
            [self.tr("Account"), self.tr("City"), self.tr("MRR"), self.tr("Review")],
        )
        self.deadlines = Section(
            self.tr("Notice deadlines within {days} days").format(days=NOTICE_SOON_DAYS),
            self.tr("No contract notice deadline in the next {days} days.").format(
                days=NOTICE_SOON_DAYS
            ),
            [self.tr("Contract"), self.tr("Account"), self.tr("Ends"), self.tr("Notice by")],
        )
        grid = QHBoxLayout()
        grid.setSpacing(14)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(14)
        right.setSpacing(14)
        left.addWidget(self.tasks)
        left.addWidget(self.meetings)
        left.addStretch()
        right.addWidget(self.reviews)
        right.addWidget(self.deadlines)
        right.addStretch()
        grid.addLayout(left, 3)
        grid.addLayout(right, 2)
        layout.addLayout(grid)
        layout.addStretch()

        for section in (self.tasks, self.meetings, self.reviews, self.deadlines):
            section.list.open_record.connect(self.open_record)
        self.tasks.list.itemChanged.connect(self._task_ticked)
        self.refresh_when_visible()

    def query(self):
        today = dt.date.today()
        return lambda store: agenda(store, today)

    def fill(self, data: dict) -> None:
        today = data["today"]
        self.date_label.setText(format_date(today.isoformat()))
        tasks = self.tasks.list
        tasks.blockSignals(True)
        tasks.clear()
        for task in data["tasks"]:
            due_date = parse_date(task["due_date"])
            overdue = is_overdue(task.get("status"), due_date, today)
            days = days_until(due_date, today)
            due = self.tr("Overdue · {}").format(days_text(days)) if overdue else self.tr("Today")
            item = tasks.add_record(
                "tasks",
                task["id"],
                task["account_id"],
                [
                    task["subject"],
                    task.get("account_name") or "",
                    due,
                    choice_label("priority", task.get("priority")),
                ],
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setToolTip(0, self.tr("Tick to mark the task done"))
            if overdue:
                item.setForeground(2, self.palette().brush(self.foregroundRole()))
        tasks.blockSignals(False)
        self.tasks.finish()
        if data["tasks_total"] > len(data["tasks"]):
            self.tasks.count.setText(
                self.tr("· {} (the first {} shown)").format(data["tasks_total"], len(data["tasks"]))
            )

        self.meetings.list.clear()
        for task in data["meetings"]:
            days = days_until(parse_date(task["due_date"]), today)
            self.meetings.list.add_record(
                "tasks",
                task["id"],
                task["account_id"],
                [
                    task["subject"],
                    task.get("account_name") or "",
                    self.tr("Today") if days == 0 else format_date(task["due_date"]),
                ],
            )
        self.meetings.finish()

        self.reviews.list.clear()
        for account in data["reviews"]:
            days = days_until(parse_date(account["next_review"]), today)
            self.reviews.list.add_record(
                "accounts",
                account["id"],
                account["id"],
                [
                    account["name"],
                    account.get("city") or "",
                    format_money(account.get("mrr_cents"), currency=account.get("currency")),
                    f"{format_date(account['next_review'])} · {days_text(days)}",
                ],
            )
        self.reviews.finish()

        self.deadlines.list.clear()
        for contract in data["deadlines"]:
            self.deadlines.list.add_record(
                "contracts",
                contract["id"],
                contract["account_id"],
                [
                    contract["number"],
                    contract.get("account_name") or "",
                    format_date(contract["end_date"]),
                    self._deadline_text(contract),
                ],
            )
        self.deadlines.finish()

    def _deadline_text(self, contract: dict) -> str:
        days = contract["days_to_notice"]
        when = format_date(contract["notice_deadline"])
        if notice_band(days) == OVERDUE:
            return self.tr("{} · passed {}").format(when, days_text(days))
        return f"{when} · {days_text(days)}"

    def _task_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0 or item.checkState(0) != Qt.CheckState.Checked:
            return
        task_id = item.data(0, ID_ROLE)
        if item.isDisabled():
            return  # already on its way
        self.tasks.list.blockSignals(True)
        item.setDisabled(True)  # until the store says it is done, then the row goes away
        self.tasks.list.blockSignals(False)
        StoreOp(
            self, lambda store: store.update("tasks", task_id, {"status": "done"}), self._context
        ).failure(lambda exc: self._tick_failed(exc)).run_in_background()

    def _tick_failed(self, exc: BaseException) -> None:
        from .errors import show_error

        show_error(self, exc)
        self.refresh()
