"""Renewals: active contracts by notice deadline, with the days left to give notice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import Changes

from .account_list_model import LazyRefresh, StoreReader
from .accounts_view import EmptyState
from .chips import CHIP_ROLE, ChipDelegate
from .operations import OpContext
from .style import days_text, format_date, format_money, page_heading, tone_colors

TABLE_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3
URGENCY_COLUMN = 4


def urgency(days_left: int | None) -> str:
    """Which band a notice deadline falls in: overdue, within 30 or 90 days, or later."""
    if days_left is None:
        return "later"
    if days_left < 0:
        return "overdue"
    if days_left <= 30:
        return "30"
    if days_left <= 90:
        return "90"
    return "later"


MAX_ROWS = 400  # nearest deadlines listed; the summary counts them all


def read_renewals(store) -> tuple[list, int, int]:
    contracts = store.contracts_by_notice_deadline()
    soon = sum(1 for c in contracts if urgency(c.get("days_to_notice")) in ("overdue", "30"))
    return contracts[:MAX_ROWS], len(contracts), soon


class RenewalsView(LazyRefresh, QWidget):
    """Every active contract, the nearest notice deadline first."""

    open_record = Signal(str, str)  # table, id

    def __init__(self, context: OpContext, parent: QWidget | None = None, background: bool = True):
        super().__init__(parent)
        self._store = context.store
        self._background = background
        self._reader = StoreReader(context.store, self, background)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        heading, self.summary = page_heading(self.tr("Renewals"))
        layout.addLayout(heading)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                self.tr("Account"),
                self.tr("Contract"),
                self.tr("Notice by"),
                self.tr("Days left"),
                self.tr("Urgency"),
                self.tr("Ends"),
                self.tr("MRR"),
                self.tr("Auto-renew"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegateForColumn(URGENCY_COLUMN, ChipDelegate(self.tree))
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 8):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemActivated.connect(self._activated)
        self.empty = EmptyState(
            self.tr("No active contracts"),
            self.tr(
                "Contracts with an end date show here, nearest notice deadline first. "
                "Add one from an account's Contracts section."
            ),
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        context.events.changed.connect(self._on_store_changed)
        self.refresh_when_visible()

    def refresh(self) -> None:
        """Read the contracts again (off the GUI thread)."""
        self._reader.run("renewals", read_renewals, self._fill)

    def _fill(self, answer: tuple[list, int, int]) -> None:
        contracts, total, soon = answer
        self.tree.clear()
        for contract in contracts:
            days = contract.get("days_to_notice")
            band = urgency(days)
            item = QTreeWidgetItem(
                [
                    contract.get("account_name") or "",
                    contract["number"],
                    format_date(contract.get("notice_deadline")),
                    days_text(days),
                    "",
                    format_date(contract.get("end_date")),
                    format_money(contract.get("mrr_cents")),
                    self.tr("Yes") if contract.get("auto_renew") else self.tr("No"),
                ]
            )
            item.setData(URGENCY_COLUMN, CHIP_ROLE, ("deadline", band))
            item.setData(0, TABLE_ROLE, "contracts")
            item.setData(0, ID_ROLE, contract["id"])
            item.setData(0, Qt.ItemDataRole.UserRole + 4, band)
            if band in ("overdue", "30", "90"):
                background, _foreground = tone_colors("red" if band != "90" else "amber")
                background.setAlphaF(0.45)
                for column in range(8):
                    if column != URGENCY_COLUMN:
                        item.setBackground(column, background)
            self.tree.addTopLevelItem(item)
        self.summary.setText(
            self.tr("{} contracts · {} with notice due within 30 days").format(total, soon)
            + (
                self.tr(" · the {} nearest shown").format(len(contracts))
                if total > len(contracts)
                else ""
            )
        )
        self.stack.setCurrentWidget(self.tree if contracts else self.empty)

    def contract_ids(self) -> list[str]:
        return [
            self.tree.topLevelItem(i).data(0, ID_ROLE) for i in range(self.tree.topLevelItemCount())
        ]

    def band_of(self, contract_id: str) -> str | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ID_ROLE) == contract_id:
                return item.data(0, Qt.ItemDataRole.UserRole + 4)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_record.emit(item.data(0, TABLE_ROLE), item.data(0, ID_ROLE))

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.touches("contracts", "accounts"):
            self.refresh_when_visible()
