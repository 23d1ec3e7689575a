"""The one way the UI runs work off the GUI thread, and the one signal that says what changed.

Three kinds of work, one shape (build, add callbacks, ``run_in_background``):

    StoreOp(self, lambda store: store.update("tasks", task_id, {"status": "done"}))
        .success(lambda changed: ...)
        .failure(lambda exc: ...)      # optional; default: ui.errors.show_error
        .run_in_background()

- ``StoreOp``: a write, on the store's single writer thread.
- ``QueryOp``: a read, on the context's reader thread (``StoreReader`` keeps only the newest
  answer per key, for views that re-read as the rep types or the store changes).
- ``Task``: any other long work (signing in, the demo CRM start, a PDF export, a sync cycle), on
  a worker thread of its own. It reports progress and can be cancelled; a progress window shows
  only after ``PROGRESS_DELAY_MS`` and a busy cursor only after ``BUSY_DELAY_MS`` (Anki's
  ``progress.py`` timings), so quick work never flickers a dialog.

Results, failures and progress always come back on the GUI thread. Every committed change,
whoever made it (an op, the sync engine), reaches every view through
``StoreEvents.changed(Changes)``. Nothing else in ``ui/`` starts a thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop.store import Store
from desktop.undo import UndoStack
from desktop.writer import Writer

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600  # no progress window for work quicker than this (STYLE.md 6)
BUSY_DELAY_MS = 300  # no busy cursor for work quicker than this


class Cancelled(Exception):
    """Raised inside a task when the rep cancelled it; never shown as an error."""


class StoreEvents(QObject):
    """Relays the store's commits to the GUI thread as one signal."""

    changed = Signal(object)  # desktop.store.Changes

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._relay = _Relay()
        self._relay.committed.connect(self.changed, Qt.ConnectionType.QueuedConnection)
        store.add_listener(self._relay.committed.emit)

    def detach(self) -> None:
        self._store.remove_listener(self._relay.committed.emit)


class _Relay(QObject):
    committed = Signal(object)


class _Delivery(QObject):
    """Carries a piece of work's outcome from its thread to the GUI thread."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


def _emit(signal, value: Any) -> None:
    """Emit from a worker; the receiver may be gone already (its window closed): then drop it."""
    try:
        signal.emit(value)
    except RuntimeError:  # the C++ object was deleted with its parent
        log.debug("result dropped: its receiver is gone")


def _show_failure(parent: QWidget | None, exc: BaseException) -> None:
    from .errors import show_error

    show_error(parent, exc)


# -- writes ------------------------------------------------------------------------------------


class StoreOp:
    """A write run off the GUI thread, with callbacks on the GUI thread."""

    _running: set[StoreOp] = set()

    def __init__(
        self, parent: QWidget | None, fn: Callable[[Store], Any], context: OpContext | None = None
    ):
        self._parent = parent
        self._fn = fn
        self._context = context or OpContext.current()
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._delivery = _Delivery()
        self._delivery.done.connect(self._finish_success, Qt.ConnectionType.QueuedConnection)
        self._delivery.failed.connect(self._finish_failure, Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[Any], None]) -> StoreOp:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> StoreOp:
        self._on_failure = callback
        return self

    def run_in_background(self) -> StoreOp:
        StoreOp._running.add(self)
        store = self._context.store

        def work() -> None:
            try:
                result = self._fn(store)
            except BaseException as exc:  # delivered to the GUI thread, shown or handled there
                self._delivery.failed.emit(exc)
            else:
                self._delivery.done.emit(result)

        self._context.writer.submit(work)
        return self

    def _finish_success(self, result: Any) -> None:
        StoreOp._running.discard(self)
        if self._on_success:
            self._on_success(result)

    def _finish_failure(self, exc: BaseException) -> None:
        StoreOp._running.discard(self)
        if self._on_failure:
            self._on_failure(exc)
        else:
            _show_failure(self._parent, exc)


# -- reads -------------------------------------------------------------------------------------


class QueryOp:
    """A read run on the context's reader thread, with callbacks on the GUI thread.

    ``inline=True`` runs it at once on the calling thread (tests use it for determinism).
    ``wanted`` is asked before the read and before delivery: a read nobody wants any more (the
    rep kept typing) is skipped or its answer dropped.
    """

    _running: set[QueryOp] = set()

    def __init__(
        self,
        parent: QObject | None,
        fn: Callable[[Store], Any],
        context: OpContext | None = None,
        *,
        store: Store | None = None,
    ):
        self._parent = parent
        self._fn = fn
        self._context = context
        self._store = store or (context or OpContext.current()).store
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._wanted: Callable[[], bool] = lambda: True
        # A child of the asking widget: when the widget goes, so does an answer still queued.
        self._delivery = _Delivery(parent if isinstance(parent, QObject) else None)
        self._delivery.done.connect(self._finish_success, Qt.ConnectionType.QueuedConnection)
        self._delivery.failed.connect(self._finish_failure, Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[Any], None]) -> QueryOp:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> QueryOp:
        self._on_failure = callback
        return self

    def wanted(self, still_wanted: Callable[[], bool]) -> QueryOp:
        self._wanted = still_wanted
        return self

    def run_in_background(self, inline: bool = False) -> QueryOp:
        if inline:
            try:
                result = self._fn(self._store)
            except Exception as exc:  # noqa: BLE001 - shown in words, like a background read
                self._finish_failure(exc)
            else:
                self._finish_success(result)
            return self
        QueryOp._running.add(self)

        def work() -> None:
            if not self._wanted():
                _emit(self._delivery.done, _SKIPPED)
                return
            try:
                result = self._fn(self._store)
            except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread, in words
                _emit(self._delivery.failed, exc)
            else:
                _emit(self._delivery.done, result)

        _reader_for(self._context, self._store).submit(work)
        return self

    def _finish_success(self, result: Any) -> None:
        QueryOp._running.discard(self)
        if result is _SKIPPED or not self._wanted():
            return
        if self._on_success:
            self._on_success(result)

    def _finish_failure(self, exc: BaseException) -> None:
        QueryOp._running.discard(self)
        if not self._wanted():
            return
        if self._on_failure:
            self._on_failure(exc)
        else:
            parent = self._parent
            while parent is not None and not isinstance(parent, QWidget):
                parent = parent.parent()
            _show_failure(parent, exc)


_SKIPPED = object()


class _ReadThread:
    """One thread for reads, so a burst of queries queues instead of racing."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldbook-read")

    def submit(self, fn: Callable[[], None]) -> None:
        self._executor.submit(fn)

    def drain(self) -> None:
        """Wait until every read queued so far has run."""
        self._executor.submit(lambda: None).result()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


