"""The sync engine: the rep's offline edits reach the CRM, the CRM's changes reach the rep.

One cycle is pull, push, pull again (when the push changed anything). The rules are in
``DESIGN.md`` ("Sync"); the ones that shape this code:

- A pulled page and its cursor are committed in one transaction. A record whose parent has not
  arrived yet is held in ``sync_orphans`` (same transaction) and applied when the parent comes.
- Remote changes are written with plain SQL, so they never create outbox rows; rows with pending
  local operations are merged field by field against ``sync_records.base`` instead of being
  overwritten. A field changed differently on both sides becomes a ``conflicts`` row and is taken
  out of the outbox: the local value stays on screen and nothing of it is pushed until resolved.
- Outbox operations are finished by ``op_id``: an edit made while a push is in flight is a new
  operation and survives it.
- Creates go parents first (in waves: a child waits until its parent is on the server), deletes
  children first, updates in between, each conditional on the base version.
- A rejected operation is parked with its reason; it blocks its own row and the creates of rows
  that refer to it. Transient failures and rate limits back off per operation
  (``outbox.next_attempt_at``, so it survives a restart). An expired session is refreshed once.

Decisions worth knowing:

- A local delete of a record someone edited on the server since the rep last saw it becomes a
  ``deleted_locally`` conflict (the rep chooses: delete it on the server too, or get it back).
  Our own earlier, unanswered push coming back is recognised as an echo and is no reason.
- A remote delete of a record with pending local changes (in it or in what belongs to it) becomes
  a ``deleted_remotely`` conflict and the row stays; "mine" recreates it on the server with the
  same UUID, "theirs" deletes it here.
- A create whose answer was lost is retried with the same UUID; the connector makes that
  idempotent. A create the server already holds is recognised on pull and finished.

Every store transaction of the engine runs through ``write`` (the app passes the writer thread's
``call``), so network waits never hold the writer.

Where each job lives: the cycle is here; ``sync/core.py`` holds the connector call, error
mapping, backoff and the merge of a server record into a busy row; ``sync/pull.py`` pages,
orphans and reconciliation; ``sync/push.py`` planning, batches, results and rebase;
``sync/decisions.py`` retry, discard and resolve; ``sync/status.py`` what the status bar asks;
``sync/screening.py`` checks every answer before anything of it is written or saved (a bad
record is held back in ``desktop/quarantine.py`` and asked for again every cycle);
``sync/subtree.py`` holds the deletes of a subtree until the whole subtree is known safe.
All SQL on the sync tables is in ``desktop/outbox.py``, the writes of synced rows in
``desktop/replica.py``; nothing in ``sync/`` runs SQL.
"""

from __future__ import annotations

import logging
import time

from desktop import errors as problems
from desktop import outbox, replica
from desktop.clock import now_iso
from desktop.errors import ErrorInfo
from desktop.store import ORIGIN_SYNC
from desktop.sync_review import Conflict, OutboxItem

from .connector import ConnectorError, ErrorKind
from .core import BACKOFF_BASE, BACKOFF_CAP, MAX_PUSH_ROUNDS, EngineCore
from .decisions import DecisionsPart
from .pull import PageContext, PullPart
from .push import Planned, PushPart
from .report import Stop, SyncProgress, SyncReport
from .status import StatusPart, SyncStatus

log = logging.getLogger(__name__)

SyncError = ConnectorError  # the error kinds the engine acts on; see sync.connector.ErrorKind

# Read at every pull through ``SyncEngine._pull_limit``, so tests may set it on this module.
PULL_LIMIT = 2000  # Salesforce's largest query batch; 4x fewer round trips than 500 on Tryton


