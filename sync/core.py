"""What every part of the sync engine shares: the connector call with its error mapping and
backoff, the engine's state, and the merge of a server record into a row with local work.

``SyncEngine`` (``sync/engine.py``) is this core plus one part per job: pull
(``sync/pull.py``), push (``sync/push.py``), the rep's decisions (``sync/decisions.py``) and
status (``sync/status.py``). The bookkeeping SQL lives in ``desktop/outbox.py``, the writes of
rows as the CRM has them in ``desktop/replica.py``.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from desktop import entities as E
from desktop import errors as problems
from desktop import outbox, replica
from desktop.errors import ErrorInfo
from desktop.store import ORIGIN_SYNC, Changes, Store

from .connector import Connector, ConnectorError, ErrorKind
from .merge import changed_elsewhere, same, three_way
from .report import Stop, SyncProgress, SyncReport
from .screening import unreadable

T = TypeVar("T")

MAX_PUSH_ROUNDS = 3
MAX_ATTEMPTS = 10  # passing failures of one operation before it is parked with the reason
BACKOFF_BASE = 5.0  # seconds before the first retry of a transient failure
BACKOFF_CAP = 3600.0

ORDER = {t: i for i, t in enumerate(E.TABLES)}  # parents' tables first


class EngineCore:
    """State and helpers shared by the engine's parts; safe to drive from a worker thread."""

    def __init__(
        self,
        store: Store,
        connector: Connector,
        *,
        write: Callable[[Callable[[], Any]], Any] | None = None,
        clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
    ):
        self.store = store
        self.connector = connector
        self._write: Callable[[Callable[[], Any]], Any] = write or (lambda fn: fn())
        self.clock = clock
        self.rng = rng
        self._signed_in = False
        self._refreshed = False
        self._online: bool | None = None  # what sync_state says, to write it only on change
        self._running = threading.Lock()
        self._progress: Callable[[SyncProgress], None] = lambda p: None
        self._cancel: Callable[[], bool] = lambda: False
        self._push_total = 0

    @property
    def db(self) -> sqlite3.Connection:
        """The calling thread's connection to the store."""
        return self.store.db

    def _pull_limit(self) -> int:
        """Records per pulled page: ``sync.engine.PULL_LIMIT``, read at every page."""
        raise NotImplementedError

    # == talking to the connector =================================================================

    def _check_cancel(self, report: SyncReport) -> None:
        if self._cancel():
            report.cancelled = True
            raise Stop(ErrorInfo(problems.SYNC_CANCELLED))

    def _call(self, fn: Callable[..., T], *args: Any) -> T:
        """Call the connector; refresh an expired session once, then ask the rep to sign in.

        A connector that fails on an answer it could not read (a Python error of its own
        parsing) is a passing failure, never a message the rep sees."""
        try:
            result = self._guarded(fn, *args)
        except ConnectorError as error:
            if error.kind != ErrorKind.SIGN_IN:
                raise
            if self._refreshed or fn == self.connector.sign_in:
                self._needs_sign_in(error)
            self._refreshed = True
            try:
                self._guarded(self.connector.refresh)
                result = self._guarded(fn, *args)
            except ConnectorError as again:
                if again.kind == ErrorKind.SIGN_IN:
                    self._needs_sign_in(again)
                raise
        if self._online is not True:
            self._online = True
            self._set_state(online="1")
        return result

    @staticmethod
    def _guarded(fn: Callable[..., T], *args: Any) -> T:
        try:
            return fn(*args)
        except ConnectorError:
            raise
        except (TypeError, KeyError, IndexError, ValueError, AttributeError) as exc:
            raise unreadable() from exc

    def _call_or_stop(self, fn: Callable[..., T], *args: Any) -> T:
        """``_call``, and a passing network failure stops the cycle with a backoff."""
        try:
            return self._call(fn, *args)
        except ConnectorError as error:
            if error.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED):
                self._network_failed(error)
            raise

    def _needs_sign_in(self, error: ConnectorError) -> None:
        self._signed_in = False
        kind = problems.SIGN_IN_NEEDED
        if ErrorInfo.of(error).kind == problems.ACCESS_REVOKED:  # refused for good (issue 16)
            kind = problems.ACCESS_REVOKED
        info = ErrorInfo(kind, {"crm": self.connector.name})
        self._set_state(needs_sign_in="1", last_error=info.to_json())
        raise Stop(info) from error

    def _network_failed(self, error: ConnectorError) -> None:
        """A whole call failed for a passing reason: remember when to try again, then stop."""
        failures = int(self._state("failures") or 0) + 1
        delay = self._backoff(failures, error.retry_after)
        info = ErrorInfo.of(error, crm=self.connector.name)
        self._online = None
        self._set_state(
            failures=str(failures),
            next_retry_at=str(self.clock() + delay),
            last_error=info.to_json(),
            online="0" if error.kind == ErrorKind.TRANSIENT else "1",
        )
        raise Stop(info) from error

    def _backoff(self, attempts: int, retry_after: float | None) -> float:
        if retry_after is not None and retry_after > 0:
            return retry_after * (1.0 + 0.1 * self.rng())
        delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))
        return delay * (0.5 + self.rng())

    # == sync_state ===============================================================================

    def _state(self, key: str) -> str | None:
        return outbox.state(self.db, key)

    def _set_state(self, **values: str | None) -> None:
        def apply() -> None:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                for key, value in values.items():
                    outbox.put_state(self.db, key, value)
                changes.sync_state = True

        self._write(apply)

    # == rows and their bookkeeping ===============================================================

    def _base(self, table: str, row_id: str) -> tuple[str | None, dict] | None:
        return outbox.base(self.db, table, row_id)

    def _ops(self, table: str, row_id: str) -> list[outbox.Operation]:
        return outbox.operations_of(self.db, table, row_id)

    def _finish(self, op_ids: list[str]) -> None:
        outbox.finish(self.db, op_ids)

    def _append_op(self, table: str, row_id: str, op: str, values: dict, base: dict) -> str:
        return outbox.append(self.db, table, row_id, op, values, base)

    def _write_row(self, table: str, row_id: str, values: dict, exists: bool, changes: Changes):
        replica.write_row(self.db, table, row_id, values, exists)
        changes.add(table, row_id)

    def _subtree(self, table: str, row_id: str) -> list[tuple[str, str]]:
        return replica.subtree(self.db, table, row_id)

    def _refs_gone_here(self, table: str, values: dict) -> set[str]:
        """References of ``values`` to records deleted here (their delete is on its way): the
        CRM's stale reference is not written back; the delete will clear it there too."""
        return {
            ref.name
            for ref in E.entity(table).refs()
            if values.get(ref.name) and not replica.exists(self.db, ref.target, values[ref.name])
        }

    def _strip_field(self, ops: list[outbox.Operation], name: str) -> None:
        """Take a conflicting field out of the outbox: it waits for the rep's decision."""
        for o in ops:
            if o.op != "update" or name not in o.changes:
                continue
            o.changes.pop(name, None)
            o.base.pop(name, None)
            outbox.rewrite(self.db, o)

    def _merge_pulled(self, table, row_id, version, theirs, changes: Changes, report) -> None:
        """A server record for a row with pending operations or open conflicts."""
        db = self.db
        entity = E.entity(table)
        ops = self._ops(table, row_id)
        row = self.store.get(table, row_id)
        base_row = self._base(table, row_id)
        base = base_row[1] if base_row else None
        create = next((o for o in ops if o.op == "create"), None)
        # Against our own create (its answer was lost) a difference is the CRM's filling in
        # (a default currency), not someone's edit: no reason to ask the rep about a delete.
        ours = create is not None and base is None
        if create is not None:
            # The server holds our create (its answer was lost): finish it and merge against
            # what we sent.
            if base is None:
                base = dict(create.changes)
            self._finish([create.op_id])
            ops = [o for o in ops if o is not create]
            changes.outbox = True
        base = base or {}
        open_kinds = outbox.open_kinds(db, table, row_id)
        if row is None:
            deletes = [o for o in ops if o.op == "delete"]
            if (
                deletes
                and not ours
                and changed_elsewhere(entity.field_names, base, theirs, outbox.echoes(ops))
            ):
                self._finish([o.op_id for o in ops])
                outbox.add_conflict(db, table, row_id, None, "deleted_locally", base, None, theirs)
                report.conflicts += 1
                changes.outbox = True
            elif "deleted_locally" in open_kinds:
                outbox.set_theirs_of_kind(db, table, row_id, "deleted_locally", theirs)
            outbox.put_base(db, table, row_id, version, theirs)
            return
        if "deleted_remotely" in open_kinds:
            # It is back on the server (someone restored it): the record conflict is moot.
            outbox.close_conflicts(db, table, row_id, "deleted_remotely", "restored")
        held = outbox.field_conflicts(db, table, row_id)
        for name, conflict_id, mine in held:
            outbox.set_theirs(db, conflict_id, theirs.get(name))
            if same(mine, theirs.get(name)):
                outbox.close_conflict(db, conflict_id, "converged")
        dirty = {name for o in ops for name in o.changes}
        outcome = three_way(
            entity.field_names,
            base,
            row,
            theirs,
            dirty,
            outbox.echoes(ops),
            held={name for name, _, _ in held},
        )
        for c in outcome.conflicts:
            outbox.add_conflict(db, table, row_id, c.field, "field", c.base, c.mine, c.theirs)
            self._strip_field(ops, c.field)
            report.conflicts += 1
            changes.outbox = True
        gone = self._refs_gone_here(table, outcome.take)
        take = {n: v for n, v in outcome.take.items() if n not in gone}
        if take:
            self._write_row(table, row_id, take, True, changes)
        outbox.put_base(db, table, row_id, version, theirs)
        changes.add(table, row_id)
        changes.sync_state = True

    def _add_deleted_remotely(self, table: str, row_id: str, report: SyncReport) -> None:
        """The server deleted a record the rep still works on: the rep decides."""
        if "deleted_remotely" in outbox.open_kinds(self.db, table, row_id):
            return
        base_row = self._base(table, row_id)
        row = self.store.get(table, row_id) or {}
        mine = {n: row.get(n) for n in E.entity(table).field_names}
        base = base_row[1] if base_row else None
        outbox.add_conflict(self.db, table, row_id, None, "deleted_remotely", base, mine, None)
        report.conflicts += 1