_shared_reader: _ReadThread | None = None


def _reader_for(context: OpContext | None, store: Store) -> _ReadThread:
    if context is None:
        context = next((c for c in OpContext._open if c.store is store), None)
    if context is not None:
        return context.reader
    global _shared_reader
    if _shared_reader is None:  # a store without a context (a model built in a test)
        _shared_reader = _ReadThread()
    return _shared_reader


class StoreReader(QObject):
    """Runs a view's reads as QueryOps; only the newest answer per key comes back (older ones,
    superseded while the rep kept typing or the store kept changing, are dropped). With
    ``background=False`` it reads inline, which tests use for determinism."""

    def __init__(
        self, store: Store | OpContext, parent: QObject | None = None, background: bool = True
    ):
        super().__init__(parent)
        self._context = store if isinstance(store, OpContext) else None
        self._store = store.store if isinstance(store, OpContext) else store
        self._latest: dict[str, int] = {}
        self._background = background
        self._closed = False

    def run(self, key: str, fn: Callable[[Store], Any], callback: Callable[[Any], None]) -> None:
        generation = self._latest.get(key, 0) + 1
        self._latest[key] = generation
        op = QueryOp(self, fn, self._context, store=self._store).success(callback)
        op.wanted(lambda: not self._closed and self._latest.get(key) == generation)
        op.run_in_background(inline=not self._background)

    def shutdown(self) -> None:
        """Drop answers still to come and wait for the read in flight."""
        self._closed = True
        if self._background:
            _reader_for(self._context, self._store).drain()


class LazyRefresh:
    """For views: read again only while shown; a change seen while hidden waits for the show."""

    _stale = True

    def refresh_when_visible(self) -> None:
        if self.isVisible() or not getattr(self, "_background", True):  # type: ignore[attr-defined]
            self._stale = False
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self._stale = False
            self.refresh()  # type: ignore[attr-defined]


# -- other long work ---------------------------------------------------------------------------


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


# -- the context -------------------------------------------------------------------------------


class OpContext:
    """What every op of one open profile shares: the store, its writer and reader threads, the
    "store changed" signal, and the undo history of what the rep did."""

    _current: OpContext | None = None
    _open: list[OpContext] = []

    def __init__(self, store: Store, writer: Writer | None = None):
        self.store = store
        self.writer = writer or Writer()
        self.events = StoreEvents(store)
        self.undo = UndoStack()
        self._reader: _ReadThread | None = None
        OpContext._open.append(self)

    @property
    def reader(self) -> _ReadThread:
        if self._reader is None:
            self._reader = _ReadThread()
        return self._reader

    @classmethod
    def current(cls) -> OpContext:
        if cls._current is None:
            raise RuntimeError("no store is open")
        return cls._current

    def make_current(self) -> OpContext:
        OpContext._current = self
        return self

    def close(self) -> None:
        """Finish queued reads and writes, stop both threads, close the store."""
        self.events.detach()
        if self._reader is not None:
            self._reader.shutdown()
        self.writer.shutdown()
        self.store.close()
        self.undo.clear()
        if self in OpContext._open:
            OpContext._open.remove(self)
        if OpContext._current is self:
            OpContext._current = None
