"""The brief's words: dates, the "as of" line and every talking point's sentence.

``desktop/`` decides what a brief says (rules and their figures); this module says it, so the
sentences can be translated.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from desktop.brief import Brief, TalkingPoint

from .chips import stage_label
from .form_fields import choice_label
from .i18n import QT_TRANSLATE_NOOP, Counts, translate
from .style import days_text


def long_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), translate("dates", "d MMM yyyy"))


def short_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), translate("dates", "d MMM"))


def as_of_text(brief: Brief) -> str:
    """ "As of 22 Nov 2026, 09:30" in the rep's local time."""
    now = brief.as_of.now
    utc = QDateTime(QDate(now.year, now.month, now.day), _qtime(now), QTimeZone.utc())
    local = utc.toLocalTime()
    return translate("Brief", "As of {}").format(
        QLocale().toString(local, translate("dates", "d MMM yyyy, HH:mm"))
    )


def _qtime(moment: dt.datetime):
    from PySide6.QtCore import QTime

    return QTime(moment.hour, moment.minute, moment.second)


def last_sync_text(brief: Brief) -> str:
    """ "Last sync 22 Nov, 08:10" (local time), or that this copy never synced."""
    last = brief.as_of.last_sync
    if last is None:
        return translate("Brief", "Never synced")
    utc = QDateTime(QDate(last.year, last.month, last.day), _qtime(last), QTimeZone.utc())
    return translate("Brief", "Last sync {}").format(
        QLocale().toString(utc.toLocalTime(), translate("dates", "d MMM, HH:mm"))
    )


def sync_text(brief: Brief) -> str:
    """Whether the rep has changes the CRM has not seen yet."""
    count = brief.as_of.pending_changes
    if count == 0:
        # "All changes synced" would be untrue of a copy that never synced at all.
        return (
            translate("Brief", "All changes synced")
            if brief.as_of.last_sync
            else translate("Brief", "No local changes")
        )
    return Counts.tr("%n change(s) not yet synced", "", count)


def plain_label(value: str | None) -> str:
    """An allowed value (tier, type, status, stance) as forms show it, translated."""
    return choice_label("", value)


def role_label(role: str | None) -> str:
    return choice_label("role", role)


def opportunity_type_label(kind: str | None) -> str:
    return choice_label("type", kind)


def kind_label(kind: str | None) -> str:
    # a "general" note reads as just a note in the brief's timeline
    return translate("Brief", "Note") if kind == "general" else choice_label("kind", kind)


# The names of desktop.brief.RISK_KEYWORDS, as the brief shows them.
_KEYWORD_LABELS = {
    "escalation": QT_TRANSLATE_NOOP("Brief", "Escalation"),
    "outage": QT_TRANSLATE_NOOP("Brief", "Outage"),
    "SLA": QT_TRANSLATE_NOOP("Brief", "SLA"),
    "churn": QT_TRANSLATE_NOOP("Brief", "Churn"),
    "cancellation": QT_TRANSLATE_NOOP("Brief", "Cancellation"),
    "termination": QT_TRANSLATE_NOOP("Brief", "Termination"),
    "competitor": QT_TRANSLATE_NOOP("Brief", "Competitor"),
    "complaint": QT_TRANSLATE_NOOP("Brief", "Complaint"),
    "incident": QT_TRANSLATE_NOOP("Brief", "Incident"),
    "breach": QT_TRANSLATE_NOOP("Brief", "Breach"),
    "frustration": QT_TRANSLATE_NOOP("Brief", "Frustration"),
}


# The same, as they read inside a sentence ("Acknowledge the outage raised on ...").
_KEYWORD_WORDS = {
    "escalation": QT_TRANSLATE_NOOP("Brief", "escalation"),
    "outage": QT_TRANSLATE_NOOP("Brief", "outage"),
    "SLA": QT_TRANSLATE_NOOP("Brief", "SLA breach"),
    "churn": QT_TRANSLATE_NOOP("Brief", "churn"),
    "cancellation": QT_TRANSLATE_NOOP("Brief", "cancellation"),
    "termination": QT_TRANSLATE_NOOP("Brief", "termination"),
    "competitor": QT_TRANSLATE_NOOP("Brief", "competitor"),
    "complaint": QT_TRANSLATE_NOOP("Brief", "complaint"),
    "incident": QT_TRANSLATE_NOOP("Brief", "incident"),
    "breach": QT_TRANSLATE_NOOP("Brief", "breach"),
    "frustration": QT_TRANSLATE_NOOP("Brief", "frustration"),
}


