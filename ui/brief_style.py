"""The brief's look: ink colours, fonts and style sheet, record links, and the small pieces of
HTML every section is built from (a tone-coloured span, a section heading, a grid table).

Links are ``fieldbook://record/<table>/<id>``: every line of the brief names the record it
comes from, and the on-screen view opens it on click.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont

from desktop.paths import resources_dir
from desktop.renewals import notice_band

from .chips import chip_tone

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


def escape(text) -> str:
    return html.escape(str(text)) if text is not None else ""


def record_link(source: tuple[str, str], text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{record_url(*source)}"{attr}>{text}</a>'


def tone_span(tone: str, text: str, bold: bool = True) -> str:
    weight = "font-weight:600;" if bold else ""
    return f'<span style="color:{TONE_INK.get(tone, INK)};{weight}">{escape(text)}</span>'


def dot(tone: str) -> str:
    return f'<span style="color:{TONE_INK.get(tone, MUTED)};">●</span>'


def section_head(title: str, count: int | None = None, extra: str = "") -> str:
    counted = f' <span class="count">{count}</span>' if count else ""
    right = f'<td align="right" class="sectionextra">{extra}</td>' if extra else ""
    return (
        '<table width="100%" class="sectionhead" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="sectiontitle">{escape(title.upper())}{counted}</td>{right}</tr></table>'
    )


def empty_line(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def health_tone(health: str | None) -> str:
    return chip_tone("health", health)


def churn_tone(risk: str | None) -> str:
    return {"none": "green", "low": "green", "medium": "amber", "high": "red"}.get(
        risk or "", "grey"
    )


def notice_tone(days: int | None) -> str:
    """The tone of a notice deadline ``days`` ahead: its band's (passed or 30 days red, 90 amber)."""
    return chip_tone("deadline", notice_band(days))


def head_row(*labels: str, align: Sequence[str] = ()) -> str:
    cells = []
    for i, label in enumerate(labels):
        a = align[i] if i < len(align) else "left"
        cells.append(f'<th align="{a}">{escape(label)}</th>')
    return "<tr>" + "".join(cells) + "</tr>"


def grid_table(head: str, rows: list[str]) -> str:
    # <thead> makes Qt repeat the column titles at the top of a continuation page.
    return (
        '<table width="100%" class="grid" cellspacing="0" cellpadding="0">'
        f"<thead>{head}</thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
