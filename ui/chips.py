"""Chips: health, churn risk, tier and stage shown as a coloured pill that always carries text.

Colour is a help, never the only signal: every chip says its value in words, so a colour-blind
rep (or a black-and-white printout) reads the same thing. ``ChipDelegate`` draws them in tables;
``Chip`` is a label for forms and headers. ``paint_pill`` is the one painter of a pill: chips,
the note card's kind and the relationship map's stance all draw through it.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop import renewals

from .i18n import translate
from .roles import CHIP_ROLE
from .style import tone_colors

_TONES: dict[str, dict[str, str]] = {
    "health": {"green": "green", "amber": "amber", "red": "red"},
    "churn_risk": {"none": "grey", "low": "green", "medium": "amber", "high": "red"},
    "tier": {"strategic": "violet", "enterprise": "blue", "growth": "green", "standard": "grey"},
    "stage": {
        "prospecting": "grey",
        "qualification": "grey",
        "discovery": "blue",
        "proposal": "blue",
        "negotiation": "violet",
        "closed_won": "green",
        "closed_lost": "red",
    },
    # A notice deadline's band (desktop.renewals.notice_band) in its tone.
    "deadline": {
        renewals.OVERDUE: "red",
        renewals.SOON: "red",
        renewals.WATCH: "amber",
        renewals.LATER: "grey",
    },
    "stance": {"supporter": "green", "neutral": "grey", "detractor": "red"},
}


def chip_text(kind: str, value: str | None) -> str:
    """The words a chip shows for ``value`` (health "red" -> "At risk", churn "high" -> "High risk")."""
    if not value:
        return ""
    return _chip_text(kind, value)


@lru_cache(maxsize=256)  # tables ask for the same few words thousands of times per repaint
def _chip_text(kind: str, value: str) -> str:
    texts = {
        ("health", "green"): translate("chips", "Healthy"),
        ("health", "amber"): translate("chips", "Watch"),
        ("health", "red"): translate("chips", "At risk"),
        ("churn_risk", "none"): translate("chips", "No risk"),
        ("churn_risk", "low"): translate("chips", "Low risk"),
        ("churn_risk", "medium"): translate("chips", "Medium risk"),
        ("churn_risk", "high"): translate("chips", "High risk"),
        ("deadline", renewals.OVERDUE): translate("chips", "Passed"),
        ("deadline", renewals.SOON): translate("chips", "≤ {days} days").format(
            days=renewals.NOTICE_SOON_DAYS
        ),
        ("deadline", renewals.WATCH): translate("chips", "≤ {days} days").format(
            days=renewals.NOTICE_WATCH_DAYS
        ),
        ("deadline", renewals.LATER): translate("chips", "Later"),
    }
    if (kind, value) in texts:
        return texts[(kind, value)]
    if kind == "stage":
        return stage_label(value)
    return translate("choices", value.replace("_", " ").capitalize())


def stage_label(stage: str) -> str:
    labels = {
        "prospecting": translate("chips", "Prospecting"),
        "qualification": translate("chips", "Qualification"),
        "discovery": translate("chips", "Discovery"),
        "proposal": translate("chips", "Proposal"),
        "negotiation": translate("chips", "Negotiation"),
        "closed_won": translate("chips", "Closed won"),
        "closed_lost": translate("chips", "Closed lost"),
    }
    return labels.get(stage, stage.replace("_", " ").capitalize())


def chip_tone(kind: str, value: str | None) -> str:
    return _TONES.get(kind, {}).get(value or "", "grey")


def chip_size(metrics: QFontMetrics, text: str) -> QSize:
    return QSize(metrics.horizontalAdvance(text) + 2 * _pad(metrics) + 4, metrics.height() + 4)


def _pad(metrics: QFontMetrics) -> int:
    return max(6, metrics.height() // 2)


def tag_width(metrics: QFontMetrics, text: str) -> int:
    """Width of a small tag pill (a note's kind, a contact's stance): the text and 7 px a side."""
    return metrics.horizontalAdvance(text) + 14


def paint_pill(
    painter: QPainter,
    pill: QRect | QRectF,
    text: str,
    background: QColor,
    foreground: QColor,
    font: QFont,
    padding: int = 0,
) -> None:
    """Draw ``text`` centred on a fully rounded pill filling ``pill``.

    The text is cut with an ellipsis when it does not fit inside ``padding`` on each side.
    The painter's state is restored afterwards.
    """
    metrics = QFontMetrics(font)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    radius = pill.height() / 2
    path.addRoundedRect(pill, radius, radius)
    painter.fillPath(path, background)
    painter.setPen(foreground)
    painter.setFont(font)
    text_rect = pill.adjusted(padding, 0, -padding, 0)
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(text_rect.width()))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, elided)
    painter.restore()


def paint_chip(painter: QPainter, rect: QRect, kind: str, value: str, font) -> None:
    """Draw one chip, vertically centred in ``rect`` and left-aligned."""
    text = chip_text(kind, value)
    if not text:
        return
    metrics = QFontMetrics(font)
    size = chip_size(metrics, text)
    width = min(size.width(), rect.width())
    chip = QRect(rect.left(), rect.center().y() - size.height() // 2 + 1, width, size.height())
    background, foreground = tone_colors(chip_tone(kind, value))
    paint_pill(painter, chip, text, background, foreground, font, _pad(metrics))


class ChipDelegate(QStyledItemDelegate):
    """Draws the cell's ``CHIP_ROLE`` value ``(kind, value)`` as a chip; plain cells as usual."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        chip = index.data(CHIP_ROLE)
        if not chip or not chip[1]:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = option.rect.adjusted(6, 3, -4, -3)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.92))
        paint_chip(painter, rect, chip[0], chip[1], small)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        chip = index.data(CHIP_ROLE)
        if chip and chip[1]:
            size = chip_size(QFontMetrics(option.font), chip_text(*chip))
            hint = QSize(
                max(hint.width(), size.width() + 12), max(hint.height(), size.height() + 6)
            )
        return hint


class Chip(QLabel):
    """A chip as a label: ``Chip("health", "red")`` shows "At risk" on a red pill."""

    def __init__(self, kind: str, value: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._kind = kind
        self.set_value(value)

    def set_value(self, value: str | None) -> None:
        self._value = value
        self.setText(chip_text(self._kind, value))
        background, foreground = tone_colors(chip_tone(self._kind, value))
        self.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
            " border-radius: 9px; padding: 1px 9px; }"
        )
        self.setVisible(bool(value))

    def value(self) -> str | None:
        return self._value
