"""One way to change data from the UI, and one signal that says what changed.

    StoreOp(self, lambda store: store.update("tasks", task_id, {"status": "done"}))
        .success(lambda changed: ...)
        .failure(lambda exc: ...)      # optional; default: ui.errors.show_error
        .run_in_background()

The op runs on the store's single writer thread; its result (or exception) comes back on the GUI
thread. Every committed change, whoever made it (an op, the sync engine), reaches every view
through ``StoreEvents.changed(Changes)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.store import Store
from desktop.writer import Writer


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
    """Carries an op's outcome from the writer thread to the GUI thread."""

    done = Signal(object)
    failed = Signal(object)


class StoreOp:
    """A write run off the GUI thread, with callbacks on the GUI thread."""

    _running: set["StoreOp"] = set()

    def __init__(
        self, parent: QWidget | None, fn: Callable[[Store], Any], context: "OpContext | None" = None
    ):
        self._parent = parent
        self._fn = fn
        self._context = context or OpContext.current()
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._delivery = _Delivery()
        self._delivery.done.connect(self._finish_success, Qt.ConnectionType.QueuedConnection)
        self._delivery.failed.connect(self._finish_failure, Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[Any], None]) -> "StoreOp":
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> "StoreOp":
        self._on_failure = callback
        return self

    def run_in_background(self) -> "StoreOp":
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
            from .errors import show_error

            show_error(self._parent, exc)


class OpContext:
    """The store and its writer, shared by every op of one open profile."""

    _current: "OpContext | None" = None

    def __init__(self, store: Store, writer: Writer | None = None):
        self.store = store
        self.writer = writer or Writer()
        self.events = StoreEvents(store)

    @classmethod
    def current(cls) -> "OpContext":
        if cls._current is None:
            raise RuntimeError("no store is open")
        return cls._current

    def make_current(self) -> "OpContext":
        OpContext._current = self
        return self

    def close(self) -> None:
        """Finish queued writes, stop the writer, close the store."""
        self.events.detach()
        self.writer.shutdown()
        self.store.close()
        if OpContext._current is self:
            OpContext._current = None
