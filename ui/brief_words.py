"""The brief's words: dates, the "as of" line and every talking point's sentence.

``desktop/`` decides what a brief says (rules and their figures); this module says it, so the
sentences can be translated.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTimeZone

from desktop.brief import Brief, TalkingPoint

from .chips import stage_label
from .form_fields import choice_label
from .style import days_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("Brief", text)


def long_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def short_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def as_of_text(brief: Brief) -> str:
    """ "As of 22 Nov 2026, 09:30" in the rep's local time."""
    now = brief.as_of.now
    utc = QDateTime(QDate(now.year, now.month, now.day), _qtime(now), QTimeZone.utc())
    local = utc.toLocalTime()
    return _tr("As of {}").format(QLocale().toString(local, "d MMM yyyy, HH:mm"))


def _qtime(moment: dt.datetime):
    from PySide6.QtCore import QTime

    return QTime(moment.hour, moment.minute, moment.second)


def last_sync_text(brief: Brief) -> str:
    """ "Last sync 22 Nov, 08:10" (local time), or that this copy never synced."""
    last = brief.as_of.last_sync
    if last is None:
        return _tr("Never synced")
    utc = QDateTime(QDate(last.year, last.month, last.day), _qtime(last), QTimeZone.utc())
    return _tr("Last sync {}").format(QLocale().toString(utc.toLocalTime(), "d MMM, HH:mm"))


def sync_text(brief: Brief) -> str:
    """Whether the rep has changes the CRM has not seen yet."""
    count = brief.as_of.pending_changes
    if count == 0:
        # "All changes synced" would be untrue of a copy that never synced at all.
        return _tr("All changes synced") if brief.as_of.last_sync else _tr("No local changes")
    if count == 1:
        return _tr("1 change not yet synced")
    return _tr("{} changes not yet synced").format(count)


def plain_label(value: str | None) -> str:
    return value.replace("_", " ").capitalize() if value else ""


def role_label(role: str | None) -> str:
    return choice_label("role", role)


def opportunity_type_label(kind: str | None) -> str:
    return choice_label("type", kind)


def kind_label(kind: str | None) -> str:
    # a "general" note reads as just a note in the brief's timeline
    return _tr("Note") if kind == "general" else choice_label("kind", kind)


def keyword_label(keyword: str) -> str:
    return _tr(keyword) if keyword == "SLA" else _tr(keyword).capitalize()


def talking_point_text(point: TalkingPoint) -> str:
    """The sentence a talking point reads as (plain text, not escaped)."""
    p = point.params
    rule = point.rule
    if rule == "renewal_window":
        base = _tr("Renewal: notice on {number} is due by {deadline} ({days}).").format(
            number=p["number"], deadline=long_date(p["deadline"]), days=days_text(p["days"])
        )
        if p.get("auto_renew"):
            return base + " " + _tr("It renews on its own unless notice is given: confirm intent.")
        return base + " " + _tr("It does not auto-renew: agree the renewal now.")
    if rule == "notice_passed":
        return _tr("Notice deadline on {number} passed {ago}; the contract ends {end}.").format(
            number=p["number"], ago=days_text(p["days"]), end=long_date(p["end_date"])
        )
    if rule == "upsell_overdue":
        return _tr(
            "{name} ({stage}) was due to close {ago}: reset the close date or the plan."
        ).format(name=p["name"], stage=stage_label(p["stage"]), ago=days_text(-p["days"]))
    if rule == "upsell_quiet":
        if p.get("last_note"):
            return _tr(
                "{name} has gone quiet: last note {date}. Ask what it takes to move."
            ).format(name=p["name"], date=long_date(p["last_note"]))
        return _tr("{name} has no notes yet: ask what it takes to move.").format(name=p["name"])
    if rule == "champion_silent":
        if p.get("last_contacted"):
            return _tr("Champion {name} not contacted for {days} days: reconnect first.").format(
                name=p["name"], days=p["days"]
            )
        return _tr("Champion {name} has never been contacted: reconnect first.").format(
            name=p["name"]
        )
    if rule == "no_champion":
        return _tr("No champion among the stakeholders: who will sell for us inside?")
    if rule == "review_overdue":
        return _tr("Business review overdue since {date}: propose a date.").format(
            date=long_date(p["date"])
        )
    if rule == "no_recent_review":
        if p.get("last"):
            return _tr("No business review since {date}: propose one.").format(
                date=long_date(p["last"])
            )
        return _tr("No business review on record: propose one.")
    if rule == "health_red":
        reason = p.get("reason")
        if reason:
            return _tr("Health is red: {reason}. Say what is being done.").format(
                reason=reason.rstrip(".")
            )
        return _tr("Health is red. Say what is being done.")
    if rule == "churn_high":
        reason = p.get("reason")
        if reason:
            return _tr("High churn risk: {reason}.").format(reason=reason.rstrip("."))
        return _tr("High churn risk.")
    if rule == "nps_negative":
        return _tr("NPS is {nps}: ask what would make them recommend us.").format(nps=p["nps"])
    if rule == "win_over":
        return _tr("{name} ({role}) is against us: plan how to win them over.").format(
            name=p["name"], role=role_label(p["role"]).lower()
        )
    if rule == "overdue_follow_ups":
        if p["count"] == 1:
            return _tr("Follow-up overdue: “{subject}” ({days} days late). Close it first.").format(
                subject=p["subject"], days=p["days"]
            )
        return _tr("{count} follow-ups overdue, oldest “{subject}” ({days} days late).").format(
            count=p["count"], subject=p["subject"], days=p["days"]
        )
    if rule == "risk_in_notes":
        words = ", ".join(keyword_label(k).lower() for k in p["keywords"])
        return _tr("Acknowledge the {words} raised on {date} (“{title}”).").format(
            words=words, date=long_date(p["date"]), title=p["title"]
        )
    return rule
