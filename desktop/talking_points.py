"""Talking points: what a brief suggests raising in the meeting, each from one plain rule.

A rule reads the composed ``Brief`` (and the account's full notes and contacts) and returns the
points it finds, each naming the record it rests on. Rules name themselves in ``rule`` and carry
their figures in ``params``; the UI words the sentence so it can be translated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import renewals
from .accounts import review_is_soon
from .brief import Brief, Source, TalkingPoint

RENEWAL_WINDOW_DAYS = renewals.NOTICE_WATCH_DAYS  # notice deadline this close: time to talk renewal
STALLED_OPPORTUNITY_DAYS = 30  # an upsell with no note for this long is stalled
CHAMPION_SILENT_DAYS = 60  # a champion not contacted for this long is going cold
REVIEW_INTERVAL_DAYS = 90  # a customer should have a business review at least this often
UPSELL_TYPES = ("upsell", "cross_sell")
SENIOR_ROLES = ("economic_buyer", "decision_maker")
URGENT, SOON, LATER = 0, 1, 2


def suggest(brief: Brief, notes: list[dict[str, Any]]) -> list[TalkingPoint]:
    """Every talking point the rules find for ``brief`` (``notes``: all its notes, newest first)."""
    points: list[TalkingPoint] = []
    for rule in RULES:
        points.extend(rule(brief, notes))
    # Stable sort keeps each rule's own order within one urgency.
    points.sort(key=lambda p: p.urgency)
    return points


def _occurred(note: dict[str, Any]) -> dt.datetime:
    """When a note happened (every note has a time)."""
    return dt.datetime.fromisoformat(note["occurred_at"])


def renewal_window(brief: Brief, notes) -> list[TalkingPoint]:
    """A live contract's notice deadline is within the window, or has just passed."""
    points = []
    for c in brief.money.contracts:
        if not c.is_live or c.days_to_notice is None:
            continue
        params = {
            "number": c.number,
            "days": c.days_to_notice,
            "deadline": c.notice_deadline,
            "end_date": c.end_date,
            "auto_renew": c.auto_renew,
            "mrr_cents": c.mrr_cents,
        }
        band = renewals.notice_band(c.days_to_notice)
        if band == renewals.OVERDUE:
            points.append(TalkingPoint("notice_passed", params, c.source, urgency=URGENT))
        elif band in (renewals.SOON, renewals.WATCH):
            urgency = URGENT if band == renewals.SOON else SOON
            points.append(TalkingPoint("renewal_window", params, c.source, urgency=urgency))
    return points


def upsell_stalled(brief: Brief, notes) -> list[TalkingPoint]:
    """An open upsell or cross-sell whose close date passed, or with no note for 30 days."""
    since = dt.datetime.combine(brief.today, dt.time()) - dt.timedelta(
        days=STALLED_OPPORTUNITY_DAYS
    )
    last_note: dict[str, tuple[dt.datetime, str]] = {}
    for n in notes:  # newest first: the first note seen per opportunity is its latest
        opp_id = n.get("opportunity_id")
        if opp_id and opp_id not in last_note:
            last_note[opp_id] = (_occurred(n), n["id"])
    points = []
    for o in brief.opportunities:
        if o.type not in UPSELL_TYPES:
            continue
        latest = last_note.get(o.source[1])
        related: list[Source] = [("notes", latest[1])] if latest else []
        params = {
            "name": o.name,
            "stage": o.stage,
            "close_date": o.close_date,
            "amount_cents": o.amount_cents,
            "last_note": latest[0].date() if latest else None,
        }
        if o.close_date_passed:
            params["days"] = -(o.days_to_close or 0)
            points.append(TalkingPoint("upsell_overdue", params, o.source, related, SOON))
        elif latest is None or latest[0] < since:
            points.append(TalkingPoint("upsell_quiet", params, o.source, related, LATER))
    return points


