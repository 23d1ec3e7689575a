"""Pipeline: open opportunities grouped by stage, with the count and total of each stage."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidgetItem, QWidget

from desktop import entities as E
from desktop.opportunities import pipeline_by_stage

from .chips import stage_label
from .list_screen import ListScreen
from .operations import OpContext
from .roles import ID_ROLE, TABLE_ROLE
from .style import format_date, format_money, muted_brush


class PipelineView(ListScreen):
    """Open opportunities by stage; Enter or double-click opens the opportunity's account."""

    shown_tables = ("opportunities", "accounts")

    def __init__(self, context: OpContext, parent: QWidget | None = None, background: bool = True):
        super().__init__(context, parent, background)
        self.build_tree_page(
            self.tr("Pipeline"),
            [
                self.tr("Opportunity"),
                self.tr("Account"),
                self.tr("Amount"),
                self.tr("Close date"),
                self.tr("Probability"),
                self.tr("Next step"),
            ],
            self.tr("No open opportunities"),
            self.tr(
                "Open an account and add an opportunity with New Opportunity "
                "(Ctrl+Shift+O); it shows here by stage."
            ),
        )
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.resizeSection(0, 300)
        header.resizeSection(1, 220)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.refresh_when_visible()

    def query(self):
        return pipeline_by_stage

    def fill(self, grouped: dict) -> None:
        expanded = {
            self.tree.topLevelItem(i).data(0, ID_ROLE): self.tree.topLevelItem(i).isExpanded()
            for i in range(self.tree.topLevelItemCount())
        }
        self.tree.clear()
        total_count, total_amount = 0, 0
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for stage in E.OPEN_STAGES:
            opportunities, count, amount = grouped.get(stage, ([], 0, 0))
            total_count += count
            total_amount += amount
            group = QTreeWidgetItem(
                [
                    f"{stage_label(stage)}  ·  {count}",
                    "",
                    format_money(amount),
                    "",
                    f"{E.STAGE_PROBABILITY[stage]}%",
                    "",
                ]
            )
            group.setData(0, ID_ROLE, stage)
            for column in range(6):
                group.setFont(column, bold)
            group.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for opportunity in opportunities:
                probability = opportunity.get("probability")
                child = QTreeWidgetItem(
                    [
                        opportunity["name"],
                        opportunity.get("account_name") or "",
                        format_money(opportunity.get("amount_cents")),
                        format_date(opportunity.get("close_date")),
                        f"{probability}%" if probability is not None else "",
                        opportunity.get("next_step") or "",
                    ]
                )
                child.setTextAlignment(
                    2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                child.setForeground(5, muted_brush())
                child.setData(0, TABLE_ROLE, "opportunities")
                child.setData(0, ID_ROLE, opportunity["id"])
                group.addChild(child)
            if count > len(opportunities):
                more = QTreeWidgetItem(
                    [
                        self.tr("… and {} more, the latest closing last").format(
                            count - len(opportunities)
                        )
                    ]
                )
                more.setForeground(0, muted_brush())
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.addChild(more)
            group.setExpanded(expanded.get(stage, True))
        self.summary.setText(
            self.tr("{} open · {} in total").format(total_count, format_money(total_amount))
        )
        self.show_tree(total_count > 0)

    def opportunity_ids(self, stage: str) -> list[str]:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.data(0, ID_ROLE) == stage:
                return [
                    group.child(j).data(0, ID_ROLE)
                    for j in range(group.childCount())
                    if group.child(j).data(0, ID_ROLE)
                ]
        return []
