"""The brief as a document: HTML for the screen, and paged drawing for PDF and paper.

One HTML rendering serves both, so what a rep reads on screen is what prints. The document is
laid out at a fixed 96 dots per inch whatever the screen or printer, then scaled onto the page,
so a PDF looks the same on every machine. Each page gets a running header (the account name on
continuation pages, the "as of" time) and a footer with page numbers.

Links are ``fieldbook://record/<table>/<id>``: every line of the brief names the record it
comes from, and the on-screen view opens it on click.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QTimeZone,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)

from desktop.brief import Brief, TalkingPoint, first_line
from desktop.paths import resources_dir

from .chips import chip_text, stage_label
from .form_fields import choice_label
from .style import days_text, format_money

LINK_SCHEME = "fieldbook"
LAYOUT_DPI = 96  # the document is laid out at this resolution, then scaled onto the device

# Fonts are chosen by family with fallbacks, so Japanese, Chinese, Greek and Cyrillic names
# render: Noto covers them on Linux (fonts-noto-core, fonts-noto-cjk), the OS fonts elsewhere.
FONT_FAMILIES = [
    "Noto Sans",
    "Segoe UI",
    "Helvetica Neue",
    "Arial",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Yu Gothic",
    "Microsoft YaHei",
    "Hiragino Sans",
    "PingFang SC",
    "DejaVu Sans",
]

# Ink colours for paper and the light "document" view (a brief always reads as a page).
INK = "#1f2933"
MUTED = "#6b7682"
RULE = "#dde2e8"
ACCENT = "#1d4ed8"
TONE_INK = {
    "green": "#15803d",
    "amber": "#b45309",
    "red": "#b91c1c",
    "grey": "#6b7682",
    "blue": "#1d4ed8",
    "violet": "#6d28d9",
}
TONE_WASH = {
    "green": "#ecfdf3",
    "amber": "#fff7e6",
    "red": "#fdecec",
    "grey": "#f3f5f7",
    "blue": "#eef4ff",
    "violet": "#f4f0ff",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Brief", text)


def record_url(table: str, row_id: str) -> str:
    return f"{LINK_SCHEME}://record/{table}/{row_id}"


def parse_record_url(url: QUrl | str) -> tuple[str, str] | None:
    """(table, id) of a brief link, or None for any other link."""
    url = QUrl(url) if isinstance(url, str) else url
    if url.scheme() != LINK_SCHEME or url.host() != "record":
        return None
    parts = [p for p in url.path().split("/") if p]
    return (parts[0], parts[1]) if len(parts) == 2 else None


def style_sheet() -> str:
    """The brief's CSS (the Qt rich-text subset), from resources/brief/brief.css."""
    path = resources_dir() / "brief" / "brief.css"
    css = path.read_text(encoding="utf-8")
    return css.replace("@font", ", ".join(f"'{f}'" for f in FONT_FAMILIES))


def brief_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(9.5)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


# -- words -----------------------------------------------------------------------------------


def _e(text) -> str:
    return html.escape(str(text)) if text is not None else ""


