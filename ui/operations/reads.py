"""Reads off the GUI thread: ``QueryOp``, and ``StoreReader`` for views that re-read often."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from desktop.store import Store

from .core import OpContext, _Delivery, _emit, _Outcome, _ReadThread, _show_failure


class QueryOp(_Outcome):
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
        self._wanted: Callable[[], bool] = lambda: True
        # A child of the asking widget: when the widget goes, so does an answer still queued.
        self._delivery = _Delivery(parent if isinstance(parent, QObject) else None)
        self._delivery.done.connect(self._finish_success, Qt.ConnectionType.QueuedConnection)
        self._delivery.failed.connect(self._finish_failure, Qt.ConnectionType.QueuedConnection)

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
