"""The brief on paper: laid out into pages, drawn with a running header and footer, printed or
written to PDF (a trip pack gets a contents page first).

The document is laid out at a fixed 96 dots per inch whatever the screen or printer, then
scaled onto the page, so a PDF looks the same on every machine. Each page gets a running header
(the account name on continuation pages, the "as of" time) and a footer with page numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
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

from desktop.brief import Brief

from .brief_html import brief_html
from .brief_style import (
    INK,
    LAYOUT_DPI,
    MUTED,
    RULE,
    TONE_INK,
    brief_font,
    churn_tone,
    escape,
    grid_table,
    head_row,
    health_tone,
    notice_tone,
    section_head,
    style_sheet,
    tone_span,
)
from .brief_words import as_of_text, last_sync_text, long_date, sync_text
from .chips import chip_text
from .i18n import Counts, translate

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
        translate("Brief", "Fieldbook · account brief"),
        status,
        brief.as_of.has_unsynced_changes,
    )


def paginate_contents(
    briefs: Sequence[Brief], first_pages: Sequence[int], page_size: QPageSize
) -> PagedBrief:
    """The contents page of a trip pack: each account, what to watch, and its page."""
    rows = []
    for number, (brief, page) in enumerate(zip(briefs, first_pages, strict=True), start=1):
        ident, health = brief.identity, brief.health
        where = ", ".join(x for x in (ident.city, ident.country) if x)
        h_tone = health_tone(health.health)
        c_tone = churn_tone(health.churn_risk)
        notice = brief.money.next_notice
        notice_html = ""
        if notice is not None and notice.days_to_notice is not None:
            tone = notice_tone(notice.days_to_notice)
            notice_html = tone_span(tone, long_date(notice.notice_deadline), bold=tone == "red")
        rows.append(
            f'<tr><td align="right" class="muted">{number}</td>'
            f"<td><b>{escape(brief.name)}</b></td><td>{escape(where)}</td>"
            f"<td>{tone_span(h_tone, chip_text('health', health.health) or '—', bold=False)}</td>"
            f"<td>{tone_span(c_tone, chip_text('churn_risk', health.churn_risk) or '—', False)}"
            f"</td><td>{notice_html}</td>"
            f'<td align="right">{len(brief.talking_points)}</td>'
            f'<td align="right">{page}</td></tr>'
        )
    head = head_row(
        "",
        translate("Brief", "Account"),
        translate("Brief", "Where"),
        translate("Brief", "Health"),
        translate("Brief", "Churn risk"),
        translate("Brief", "Next notice"),
        translate("Brief", "Points"),
        translate("Brief", "Page"),
        align=("right", "left", "left", "left", "left", "left", "right", "right"),
    )
    cities = sorted({b.identity.city for b in briefs if b.identity.city})
    subtitle = Counts.tr("%n account(s)", "", len(briefs))
    if 0 < len(cities) <= 3:
        subtitle += " · " + ", ".join(cities)
    heading, contents = translate("Brief", "Trip briefs"), translate("Brief", "Contents")
    html_text = (
        f"<html><body><h1>{escape(heading)}</h1>"
        f'<p class="subtitle">{escape(subtitle)}</p>'
        f"{section_head(contents)}{grid_table(head, rows)}</body></html>"
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
        Counts.tr("%n change(s) not yet synced", "", unsynced) if unsynced else sync_text(first)
    )
    return PagedBrief(
        None,
        doc,
        max(1, doc.pageCount()),
        content,
        translate("Brief", "Trip briefs"),
        translate("Brief", "Fieldbook · trip briefs"),
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
            translate("Brief", "{} (continued)").format(paged.title),
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
            translate("Brief", "Page {} of {}").format(index + 1, paged.page_count),
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
        raise OSError(
            translate("Brief", "Could not start writing the pages (is the file open elsewhere?).")
        )
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
    title = briefs[0].name if len(briefs) == 1 else translate("Brief", "Account briefs")
    writer.setTitle(title)
    offset = 1 if contents and briefs else 0

    def drawn(i: int) -> bool:
        if i < offset or progress is None:
            return True
        return progress(i - offset)

    done = print_pages(writer, pages, drawn)
    return sum(p.page_count for p in pages) if done else 0
