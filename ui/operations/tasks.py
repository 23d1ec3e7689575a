"""Other long work off the GUI thread (network, the demo CRM, PDF), with delayed progress."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from .core import Cancelled, _Delivery, _emit, _show_failure, log

PROGRESS_DELAY_MS = 600  # no progress window for work quicker than this (STYLE.md 6)
BUSY_DELAY_MS = 300  # no busy cursor for work quicker than this


class TaskControl:
    """What a task's function gets: whether to stop, and a way to say how far it is."""

    def __init__(self, task: Task):
        self._task = task
        self._stop = threading.Event()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` when the rep cancelled (call between steps)."""
        if self._stop.is_set():
            raise Cancelled()

    def report(self, progress: Any) -> None:
        """Tell the GUI thread how far the work is: any object; one with ``done`` and ``total``
        (or a ``(done, total)`` pair) also moves the progress window."""
        _emit(self._task._delivery.progressed, progress)


class Task:
    """Long work that is neither a store read nor a store write, on a worker thread of its own.

    ``fn(control)`` runs off the GUI thread; it polls ``control.is_cancelled()`` and reports
    with ``control.report(...)``. With ``label`` a progress window (with Cancel when
    ``cancellable``) appears once the work has taken ``PROGRESS_DELAY_MS``; with
    ``busy_cursor`` the cursor turns busy after ``BUSY_DELAY_MS``. Raising ``Cancelled`` (or
    returning after a cancel) ends in the ``cancelled`` callback, never in an error.
    """

    _running: set[Task] = set()

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[[TaskControl], Any],
        *,
        name: str = "task",
        label: str | None = None,
        cancellable: bool = False,
        busy_cursor: bool = False,
    ):
        self._parent = parent
        self._fn = fn
        self.name = name
        self._label = label
        self._cancellable = cancellable
        self._busy_cursor = busy_cursor
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[Any], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._delivery = _Delivery()
        self._delivery.done.connect(self._finish_success, Qt.ConnectionType.QueuedConnection)
        self._delivery.failed.connect(self._finish_failure, Qt.ConnectionType.QueuedConnection)
        self._delivery.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.control = TaskControl(self)
        self._thread: threading.Thread | None = None
        self._dialog: QProgressDialog | None = None
        self._cursor_set = False
        self._timers: list[QTimer] = []
        self.finished = False

    # building

    def success(self, callback: Callable[[Any], None]) -> Task:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task:
        self._on_failure = callback
        return self

    def progress(self, callback: Callable[[Any], None]) -> Task:
        self._on_progress = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Task:
        self._on_cancelled = callback
        return self

    # running

    def run_in_background(self) -> Task:
        Task._running.add(self)
        if self._label is not None:
            self._later(PROGRESS_DELAY_MS, self._show_progress)
        if self._busy_cursor:
            self._later(BUSY_DELAY_MS, self._set_busy_cursor)
        self._thread = threading.Thread(target=self._work, name=f"fieldbook-{self.name}")
        self._thread.daemon = True  # a hung network call must not keep the process alive
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check (it may finish first)."""
        self.control._stop.set()

    @property
    def is_cancelled(self) -> bool:
        return self.control.is_cancelled()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the worker thread (seconds); True when it has ended."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def progress_window(self) -> QProgressDialog:
        """The progress window (made now, shown when the delay has passed)."""
        if self._dialog is None:
            dialog = QProgressDialog(self._parent)
            dialog.setLabelText(self._label or "")
            if not self._cancellable:
                dialog.setCancelButton(None)  # type: ignore[arg-type]
            dialog.setRange(0, 0)
            dialog.setMinimumDuration(2**30)  # shown by our own timer, never by Qt's guess
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.canceled.connect(self.cancel)
            dialog.hide()
            self._dialog = dialog
        return self._dialog

    def _work(self) -> None:
        try:
            result = self._fn(self.control)
        except BaseException as exc:  # delivered to the GUI thread, shown or handled there
            _emit(self._delivery.failed, exc)
        else:
            _emit(self._delivery.done, result)

    # on the GUI thread

    def _later(self, ms: int, fn: Callable[[], None]) -> None:
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)  # "after 300 ms" means not before
        timer.setSingleShot(True)
        timer.timeout.connect(fn)
        timer.start(ms)
        self._timers.append(timer)

    def _show_progress(self) -> None:
        if not self.finished:
            self.progress_window().show()

    def _set_busy_cursor(self) -> None:
        if not self.finished and QApplication.instance() is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._cursor_set = True

    def _progressed(self, progress: Any) -> None:
        if self.finished:
            return
        if self._dialog is not None or self._label is not None:
            done, total = _done_total(progress)
            if total:
                window = self.progress_window()
                window.setMaximum(total)
                window.setValue(min(done, total))
        if self._on_progress:
            self._on_progress(progress)

    def _end(self) -> None:
        self.finished = True
        Task._running.discard(self)
        for timer in self._timers:
            timer.stop()
        self._timers.clear()
        if self._cursor_set:
            QApplication.restoreOverrideCursor()
            self._cursor_set = False
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _finish_success(self, result: Any) -> None:
        self._end()
        if self.is_cancelled and self._on_cancelled:
            self._on_cancelled()
        elif self._on_success:
            self._on_success(result)

    def _finish_failure(self, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, Cancelled) or (self.is_cancelled and self._on_cancelled):
            if self._on_cancelled:  # a cancel is the rep's wish, never an error
                self._on_cancelled()
        elif self._on_failure:
            self._on_failure(exc)
        else:
            _show_failure(self._parent, exc)


def _done_total(progress: Any) -> tuple[int, int | None]:
    if isinstance(progress, tuple) and len(progress) == 2:
        return int(progress[0] or 0), progress[1]
    return int(getattr(progress, "done", 0) or 0), getattr(progress, "total", None)


def run_in_background(fn: Callable[[], Any], name: str = "task") -> Task:
    """Fire and forget (telling a server we signed out): a failure is logged, never shown."""
    return (
        Task(None, lambda _control: fn(), name=name)
        .failure(lambda exc: log.info("%s failed: %s", name, exc))
        .run_in_background()
    )
