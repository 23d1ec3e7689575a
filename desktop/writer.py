"""The one thread that writes to the store.

Every write (a rep's edit, a sync page, an import) runs here in order, so SQLite never sees two
writers and a slow network never holds a write lock: network work happens elsewhere and hands
its store transactions to ``call``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Writer:
    """A single-thread executor for store writes."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldbook-writer")
        self._thread_id: int | None = None
        self._executor.submit(self._remember_thread).result()

    def _remember_thread(self) -> None:
        self._thread_id = threading.get_ident()

    def on_writer_thread(self) -> bool:
        return threading.get_ident() == self._thread_id

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Queue ``fn`` to run on the writer thread."""
        return self._executor.submit(fn)

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the writer thread and wait for its result (inline if already there)."""
        if self.on_writer_thread():
            return fn()
        return self._executor.submit(fn).result()

    def shutdown(self) -> None:
        """Finish queued writes, then stop the thread."""
        self._executor.shutdown(wait=True)
