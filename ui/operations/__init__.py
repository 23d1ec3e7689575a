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

Build every op on the GUI thread; results, failures and progress always come back there. Every committed change,
whoever made it (an op, the sync engine), reaches every view through
``StoreEvents.changed(Changes)``. Nothing else in ``ui/`` starts a thread. Modules: ``core``
(the context, its threads, writes), ``reads``, ``tasks``, ``progress`` (the delayed window
and cursor).
"""

from __future__ import annotations

from .core import Cancelled, OpContext, StoreEvents, StoreOp
from .progress import BUSY_DELAY_MS, PROGRESS_DELAY_MS, Indicator
from .reads import LazyRefresh, QueryOp, StoreReader
from .tasks import Task, TaskControl, run_in_background

__all__ = [
    "BUSY_DELAY_MS",
    "PROGRESS_DELAY_MS",
    "Cancelled",
    "Indicator",
    "LazyRefresh",
    "OpContext",
    "QueryOp",
    "StoreEvents",
    "StoreOp",
    "StoreReader",
    "Task",
    "TaskControl",
    "run_in_background",
]