def _date(day: dt.date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def _short_date(day: dt.date | None) -> str:
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


def _label(value: str | None) -> str:
    return value.replace("_", " ").capitalize() if value else ""


def role_label(role: str | None) -> str:
    return choice_label("role", role)


def _opp_type_label(kind: str | None) -> str:
    return choice_label("type", kind)


def _kind_label(kind: str | None) -> str:
    # a "general" note reads as just a note in the brief's timeline
    return _tr("Note") if kind == "general" else choice_label("kind", kind)


def _keyword_label(keyword: str) -> str:
    return _tr(keyword) if keyword == "SLA" else _tr(keyword).capitalize()


def talking_point_text(point: TalkingPoint) -> str:
    """The sentence a talking point reads as (plain text, not escaped)."""
    p = point.params
    rule = point.rule
    if rule == "renewal_window":
        base = _tr("Renewal: notice on {number} is due by {deadline} ({days}).").format(
            number=p["number"], deadline=_date(p["deadline"]), days=days_text(p["days"])
        )
        if p.get("auto_renew"):
            return base + " " + _tr("It renews on its own unless notice is given: confirm intent.")
        return base + " " + _tr("It does not auto-renew: agree the renewal now.")
    if rule == "notice_passed":
        return _tr("Notice deadline on {number} passed {ago}; the contract ends {end}.").format(
            number=p["number"], ago=days_text(p["days"]), end=_date(p["end_date"])
        )
    if rule == "upsell_overdue":
        return _tr(
            "{name} ({stage}) was due to close {ago}: reset the close date or the plan."
        ).format(name=p["name"], stage=stage_label(p["stage"]), ago=days_text(-p["days"]))
    if rule == "upsell_quiet":
        if p.get("last_note"):
            return _tr(
                "{name} has gone quiet: last note {date}. Ask what it takes to move."
            ).format(name=p["name"], date=_date(p["last_note"]))
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
            date=_date(p["date"])
        )
    if rule == "no_recent_review":
        if p.get("last"):
            return _tr("No business review since {date}: propose one.").format(
                date=_date(p["last"])
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
        words = ", ".join(_keyword_label(k).lower() for k in p["keywords"])
        return _tr("Acknowledge the {words} raised on {date} (“{title}”).").format(
            words=words, date=_date(p["date"]), title=p["title"]
        )
    return rule


# -- the HTML --------------------------------------------------------------------------------


def _link(source: tuple[str, str], text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{record_url(*source)}"{attr}>{text}</a>'


def _tone_span(tone: str, text: str, bold: bool = True) -> str:
    weight = "font-weight:600;" if bold else ""
    return f'<span style="color:{TONE_INK.get(tone, INK)};{weight}">{_e(text)}</span>'


def _dot(tone: str) -> str:
    return f'<span style="color:{TONE_INK.get(tone, MUTED)};">●</span>'


def _section(title: str, count: int | None = None, extra: str = "") -> str:
    counted = f' <span class="count">{count}</span>' if count else ""
    right = f'<td align="right" class="sectionextra">{extra}</td>' if extra else ""
    return (
        '<table width="100%" class="sectionhead" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="sectiontitle">{_e(title.upper())}{counted}</td>{right}</tr></table>'
    )


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def _health_tone(health: str | None) -> str:
    return {"green": "green", "amber": "amber", "red": "red"}.get(health or "", "grey")


def _churn_tone(risk: str | None) -> str:
    return {"none": "green", "low": "green", "medium": "amber", "high": "red"}.get(
        risk or "", "grey"
    )


def _days_tone(days: int | None) -> str:
    if days is None:
        return "grey"
    if days < 0 or days <= 30:
        return "red"
    if days <= 90:
        return "amber"
    return "grey"


def brief_html(brief: Brief, for_print: bool = False) -> str:
    """The whole brief as HTML for QTextDocument (screen and print share it)."""
    parts = [
        _header_html(brief, for_print),
        _figures_html(brief),
        _points_html(brief),
        _contracts_html(brief),
        _opportunities_html(brief),
        _people_html(brief),
        _risks_html(brief),
        _notes_html(brief),
        _tasks_html(brief),
    ]
    body = "".join(parts)
    if for_print:
        # On paper a fieldbook:// link leads nowhere (and a PDF viewer would try to follow it).
        body = _LINK_RE.sub(r"<span\2>\3</span>", body)
    return "<html><body>" + body + "</body></html>"


_LINK_RE = re.compile(r'<a href="(fieldbook://[^"]*)"((?: class="[^"]*")?)>(.*?)</a>')


def _header_html(brief: Brief, for_print: bool) -> str:
    ident = brief.identity
    where = ", ".join(x for x in (ident.city, ident.country) if x)
    facts = [x for x in (ident.industry, ident.segment, where) if x]
    badges = []
    if ident.tier:
        badges.append(_tr("{} tier").format(_label(ident.tier)))
    if ident.type:
        badges.append(_label(ident.type))
    if ident.owner:
        badges.append(_tr("Owner: {}").format(ident.owner))
    family = []
    if ident.parent:
        family.append(_tr("Part of {}").format(_link(ident.parent.source, _e(ident.parent.name))))
    if ident.children:
        links = ", ".join(_link(c.source, _e(c.name)) for c in ident.children)
        family.append(_tr("Subsidiaries: {}").format(links))
    sync_tone = "amber" if brief.as_of.has_unsynced_changes else "green"
    status = ""
    if not for_print:  # on paper the running header carries the "as of" line
        status = (
            f'<td align="right" valign="top" class="asof">{_e(as_of_text(brief))}<br/>'
            f"{_e(last_sync_text(brief))}<br/>"
            f"{_tone_span(sync_tone, sync_text(brief), bold=False)}</td>"
        )
    subtitle = " · ".join(_e(x) for x in facts)
    # On paper the running header already says "account brief".
    kicker = "" if for_print else f'<p class="kicker">{_e(_tr("Account brief"))}</p>'
    out = (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr><td valign="top">'
        f"{kicker}"
        f"<h1>{_link(ident.source, _e(ident.name), 'title')}</h1>"
        f'<p class="subtitle">{subtitle}</p>'
        f'<p class="badges">{" · ".join(_e(b) for b in badges)}</p>'
    )
    if family:
        out += f'<p class="family">{" · ".join(family)}</p>'
    return out + f"</td>{status}</tr></table>"


def _figure(label: str, value: str, note: str = "") -> str:
    note_html = f'<br/><span class="fignote">{note}</span>' if note else ""
    return (
        f'<td class="figure" valign="top"><span class="figlabel">'
        f'{_e(label.upper())}</span><br/><span class="figvalue">{value}</span>{note_html}</td>'
    )


def _figures_html(brief: Brief) -> str:
    money, health = brief.money, brief.health
    cells = [
        _figure(_tr("MRR"), _e(format_money(money.mrr_cents) or "—")),
        _figure(_tr("Annual revenue"), _e(format_money(money.annual_revenue_cents) or "—")),
        _figure(
            _tr("Weighted pipeline"),
            _e(format_money(brief.weighted_pipeline_cents)),
            _e(_tr("of {} open").format(format_money(brief.open_pipeline_cents)))
            if brief.opportunities
            else _e(_tr("no open deals")),
        ),
    ]
    h_tone = _health_tone(health.health)
    cells.append(
        _figure(
            _tr("Health"),
            (
                f"{_dot(h_tone)} {_tone_span(h_tone, chip_text('health', health.health))}"
                if health.health
                else "—"
            ),
        )
    )
    c_tone = _churn_tone(health.churn_risk)
    cells.append(
        _figure(
            _tr("Churn risk"),
            _tone_span(c_tone, chip_text("churn_risk", health.churn_risk) or "—"),
        )
    )
    nps = health.nps
    nps_tone = "grey" if nps is None else ("green" if nps >= 30 else "amber" if nps >= 0 else "red")
    review = ""
    if health.next_review:
        review = _e(_tr("Review {}").format(_date(health.next_review)))
    cells.append(
        _figure(_tr("NPS"), _tone_span(nps_tone, str(nps) if nps is not None else "—"), review)
    )
    out = (
        '<table width="100%" class="figures" cellspacing="0" cellpadding="0"><tr>'
        + "".join(cells)
        + "</tr></table>"
    )
    reasons = []
    if health.health_reason:
        reasons.append(
            f"{_tone_span(h_tone, chip_text('health', health.health))}: {_e(health.health_reason)}"
        )
    if health.churn_reason:
        reasons.append(
            f"{_tone_span(c_tone, chip_text('churn_risk', health.churn_risk))}: "
            f"{_e(health.churn_reason)}"
        )
    if reasons:
        out += f'<p class="reasons">{" &nbsp;·&nbsp; ".join(reasons)}</p>'
    return out


_URGENCY_TONE = {0: "red", 1: "amber", 2: "blue"}
LINE_CHARS = 88  # about what one line of the notes list holds at the brief's type size
GIST_MIN_CHARS = 30  # a note's first line is never cut shorter than this
MAX_POINTS_SHOWN = 6  # the most urgent; a brief that lists everything says nothing


def _points_html(brief: Brief) -> str:
    if not brief.talking_points:
        return _section(_tr("Talking points")) + _empty(
            _tr("Nothing pressing: a good day to ask about their plans.")
        )
    rows = []
    shown = brief.talking_points[:MAX_POINTS_SHOWN]
    for point in shown:
        tone = _URGENCY_TONE.get(point.urgency, "grey")
        text = _link(point.source, _e(talking_point_text(point)), "plain")
        rows.append(
            f'<tr><td class="pointdot" width="14">{_dot(tone)}</td>'
            f'<td class="point">{text}</td></tr>'
        )
    more = len(brief.talking_points) - len(shown)
    if more:
        rows.append(
            f'<tr><td></td><td class="point"><span class="muted">'
            f"{_e(_tr('and {} more in the sections below').format(more))}</span></td></tr>"
        )
    return (
        _section(_tr("Talking points"), len(brief.talking_points))
        + '<table width="100%" class="points" cellspacing="0" cellpadding="0">'
        + "".join(rows)
        + "</table>"
    )


def _th(*labels: str, align: Sequence[str] = ()) -> str:
    cells = []
    for i, label in enumerate(labels):
        a = align[i] if i < len(align) else "left"
        cells.append(f'<th align="{a}">{_e(label)}</th>')
    return "<tr>" + "".join(cells) + "</tr>"


def _table(head: str, rows: list[str]) -> str:
    # <thead> makes Qt repeat the column titles at the top of a continuation page.
    return (
        '<table width="100%" class="grid" cellspacing="0" cellpadding="0">'
        f"<thead>{head}</thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _contracts_html(brief: Brief) -> str:
    contracts = brief.money.contracts
    title = _section(_tr("Contracts and renewals"), len(contracts))
    if not contracts:
        return title + _empty(_tr("No contracts on record."))
    head = _th(
        _tr("Contract"),
        _tr("MRR"),
        _tr("Ends"),
        _tr("Notice by"),
        _tr("Notice"),
        _tr("Auto-renew"),
        align=("left", "right", "left", "left", "left", "left"),
    )
    rows = []
    for c in contracts:
        if c.is_live and c.days_to_notice is not None:
            tone = _days_tone(c.days_to_notice)
            if c.days_to_notice < 0:
                left = _tr("passed {}").format(days_text(c.days_to_notice))
            else:
                left = days_text(c.days_to_notice)
            left_html = _tone_span(tone, left, bold=tone != "grey")
        else:
            left_html = f'<span class="muted">{_e(_label(c.status) or _tr("Ended"))}</span>'
        renew = _tr("Yes") if c.auto_renew else _tr("No")
        rows.append(
            f"<tr><td>{_link(c.source, _e(c.number))}</td>"
            f'<td align="right">{_e(format_money(c.mrr_cents))}</td>'
            f"<td>{_e(_date(c.end_date))}</td><td>{_e(_date(c.notice_deadline))}"
            f'<span class="muted"> ({c.notice_days} d)</span></td>'
            f"<td>{left_html}</td><td>{_e(renew)}</td></tr>"
        )
    return title + _table(head, rows)


def _opportunities_html(brief: Brief) -> str:
    opps = brief.opportunities
    extra = ""
    if opps:
        extra = _e(
            _tr("Weighted {} of {}").format(
                format_money(brief.weighted_pipeline_cents), format_money(brief.open_pipeline_cents)
            )
        )
    title = _section(_tr("Open opportunities"), len(opps), extra)
    if not opps:
        return title + _empty(_tr("No open opportunities."))
    head = _th(
        _tr("Opportunity"),
        _tr("Stage"),
        _tr("Amount"),
        _tr("Prob."),
        _tr("Close"),
        _tr("Next step"),
        align=("left", "left", "right", "right", "left", "left"),
    )
    rows = []
    for o in opps:
        close = _e(
            _short_date(o.close_date)
            if o.close_date and o.close_date.year == brief.today.year
            else _date(o.close_date)
        )
        if o.close_date_passed:
            close = _tone_span(
                "red",
                _short_date(o.close_date)
                if o.close_date.year == brief.today.year
                else _date(o.close_date),
            )
        kind = f' <span class="muted">· {_e(_opp_type_label(o.type))}</span>' if o.type else ""
        comp = (
            f' <span class="muted">· {_e(_tr("vs {}").format(o.competitor))}</span>'
            if o.competitor
            else ""
        )
        rows.append(
            f"<tr><td>{_link(o.source, _e(o.name))}</td>"
            f"<td>{_e(stage_label(o.stage))}{kind}</td>"
            f'<td align="right">{_e(format_money(o.amount_cents))}</td>'
            f'<td align="right">{o.probability}%</td><td>{close}</td>'
            f"<td>{_e(o.next_step or '')}{comp}</td></tr>"
        )
    return title + _table(head, rows)


def _people_html(brief: Brief) -> str:
    people = brief.stakeholders
    champions, detractors = len(brief.champions), len(brief.detractors)
    bits = []
    if champions:
        bits.append(_tone_span("green", _tr("{} champion(s)").format(champions), bold=False))
    if detractors:
        bits.append(_tone_span("red", _tr("{} detractor(s)").format(detractors), bold=False))
    title = _section(_tr("People who matter"), len(people), " · ".join(bits))
    if not people:
        return title + _empty(_tr("No stakeholders mapped yet."))
    head = _th(
        _tr("Name"),
        _tr("Title"),
        _tr("Role"),
        _tr("Stance"),
        _tr("Reports to"),
        _tr("Last contact"),
    )
    rows = []
    for s in people:
        name = _link(s.source, _e(s.name))
        if s.is_champion:
            name = "★ " + name
        stance_tone = {"supporter": "green", "detractor": "red"}.get(s.stance or "", "grey")
        stance = _tone_span(stance_tone, _label(s.stance), bold=stance_tone != "grey")
        role = _e(role_label(s.role))
        if s.role in ("champion", "blocker"):
            role = _tone_span("green" if s.role == "champion" else "red", role_label(s.role))
        manager = _link(s.reports_to.source, _e(s.reports_to.name)) if s.reports_to else ""
        if s.last_contacted:
            days = s.days_since_contact or 0
            tone = "red" if s.is_champion and days >= 60 else "grey"
            when = (
                _short_date(s.last_contacted)
                if s.last_contacted.year == brief.today.year
                else _date(s.last_contacted)
            )
            contact = f"{_e(when)} {_tone_span(tone, _tr('({} d)').format(days), bold=False)}"
        else:
            contact = f'<span class="muted">{_e(_tr("never"))}</span>'
        rows.append(
            f'<tr><td>{name}</td><td><span class="muted">{_e(s.title or "")}</span></td>'
            f"<td>{role}</td><td>{stance}</td><td>{manager}</td><td>{contact}</td></tr>"
        )
    return title + _table(head, rows)


def _risks_html(brief: Brief) -> str:
    if not brief.risks:
        return ""
    rows = []
    for r in brief.risks:
        words = ", ".join(_keyword_label(k) for k in r.keywords)
        rows.append(
            f'<tr><td class="date" width="70">{_e(_date(r.occurred_at.date()))}</td>'
            f'<td><span class="risk">{_e(words)}</span> — '
            f"{_link(r.source, _e(r.excerpt), 'plain')}</td></tr>"
        )
    return (
        _section(_tr("Escalations and risks in recent notes"), len(brief.risks))
        + '<table width="100%" class="list" cellspacing="0" cellpadding="0">'
        + "".join(rows)
        + "</table>"
    )


def _notes_html(brief: Brief) -> str:
    title = _section(_tr("What happened lately"))
    if not brief.notes:
        return title + _empty(_tr("No notes yet."))
    rows = []
    for n in brief.notes:
        who = " · ".join(x for x in (_kind_label(n.kind), n.contact_name) if x)
        # Title, gist and who on one printed line: the gist gets what the others leave.
        room = max(GIST_MIN_CHARS, LINE_CHARS - len(n.title) - len(who))
        gist = (
            f' — <span class="gist">{_e(first_line(n.first_line, room))}</span>'
            if n.first_line
            else ""
        )
        rows.append(
            f'<tr><td class="date" width="70">{_e(_date(n.occurred_at.date()))}</td>'
            f"<td>{_link(n.source, _e(n.title), 'strong')}{gist}"
            f' <span class="muted">· {_e(who)}</span></td></tr>'
        )
    return (
        title
        + '<table width="100%" class="list" cellspacing="0" cellpadding="0">'
        + "".join(rows)
        + "</table>"
    )


def _tasks_html(brief: Brief) -> str:
    tasks = brief.tasks
    overdue = len(brief.overdue_tasks)
    extra = _tone_span("red", _tr("{} overdue").format(overdue), bold=False) if overdue else ""
    title = _section(_tr("Open tasks and follow-ups"), len(tasks), extra)
    if not tasks:
        return title + _empty(_tr("No open tasks."))
    rows = []
    for t in tasks:
        if t.overdue:
            due = _tone_span("red", _date(t.due_date))
            late = " " + _tone_span("red", _tr("{} days late").format(t.days_overdue), bold=False)
        elif t.due_date:
            due, late = _e(_date(t.due_date)), ""
        else:
            due, late = f'<span class="muted">{_e(_tr("no date"))}</span>', ""
        who = " · ".join(x for x in (_kind_label(t.kind), t.contact_name) if x)
        prio = (
            f' <span class="risk">{_e(_tr("high priority"))}</span>' if t.priority == "high" else ""
        )
        rows.append(
            f'<tr><td class="date" width="70">{due}</td>'
            f"<td>{_link(t.source, _e(t.subject))}{late}{prio}"
            f' <span class="muted">· {_e(who)}</span></td></tr>'
        )
    return (
        title
        + '<table width="100%" class="list" cellspacing="0" cellpadding="0">'
        + "".join(rows)
        + "</table>"
    )


# -- documents and pages ---------------------------------------------------------------------


def make_document(brief: Brief, for_print: bool = False) -> QTextDocument:
    """A QTextDocument holding the brief, styled, laid out at ``LAYOUT_DPI``."""
    doc = QTextDocument()
    doc.setDefaultFont(brief_font())
    doc.setDefaultStyleSheet(style_sheet())
    doc.setDocumentMargin(0)
    if for_print:
        device = _layout_device()
        doc.documentLayout().setPaintDevice(device)
        doc.layout_device = device  # the layout keeps only a pointer: the document owns it
    doc.setHtml(brief_html(brief, for_print))
    return doc


def _layout_device() -> QImage:
    """A tiny image at exactly ``LAYOUT_DPI``: layout independent of the screen's resolution."""
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    return image


def default_page_size() -> QPageSize:
    """Letter where the locale measures in inches (US), A4 elsewhere."""
    if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


PAGE_MARGINS_MM = QMarginsF(15, 10, 15, 9)
HEADER_H = 30  # layout pixels reserved above the content on each page (running header)
FOOTER_H = 26  # and below (page numbers)


@dataclass
class PagedBrief:
    """A brief (or a trip pack's contents page) laid out into pages of one size, ready to draw."""

    brief: Brief | None
    doc: QTextDocument
    page_count: int
    content: QSizeF  # layout pixels
    title: str = ""  # footer, and header of continuation pages
    kicker: str = ""  # header of the first page
    status: str = ""  # right of the header: as of, last sync, unsynced changes
    alert: bool = False  # the status warns (changes not yet synced)
    numbered: bool = True  # "Page x of n" in the footer


def paginate(brief: Brief, page_size: QPageSize) -> PagedBrief:
    """Lay the brief out into pages of ``page_size`` (content area below the running header)."""
    doc = make_document(brief, for_print=True)
    content = _content_size(page_size)
    doc.setPageSize(content)
    status = f"{as_of_text(brief)}  ·  {last_sync_text(brief)}  ·  {sync_text(brief)}"
    return PagedBrief(
        brief,
        doc,
        max(1, doc.pageCount()),
        content,
        brief.name,
        _tr("Fieldbook · account brief"),
        status,
        brief.as_of.has_unsynced_changes,
    )


def paginate_contents(
    briefs: Sequence[Brief], first_pages: Sequence[int], page_size: QPageSize
) -> PagedBrief:
    """The contents page of a trip pack: each account, what to watch, and its page."""
    rows = []
    for number, (brief, page) in enumerate(zip(briefs, first_pages), start=1):
        ident, health = brief.identity, brief.health
        where = ", ".join(x for x in (ident.city, ident.country) if x)
        h_tone = _health_tone(health.health)
        c_tone = _churn_tone(health.churn_risk)
        notice = brief.money.next_notice
        notice_html = ""
        if notice is not None and notice.days_to_notice is not None:
            tone = _days_tone(notice.days_to_notice)
            notice_html = _tone_span(tone, _date(notice.notice_deadline), bold=tone == "red")
        rows.append(
            f'<tr><td align="right" class="muted">{number}</td>'
            f"<td><b>{_e(brief.name)}</b></td><td>{_e(where)}</td>"
            f"<td>{_tone_span(h_tone, chip_text('health', health.health) or '—', bold=False)}</td>"
            f"<td>{_tone_span(c_tone, chip_text('churn_risk', health.churn_risk) or '—', False)}"
            f"</td><td>{notice_html}</td>"
            f'<td align="right">{len(brief.talking_points)}</td>'
            f'<td align="right">{page}</td></tr>'
        )
    head = _th(
        "",
        _tr("Account"),
        _tr("Where"),
        _tr("Health"),
        _tr("Churn risk"),
        _tr("Next notice"),
        _tr("Points"),
        _tr("Page"),
        align=("right", "left", "left", "left", "left", "left", "right", "right"),
    )
    cities = sorted({b.identity.city for b in briefs if b.identity.city})
    subtitle = _tr("{} accounts").format(len(briefs))
    if 0 < len(cities) <= 3:
        subtitle += " · " + ", ".join(cities)
    html_text = (
        f"<html><body><h1>{_e(_tr('Trip briefs'))}</h1>"
        f'<p class="subtitle">{_e(subtitle)}</p>'
        f"{_section(_tr('Contents'))}{_table(head, rows)}</body></html>"
    )
    doc = QTextDocument()
    doc.setDefaultFont(brief_font())
    doc.setDefaultStyleSheet(style_sheet())
    doc.setDocumentMargin(0)
    device = _layout_device()
    doc.documentLayout().setPaintDevice(device)
    doc.layout_device = device
    doc.setHtml(html_text)
    content = _content_size(page_size)
    doc.setPageSize(content)
    first = briefs[0]
    unsynced = sum(b.as_of.pending_changes for b in briefs)
    status = f"{as_of_text(first)}  ·  {last_sync_text(first)}  ·  " + (
        _tr("{} changes not yet synced").format(unsynced) if unsynced else sync_text(first)
    )
    return PagedBrief(
        None,
        doc,
        max(1, doc.pageCount()),
        content,
        _tr("Trip briefs"),
        _tr("Fieldbook · trip briefs"),
        status,
        unsynced > 0,
        numbered=False,
    )


def _content_size(page_size: QPageSize) -> QSizeF:
    full = page_size.size(QPageSize.Unit.Inch)
    width = full.width() * LAYOUT_DPI - _mm(PAGE_MARGINS_MM.left() + PAGE_MARGINS_MM.right())
    height = (
        full.height() * LAYOUT_DPI
        - _mm(PAGE_MARGINS_MM.top() + PAGE_MARGINS_MM.bottom())
        - HEADER_H
        - FOOTER_H
    )
    return QSizeF(width, height)


def _mm(mm: float) -> float:
    return mm / 25.4 * LAYOUT_DPI


def page_layout(page_size: QPageSize) -> QPageLayout:
    """The page layout every brief prints with: no device margins, ours are drawn."""
    return QPageLayout(
        page_size,
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def draw_page(painter: QPainter, paged: PagedBrief, index: int, device_dpi: float) -> None:
    """Draw page ``index`` (0-based) of ``paged`` with its running header and footer."""
    scale = device_dpi / LAYOUT_DPI
    painter.save()
    painter.scale(scale, scale)
    left = _mm(PAGE_MARGINS_MM.left())
    top = _mm(PAGE_MARGINS_MM.top())
    width = paged.content.width()
    height = paged.content.height()

    small = brief_font()
    small.setPixelSize(10)  # pixels of the 96-dpi layout: the painter is scaled to the device
    painter.setFont(small)
    painter.setPen(QColor(MUTED))
    header = QRectF(left, top, width, HEADER_H - 10)
    if index == 0:
        painter.drawText(
            header,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            paged.kicker,
        )
    else:
        bold = QFont(small)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(QColor(INK))
        painter.drawText(
            header,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _tr("{} (continued)").format(paged.title),
        )
        painter.setFont(small)
    painter.setPen(QColor(TONE_INK["amber"] if paged.alert else MUTED))
    painter.drawText(
        header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, paged.status
    )
    painter.setPen(QPen(QColor(RULE), 0.8))
    painter.drawLine(QPointF(left, top + HEADER_H - 8), QPointF(left + width, top + HEADER_H - 8))

    # The content: this page's slice of the document, clipped to the content area.
    body_top = top + HEADER_H
    painter.save()
    painter.translate(left, body_top - index * height)
    clip = QRectF(0, index * height, width, height)
    painter.setClipRect(clip)
    ctx = QAbstractTextDocumentLayout.PaintContext()
    ctx.clip = clip
    palette = ctx.palette
    palette.setColor(palette.ColorRole.Text, QColor(INK))
    ctx.palette = palette
    paged.doc.documentLayout().draw(painter, ctx)
    painter.restore()

    footer_top = body_top + height
    painter.setPen(QPen(QColor(RULE), 0.8))
    painter.drawLine(QPointF(left, footer_top + 6), QPointF(left + width, footer_top + 6))
    painter.setPen(QColor(MUTED))
    painter.setFont(small)
    foot = QRectF(left, footer_top + 8, width, FOOTER_H - 8)
    painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, paged.title)
    if paged.numbered:
        painter.drawText(
            foot,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            _tr("Page {} of {}").format(index + 1, paged.page_count),
        )
    painter.restore()


def print_pages(
    device: QPagedPaintDevice,
    pages: Sequence[PagedBrief],
    progress: Callable[[int], bool] | None = None,
) -> bool:
    """Draw each brief onto ``device``, every brief starting on a new page.

    ``progress(i)`` is called after brief ``i`` is drawn; returning False stops (cancel).
    Returns False when stopped, True when every page was drawn.
    """
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(_tr("Could not start writing the pages (is the file open elsewhere?)."))
    dpi = device.logicalDpiY()
    try:
        first = True
        for i, paged in enumerate(pages):
            for index in range(paged.page_count):
                if not first:
                    device.newPage()
                first = False
                draw_page(painter, paged, index, dpi)
            if progress is not None and not progress(i):
                return False
        return True
    finally:
        painter.end()


def write_pdf(
    path: str | Path,
    briefs: Sequence[Brief],
    page_size: QPageSize | None = None,
    progress: Callable[[int], bool] | None = None,
    contents: bool | None = None,
) -> int:
    """Write ``briefs`` to one PDF at ``path``; return its page count (0 when cancelled).

    Several briefs get a contents page first (``contents`` overrides); ``progress(i)`` is
    called after brief ``i`` is drawn, and returning False cancels.
    """
    from PySide6.QtGui import QPdfWriter

    page_size = page_size or default_page_size()
    pages = [paginate(b, page_size) for b in briefs]
    if contents is None:
        contents = len(briefs) > 1
    if contents and briefs:
        # Lay out once to learn how many pages the contents take, then number the briefs.
        cover_pages = paginate_contents(briefs, [0] * len(briefs), page_size).page_count
        first_pages, page = [], cover_pages + 1
        for paged in pages:
            first_pages.append(page)
            page += paged.page_count
        pages.insert(0, paginate_contents(briefs, first_pages, page_size))
    writer = QPdfWriter(str(path))
    writer.setPageLayout(page_layout(page_size))
    writer.setResolution(300)
    writer.setCreator("Fieldbook")
    title = briefs[0].name if len(briefs) == 1 else _tr("Account briefs")
    writer.setTitle(title)
    offset = 1 if contents and briefs else 0

    def drawn(i: int) -> bool:
        if i < offset or progress is None:
            return True
        return progress(i - offset)

    done = print_pages(writer, pages, drawn)
    return sum(p.page_count for p in pages) if done else 0
