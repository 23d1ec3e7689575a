"""The account brief: what an executive reads before walking into a customer meeting.

``compose_brief`` gathers one account's facts from the store and applies the talking-point rules
of ``talking_points.py``. Every line of the brief carries the ``(table, id)`` of the record it
comes from, so a screen can link it and a reader can check it. No Qt here: the screen and the
PDF render the same ``Brief`` (``ui/brief_html.py``, ``ui/brief_pages.py``), and the sentences
are worded there, so they can be translated. The data classes are in ``brief_model.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import outbox
from .brief_model import (
    AsOf,
    Brief,
    ContractLine,
    Health,
    Identity,
    Money,
    NoteLine,
    OpportunityLine,
    Ref,
    RiskMention,
    Source,
    Stakeholder,
    TalkingPoint,
    TaskLine,
)
from .clock import parse_date, parse_datetime, utc_now
from .opportunities import is_open, probability_of, weighted_cents
from .renewals import days_to_notice
from .tasks import days_overdue

RECENT_NOTES = 5  # notes shown under "What happened lately"
RISK_LOOKBACK_DAYS = 90  # how far back notes are read for escalations and risks
RISK_MENTIONS = 5  # at most this many (the newest): a brief points at risks, it is no log
# Roles that make a contact matter to the deal, most decisive first.
ROLE_ORDER = ("champion", "economic_buyer", "decision_maker", "blocker", "influencer", "user")

# Words in a note that signal an escalation or a risk. Matched at word starts, case-insensitively,
# so "escalated", "cancellation" and "complaints" count; "SLA" only as a whole word.
RISK_KEYWORDS: dict[str, str] = {
    "escalation": r"escalat\w*",
    "outage": r"outages?|downtime",
    "SLA": r"SLAs?",
    "churn": r"churn\w*",
    "cancellation": r"cancel\w*",
    "termination": r"terminat\w*",
    "competitor": r"competitors?|competitive",
    "complaint": r"complain\w*",
    "incident": r"incidents?",
    "breach": r"breach\w*",
    "frustration": r"frustrat\w*|unhappy",
}
_RISK_RE = re.compile(
    "|".join(rf"(?P<k{i}>\b(?:{p})\b)" for i, p in enumerate(RISK_KEYWORDS.values())),
    re.IGNORECASE,
)
_RISK_NAMES = list(RISK_KEYWORDS)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")


class AccountNotFound(LookupError):
    """The account asked for is not in the store."""


def compose_brief(
    store, account_id: str, today: dt.date | None = None, now: dt.datetime | None = None
) -> Brief:
    """The brief of ``account_id`` as the store holds it now.

    ``today`` decides deadlines and overdue items (default: the local date); ``now`` is the
    "as of" instant (default: the current UTC time). Safe to call from a worker thread: the
    store gives each thread its own connection.
    """
    from . import talking_points  # the rules read the Brief defined above

    now = now or utc_now()
    today = today or dt.date.today()
    account = store.get("accounts", account_id)
    if account is None:
        raise AccountNotFound(f"That account ({account_id}) is not in this book of business.")
    src: Source = ("accounts", account_id)

    parent = None
    if account.get("parent_id"):
        parent_row = store.get("accounts", account["parent_id"])
        if parent_row:
            parent = Ref("accounts", parent_row["id"], parent_row["name"])
    children = [Ref("accounts", c["id"], c["name"]) for c in store.child_accounts(account_id)]
    identity = Identity(
        name=account["name"],
        industry=account.get("industry"),
        segment=account.get("segment"),
        type=account.get("type"),
        tier=account.get("tier"),
        owner=account.get("owner"),
        city=account.get("city"),
        country=account.get("country"),
        website=account.get("website"),
        phone=account.get("phone"),
        parent=parent,
        children=children,
        description=account.get("description"),
        source=src,
    )

    contracts = [_contract_line(c, today) for c in store.contracts_of(account_id, today)]
    contracts.sort(key=lambda c: (not c.is_live, c.notice_deadline or dt.date.max, c.number))
    money = Money(
        account.get("mrr_cents"),
        account.get("annual_revenue_cents"),
        contracts,
        src,
        account.get("currency"),
    )

    next_review = parse_date(account.get("next_review"))
    health = Health(
        health=account.get("health"),
        health_reason=account.get("health_reason"),
        churn_risk=account.get("churn_risk"),
        churn_reason=account.get("churn_reason"),
        nps=account.get("nps"),
        next_review=next_review,
        days_to_review=(next_review - today).days if next_review else None,
        source=src,
    )

    opportunities = [
        _opportunity_line(o, today)
        for o in store.opportunities_of(account_id)
        if is_open(o["stage"])
    ]
    opportunities.sort(key=lambda o: (o.close_date or dt.date.max, -o.amount_cents, o.name))

    contacts = store.contacts_of(account_id)
    stakeholders = [_stakeholder(c, today) for c in contacts if _matters(c)]
    stakeholders.sort(key=_stakeholder_order)

    all_notes = store.notes_of(account_id)
    notes = [_note_line(n) for n in all_notes[:RECENT_NOTES]]
    risks = _risk_mentions(all_notes, today)

    tasks = [_task_line(t, today) for t in store.tasks_of(account_id, include_closed=False)]

    as_of = AsOf(
        now=now, pending_changes=pending_changes_of(store, account_id), last_sync=_last_sync(store)
    )
    brief = Brief(
        account_id=account_id,
        today=today,
        as_of=as_of,
        identity=identity,
        money=money,
        health=health,
        opportunities=opportunities,
        stakeholders=stakeholders,
        notes=notes,
        tasks=tasks,
        risks=risks,
        talking_points=[],
    )
    brief.talking_points = talking_points.suggest(brief, all_notes)
    return brief


# -- building the lines ------------------------------------------------------------------------


def _contract_line(c: dict[str, Any], today: dt.date) -> ContractLine:
    end = parse_date(c.get("end_date"))
    deadline = parse_date(c.get("notice_deadline"))
    return ContractLine(
        number=c["number"],
        status=c.get("status"),
        start_date=parse_date(c.get("start_date")),
        end_date=end,
        notice_days=c.get("notice_days") or 0,
        notice_deadline=deadline,
        days_to_notice=days_to_notice(deadline, today),
        days_to_end=(end - today).days if end else None,
        auto_renew=bool(c.get("auto_renew")),
        mrr_cents=c.get("mrr_cents"),
        source=("contracts", c["id"]),
        currency=c.get("currency"),
    )


def _opportunity_line(o: dict[str, Any], today: dt.date) -> OpportunityLine:
    amount = o.get("amount_cents") or 0
    probability = probability_of(o)
    close = parse_date(o.get("close_date"))
    return OpportunityLine(
        name=o["name"],
        type=o.get("type"),
        stage=o["stage"],
        amount_cents=amount,
        probability=probability,
        # Integer cents, rounded half up, so the sum never drifts through floats.
        weighted_cents=weighted_cents(amount, probability),
        close_date=close,
        days_to_close=(close - today).days if close else None,
        next_step=o.get("next_step"),
        competitor=o.get("competitor"),
        forecast_category=o.get("forecast_category"),
        source=("opportunities", o["id"]),
        currency=o.get("currency"),
    )


def _matters(contact: dict[str, Any]) -> bool:
    """A contact matters when they have a say in the deal, or stand for or against us."""
    role = contact.get("role")
    stance = contact.get("stance")
    return (role is not None and role != "user") or stance in ("supporter", "detractor")


def _stakeholder(c: dict[str, Any], today: dt.date) -> Stakeholder:
    last = parse_date(c.get("last_contacted"))
    manager = None
    if c.get("reports_to_id"):
        manager = Ref("contacts", c["reports_to_id"], c.get("reports_to_name") or "")
    return Stakeholder(
        name=c["name"],
        title=c.get("title"),
        role=c.get("role"),
        stance=c.get("stance"),
        reports_to=manager,
        last_contacted=last,
        days_since_contact=(today - last).days if last else None,
        email=c.get("email"),
        phone=c.get("phone"),
        source=("contacts", c["id"]),
    )


def _stakeholder_order(s: Stakeholder) -> tuple:
    role_rank = ROLE_ORDER.index(s.role) if s.role in ROLE_ORDER else len(ROLE_ORDER)
    return (role_rank, not s.is_detractor, s.name.casefold())


def first_line(text: str | None, limit: int = 140) -> str:
    """The first non-empty line of ``text``, cut at a word near ``limit`` characters."""
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            if len(line) <= limit:
                return line
            cut = line[:limit].rsplit(" ", 1)[0]
            return cut.rstrip(",;:.") + "…"
    return ""


def _note_line(n: dict[str, Any]) -> NoteLine:
    return NoteLine(
        kind=n["kind"],
        title=n.get("title") or "",
        first_line=first_line(n.get("body")),
        occurred_at=dt.datetime.fromisoformat(n["occurred_at"]),  # NOT NULL in the schema
        author=n.get("author"),
        contact_name=n.get("contact_name"),
        source=("notes", n["id"]),
    )


def _task_line(t: dict[str, Any], today: dt.date) -> TaskLine:
    due = parse_date(t.get("due_date"))
    return TaskLine(
        subject=t["subject"],
        kind=t.get("kind"),
        due_date=due,
        days_overdue=days_overdue(due, today),
        priority=t.get("priority"),
        contact_name=t.get("contact_name"),
        source=("tasks", t["id"]),
    )


def risk_keywords(text: str) -> list[str]:
    """The risk keywords (names of ``RISK_KEYWORDS``) found in ``text``, in order of first use."""
    found: list[str] = []
    for match in _RISK_RE.finditer(text or ""):
        group = match.lastgroup or "k0"  # every alternative is a named group: never None
        name = _RISK_NAMES[int(group[1:])]
        if name not in found:
            found.append(name)
    return found


def _risk_excerpt(text: str, limit: int = 180) -> str:
    """The sentence of ``text`` where the first risk keyword appears."""
    for sentence in _SENTENCE_END.split(text):
        if _RISK_RE.search(sentence):
            sentence = sentence.strip()
            if len(sentence) > limit:
                sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
            return sentence
    return first_line(text, limit)


def _risk_mentions(notes: list[dict[str, Any]], today: dt.date) -> list[RiskMention]:
    """Notes of the last ``RISK_LOOKBACK_DAYS`` naming a risk keyword, newest first."""
    since = dt.datetime.combine(today - dt.timedelta(days=RISK_LOOKBACK_DAYS), dt.time())
    mentions = []
    for n in notes:  # newest first
        occurred = parse_datetime(n["occurred_at"])
        if occurred is None or occurred < since:
            continue
        title, body = n.get("title") or "", n.get("body") or ""
        keywords = risk_keywords(f"{title}\n{body}")
        if keywords:
            # The body says more than the title: quote it when it names the risk too.
            excerpt = _risk_excerpt(body) if risk_keywords(body) else title
            mentions.append(RiskMention(keywords, excerpt, title, occurred, ("notes", n["id"])))
            if len(mentions) == RISK_MENTIONS:
                break
    return mentions


# -- "as of" -----------------------------------------------------------------------------------


def pending_changes_of(store, account_id: str) -> int:
    """Outbox operations on this account or on records of it (deleted ones included)."""
    return outbox.pending_of_account(store.db, account_id)


def _last_sync(store) -> dt.datetime | None:
    """When the sync engine last finished, if it recorded it (key ``last_sync_at``)."""
    text = outbox.last_sync_text(store.db)
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text[:19])
    except ValueError:
        return None


# The data classes live in brief_model.py; screens, the PDF and the rules import them from here.
__all__ = [
    "AccountNotFound",
    "AsOf",
    "Brief",
    "ContractLine",
    "Health",
    "Identity",
    "Money",
    "NoteLine",
    "OpportunityLine",
    "Ref",
    "RiskMention",
    "Source",
    "Stakeholder",
    "TalkingPoint",
    "TaskLine",
    "compose_brief",
    "first_line",
    "pending_changes_of",
    "risk_keywords",
]
