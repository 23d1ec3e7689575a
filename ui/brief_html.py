"""The brief as HTML for QTextDocument: the screen and the printed page share this rendering,
so what a rep reads on screen is what prints."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop.brief import Brief, first_line
from desktop.renewals import OVERDUE, notice_band

from .brief_style import (
    churn_tone,
    dot,
    empty_line,
    escape,
    grid_table,
    head_row,
    health_tone,
    notice_tone,
    record_link,
    section_head,
    tone_span,
)
from .brief_words import (
    as_of_text,
    keyword_label,
    kind_label,
    last_sync_text,
    long_date,
    opportunity_type_label,
    plain_label,
    role_label,
    short_date,
    sync_text,
    talking_point_text,
)
from .chips import chip_text, chip_tone, stage_label
from .style import days_text, format_money


def _tr(text: str) -> str:
    return QCoreApplication.translate("Brief", text)


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
        badges.append(_tr("{} tier").format(plain_label(ident.tier)))
    if ident.type:
        badges.append(plain_label(ident.type))
    if ident.owner:
        badges.append(_tr("Owner: {}").format(ident.owner))
    family = []
    if ident.parent:
        family.append(
            _tr("Part of {}").format(record_link(ident.parent.source, escape(ident.parent.name)))
        )
    if ident.children:
        links = ", ".join(record_link(c.source, escape(c.name)) for c in ident.children)
        family.append(_tr("Subsidiaries: {}").format(links))
    sync_tone = "amber" if brief.as_of.has_unsynced_changes else "green"
    status = ""
    if not for_print:  # on paper the running header carries the "as of" line
        status = (
            f'<td align="right" valign="top" class="asof">{escape(as_of_text(brief))}<br/>'
            f"{escape(last_sync_text(brief))}<br/>"
            f"{tone_span(sync_tone, sync_text(brief), bold=False)}</td>"
        )
    subtitle = " · ".join(escape(x) for x in facts)
    # On paper the running header already says "account brief".
    kicker = "" if for_print else f'<p class="kicker">{escape(_tr("Account brief"))}</p>'
    out = (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr><td valign="top">'
        f"{kicker}"
        f"<h1>{record_link(ident.source, escape(ident.name), 'title')}</h1>"
        f'<p class="subtitle">{subtitle}</p>'
        f'<p class="badges">{" · ".join(escape(b) for b in badges)}</p>'
    )
    if family:
        out += f'<p class="family">{" · ".join(family)}</p>'
    return out + f"</td>{status}</tr></table>"


def _figure(label: str, value: str, note: str = "") -> str:
    note_html = f'<br/><span class="fignote">{note}</span>' if note else ""
    return (
        f'<td class="figure" valign="top"><span class="figlabel">'
        f'{escape(label.upper())}</span><br/><span class="figvalue">{value}</span>{note_html}</td>'
    )


def _figures_html(brief: Brief) -> str:
    money, health = brief.money, brief.health
    cells = [
        _figure(_tr("MRR"), escape(format_money(money.mrr_cents) or "—")),
        _figure(_tr("Annual revenue"), escape(format_money(money.annual_revenue_cents) or "—")),
        _figure(
            _tr("Weighted pipeline"),
            escape(format_money(brief.weighted_pipeline_cents)),
            escape(_tr("of {} open").format(format_money(brief.open_pipeline_cents)))
            if brief.opportunities
            else escape(_tr("no open deals")),
        ),
    ]
    h_tone = health_tone(health.health)
    cells.append(
        _figure(
            _tr("Health"),
            (
                f"{dot(h_tone)} {tone_span(h_tone, chip_text('health', health.health))}"
                if health.health
                else "—"
            ),
        )
    )
    c_tone = churn_tone(health.churn_risk)
    cells.append(
        _figure(
            _tr("Churn risk"),
            tone_span(c_tone, chip_text("churn_risk", health.churn_risk) or "—"),
        )
    )
    nps = health.nps
    nps_tone = "grey" if nps is None else ("green" if nps >= 30 else "amber" if nps >= 0 else "red")
    review = ""
    if health.next_review:
        review = escape(_tr("Review {}").format(long_date(health.next_review)))
    cells.append(
        _figure(_tr("NPS"), tone_span(nps_tone, str(nps) if nps is not None else "—"), review)
    )
    out = (
        '<table width="100%" class="figures" cellspacing="0" cellpadding="0"><tr>'
        + "".join(cells)
        + "</tr></table>"
    )
    reasons = []
    if health.health_reason:
        reasons.append(
            f"{tone_span(h_tone, chip_text('health', health.health))}: {escape(health.health_reason)}"
        )
    if health.churn_reason:
        reasons.append(
            f"{tone_span(c_tone, chip_text('churn_risk', health.churn_risk))}: "
            f"{escape(health.churn_reason)}"
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
        return section_head(_tr("Talking points")) + empty_line(
            _tr("Nothing pressing: a good day to ask about their plans.")
        )
    rows = []
    shown = brief.talking_points[:MAX_POINTS_SHOWN]
    for point in shown:
        tone = _URGENCY_TONE.get(point.urgency, "grey")
        text = record_link(point.source, escape(talking_point_text(point)), "plain")
        rows.append(
            f'<tr><td class="pointdot" width="14">{dot(tone)}</td>'
            f'<td class="point">{text}</td></tr>'
        )
    more = len(brief.talking_points) - len(shown)
    if more:
        rows.append(
            f'<tr><td></td><td class="point"><span class="muted">'
            f"{escape(_tr('and {} more in the sections below').format(more))}</span></td></tr>"
        )
    return (
        section_head(_tr("Talking points"), len(brief.talking_points))
        + '<table width="100%" class="points" cellspacing="0" cellpadding="0">'
        + "".join(rows)
        + "</table>"
    )


def _contracts_html(brief: Brief) -> str:
    contracts = brief.money.contracts
    title = section_head(_tr("Contracts and renewals"), len(contracts))
    if not contracts:
        return title + empty_line(_tr("No contracts on record."))
    head = head_row(
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
            tone = notice_tone(c.days_to_notice)
            if notice_band(c.days_to_notice) == OVERDUE:
                left = _tr("passed {}").format(days_text(c.days_to_notice))
            else:
                left = days_text(c.days_to_notice)
            left_html = tone_span(tone, left, bold=tone != "grey")
        else:
            left_html = (
                f'<span class="muted">{escape(plain_label(c.status) or _tr("Ended"))}</span>'
            )
        renew = _tr("Yes") if c.auto_renew else _tr("No")
        rows.append(
            f"<tr><td>{record_link(c.source, escape(c.number))}</td>"
            f'<td align="right">{escape(format_money(c.mrr_cents))}</td>'
            f"<td>{escape(long_date(c.end_date))}</td><td>{escape(long_date(c.notice_deadline))}"
            f'<span class="muted"> ({c.notice_days} d)</span></td>'
            f"<td>{left_html}</td><td>{escape(renew)}</td></tr>"
        )
    return title + grid_table(head, rows)


def _opportunities_html(brief: Brief) -> str:
    opps = brief.opportunities
    extra = ""
    if opps:
        extra = escape(
            _tr("Weighted {} of {}").format(
                format_money(brief.weighted_pipeline_cents), format_money(brief.open_pipeline_cents)
            )
        )
    title = section_head(_tr("Open opportunities"), len(opps), extra)
    if not opps:
        return title + empty_line(_tr("No open opportunities."))
    head = head_row(
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
        close = escape(
            short_date(o.close_date)
            if o.close_date and o.close_date.year == brief.today.year
            else long_date(o.close_date)
        )
        if o.close_date_passed:
            close = tone_span(
                "red",
                short_date(o.close_date)
                if o.close_date.year == brief.today.year
                else long_date(o.close_date),
            )
        kind = (
            f' <span class="muted">· {escape(opportunity_type_label(o.type))}</span>'
            if o.type
            else ""
        )
        comp = (
            f' <span class="muted">· {escape(_tr("vs {}").format(o.competitor))}</span>'
            if o.competitor
            else ""
        )
        rows.append(
            f"<tr><td>{record_link(o.source, escape(o.name))}</td>"
            f"<td>{escape(stage_label(o.stage))}{kind}</td>"
            f'<td align="right">{escape(format_money(o.amount_cents))}</td>'
            f'<td align="right">{o.probability}%</td><td>{close}</td>'
            f"<td>{escape(o.next_step or '')}{comp}</td></tr>"
        )
    return title + grid_table(head, rows)


def _people_html(brief: Brief) -> str:
    people = brief.stakeholders
    champions, detractors = len(brief.champions), len(brief.detractors)
    bits = []
    if champions:
        bits.append(tone_span("green", _tr("{} champion(s)").format(champions), bold=False))
    if detractors:
        bits.append(tone_span("red", _tr("{} detractor(s)").format(detractors), bold=False))
    title = section_head(_tr("People who matter"), len(people), " · ".join(bits))
    if not people:
        return title + empty_line(_tr("No stakeholders mapped yet."))
    head = head_row(
        _tr("Name"),
        _tr("Title"),
        _tr("Role"),
        _tr("Stance"),
        _tr("Reports to"),
        _tr("Last contact"),
    )
    rows = []
    for s in people:
        name = record_link(s.source, escape(s.name))
        if s.is_champion:
            name = "★ " + name
        stance_tone = chip_tone("stance", s.stance)
        stance = tone_span(stance_tone, plain_label(s.stance), bold=stance_tone != "grey")
        role = escape(role_label(s.role))
        if s.role in ("champion", "blocker"):
            role = tone_span("green" if s.role == "champion" else "red", role_label(s.role))
        manager = (
            record_link(s.reports_to.source, escape(s.reports_to.name)) if s.reports_to else ""
        )
        if s.last_contacted:
            days = s.days_since_contact or 0
            tone = "red" if s.is_champion and days >= 60 else "grey"
            when = (
                short_date(s.last_contacted)
                if s.last_contacted.year == brief.today.year
                else long_date(s.last_contacted)
            )
            contact = f"{escape(when)} {tone_span(tone, _tr('({} d)').format(days), bold=False)}"
        else:
            contact = f'<span class="muted">{escape(_tr("never"))}</span>'
        rows.append(
            f'<tr><td>{name}</td><td><span class="muted">{escape(s.title or "")}</span></td>'
            f"<td>{role}</td><td>{stance}</td><td>{manager}</td><td>{contact}</td></tr>"
        )
    return title + grid_table(head, rows)


def _risks_html(brief: Brief) -> str:
    if not brief.risks:
        return ""
    rows = []
    for r in brief.risks:
        words = ", ".join(keyword_label(k) for k in r.keywords)
        rows.append(
            f'<tr><td class="date" width="70">{escape(long_date(r.occurred_at.date()))}</td>'
            f'<td><span class="risk">{escape(words)}</span> — '
            f"{record_link(r.source, escape(r.excerpt), 'plain')}</td></tr>"
        )
    return (
        section_head(_tr("Escalations and risks in recent notes"), len(brief.risks))
        + '<table width="100%" class="list" cellspacing="0" cellpadding="0">'
        + "".join(rows)
        + "</table>"
    )


def _notes_html(brief: Brief) -> str:
    title = section_head(_tr("What happened lately"))
    if not brief.notes:
        return title + empty_line(_tr("No notes yet."))
    rows = []
    for n in brief.notes:
        who = " · ".join(x for x in (kind_label(n.kind), n.contact_name) if x)
        # Title, gist and who on one printed line: the gist gets what the others leave.
        room = max(GIST_MIN_CHARS, LINE_CHARS - len(n.title) - len(who))
        gist = (
            f' — <span class="gist">{escape(first_line(n.first_line, room))}</span>'
            if n.first_line
            else ""
        )
        rows.append(
            f'<tr><td class="date" width="70">{escape(long_date(n.occurred_at.date()))}</td>'
            f"<td>{record_link(n.source, escape(n.title), 'strong')}{gist}"
            f' <span class="muted">· {escape(who)}</span></td></tr>'
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
    extra = tone_span("red", _tr("{} overdue").format(overdue), bold=False) if overdue else ""
    title = section_head(_tr("Open tasks and follow-ups"), len(tasks), extra)
    if not tasks:
        return title + empty_line(_tr("No open tasks."))
    rows = []
    for t in tasks:
        if t.overdue:
            due = tone_span("red", long_date(t.due_date))
            late = " " + tone_span("red", _tr("{} days late").format(t.days_overdue), bold=False)
        elif t.due_date:
            due, late = escape(long_date(t.due_date)), ""
        else:
            due, late = f'<span class="muted">{escape(_tr("no date"))}</span>', ""
        who = " · ".join(x for x in (kind_label(t.kind), t.contact_name) if x)
        prio = (
            f' <span class="risk">{escape(_tr("high priority"))}</span>'
            if t.priority == "high"
            else ""
        )
        rows.append(
            f'<tr><td class="date" width="70">{due}</td>'
            f"<td>{record_link(t.source, escape(t.subject))}{late}{prio}"
            f' <span class="muted">· {escape(who)}</span></td></tr>'
        )
    return (
        title
        + '<table width="100%" class="list" cellspacing="0" cellpadding="0">'
        + "".join(rows)
        + "</table>"
    )
