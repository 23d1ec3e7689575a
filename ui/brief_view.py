"""The brief on screen: one account's page, readable like a document, every line a link.

The view reads the store directly (composing a brief is a few small queries), and recomposes
when a change touches the account or anything of it. The page always looks like paper (dark ink
on white) so what a rep sees is what prints.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.brief import Brief, compose_brief
from desktop.store import Changes

from .brief_export import BriefExport, export_briefs, print_brief
from .brief_html import brief_html
from .brief_style import INK, brief_font, parse_record_url, style_sheet
from .operations import OpContext

REFRESH_DELAY_MS = 150  # a burst of changes (a sync page) recomposes once
PAGE_WIDTH = 860  # widest the text runs on screen, in pixels
PAGE_MARGIN = 28


class BriefView(QWidget):
    """One account's brief, with Export PDF… and Print…; links open the record they name."""

    open_record = Signal(str, str)  # table, id

    def __init__(self, context: OpContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self.account_id: str | None = None
        self.brief: Brief | None = None
        self.today: dt.date | None = None  # fixed "today" for tests; None: the real date
        self.last_export: BriefExport | None = None

        self.status = QLabel(self.tr("Click a line to open the record it comes from."))
        self.status.setObjectName("Muted")
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.export_button.clicked.connect(self.export_pdf)
        self.print_button.clicked.connect(self.print_brief)

        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 8)
        bar.setSpacing(8)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.print_button)

        self.browser = _Page()
        self.browser.setObjectName("BriefPage")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.document().setDefaultStyleSheet(style_sheet())
        self.browser.document().setDefaultFont(brief_font())
        self.browser.document().setDocumentMargin(PAGE_MARGIN)
        # Paper, whatever the window's scheme: the brief reads (and prints) the same everywhere.
        palette = self.browser.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Text, QColor(INK))
        self.browser.setPalette(palette)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        context.events.changed.connect(self._on_changed)
        self._set_enabled(False)

    def show_account(self, account_id: str) -> None:
        """Show the brief of ``account_id``."""
        self.account_id = account_id
        self.refresh(keep_scroll=False)

    def refresh(self, keep_scroll: bool = True) -> None:
        """Recompose the brief from the store (keeping the reading position)."""
        if self.account_id is None:
            return
        try:
            self.brief = compose_brief(self._context.store, self.account_id, today=self.today)
        except LookupError:
            self.brief = None
            self.browser.setHtml(f"<p>{self.tr('This account is no longer in your book.')}</p>")
            self._set_enabled(False)
            return
        bar = self.browser.verticalScrollBar()
        position = bar.value() if keep_scroll else 0
        self.browser.setHtml(brief_html(self.brief))
        bar.setValue(position)
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    def _on_changed(self, changes: Changes) -> None:
        # Records, the outbox (the "not yet synced" line) or the last sync time may have moved;
        # composing is cheap, so any of them recomposes, once per burst.
        if self.account_id is None or not changes:
            return
        self._refresh_timer.start()

    def _on_link(self, url: QUrl) -> None:
        target = parse_record_url(url)
        if target is not None:
            self.open_record.emit(*target)

    def export_pdf(self) -> BriefExport | None:
        """Export this brief to a PDF the rep chooses (progress on a worker thread)."""
        if self.account_id is None:
            return None
        self.last_export = export_briefs(self, self._context, [self.account_id])
        return self.last_export

    def print_brief(self) -> bool:
        """Print this brief through the OS print dialog."""
        if self.brief is None:
            return False
        return print_brief(self, self.brief)


class _Page(QTextBrowser):
    """The brief's page: wraps to the window, never wider than a readable line length."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, event) -> None:
        # A page on the desk: on wide windows the white page keeps a readable width, centred,
        # with the window's own colour either side.
        # The widget's width, not the event's: the margins change the viewport's own size.
        side = max(0, (self.width() - PAGE_WIDTH) // 2)
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)
