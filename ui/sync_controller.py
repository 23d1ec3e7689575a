"""Runs the sync engine in the background and tells the window how sync is going.

One ``SyncController`` per open profile. It starts a cycle at start-up, on a timer (the
``sync_interval_minutes`` preference, 5 by default), a few seconds after a local edit, when the
network comes back, when the engine's backoff runs out (a watchdog, so a failed push is retried
even if the rep edits nothing) and on demand (``sync_now_action``: toolbar, menu, F9 / Ctrl+R).

A cycle runs as a ``ui.operations.Task`` (its own worker thread); the engine hands every store transaction to the writer thread
(``write=context.writer.call``), so neither the GUI thread nor the writer ever waits on the
network. Only one cycle runs at a time: a request during a cycle runs once it has finished.
Resolving, retrying and discarding run as StoreOps on the writer thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from desktop.errors import ErrorInfo
from desktop.store import ORIGIN_LOCAL, Changes
from sync.engine import SyncReport

from .operations import OpContext, StoreOp, Task

log = logging.getLogger(__name__)

# What the status bar shows, most urgent first.
LOCAL_ONLY = "local_only"  # no CRM configured: the local copy is all there is
SYNCING = "syncing"
SIGN_IN = "sign_in"  # the CRM refused the session: changes are kept until the rep signs in
OFFLINE = "offline"  # the CRM could not be reached; the watchdog retries
ERROR = "error"  # the last cycle failed for another reason
UP_TO_DATE = "up_to_date"
NEVER_SYNCED = "never_synced"  # a CRM is configured but no cycle has finished yet

DEBOUNCE_MS = 3000  # after a local edit: long enough to gather a burst of typing into one cycle
WATCHDOG_MS = 15_000


@dataclass
class SyncViewState:
    """Everything the status bar needs, computed on the GUI thread."""

    mode: str
    status: Any = None  # sync.engine.SyncStatus, None when local only
    progress: Any = None  # sync.engine.SyncProgress while syncing
    last_report: Any = None  # sync.engine.SyncReport of the last finished cycle
    api_usage: tuple[int, int] | None = None  # (used, max) API calls today, where the CRM says

    @property
    def pending(self) -> int:
        return self.status.pending if self.status else 0

    @property
    def parked(self) -> int:
        return self.status.parked if self.status else 0

    @property
    def conflicts(self) -> int:
        return self.status.conflicts if self.status else 0

    @property
    def held_back(self) -> int:
        """Records the CRM sent that failed validation (held aside, asked for again)."""
        return getattr(self.status, "held_back", 0) if self.status else 0


class SyncController(QObject):
    """Starts sync cycles, keeps one at a time, and reports their state with signals."""

    status_changed = Signal(object)  # SyncViewState
    progress = Signal(object)  # sync.engine.SyncProgress
    finished = Signal(object)  # sync.engine.SyncReport
    sign_in_needed = Signal()

    def __init__(
        self,
        context: OpContext,
        engine_factory: Callable[[], Any],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self._engine_factory = engine_factory
        self._engine = engine_factory()
        self._thread: Task | None = None  # the running cycle
        self._again = False  # a request came while a cycle was running
        self._closing = False
        self._progress = None
        self._last_report = None
        self._state = SyncViewState(LOCAL_ONLY)
        self.debounce_ms = DEBOUNCE_MS
        self.watchdog_ms = WATCHDOG_MS

        self._interval_timer = QTimer(self)
        self._interval_timer.timeout.connect(self._auto_sync)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._auto_sync)
        self._watchdog = QTimer(self)
        self._watchdog.timeout.connect(self.check_due)

        self.sync_now_action = QAction(self.tr("Sync now"), self)
        self.sync_now_action.setShortcuts([QKeySequence("F9"), QKeySequence("Ctrl+R")])
        self.sync_now_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sync_now_action.setToolTip(self.tr("Send your changes and fetch the CRM's (F9)"))
        self.sync_now_action.triggered.connect(self.sync_now)
        self.sync_now_action.setEnabled(self._engine is not None)

        context.events.changed.connect(self._store_changed)
        context.sync_busy = self.is_syncing
        self._network = None
        self._watch_network()
        self.refresh_status()

    # -- public --------------------------------------------------------------------------------

    @property
    def engine(self):
        """The engine, or None when no CRM is configured."""
        return self._engine

    @property
    def state(self) -> SyncViewState:
        return self._state

    def is_syncing(self) -> bool:
        return self._thread is not None

    def create_actions(self, parent: QObject | None = None) -> list[QAction]:
        """The actions for the toolbar and the sync menu (they stay owned by the controller)."""
        return [self.sync_now_action]

    def start(self, sync_now: bool = True) -> None:
        """Sync once now (unless ``sync_now`` is False) and then on the timer and the watchdog."""
        self._apply_interval()
        if self._engine is not None:
            self._watchdog.start(self.watchdog_ms)
            if sync_now:
                self.sync_now()

    def sync_now(self) -> None:
        """Start a cycle now, or right after the running one."""
        if self._engine is None or self._closing:
            return
        self._debounce.stop()
        if self._thread is not None:
            self._again = True
            return
        self._again = False
        self._progress = None
        engine = self._engine
        task = Task(
            None,
            lambda control: engine.sync(progress=control.report, cancel=control.is_cancelled),
            name="sync",
        )
        task.progress(lambda p: self._on_progress(task, p))
        task.success(lambda report: self._on_done(task, report))
        task.failure(lambda exc: self._on_crashed(task, exc))
        self._thread = task
        self.sync_now_action.setEnabled(False)
        task.run_in_background()
        self.refresh_status()

    def schedule_sync(self, delay_ms: int | None = None) -> None:
        """Sync a little later; further requests in the meantime push it back (debounce)."""
        if self._engine is None or self._closing:
            return
        self._debounce.start(self.debounce_ms if delay_ms is None else delay_ms)

    def _auto_sync(self) -> None:
        """A sync nobody asked for right now (timer, edit, network): not while signed out, so
        the sign-in request is not repeated every few minutes; F9 or signing in tries again."""
        if self._state.mode == SIGN_IN:
            return
        self.sync_now()

    def check_due(self) -> None:
        """The watchdog: start a cycle when a backoff has run out or work is waiting."""
        if self._engine is None or self._thread is not None or self._closing:
            return
        try:
            due = self._engine.due_for_retry()
        except Exception:  # a read failing now will fail visibly in the next cycle
            log.exception("due_for_retry failed")
            return
        if due and not self._only_blocked_work():
            self.sync_now()

    def _only_blocked_work(self) -> bool:
        """Whether all that waits is blocked behind a refused record (the engine said why and
        set no retry time): another cycle would change nothing, so the watchdog leaves it to
        Retry, the next edit or the interval timer instead of syncing every few seconds."""
        report = self._last_report
        if report is None or not report.ok:
            return False
        for item in self._engine.outbox_items():
            if item.state == "pending" and (
                item.next_attempt_at is not None or not item.last_error
            ):
                return False
        return True

    def reset_engine(self) -> None:
        """Build the engine again (after signing in or out), then sync if there is a CRM."""
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait()
            self._thread = None
            self.context.sync_became_idle()
        self._engine = self._engine_factory()
        self.sync_now_action.setEnabled(self._engine is not None)
        self.refresh_status()
        self.start()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop the timers, cancel a running cycle and wait for it (call before closing)."""
        if self._closing:
            return
        self._closing = True
        for timer in (self._interval_timer, self._debounce, self._watchdog):
            timer.stop()
        try:
            self.context.events.changed.disconnect(self._store_changed)
        except (RuntimeError, TypeError):
            pass
        thread = self._thread
        if thread is not None:
            thread.cancel()
            if not thread.wait(timeout_ms / 1000):
                log.warning("sync thread did not stop in time")
            else:
                self.context.sync_became_idle()  # a waiting undo is written before closing
            self._thread = None

    # Resolving, retrying and discarding: on the writer thread, then a sync to send the outcome.

    def resolve(self, choices: list[tuple[int, str, Any]], on_done=None, on_error=None) -> None:
        """Settle conflicts: ``choices`` holds (conflict id, 'mine'|'theirs'|'edit'|'both', value)."""
        engine = self._require_engine()

        def work(_store):
            for conflict_id, choice, value in choices:
                engine.resolve(conflict_id, choice, value)

        self._run(work, on_done, on_error)

    def retry(self, op_ids: list[str], on_done=None, on_error=None) -> None:
        """Try these operations again now (un-park them, clear their backoff)."""
        engine = self._require_engine()
        self._run(lambda _store: engine.retry(list(op_ids)), on_done, on_error)

    def discard(self, op_ids: list[str], on_done=None, on_error=None) -> None:
        """Drop these operations; their records go back to what the CRM has."""
        engine = self._require_engine()
        self._run(lambda _store: engine.discard(list(op_ids)), on_done, on_error, sync=False)

    def refresh_status(self) -> None:
        """Read the engine's counts (cheap queries on the GUI thread's connection) and emit."""
        if self._engine is None:
            state = SyncViewState(LOCAL_ONLY)
        else:
            try:
                status = self._engine.status()
            except Exception:  # the store is closing; keep the last state
                log.debug("status read failed", exc_info=True)
                return
            usage = getattr(self._engine.connector, "api_usage", None)
            state = SyncViewState(
                self._mode(status),
                status,
                self._progress,
                self._last_report,
                usage() if callable(usage) else None,
            )
        self._state = state
        self.status_changed.emit(state)

    # -- internals -----------------------------------------------------------------------------

    def _mode(self, status) -> str:
        if self._thread is not None:
            return SYNCING
        if status.needs_sign_in:
            return SIGN_IN
        if status.online is False:
            return OFFLINE
        report = self._last_report
        if report is not None and not report.ok and not report.cancelled:
            return ERROR
        if status.last_success_at is None:
            return ERROR if status.last_error else NEVER_SYNCED
        return UP_TO_DATE

    def _require_engine(self):
        if self._engine is None:
            raise RuntimeError("no CRM is configured")
        return self._engine

    def _run(self, work, on_done, on_error, sync: bool = True) -> None:
        def succeeded(result) -> None:
            self.refresh_status()
            if sync:
                self.schedule_sync(0)
            if on_done:
                on_done(result)

        op = StoreOp(None, work, self.context).success(succeeded)
        if on_error is not None:
            op.failure(on_error)
        op.run_in_background()

    def _apply_interval(self) -> None:
        try:
            minutes = float(self.context.store.preference("sync_interval_minutes", "5") or 5)
        except ValueError:
            minutes = 5.0
        minutes = max(minutes, 0.5)  # a typo must not hammer the CRM
        self._interval_timer.start(int(minutes * 60_000))

    def _store_changed(self, changes: Changes) -> None:
        if changes.origin == ORIGIN_LOCAL and (changes.tables or changes.outbox):
            self.schedule_sync()
        if changes.outbox or changes.sync_state or changes.origin == ORIGIN_LOCAL:
            self.refresh_status()

    def _on_progress(self, thread, progress) -> None:
        if thread is not self._thread:  # a cycle stopped by reset_engine or shutdown
            return
        self._progress = progress
        self.progress.emit(progress)
        self.refresh_status()

    def _on_done(self, thread, report) -> None:
        if thread is not self._thread:  # a cycle stopped by reset_engine or shutdown
            return
        self._finish_thread()
        # For support (desktop/logs.py): counts and error kinds only, never record content.
        log.info(
            "sync %s in %.1f s: pulled %d, pushed %d, conflicts %d, rejected %d, deleted %d%s",
            "ok" if report.ok else "failed",
            report.duration,
            report.pulled,
            report.pushed,
            report.conflicts,
            report.rejected,
            report.deleted,
            f"; {len(report.errors)} error(s): {report.errors[0][:200]}" if report.errors else "",
        )
        self._last_report = report
        self._progress = None
        self.sync_now_action.setEnabled(self._engine is not None)
        self.refresh_status()
        self.finished.emit(report)
        if report.needs_sign_in:
            self.sign_in_needed.emit()
        elif self._again and not self._closing:
            self.sync_now()

    def _on_crashed(self, thread, exc: BaseException) -> None:
        log.error("sync cycle failed", exc_info=exc)  # an engine bug must not kill the app
        report = SyncReport(ok=False)
        report.add_problem(ErrorInfo.of(exc))
        self._on_done(thread, report)

    def _finish_thread(self) -> None:
        thread = self._thread
        self._thread = None
        if thread is not None:
            thread.wait()  # its result is here: the worker is returning
        self.context.sync_became_idle()  # an undo that waited for the push runs now

    def _watch_network(self) -> None:
        """Sync when the network comes back (where Qt has a reachability backend)."""
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(
                QNetworkInformation.Feature.Reachability
            ):
                return
            info = QNetworkInformation.instance()
        except (
            ImportError,
            RuntimeError,
            AttributeError,
        ):  # no backend on this platform: the watchdog's retries do the job
            return
        if info is None:
            return
        self._network = info
        info.reachabilityChanged.connect(self._reachability_changed)

    def _reachability_changed(self, reachability) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.schedule_sync(1000)  # let the interface settle (DNS, VPN) before the cycle


__all__ = [
    "ERROR",
    "LOCAL_ONLY",
    "NEVER_SYNCED",
    "OFFLINE",
    "SIGN_IN",
    "SYNCING",
    "UP_TO_DATE",
    "SyncController",
    "SyncViewState",
]
