"""Renewals: active contracts by notice deadline, with the days left to give notice."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidgetItem, QWidget

from desktop import renewals
from desktop.renewals import notice_band, renewals_overview

from .chips import ChipDelegate, chip_tone
from .list_screen import ListScreen
from .operations import OpContext
from .roles import BAND_ROLE, CHIP_ROLE, ID_ROLE, TABLE_ROLE
from .style import days_text, format_date, format_money, tone_colors

URGENCY_COLUMN = 4


class RenewalsView(ListScreen):
    """Every active contract, the nearest notice deadline first."""

    shown_tables = ("contracts", "accounts")

    def __init__(self, context: OpContext, parent: QWidget | None = None, background: bool = True):
        super().__init__(context, parent, background)
        self.build_tree_page(
            self.tr("Renewals"),
            [
                self.tr("Account"),
                self.tr("Contract"),
                self.tr("Notice by"),
                self.tr("Days left"),
                self.tr("Urgency"),
                self.tr("Ends"),
                self.tr("MRR"),
                self.tr("Auto-renew"),
            ],
            self.tr("No active contracts"),
            self.tr(
                "Contracts with an end date show here, nearest notice deadline first. "
                "Add one from an account's Contracts section."
            ),
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegateForColumn(URGENCY_COLUMN, ChipDelegate(self.tree))
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 8):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.refresh_when_visible()

    def query(self):
        return renewals_overview

    def fill(self, answer: tuple[list, int, int]) -> None:
        contracts, total, soon = answer
        self.tree.clear()
        for contract in contracts:
            days = contract.get("days_to_notice")
            band = notice_band(days)
            item = QTreeWidgetItem(
                [
                    contract.get("account_name") or "",
                    contract["number"],
                    format_date(contract.get("notice_deadline")),
                    days_text(days),
                    "",
                    format_date(contract.get("end_date")),
                    format_money(contract.get("mrr_cents"), currency=contract.get("currency")),
                    self.tr("Yes") if contract.get("auto_renew") else self.tr("No"),
                ]
            )
            item.setData(URGENCY_COLUMN, CHIP_ROLE, ("deadline", band))
            item.setData(0, TABLE_ROLE, "contracts")
            item.setData(0, ID_ROLE, contract["id"])
            item.setData(0, BAND_ROLE, band)
            if band != renewals.LATER:
                # The row washed in the band's tone; the chip says the band in words.
                background, _foreground = tone_colors(chip_tone("deadline", band))
                background.setAlphaF(0.45)
                for column in range(8):
                    if column != URGENCY_COLUMN:
                        item.setBackground(column, background)
            self.tree.addTopLevelItem(item)
        self.summary.setText(
            self.tr("%n contract(s)", "", total)
            + " · "
            + self.tr("%n with notice due within {days} days", "", soon).format(
                days=renewals.NOTICE_SOON_DAYS
            )
            + (
                self.tr(" · the {} nearest shown").format(len(contracts))
                if total > len(contracts)
                else ""
            )
        )
        self.show_tree(bool(contracts))

    def contract_ids(self) -> list[str]:
        return self.top_level_ids()

    def band_of(self, contract_id: str) -> str | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ID_ROLE) == contract_id:
                return item.data(0, BAND_ROLE)
        return None
