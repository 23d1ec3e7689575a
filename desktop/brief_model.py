"""What a brief holds: the account's identity, money, people, notes, tasks, risks and talking
points, each line carrying the ``(table, id)`` it comes from. Built by ``desktop/brief.py``,
shown by ``ui/brief_render.py``; plain data, no rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .renewals import is_live as contract_is_live

Source = tuple[str, str]  # (table, id) of the record a statement comes from


@dataclass(frozen=True)
class Ref:
    """Another record named in the brief (a parent account, a manager)."""

    table: str
    id: str
    name: str

    @property
    def source(self) -> Source:
        return (self.table, self.id)


@dataclass
class Identity:
    """Who the account is."""

    name: str
    industry: str | None
    segment: str | None
    type: str | None
    tier: str | None
    owner: str | None
    city: str | None
    country: str | None
    website: str | None
    phone: str | None
    parent: Ref | None
    children: list[Ref]
    description: str | None
    source: Source


@dataclass
class ContractLine:
    """A contract and when it can change: end date, notice deadline, days left to give notice."""

    number: str
    status: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    notice_days: int
    notice_deadline: dt.date | None
    days_to_notice: int | None  # negative once the deadline has passed
    days_to_end: int | None
    auto_renew: bool
    mrr_cents: int | None
    source: Source
    currency: str | None = None  # of mrr_cents; None: the CRM company's

    @property
    def is_live(self) -> bool:
        """Active (or without status) and not yet ended: the contracts that still pay."""
        return contract_is_live(self.status, self.days_to_end)


@dataclass
class Money:
    """What the account pays and when that can change."""

    mrr_cents: int | None
    annual_revenue_cents: int | None
    contracts: list[ContractLine]
    source: Source
    currency: str | None = None  # the account's, of its MRR and revenue; None: the company's

    @property
    def next_notice(self) -> ContractLine | None:
        """The live contract whose notice deadline comes first (still ahead, or just passed)."""
        live = [c for c in self.contracts if c.is_live and c.notice_deadline is not None]
        return min(live, key=lambda c: c.notice_deadline or dt.date.max, default=None)


@dataclass
class Health:
    """Health, churn risk, their reasons, NPS and the next business review."""

    health: str | None
    health_reason: str | None
    churn_risk: str | None
    churn_reason: str | None
    nps: int | None
    next_review: dt.date | None
    days_to_review: int | None
    source: Source


@dataclass
class OpportunityLine:
    """An open opportunity."""

    name: str
    type: str | None
    stage: str
    amount_cents: int
    probability: int
    weighted_cents: int
    close_date: dt.date | None
    days_to_close: int | None
    next_step: str | None
    competitor: str | None
    forecast_category: str | None
    source: Source
    currency: str | None = None  # of amount_cents; None: the CRM company's

    @property
    def close_date_passed(self) -> bool:
        return self.days_to_close is not None and self.days_to_close < 0


@dataclass
class Stakeholder:
    """A contact who matters to the deal."""

    name: str
    title: str | None
    role: str | None
    stance: str | None
    reports_to: Ref | None
    last_contacted: dt.date | None
    days_since_contact: int | None
    email: str | None
    phone: str | None
    source: Source

    @property
    def is_champion(self) -> bool:
        return self.role == "champion"

    @property
    def is_detractor(self) -> bool:
        return self.stance == "detractor" or self.role == "blocker"


@dataclass
class NoteLine:
    """A recent note, summarised by its first line."""

    kind: str
    title: str
    first_line: str
    occurred_at: dt.datetime
    author: str | None
    contact_name: str | None
    source: Source


@dataclass
class TaskLine:
    """An open task or follow-up."""

    subject: str
    kind: str | None
    due_date: dt.date | None
    days_overdue: int  # 0 when not overdue or undated
    priority: str | None
    contact_name: str | None
    source: Source

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass
class RiskMention:
    """An escalation or a risk named in a recent note, with the sentence it was found in."""

    keywords: list[str]
    excerpt: str
    note_title: str
    occurred_at: dt.datetime
    source: Source


@dataclass
class TalkingPoint:
    """Something to raise in the meeting, and the rule and records that suggested it.

    ``params`` fills the sentence the UI words for ``rule`` (see ``ui/brief_words.py``).
    ``related`` lists further records the point rests on.
    """

    rule: str
    params: dict[str, Any]
    source: Source
    related: list[Source] = field(default_factory=list)
    urgency: int = 1  # 0 = urgent, 1 = soon, 2 = worth a word; points are sorted by it


@dataclass
class AsOf:
    """The time of the data and whether the rep has changes the CRM has not seen yet."""

    now: dt.datetime  # UTC, naive
    pending_changes: int
    last_sync: dt.datetime | None = None

    @property
    def has_unsynced_changes(self) -> bool:
        return self.pending_changes > 0


@dataclass
class Brief:
    """Everything on one account's brief."""

    account_id: str
    today: dt.date
    as_of: AsOf
    identity: Identity
    money: Money
    health: Health
    opportunities: list[OpportunityLine]
    stakeholders: list[Stakeholder]
    notes: list[NoteLine]
    tasks: list[TaskLine]
    risks: list[RiskMention]
    talking_points: list[TalkingPoint]

    @property
    def name(self) -> str:
        return self.identity.name

    @property
    def weighted_pipeline_cents(self) -> int:
        """Sum of amount times probability over the open opportunities."""
        return sum(o.weighted_cents for o in self.opportunities)

    @property
    def open_pipeline_cents(self) -> int:
        return sum(o.amount_cents for o in self.opportunities)

    @property
    def champions(self) -> list[Stakeholder]:
        return [s for s in self.stakeholders if s.is_champion]

    @property
    def detractors(self) -> list[Stakeholder]:
        return [s for s in self.stakeholders if s.is_detractor]

    @property
    def overdue_tasks(self) -> list[TaskLine]:
        return [t for t in self.tasks if t.overdue]

    def sources(self) -> set[Source]:
        """Every record the brief states something about."""
        found: set[Source] = {self.identity.source, self.money.source, self.health.source}
        if self.identity.parent:
            found.add(self.identity.parent.source)
        found.update(c.source for c in self.identity.children)
        for group in (
            self.money.contracts,
            self.opportunities,
            self.stakeholders,
            self.notes,
            self.tasks,
            self.risks,
        ):
            found.update(item.source for item in group)
        for point in self.talking_points:
            found.add(point.source)
            found.update(point.related)
        return found
