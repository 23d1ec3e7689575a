"""A note as a readable card in the account's timeline: kind and date, title, body excerpt."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..chips import paint_pill, tag_width
from ..form_fields import choice_label, format_moment
from ..i18n import translate
from ..roles import ROW_ROLE
from ..style import tone_colors


class NoteCardDelegate(QStyledItemDelegate):
    """A note as a readable card: kind and date, title, an excerpt of the body, who and what."""

    PAD = 12
    EXCERPT_LINES = 2

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.05)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        return base, title, small

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base, title, small = self._fonts(option)
        record = index.data(ROW_ROLE) or {}
        height = 2 * self.PAD + QFontMetrics(small).height() + 6 + QFontMetrics(title).height()
        body = " ".join((record.get("body") or "").split())
        if body:
            height += 4 + QFontMetrics(base).lineSpacing() * self._excerpt_lines(body, base)
        return QSize(320, height + 8)

    def _excerpt_lines(self, body: str, font: QFont) -> int:
        """One line when the body fits the card's width, else the two-line excerpt."""
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else 600
        available = width - 8 - 2 * self.PAD
        return 1 if QFontMetrics(font).horizontalAdvance(body) <= available else self.EXCERPT_LINES

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        record = index.data(ROW_ROLE) or {}
        base, title_font, small = self._fonts(option)
        palette = option.palette
        card = QRect(option.rect.adjusted(4, 4, -4, -4))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(card.adjusted(0, 0, -1, -1), 8, 8)
        painter.fillPath(path, palette.color(QPalette.ColorRole.Base))
        border = (
            palette.color(QPalette.ColorRole.Highlight)
            if selected
            else palette.color(QPalette.ColorRole.Mid)
        )
        painter.setPen(border)
        painter.drawPath(path)
        inner = card.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD)
        text = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text)
        muted.setAlphaF(0.62)

        # top line: kind pill, when, contact and opportunity
        metrics = QFontMetrics(small)
        kind = choice_label("kind", record.get("kind"))
        pill = QRect(inner.left(), inner.top(), tag_width(metrics, kind), metrics.height() + 2)
        bg, fg = tone_colors("violet" if record.get("kind") == "business_review" else "blue")
        paint_pill(painter, pill, kind, bg, fg, small)
        painter.setFont(small)
        extras = [format_moment(record.get("occurred_at"))]
        if record.get("contact_name"):
            extras.append(translate("account_view", "with {}").format(record["contact_name"]))
        if record.get("opportunity_name"):
            extras.append(translate("account_view", "about {}").format(record["opportunity_name"]))
        if record.get("author"):
            extras.append(translate("account_view", "by {}").format(record["author"]))
        meta = QRect(pill.right() + 8, pill.top(), inner.right() - pill.right() - 8, pill.height())
        painter.setPen(muted)
        painter.drawText(
            meta,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText("  ·  ".join(extras), Qt.TextElideMode.ElideRight, meta.width()),
        )
        # title
        y = pill.bottom() + 6
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(text)
        painter.drawText(
            QRect(inner.left(), y, inner.width(), title_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title_metrics.elidedText(
                record.get("title") or "", Qt.TextElideMode.ElideRight, inner.width()
            ),
        )
        y += title_metrics.height() + 4
        # body excerpt: at most two wrapped lines, ending in an ellipsis when cut
        body = " ".join((record.get("body") or "").split())
        if body:
            base_metrics = QFontMetrics(base)
            budget = inner.width() * self.EXCERPT_LINES - base_metrics.averageCharWidth() * 8
            excerpt = base_metrics.elidedText(body, Qt.TextElideMode.ElideRight, max(budget, 40))
            painter.setFont(base)
            painter.setPen(muted if not selected else text)
            painter.drawText(
                QRect(
                    inner.left(),
                    y,
                    inner.width(),
                    base_metrics.lineSpacing() * self._excerpt_lines(body, base),
                ),
                int(
                    Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap
                ),
                excerpt,
            )
        painter.restore()


__all__ = ["NoteCardDelegate"]