class SyncEngine(PullPart, PushPart, DecisionsPart, StatusPart, EngineCore):
    """Runs sync cycles between a Store and a Connector; safe to drive from a worker thread."""

    def sync(self, progress=None, cancel=None) -> SyncReport:
        """Run one cycle: pull, push, pull again if the push changed anything.

        ``progress(SyncProgress)`` hears where it is; ``cancel()`` returning True stops it
        between pages and batches (what was committed stays). A second call while one runs
        returns at once with ``ok`` False.
        """
        if not self._running.acquire(blocking=False):
            report = SyncReport(ok=False)
            report.add_problem(ErrorInfo(problems.SYNC_RUNNING))
            return report
        try:
            return self._sync(progress, cancel)
        finally:
            self._running.release()

    def _pull_limit(self) -> int:
        return PULL_LIMIT

    def _sync(self, progress, cancel) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        self._progress = progress or (lambda p: None)
        self._cancel = cancel or (lambda: False)
        self._refreshed = False
        try:
            if not self._signed_in:
                self._call_or_stop(self.connector.sign_in)
                self._signed_in = True
            self._write(self._close_moot_conflicts)
            from_start = self._write(lambda: self._state("cursor")) is None
            self._pull_all(report)
            self._retry_held(report)
            if from_start and self.connector.has_deletion_log:
                # A pull of everything missed nothing: the next look-up is due in an hour.
                self._set_state(reconciled_at=str(self.clock()))
            elif self._reconcile_due():
                self._reconcile(report)
            if self._push_all(report):
                self._pull_all(report)
        except Stop as stop:
            report.ok = False
            if not report.cancelled:
                report.add_problem(stop.info)
        except ConnectorError as error:  # a kind the cycle cannot go on after
            report.ok = False
            info = ErrorInfo.of(error, crm=self.connector.name)
            report.add_problem(info)
            self._set_state(last_error=info.to_json())
        except Exception as exc:  # noqa: BLE001 - a bug must not stop every later cycle
            # Logged with its traceback; the rep reads a sentence, and the watchdog backs off
            # instead of meeting the same failure every few seconds.
            log.exception("sync cycle failed")
            report.ok = False
            info = ErrorInfo.of(exc)
            report.add_problem(info)
            failures = int(self._state("failures") or 0) + 1
            self._set_state(
                failures=str(failures),
                next_retry_at=str(self.clock() + self._backoff(failures, None)),
                last_error=info.to_json(),
            )
        report.duration = time.perf_counter() - started
        report.needs_sign_in = self._write(lambda: self._state("needs_sign_in")) == "1"
        if report.ok:
            self._set_state(
                last_success_at=now_iso(),
                last_error=None,
                online="1",
                needs_sign_in=None,
                next_retry_at=None,
                failures=None,
            )
            self._keep_field_access()
        return report

    def _keep_field_access(self) -> None:
        """What the CRM lets the rep edit, kept for forms opened offline (desktop/crm_fields.py).
        A connector that cannot say it leaves what was kept: the cycle itself went well."""
        try:
            access = self.connector.field_access()
        except Exception:  # noqa: BLE001 - a hint for the forms must never fail a good cycle
            log.exception("the connector could not say which fields the rep may edit")
            return
        if access != self._write(self.store.field_access):
            self._write(lambda: self.store.save_field_access(access))

    def _close_moot_conflicts(self) -> None:
        """Field conflicts of rows the rep has deleted since: the delete decides."""
        db = self.db
        moot = [
            c.id
            for c in outbox.open_conflicts(db)
            if c.kind != "deleted_locally" and not replica.exists(db, c.table, c.row_id)
        ]
        if moot:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                for conflict_id in moot:
                    outbox.close_conflict(db, conflict_id, "deleted")
                changes.sync_state = True


__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "MAX_PUSH_ROUNDS",
    "PULL_LIMIT",
    "Conflict",
    "ConnectorError",
    "ErrorKind",
    "OutboxItem",
    "PageContext",
    "Planned",
    "SyncEngine",
    "SyncError",
    "SyncProgress",
    "SyncReport",
    "SyncStatus",
]
