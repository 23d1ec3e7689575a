"""Progress only when it is needed: a busy cursor after ``BUSY_DELAY_MS``, a progress window
after ``PROGRESS_DELAY_MS`` (Anki's ``progress.py`` timings), nothing for quick work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

PROGRESS_DELAY_MS = 600  # no progress window for work quicker than this (STYLE.md 6)
BUSY_DELAY_MS = 300  # no busy cursor for work quicker than this


class Indicator:
    """What one piece of running work shows the rep, on the GUI thread.

    ``label``: a progress window (Cancel calls ``on_cancel`` when given) once the delay has
    passed; ``busy_cursor``: the busy cursor once its shorter delay has passed. ``end()``
    takes both away.
    """

    def __init__(
        self,
        parent: QWidget | None,
        label: str | None = None,
        *,
        busy_cursor: bool = False,
        on_cancel: Callable[[], None] | None = None,
    ):
        self._parent = parent
        self._label = label
        self._busy_cursor = busy_cursor
        self._on_cancel = on_cancel
        self._dialog: QProgressDialog | None = None
        self._cursor_set = False
        self._timers: list[QTimer] = []
        self.ended = False

    def start(self) -> None:
        if self._label is not None:
            self._later(PROGRESS_DELAY_MS, self._show_window)
        if self._busy_cursor:
            self._later(BUSY_DELAY_MS, self._set_busy_cursor)

    def window(self) -> QProgressDialog:
        """The progress window (made now if need be, shown when the delay has passed)."""
        if self._dialog is None:
            dialog = QProgressDialog(self._parent)
            dialog.setLabelText(self._label or "")
            if self._on_cancel is None:
                dialog.setCancelButton(None)  # type: ignore[arg-type]
            else:
                dialog.canceled.connect(self._on_cancel)
            dialog.setRange(0, 0)  # "busy" until a total is known
            dialog.setMinimumDuration(2**30)  # shown by our own timer, never by Qt's guess
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.hide()
            self._dialog = dialog
        return self._dialog

    def has_window(self) -> bool:
        return self._dialog is not None

    def progressed(self, progress: Any) -> None:
        """Move the window: ``progress`` is a ``(done, total)`` pair or has those attributes."""
        if self.ended or (self._dialog is None and self._label is None):
            return
        done, total = _done_total(progress)
        if total:
            window = self.window()
            window.setMaximum(total)
            window.setValue(min(done, total))

    def end(self) -> None:
        self.ended = True
        for timer in self._timers:
            timer.stop()
        self._timers.clear()
        if self._cursor_set:
            QApplication.restoreOverrideCursor()
            self._cursor_set = False
        if self._dialog is not None:
            if self._on_cancel is not None:
                self._dialog.canceled.disconnect(self._on_cancel)
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _later(self, ms: int, fn: Callable[[], None]) -> None:
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)  # "after 300 ms" means not before
        timer.setSingleShot(True)
        timer.timeout.connect(fn)
        timer.start(ms)
        self._timers.append(timer)

    def _show_window(self) -> None:
        if not self.ended:
            self.window().show()

    def _set_busy_cursor(self) -> None:
        if not self.ended and QApplication.instance() is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._cursor_set = True


def _done_total(progress: Any) -> tuple[int, int | None]:
    if isinstance(progress, tuple) and len(progress) == 2:
        return int(progress[0] or 0), progress[1]
    return int(getattr(progress, "done", 0) or 0), getattr(progress, "total", None)