def champion_silent(brief: Brief, notes) -> list[TalkingPoint]:
    """A champion not contacted for 60 days (or never)."""
    points = []
    for s in brief.champions:
        days = s.days_since_contact
        if days is None or days >= CHAMPION_SILENT_DAYS:
            params = {"name": s.name, "days": days, "last_contacted": s.last_contacted}
            points.append(TalkingPoint("champion_silent", params, s.source, urgency=SOON))
    if brief.stakeholders and not brief.champions and brief.opportunities:
        points.append(TalkingPoint("no_champion", {}, brief.identity.source, urgency=LATER))
    return points


def business_review(brief: Brief, notes) -> list[TalkingPoint]:
    """A customer's review date passed, or no business review note in the last 90 days."""
    if brief.identity.type not in (None, "customer"):
        return []
    h = brief.health
    if h.next_review is not None and h.days_to_review is not None and h.days_to_review < 0:
        params = {"date": h.next_review, "days": -h.days_to_review}
        return [TalkingPoint("review_overdue", params, h.source, urgency=SOON)]
    since = dt.datetime.combine(brief.today, dt.time()) - dt.timedelta(days=REVIEW_INTERVAL_DAYS)
    reviews = [n for n in notes if n["kind"] == "business_review"]
    latest = reviews[0] if reviews else None
    if latest is None or _occurred(latest) < since:
        # A review already booked in the coming weeks answers the point.
        if h.next_review is not None and review_is_soon(h.days_to_review or 0):
            return []
        params = {
            "last": _occurred(latest).date() if latest else None,
            "next": h.next_review,
        }
        related = [("notes", latest["id"])] if latest else []
        return [TalkingPoint("no_recent_review", params, h.source, related, SOON)]
    return []


def health_and_churn(brief: Brief, notes) -> list[TalkingPoint]:
    """Red health, or high churn risk: say what is being done about it."""
    h = brief.health
    points = []
    if h.health == "red":
        points.append(
            TalkingPoint("health_red", {"reason": h.health_reason}, h.source, urgency=URGENT)
        )
    if h.churn_risk == "high":
        points.append(
            TalkingPoint("churn_high", {"reason": h.churn_reason}, h.source, urgency=URGENT)
        )
    if h.nps is not None and h.nps < 0:
        points.append(TalkingPoint("nps_negative", {"nps": h.nps}, h.source, urgency=LATER))
    return points


def detractors(brief: Brief, notes) -> list[TalkingPoint]:
    """A detractor or blocker in a deciding role needs a plan."""
    points = []
    for s in brief.detractors:
        if s.role in SENIOR_ROLES or s.role == "blocker":
            params = {"name": s.name, "role": s.role, "title": s.title}
            points.append(TalkingPoint("win_over", params, s.source, urgency=SOON))
    return points


def overdue_follow_ups(brief: Brief, notes) -> list[TalkingPoint]:
    """Open tasks past their due date: close them before the customer raises them."""
    overdue = brief.overdue_tasks
    if not overdue:
        return []
    oldest = max(overdue, key=lambda t: t.days_overdue)
    params = {"count": len(overdue), "subject": oldest.subject, "days": oldest.days_overdue}
    related = [t.source for t in overdue if t is not oldest]
    return [TalkingPoint("overdue_follow_ups", params, oldest.source, related, URGENT)]


def escalations(brief: Brief, notes) -> list[TalkingPoint]:
    """The newest note naming an escalation or a risk: show it has been heard."""
    if not brief.risks:
        return []
    newest = brief.risks[0]
    params = {
        "keywords": newest.keywords,
        "title": newest.note_title,
        "date": newest.occurred_at.date(),
        "count": len(brief.risks),
    }
    related = [r.source for r in brief.risks[1:]]
    return [TalkingPoint("risk_in_notes", params, newest.source, related, URGENT)]


RULES = (
    renewal_window,
    health_and_churn,
    escalations,
    overdue_follow_ups,
    upsell_stalled,
    champion_silent,
    detractors,
    business_review,
)