def keyword_word(keyword: str) -> str:
    word = _KEYWORD_WORDS.get(keyword)
    return translate("Brief", word) if word else keyword


def keyword_label(keyword: str) -> str:
    label = _KEYWORD_LABELS.get(keyword)
    return translate("Brief", label) if label else keyword.capitalize()


def talking_point_text(point: TalkingPoint) -> str:
    """The sentence a talking point reads as (plain text, not escaped)."""
    p = point.params
    rule = point.rule
    if rule == "renewal_window":
        base = translate(
            "Brief", "Renewal: notice on {number} is due by {deadline} ({days})."
        ).format(number=p["number"], deadline=long_date(p["deadline"]), days=days_text(p["days"]))
        if p.get("auto_renew"):
            return (
                base
                + " "
                + translate("Brief", "It renews on its own unless notice is given: confirm intent.")
            )
        return base + " " + translate("Brief", "It does not auto-renew: agree the renewal now.")
    if rule == "notice_passed":
        return translate(
            "Brief", "Notice deadline on {number} passed {ago}; the contract ends {end}."
        ).format(number=p["number"], ago=days_text(p["days"]), end=long_date(p["end_date"]))
    if rule == "upsell_overdue":
        return translate(
            "Brief", "{name} ({stage}) was due to close {ago}: reset the close date or the plan."
        ).format(name=p["name"], stage=stage_label(p["stage"]), ago=days_text(-p["days"]))
    if rule == "upsell_quiet":
        if p.get("last_note"):
            return translate(
                "Brief", "{name} has gone quiet: last note {date}. Ask what it takes to move."
            ).format(name=p["name"], date=long_date(p["last_note"]))
        return translate("Brief", "{name} has no notes yet: ask what it takes to move.").format(
            name=p["name"]
        )
    if rule == "champion_silent":
        if p.get("last_contacted"):
            return translate(
                "Brief", "Champion {name} not contacted for {days} days: reconnect first."
            ).format(name=p["name"], days=p["days"])
        return translate(
            "Brief", "Champion {name} has never been contacted: reconnect first."
        ).format(name=p["name"])
    if rule == "no_champion":
        return translate(
            "Brief", "No champion among the stakeholders: who will sell for us inside?"
        )
    if rule == "review_overdue":
        return translate("Brief", "Business review overdue since {date}: propose a date.").format(
            date=long_date(p["date"])
        )
    if rule == "no_recent_review":
        if p.get("last"):
            return translate("Brief", "No business review since {date}: propose one.").format(
                date=long_date(p["last"])
            )
        return translate("Brief", "No business review on record: propose one.")
    if rule == "health_red":
        reason = p.get("reason")
        if reason:
            return translate("Brief", "Health is red: {reason}. Say what is being done.").format(
                reason=reason.rstrip(".")
            )
        return translate("Brief", "Health is red. Say what is being done.")
    if rule == "churn_high":
        reason = p.get("reason")
        if reason:
            return translate("Brief", "High churn risk: {reason}.").format(
                reason=reason.rstrip(".")
            )
        return translate("Brief", "High churn risk.")
    if rule == "nps_negative":
        return translate("Brief", "NPS is {nps}: ask what would make them recommend us.").format(
            nps=p["nps"]
        )
    if rule == "win_over":
        return translate(
            "Brief", "{name} ({role}) is against us: plan how to win them over."
        ).format(name=p["name"], role=role_label(p["role"]).lower())
    if rule == "overdue_follow_ups":
        if p["count"] == 1:
            return translate(
                "Brief", "Follow-up overdue: “{subject}” ({days} days late). Close it first."
            ).format(subject=p["subject"], days=p["days"])
        return translate(
            "Brief", "{count} follow-ups overdue, oldest “{subject}” ({days} days late)."
        ).format(count=p["count"], subject=p["subject"], days=p["days"])
    if rule == "risk_in_notes":
        words = ", ".join(keyword_word(k) for k in p["keywords"])
        return translate("Brief", "Acknowledge the {words} raised on {date} (“{title}”).").format(
            words=words, date=long_date(p["date"]), title=p["title"]
        )
    return rule
