"""The account header: name and tier, family and whereabouts, health and churn risk with their
reasons, and the figures a rep looks at first (MRR, NPS, next review, owner, open pipeline)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.clock import parse_date, today
from desktop.crm_fields import EVERYTHING_EDITABLE, MISSING, FieldAccess
from desktop.dates import days_until
from desktop.opportunities import open_pipeline_cents

from ..chips import Chip
from ..field_access import missing_hint
from ..form_fields import choice_label
from ..i18n import Counts, translate
from ..style import days_text, format_date, format_money

FIGURE_FIELDS = {"mrr": "mrr_cents", "nps": "nps", "next_review": "next_review", "owner": "owner"}
SHOWN_CHILDREN = 3  # child accounts named in the header; the rest are counted


class AccountHeader(QFrame):
    """The card above the account's tabs; ``show_account`` fills it from the store."""

    link_activated = Signal(str)  # "accounts:<id>": a parent or child account was clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.shown_children: set[str] = set()  # child accounts named in the header
        grid = QVBoxLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setSpacing(6)
        top = QHBoxLayout()
        self.name_label = QLabel(self)
        self.name_label.setObjectName("PageTitle")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.name_label)
        self.tier_chip = Chip("tier", None, self)
        top.addWidget(self.tier_chip)
        top.addStretch(1)
        self.edit_account_button = QPushButton(translate("account_view", "Edit account"), self)
        self.delete_account_button = QPushButton(translate("account_view", "Delete account"), self)
        top.addWidget(self.edit_account_button)
        top.addWidget(self.delete_account_button)
        grid.addLayout(top)

        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("PageSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle.linkActivated.connect(self.link_activated)
        grid.addWidget(self.subtitle)

        signals = QHBoxLayout()
        signals.setSpacing(8)
        self.health_chip = Chip("health", None, self)
        self.health_reason = QLabel(self)
        self.health_reason.setObjectName("Muted")
        self.churn_chip = Chip("churn_risk", None, self)
        self.churn_reason = QLabel(self)
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
        self.figure_captions: dict[str, tuple[QLabel, str]] = {}
        for key, caption in (
            ("mrr", translate("account_view", "MRR")),
            ("nps", translate("account_view", "NPS")),
            ("next_review", translate("account_view", "Next business review")),
            ("owner", translate("account_view", "Owner")),
            ("pipeline", translate("account_view", "Open pipeline")),
        ):
            box = QVBoxLayout()
            box.setSpacing(0)
            cap = QLabel(caption, self)
            cap.setObjectName("Muted")
            value = QLabel(self)
            value.setObjectName("SectionTitle")
            box.addWidget(cap)
            box.addWidget(value)
            figures.addLayout(box)
            self.figure_labels[key] = value
            self.figure_captions[key] = (cap, caption)
        figures.addStretch(1)
        grid.addLayout(figures)

    def show_account(
        self,
        account: dict[str, Any] | None,
        account_id: str | None,
        store,
        access: FieldAccess = EVERYTHING_EDITABLE,
    ) -> None:
        """Fill the header for ``account`` (its parent, children and pipeline read from
        ``store``); a figure the CRM lacks (``access``) says it is kept in Fieldbook only."""
        account = account or {}
        self._mark_fieldbook_only(access)
        self.name_label.setText(account.get("name") or "")
        self.tier_chip.set_value(account.get("tier"))
        parts = []
        if account.get("parent_id"):
            parent = store.get("accounts", account["parent_id"])
            if parent:
                parts.append(translate("account_view", "Part of {}").format(_account_link(parent)))
        children = store.child_accounts(account_id) if account_id else []
        self.shown_children = {child["id"] for child in children}
        named = children if len(children) <= SHOWN_CHILDREN + 1 else children[:SHOWN_CHILDREN]
        if children:
            links = ", ".join(_account_link(child) for child in named)
            more = len(children) - len(named)
            parts.append(
                translate("account_view", "Parent of {}").format(links)
                + (Counts.tr(" and %n more", "", more) if more else "")
            )
        self.subtitle.setToolTip(
            translate("account_view", "Parent of: {}").format(
                ", ".join(child["name"] for child in children)
            )
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
            self.health_reason.setText(
                translate("account_view", "Health and churn risk not assessed yet.")
            )
        labels = self.figure_labels
        labels["mrr"].setText(
            format_money(account.get("mrr_cents"), currency=account.get("currency")) or "—"
        )
        labels["nps"].setText("—" if account.get("nps") is None else str(account["nps"]))
        review = account.get("next_review")
        if review:
            days = days_until(parse_date(review), today())
            labels["next_review"].setText(f"{format_date(review)}  ({days_text(days)})")
        else:
            labels["next_review"].setText(translate("account_view", "Not planned"))
        labels["owner"].setText(account.get("owner") or "—")
        pipeline = open_pipeline_cents(store.opportunities_of(account_id))
        labels["pipeline"].setText(format_money(pipeline, currency=account.get("currency")))

    def _mark_fieldbook_only(self, access: FieldAccess) -> None:
        hint = missing_hint(access)
        only = translate("account_view", "{} · Fieldbook only")
        for key, name in FIGURE_FIELDS.items():
            caption, text = self.figure_captions[key]
            missing = access.state("accounts", name) == MISSING
            caption.setText(only.format(text) if missing else text)
            for label in (caption, self.figure_labels[key]):
                label.setToolTip(hint if missing else "")
        for widgets, name in (
            ((self.health_chip, self.health_reason), "health"),
            ((self.churn_chip, self.churn_reason), "churn_risk"),
        ):
            for widget in widgets:
                widget.setToolTip(hint if access.state("accounts", name) == MISSING else "")


def _account_link(account: dict[str, Any]) -> str:
    return f'<a href="accounts:{account["id"]}">{_escape(account["name"])}</a>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["SHOWN_CHILDREN", "AccountHeader"]
