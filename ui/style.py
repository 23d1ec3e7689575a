"""Looks: the palette (light or dark, following the OS), the style sheet, icons and colours.

Everything visual that more than one widget shares lives here, so a view never hard-codes a
colour. Colours for chips come in light/dark pairs and are picked from the current palette.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from PySide6.QtCore import QByteArray, QCoreApplication, QDate, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel

from desktop import money
from desktop.paths import resources_dir

from .i18n import Counts

ACCENT = "#2563eb"
ICON_STROKE = "#5f6b7a"  # the stroke colour the shipped SVGs are drawn with, recoloured at load

# (light background, light text, dark background, dark text) per tone
TONES: dict[str, tuple[str, str, str, str]] = {
    "green": ("#dcfce7", "#166534", "#14532d", "#bbf7d0"),
    "amber": ("#fef3c7", "#92400e", "#713f12", "#fde68a"),
    "red": ("#fee2e2", "#991b1b", "#7f1d1d", "#fecaca"),
    "blue": ("#dbeafe", "#1e40af", "#1e3a8a", "#bfdbfe"),
    "violet": ("#ede9fe", "#5b21b6", "#4c1d95", "#ddd6fe"),
    "grey": ("#eef0f3", "#374151", "#374151", "#e5e7eb"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window is drawn dark (the OS scheme, or the palette when the OS says nothing)."""
    app = QGuiApplication.instance()
    if app is not None:
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
    palette = palette or (QGuiApplication.palette() if app is not None else QPalette())
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone_colors(tone: str, dark: bool | None = None) -> tuple[QColor, QColor]:
    """Background and text colour of a chip of ``tone`` for the current scheme."""
    light_bg, light_fg, dark_bg, dark_fg = TONES.get(tone, TONES["grey"])
    dark = is_dark() if dark is None else dark
    return (QColor(dark_bg), QColor(dark_fg)) if dark else (QColor(light_bg), QColor(light_fg))


def muted_text_color() -> QColor:
    palette = QGuiApplication.palette()
    color = QColor(palette.color(QPalette.ColorRole.WindowText))
    color.setAlphaF(0.62)
    return color


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#1f2329"), QColor("#181b20"), QColor("#e6e8eb")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#20242a"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#2a2f36"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2a2f36"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8b929c"))
    p.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#7aa7ff"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#3a4048"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#333840"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7280"))
    return p


def _light_palette() -> QPalette:
    p = QPalette()
    text = QColor("#1f2328")
    p.setColor(QPalette.ColorRole.Window, QColor("#f6f7f9"))
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8f9fb"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a9099"))
    p.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#d5d9df"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#e4e7eb"))
    return p


def apply_style(app: QApplication) -> None:
    """Give ``app`` the Fieldbook look and keep it in step with the OS light/dark setting.

    Windows and macOS keep their native style (and palette); elsewhere Fusion with our palette,
    which looks the same on every Linux desktop and under Xvfb.
    """
    native = app.style().name().lower() in ("windowsvista", "windows11", "macos")
    if not native:
        app.setStyle("Fusion")

    def restyle() -> None:
        if not native:
            app.setPalette(_dark_palette() if is_dark() else _light_palette())
        app.setStyleSheet(style_sheet(is_dark()))
        _icon_cache.cache_clear()

    restyle()
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: restyle())


def style_sheet(dark: bool) -> str:
    """The application style sheet: the shipped file with the scheme's colours filled in."""
    template = (resources_dir() / "style" / "fieldbook.qss").read_text(encoding="utf-8")
    colors = {
        "accent": ACCENT,
        "sidebar": "#16191d" if dark else "#eceef1",
        "sidebar_hover": "#262b32" if dark else "#e0e3e8",
        "sidebar_selected": "#2b3440" if dark else "#dfe7fb",
        "sidebar_selected_text": "#dbe6ff" if dark else "#1d4ed8",
        "border": "#2f343b" if dark else "#dde1e6",
        "card": "#1c2025" if dark else "#ffffff",
        "muted": "#9aa1ab" if dark else "#66707c",
        "heading": "#f1f3f5" if dark else "#111827",
        "search_bg": "#262a30" if dark else "#ffffff",
        "header_bg": "#1c2025" if dark else "#f8f9fb",
    }
    for key, value in sorted(colors.items(), key=lambda kv: -len(kv[0])):
        template = template.replace("@" + key, value)
    return template


def icon(name: str) -> QIcon:
    """One of the line icons in resources/icons, stroked in the palette's text colour."""
    return QIcon(_icon_cache(name, is_dark()))


@lru_cache(maxsize=64)
def _icon_cache(name: str, dark: bool) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    svg = path.read_text(encoding="utf-8")
    if name != "fieldbook":
        svg = svg.replace(ICON_STROKE, "#c4c9d1" if dark else "#4b5563")
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in (16, 20, 24, 32, 48, 64, 128, 256):
        if name != "fieldbook" and size > 64:
            continue
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


# -- how values read on screen ---------------------------------------------------------------


def format_money(cents: int | None, with_cents: bool = False, currency: str | None = None) -> str:
    """Money as the rep's locale writes it, in the record's currency: ``12.500 €``, ``$12,500``.

    The one money formatter of the UI (``desktop.money``; no float ever holds it). ``cents`` are
    the currency's minor units; ``currency`` None is the CRM company's.
    """
    return money.format_amount(cents, currency, with_cents=with_cents)


def format_date(iso: str | None) -> str:
    """``2027-03-05`` -> ``5 Mar 2027``: no day/month ambiguity across countries."""
    if not iso:
        return ""
    return _format_date(iso)


@lru_cache(maxsize=4096)  # a repaint formats the same dates again and again
def _format_date(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return QLocale().toString(
        QDate(day.year, day.month, day.day), QCoreApplication.translate("dates", "d MMM yyyy")
    )


def days_text(days: int | None) -> str:
    """How far away a date is, in words: ``today``, ``in 3 days``, ``5 days ago``."""

    if days is None:
        return ""
    if days == 0:
        return QCoreApplication.translate("style", "today")
    if days == 1:
        return QCoreApplication.translate("style", "tomorrow")
    if days == -1:
        return QCoreApplication.translate("style", "yesterday")
    if days > 0:
        return Counts.tr("in %n day(s)", "", days)
    return Counts.tr("%n day(s) ago", "", -days)


def muted_brush() -> QBrush:
    return QBrush(muted_text_color())


def page_heading(title: str) -> tuple[QHBoxLayout, QLabel]:
    """A screen's title with a quieter summary beside it; returns (layout, summary label)."""
    heading = QHBoxLayout()
    title_label = QLabel(title)
    title_label.setObjectName("PageTitle")
    summary = QLabel()
    summary.setObjectName("PageSubtitle")
    heading.addWidget(title_label)
    heading.addSpacing(10)
    heading.addWidget(summary, 0, Qt.AlignmentFlag.AlignBottom)
    heading.addStretch()
    return heading, summary
