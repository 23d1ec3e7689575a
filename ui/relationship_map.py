"""The relationship map: an account's org chart drawn from reports-to lines.

Each contact is a box with name, title, role in the deal and a stance marker (colour and word,
so it reads without colour too); a line joins each person to their manager. Clicking a box
selects the contact, double-clicking opens it for editing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from .chips import chip_tone, paint_pill, tag_width
from .form_fields import choice_label
from .style import is_dark, tone_colors

BOX_WIDTH = 190
BOX_HEIGHT = 84
H_GAP = 26
V_GAP = 46
MIN_SCALE = 0.6
CONTACT_ID_KEY = 0  # QGraphicsItem.data key holding the contact id

KEY_ROLES = {"champion", "economic_buyer", "decision_maker", "blocker"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("relationship_map", text)


def stance_text(stance: str | None) -> str:
    return {
        "supporter": _tr("Supporter"),
        "neutral": _tr("Neutral"),
        "detractor": _tr("Detractor"),
    }.get(stance or "", _tr("Stance unknown"))


def box_size(font: QFont) -> QSizeF:
    """Box size for ``font``: three lines and the stance pill fit at any font size or scale."""
    line = QFontMetrics(font).height()
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
    height = 8 + 3 * (line + 1) + QFontMetrics(small).height() + 12
    return QSizeF(max(BOX_WIDTH, line * 11), max(BOX_HEIGHT, height))


def layout_tree(contacts: list[dict[str, Any]], size: QSizeF | None = None) -> dict[str, QPointF]:
    """Top-left position of each contact's box: managers above, reports centred beneath.

    A reports-to pointing outside the account (or into a loop) makes the contact a root, so
    every contact is drawn exactly once.
    """
    box_w, box_h = (size.width(), size.height()) if size else (BOX_WIDTH, BOX_HEIGHT)
    ids = {c["id"] for c in contacts}
    children: dict[str | None, list[str]] = {}
    names = {c["id"]: (c.get("name") or "").casefold() for c in contacts}
    for c in contacts:
        manager = c.get("reports_to_id")
        children.setdefault(manager if manager in ids else None, []).append(c["id"])
    for kids in children.values():
        kids.sort(key=lambda i: names[i])

    positions: dict[str, QPointF] = {}
    placed: set[str] = set()

    def width_of(node: str, seen: frozenset[str]) -> float:
        kids = [k for k in children.get(node, []) if k not in seen]
        if not kids:
            return box_w
        total = sum(width_of(k, seen | {k}) for k in kids) + H_GAP * (len(kids) - 1)
        return max(box_w, total)

    def place(node: str, left: float, depth: int) -> None:
        placed.add(node)
        width = width_of(node, frozenset({node}))
        kids = [k for k in children.get(node, []) if k not in placed]
        positions[node] = QPointF(left + (width - box_w) / 2, depth * (box_h + V_GAP))
        x = left
        for kid in kids:
            kid_width = width_of(kid, frozenset({kid}))
            place(kid, x, depth + 1)
            x += kid_width + H_GAP

    left = 0.0
    for root in children.get(None, []):
        place(root, left, 0)
        left += width_of(root, frozenset({root})) + H_GAP * 2
    # Contacts in a reporting loop have no root above them: start each loop at its first member.
    for c in contacts:
        if c["id"] not in placed:
            place(c["id"], left, 0)
            left += width_of(c["id"], frozenset({c["id"]})) + H_GAP * 2
    return positions


class ContactBox(QGraphicsItem):
    """One person on the map."""

    def __init__(self, contact: dict[str, Any], size: QSizeF | None = None):
        super().__init__()
        self.contact = contact
        self.size = size or QSizeF(BOX_WIDTH, BOX_HEIGHT)
        self.setData(CONTACT_ID_KEY, contact["id"])
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        role = choice_label("role", contact.get("role")) or _tr("Role not set")
        self.setToolTip(
            f"{contact.get('name') or ''}\n{contact.get('title') or ''}\n{role} · "
            f"{stance_text(contact.get('stance'))}".strip()
        )

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, self.size.width() + 4, self.size.height() + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        palette = widget.palette() if widget else QPalette()
        dark = is_dark(palette)
        box_w, box_h = self.size.width(), self.size.height()
        rect = QRectF(0, 0, box_w, box_h)
        stance = self.contact.get("stance")
        background, foreground = tone_colors(chip_tone("stance", stance), dark)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QColor("#1c2025") if dark else QColor("#ffffff")
        border = (
            QColor(palette.color(QPalette.ColorRole.Highlight))
            if self.isSelected()
            else (QColor("#3a4048") if dark else QColor("#d5d9df"))
        )
        path = QPainterPath()
        path.addRoundedRect(rect, 8, 8)
        painter.fillPath(path, card)
        painter.setPen(QPen(border, 2.0 if self.isSelected() else 1.0))
        painter.drawPath(path)
        # The stance as a coloured band on the left, repeated in words on the bottom line.
        band = QPainterPath()
        band.addRoundedRect(QRectF(0, 0, 8, box_h), 4, 4)
        if stance in ("supporter", "detractor"):
            painter.fillPath(band, foreground if not dark else background)
        else:  # neutral or unknown: a quiet band, so supporters and detractors stand out
            painter.fillPath(band, QColor("#9ca3af") if stance else QColor(border).lighter(105))

        text_color = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_color)
        muted.setAlphaF(0.65)
        base_font = QFont(widget.font() if widget else QFont())
        bold = QFont(base_font)
        bold.setBold(True)
        left, width = 16, box_w - 24
        y = 8

        def line(text: str, font: QFont, color: QColor) -> None:
            nonlocal y
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(color)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                QRectF(left, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, elided
            )
            y += metrics.height() + 1

        line(self.contact.get("name") or _tr("(no name)"), bold, text_color)
        line(self.contact.get("title") or "", base_font, muted)
        role = self.contact.get("role")
        role_font = QFont(base_font)
        role_font.setBold(role in KEY_ROLES)
        line(
            choice_label("role", role) or _tr("Role not set"),
            role_font,
            text_color if role else muted,
        )
        # stance pill, bottom right
        small = QFont(base_font)
        small.setPointSizeF(max(7.0, base_font.pointSizeF() * 0.88))
        metrics = QFontMetrics(small)
        word = stance_text(stance)
        pill_w = tag_width(metrics, word)
        pill = QRectF(
            box_w - pill_w - 8, box_h - metrics.height() - 8, pill_w, metrics.height() + 2
        )
        paint_pill(painter, pill, word, background, foreground, small)

    def contact_id(self) -> str:
        return self.contact["id"]


class ReportingLine(QGraphicsPathItem):
    """An elbow line from a manager's box down to a report's box."""

    def __init__(
        self, manager_id: str, report_id: str, start: QPointF, end: QPointF, color: QColor
    ):
        super().__init__()
        self.manager_id = manager_id
        self.report_id = report_id
        middle = start.y() + (end.y() - start.y()) / 2
        path = QPainterPath(start)
        path.lineTo(start.x(), middle)
        path.lineTo(end.x(), middle)
        path.lineTo(end)
        self.setPath(path)
        self.setPen(QPen(color, 1.4))
        self.setZValue(-1)


class RelationshipMap(QGraphicsView):
    """The org chart of one account's contacts."""

    contact_selected = Signal(str)
    contact_activated = Signal(str)  # double-click: open the contact

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.boxes: dict[str, ContactBox] = {}
        self.lines: list[ReportingLine] = []
        self.scene().selectionChanged.connect(self._selection_changed)
        self._empty_text = _tr(
            "No contacts yet. Add one with New contact; set “Reports to” "
            "to place people in the chart."
        )

    def set_contacts(self, contacts: list[dict[str, Any]]) -> None:
        """Redraw the chart for ``contacts`` (rows as given by ``store.contacts_of``)."""
        selected = self.selected_contact_id()
        scene = self.scene()
        scene.blockSignals(True)
        scene.clear()
        self.boxes.clear()
        self.lines.clear()
        size = box_size(self.font())
        positions = layout_tree(contacts, size)
        for c in contacts:
            box = ContactBox(c, size)
            box.setPos(positions[c["id"]])
            scene.addItem(box)
            self.boxes[c["id"]] = box
        line_color = QColor(self.palette().color(QPalette.ColorRole.Text))
        line_color.setAlphaF(0.35)
        for c in contacts:
            manager = c.get("reports_to_id")
            if manager in self.boxes and manager != c["id"]:
                top = self.boxes[manager].pos()
                below = self.boxes[c["id"]].pos()
                start = QPointF(top.x() + size.width() / 2, top.y() + size.height())
                end = QPointF(below.x() + size.width() / 2, below.y())
                line = ReportingLine(manager, c["id"], start, end, line_color)
                scene.addItem(line)
                self.lines.append(line)
        rect = scene.itemsBoundingRect().adjusted(-16, -16, 16, 16)
        scene.setSceneRect(rect)
        self.fit()
        if selected in self.boxes:
            self.boxes[selected].setSelected(True)
        scene.blockSignals(False)
        self.viewport().update()

    def fit(self) -> None:
        """Shrink a chart wider or taller than the view (never below a readable 60%)."""
        rect = self.sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        scale = min(1.0, view.width() / rect.width(), view.height() / rect.height())
        scale = max(scale, MIN_SCALE)
        self.resetTransform()
        self.scale(scale, scale)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def select_contact(self, contact_id: str) -> None:
        box = self.boxes.get(contact_id)
        if box is None:
            return
        self.scene().clearSelection()
        box.setSelected(True)
        self.ensureVisible(box)

    def selected_contact_id(self) -> str | None:
        for item in self.scene().selectedItems():
            if isinstance(item, ContactBox):
                return item.contact_id()
        return None

    def _selection_changed(self) -> None:
        contact_id = self.selected_contact_id()
        if contact_id:
            self.contact_selected.emit(contact_id)

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, ContactBox):
            item = item.parentItem()
        if isinstance(item, ContactBox):
            self.contact_activated.emit(item.contact_id())
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self.boxes:
            return
        painter.save()
        painter.resetTransform()
        color = QColor(self.palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(0.6)
        painter.setPen(color)
        area = QRectF(self.viewport().rect()).adjusted(24, 24, -24, -24)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text
        )
        painter.restore()


__all__ = [
    "ContactBox",
    "RelationshipMap",
    "ReportingLine",
    "box_size",
    "layout_tree",
    "stance_text",
]
