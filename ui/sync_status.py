"""The sync line in the status bar: where sync stands, what waits, when it last worked.

A coloured dot and a sentence (colour is never the only signal), a thin progress bar while a
cycle runs, and small counts for changes still to send, changes the CRM refused and conflicts.
Clicking it opens the outbox.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from . import sync_controller as sc
from .errors import describe
from .style import tone_colors

# mode -> tone of the dot
_TONES = {
    sc.LOCAL_ONLY: "grey",
    sc.NEVER_SYNCED: "grey",
    sc.SYNCING: "blue",
    sc.UP_TO_DATE: "green",
    sc.OFFLINE: "amber",
    sc.SIGN_IN: "red",
    sc.ERROR: "red",
}


def _dot(tone: str, size: int = 10) -> QPixmap:
    _bg, fg = tone_colors(tone)
    if tone == "grey":
        fg = QColor("#9ca3af")
    elif tone == "green":
        fg = QColor("#16a34a")
    elif tone == "blue":
        fg = QColor("#2563eb")
    elif tone == "amber":
        fg = QColor("#d97706")
    elif tone == "red":
        fg = QColor("#dc2626")
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fg)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


class _Count(QLabel):
    """A small rounded count ("3 to send") in a tone; hidden at zero."""

    def __init__(self, tone: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._tone = tone
        self._sheet = ""
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()

    def set_text(self, text: str | None) -> None:
        bg, fg = tone_colors(self._tone)  # per render, so a light/dark switch is followed
        sheet = (
            f"QLabel {{ background: {bg.name()}; color: {fg.name()}; border-radius: 8px;"
            " padding: 1px 7px; }"
        )
        if sheet != self._sheet:
            self._sheet = sheet
            self.setStyleSheet(sheet)
        self.setVisible(bool(text))
        self.setText(text or "")


class SyncStatusWidget(QWidget):
    """The status bar's sync indicator; ``clicked`` (and a click) opens the outbox."""

    clicked = Signal()

    def __init__(
        self,
        controller: sc.SyncController,
        parent: QWidget | None = None,
        now: Callable[[], float] = time.time,
    ):
        super().__init__(parent)
        self.controller = controller
        self._now = now
        self._dialog = None
        self.setObjectName("syncStatus")

        self.button = QToolButton(self)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setIconSize(QSize(10, 10))
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self._click)

        self.bar = QProgressBar(self)
        self.bar.setFixedSize(90, 6)
        self.bar.setTextVisible(False)
        self.bar.hide()

        self.pending_count = _Count("grey", self)
        self.refused_count = _Count("red", self)
        self.conflict_count = _Count("amber", self)
        self.held_count = _Count("amber", self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.button)
        layout.addWidget(self.bar)
        for count in (self.pending_count, self.refused_count, self.conflict_count, self.held_count):
            layout.addWidget(count)

        # The "synced 2 min ago" text ages even when nothing happens.
        self._ticker = QTimer(self)
        self._ticker.setInterval(30_000)
        self._ticker.timeout.connect(self.render)
        self._ticker.start()

        # For the sync menu: the same outbox as a click on the widget.
        self.outbox_action = QAction(self.tr("Outbox and conflicts…"), self)
        self.outbox_action.triggered.connect(self.open_outbox)

        controller.status_changed.connect(self.render)
        self.render()

    # -- what it says ------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.button.text()

    def render(self, state: sc.SyncViewState | None = None) -> None:
        """Show ``state`` (default: the controller's current one)."""
        state = state if isinstance(state, sc.SyncViewState) else self.controller.state
        self.button.setIcon(_dot(self.tone(state)))
        self.button.setText(self._headline(state))
        self.button.setToolTip(self._details(state))
        self.setToolTip(self.button.toolTip())
        self._show_progress(state)
        self.outbox_action.setEnabled(self.controller.engine is not None)
        self.pending_count.set_text(
            self.tr("{} to send").format(state.pending) if state.pending else None
        )
        self.refused_count.set_text(
            self.tr("{} refused").format(state.parked) if state.parked else None
        )
        conflicts = state.conflicts
        self.conflict_count.set_text(
            None if not conflicts else self.tr("%n conflict(s)", "", conflicts)
        )
        held = state.held_back
        self.held_count.set_text(None if not held else self.tr("%n record(s) held back", "", held))
        for count in (self.pending_count, self.refused_count, self.conflict_count, self.held_count):
            count.setToolTip(self.tr("Open the outbox"))

    def _headline(self, state: sc.SyncViewState) -> str:
        mode = state.mode
        if mode == sc.LOCAL_ONLY:
            return self.tr("Local only")
        if mode == sc.SYNCING:
            p = state.progress
            if p is None:
                return self.tr("Syncing…")
            if p.phase == "push":
                return self.tr("Syncing… sending your changes")
            if p.phase == "reconcile":
                return self.tr("Syncing… checking for deletions")
            if p.done:
                return self.tr("Syncing… {} received").format(p.done)
            return self.tr("Syncing…")
        if mode == sc.SIGN_IN:
            return self.tr("Sign in to sync")
        if mode == sc.OFFLINE:
            return self.tr("Offline · changes are kept")
        if mode == sc.ERROR:
            return self.tr("Sync failed")
        if mode == sc.NEVER_SYNCED:
            return self.tr("Not synced yet")
        ago = self.synced_ago(state.status.last_success_at if state.status else None)
        if state.pending or state.parked or state.conflicts:  # the counts say what is left
            return ago[:1].upper() + ago[1:] if ago else self.tr("Synced")
        return self.tr("Up to date · {}").format(ago) if ago else self.tr("Up to date")

    @staticmethod
    def tone(state: sc.SyncViewState) -> str:
        """The dot's colour: green only when nothing is left to do."""
        if state.mode == sc.UP_TO_DATE:
            if state.conflicts or state.parked or state.held_back:
                return "amber"
            if state.pending:
                return "blue"
        return _TONES.get(state.mode, "grey")

    def _details(self, state: sc.SyncViewState) -> str:
        lines = []
        mode, status = state.mode, state.status
        if mode == sc.LOCAL_ONLY:
            lines.append(
                self.tr(
                    "Fieldbook is working on this computer's copy; no CRM is "
                    "connected. Sign in to a CRM to sync."
                )
            )
        if mode == sc.SIGN_IN:
            lines.append(
                self.tr(
                    "The CRM asks you to sign in again. Your changes are kept "
                    "until then. Click to sign in."
                )
            )
        if mode == sc.OFFLINE:
            lines.append(
                self.tr("The CRM cannot be reached. Your changes are kept and sent when it can be.")
            )
        if status is not None:
            ago = self.synced_ago(status.last_success_at)
            lines.append(self.tr("Last successful sync: {}").format(ago or self.tr("never")))
            if status.next_retry_at and mode in (sc.OFFLINE, sc.ERROR):
                wait = max(0, int(status.next_retry_at - self._now()))
                lines.append(self.tr("Next try in {}").format(self._duration(wait)))
            error = describe(status.last_error)
            if mode == sc.ERROR and state.last_report is not None and state.last_report.errors:
                error = " ".join(
                    map(describe, state.last_report.problems or state.last_report.errors)
                )
            if error and mode != sc.UP_TO_DATE:
                lines.append(self.tr("Last error: {}").format(error))
        if state.held_back:
            lines.append(
                self.tr(
                    "%n record(s) held back: the CRM sent values Fieldbook cannot take. They are "
                    "asked for again at every sync; the outbox says why.",
                    "",
                    state.held_back,
                )
            )
        if state.api_usage is not None:
            lines.append(self.tr("API calls today: {} of {}").format(*state.api_usage))
        if state.progress is not None and state.progress.message:
            lines.append(state.progress.message)
        if mode not in (sc.LOCAL_ONLY, sc.SIGN_IN):
            lines.append(self.tr("Click to see what is waiting to be sent."))
        return "\n".join(lines)

    def synced_ago(self, iso: str | None) -> str:
        """``synced just now`` / ``synced 2 min ago`` / ``synced 3 h ago`` / ``synced 5 Mar``."""
        if not iso:
            return ""
        moment = dt.datetime.fromisoformat(iso)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        seconds = self._now() - moment.timestamp()
        if seconds < 60:
            return self.tr("synced just now")
        if seconds < 3600:
            return self.tr("synced {} min ago").format(int(seconds // 60))
        if seconds < 86400:
            return self.tr("synced {} h ago").format(int(seconds // 3600))
        local = moment.astimezone()
        return self.tr("synced {}").format(local.strftime("%d %b").lstrip("0"))

    def _duration(self, seconds: int) -> str:
        if seconds < 60:
            return self.tr("{} s").format(seconds)
        if seconds < 3600:
            return self.tr("{} min").format(seconds // 60)
        return self.tr("{} h").format(seconds // 3600)

    def _show_progress(self, state: sc.SyncViewState) -> None:
        syncing = state.mode == sc.SYNCING
        self.bar.setVisible(syncing)
        if not syncing:
            return
        p = state.progress
        if p is not None and p.total:
            self.bar.setRange(0, p.total)
            self.bar.setValue(min(p.done, p.total))
        else:
            self.bar.setRange(0, 0)  # busy: the total is unknown while pulling

    # -- clicking ----------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        event.accept()  # so the release (the click) comes here, also from the counts

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._click()
        super().mouseReleaseEvent(event)

    def _click(self) -> None:
        self.clicked.emit()
        if self.controller.state.mode == sc.SIGN_IN:
            self.controller.sign_in_needed.emit()  # what "Sign in to sync" promises
        elif self.controller.engine is not None:
            self.open_outbox()

    def open_outbox(self):
        """Show the outbox (one window, raised when already open)."""
        from .outbox_dialog import OutboxDialog

        if self._dialog is None:
            self._dialog = OutboxDialog(self.controller, self.window())
            self._dialog.finished.connect(self._dialog_closed)
        self._dialog.show()
        self._dialog.raise_()
        self._dialog.activateWindow()
        return self._dialog

    def _dialog_closed(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None
