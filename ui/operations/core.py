"""The core of the operations: the open profile's context, its threads, and store writes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Self

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.store import Store
from desktop.undo import UndoStack
from desktop.writer import Writer

from .progress import Indicator

log = logging.getLogger(__name__)


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
    from ..errors import show_error

    show_error(parent, exc)


class _Outcome:
    """What the three operations share: ``success`` / ``failure`` callbacks, set by chaining."""

    _on_success: Callable[[Any], None] | None = None
    _on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[Any], None]) -> Self:
        """Run ``callback(result)`` on the GUI thread when the work returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Self:
        """Run ``callback(exc)`` on the GUI thread instead of showing the error."""
        self._on_failure = callback
        return self


class StoreOp(_Outcome):
    """A write run off the GUI thread, with callbacks on the GUI thread.

    A write the rep waits for (a delete of a big account, its undo, an import) passes
    ``busy_cursor=True`` and, for the longest, a ``label``: the cursor and the progress window
    then appear only if it takes long enough to need them.
    """

    _running: set[StoreOp] = set()

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[[Store], Any],
        context: OpContext | None = None,
        *,
        label: str | None = None,
        busy_cursor: bool = False,
    ):
        self._parent = parent
        self._fn = fn
        self._context = context or OpContext.current()
        self._indicator = Indicator(parent, label, busy_cursor=busy_cursor)
        self._delivery = _Delivery()
        self._delivery.done.connect(self._finish_success, Qt.ConnectionType.QueuedConnection)
        self._delivery.failed.connect(self._finish_failure, Qt.ConnectionType.QueuedConnection)

    def run_in_background(self) -> StoreOp:
        StoreOp._running.add(self)
        self._indicator.start()
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
        self._indicator.end()
        if self._on_success:
            self._on_success(result)

    def _finish_failure(self, exc: BaseException) -> None:
        StoreOp._running.discard(self)
        self._indicator.end()
        if self._on_failure:
            self._on_failure(exc)
        else:
            _show_failure(self._parent, exc)


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
        # Set by the sync controller: whether a cycle (and so maybe a push) is under way.
        self.sync_busy: Callable[[], bool] = lambda: False
        self._after_sync: list[Callable[[], None]] = []
        OpContext._open.append(self)

    def when_sync_idle(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` now, or once the running sync cycle has ended (on the GUI thread).

        An undo waits here: the push under way may be sending the very operations it would
        take back, and only after the cycle is it known whether the CRM applied them.
        """
        if self.sync_busy():
            self._after_sync.append(fn)
        else:
            fn()

    def sync_became_idle(self) -> None:
        """The sync controller's call when a cycle has ended."""
        waiting, self._after_sync = self._after_sync, []
        for fn in waiting:
            fn()

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
        self._after_sync.clear()
        if self in OpContext._open:
            OpContext._open.remove(self)
        if OpContext._current is self:
            OpContext._current = None
