"""Other long work off the GUI thread (network, the demo CRM, PDF), with delayed progress."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from .core import Cancelled, _Delivery, _emit, _Outcome, _show_failure, log
from .progress import Indicator


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


class Task(_Outcome):
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
        self._on_progress: Callable[[Any], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._delivery = _Delivery()
        self._delivery.done.connect(self._finish_success, Qt.ConnectionType.QueuedConnection)
        self._delivery.failed.connect(self._finish_failure, Qt.ConnectionType.QueuedConnection)
        self._delivery.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.control = TaskControl(self)
        self._thread: threading.Thread | None = None
        self._indicator = Indicator(
            parent, label, busy_cursor=busy_cursor, on_cancel=self.cancel if cancellable else None
        )

    # building

    def progress(self, callback: Callable[[Any], None]) -> Task:
        self._on_progress = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Task:
        self._on_cancelled = callback
        return self

    # running

    def run_in_background(self) -> Task:
        Task._running.add(self)
        self._indicator.start()
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

    @property
    def finished(self) -> bool:
        """Whether the outcome has been delivered (on the GUI thread)."""
        return self._indicator.ended

    def progress_window(self) -> QProgressDialog:
        """The progress window (made now, shown when the delay has passed)."""
        return self._indicator.window()

    def _work(self) -> None:
        try:
            result = self._fn(self.control)
        except BaseException as exc:  # delivered to the GUI thread, shown or handled there
            _emit(self._delivery.failed, exc)
        else:
            _emit(self._delivery.done, result)

    # on the GUI thread

    def _progressed(self, progress: Any) -> None:
        if self.finished:
            return
        self._indicator.progressed(progress)
        if self._on_progress:
            self._on_progress(progress)

    def _end(self) -> None:
        Task._running.discard(self)
        self._indicator.end()

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


def run_in_background(fn: Callable[[], Any], name: str = "task") -> Task:
    """Fire and forget (telling a server we signed out): a failure is logged, never shown."""
    return (
        Task(None, lambda _control: fn(), name=name)
        .failure(lambda exc: log.info("%s failed: %s", name, exc))
        .run_in_background()
    )
