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
"""

from __future__ import annotations

import datetime as dt
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from desktop import entities as E
from desktop.clock import now_iso
from desktop.ids import new_id
from desktop.store import ORIGIN_SYNC, Changes, Store
from desktop.validation import validate

from .connector import (
    Connector,
    ConnectorError,
    ErrorKind,
    Mutation,
    MutationResult,
    Outcome,
    RemoteRecord,
)
from .merge import changed_elsewhere, keep_both, same, three_way

T = TypeVar("T")

SyncError = ConnectorError  # the error kinds the engine acts on; see sync.connector.ErrorKind

PULL_LIMIT = 500
MAX_PUSH_ROUNDS = 3
BACKOFF_BASE = 5.0  # seconds before the first retry of a transient failure
BACKOFF_CAP = 3600.0

_ORDER = {t: i for i, t in enumerate(E.TABLES)}
# Looked up for every pulled record: computed once.
_FIELDS = {e.table: e.field_names for e in E.ENTITIES}
_REFS = {e.table: tuple((f.name, f.ref) for f in e.refs()) for e in E.ENTITIES}


@dataclass
class SyncProgress:
    """Where a running sync is: phase is 'pull', 'push' or 'reconcile'; total may be None."""

    phase: str
    done: int
    total: int | None
    message: str = ""


@dataclass
class SyncReport:
    """What one sync cycle did."""

    pulled: int = 0
    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    duration: float = 0.0
    ok: bool = True
    cancelled: bool = False
    needs_sign_in: bool = False
    deleted: int = 0  # local rows removed because the CRM deleted them


@dataclass
class SyncStatus:
    """What the status bar shows."""

    pending: int
    parked: int
    conflicts: int
    last_success_at: str | None
    last_error: str | None
    next_retry_at: float | None
    needs_sign_in: bool
    online: bool | None


@dataclass
class OutboxItem:
    """One pending operation as the outbox view lists it."""

    op_id: str
    table: str
    row_id: str
    op: str
    title: str
    state: str  # pending | parked
    attempts: int
    last_error: str | None
    next_attempt_at: float | None
    created_at: str


@dataclass
class Conflict:
    """An open conflict; values are in store form (whole records as dicts for record kinds)."""

    id: int
    table: str
    row_id: str
    title: str
    field: str | None
    label: str
    kind: str  # field | deleted_remotely | deleted_locally
    base: Any
    mine: Any
    theirs: Any


class _Stop(Exception):
    """Ends the cycle early; the message is for the rep."""


def _iso_at(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _epoch(text: str | None) -> float | None:
    if not text:
        return None
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).timestamp()


def _j(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


@dataclass
class _Op:
    seq: int
    op_id: str
    table: str
    row_id: str
    op: str
    changes: dict
    base: dict
    attempts: int
    next_attempt_at: float | None
    state: str


@dataclass
class _Planned:
    mutation: Mutation
    op_ids: list[str]
    echoes: dict[str, list[Any]]


class SyncEngine:
    """Runs sync cycles between a Store and a Connector; safe to drive from a worker thread."""

    def __init__(
        self,
        store: Store,
        connector: Connector,
        *,
        write: Callable[[Callable[[], T]], T] | None = None,
        clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
    ):
        self.store = store
        self.connector = connector
        self._write = write or (lambda fn: fn())
        self.clock = clock
        self.rng = rng
        self._signed_in = False
        self._refreshed = False
        self._online: bool | None = None  # what sync_state says, to write it only on change
        self._running = threading.Lock()

    # == the cycle ================================================================================

    def sync(self, progress=None, cancel=None) -> SyncReport:
        """Run one cycle: pull, push, pull again if the push changed anything.

        ``progress(SyncProgress)`` hears where it is; ``cancel()`` returning True stops it
        between pages and batches (what was committed stays). A second call while one runs
        returns at once with ``ok`` False.
        """
        if not self._running.acquire(blocking=False):
            return SyncReport(ok=False, errors=["A sync is already running."])
        try:
            return self._sync(progress, cancel)
        finally:
            self._running.release()

    def _sync(self, progress, cancel) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        self._progress = progress or (lambda p: None)
        self._cancel = cancel or (lambda: False)
        self._refreshed = False
        try:
            if not self._signed_in:
                try:
                    self._call(self.connector.sign_in)
                except ConnectorError as error:
                    if error.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED):
                        self._network_failed(error)
                    raise
                self._signed_in = True
            self._write(self._close_moot_conflicts)
            self._pull_all(report)
            if not self.connector.has_deletion_log:
                self._reconcile(report)
            if self._push_all(report):
                self._pull_all(report)
        except _Stop as stop:
            report.ok = False
            if not report.cancelled:
                report.errors.append(str(stop))
        except ConnectorError as error:  # a kind the cycle cannot go on after
            report.ok = False
            report.errors.append(error.message)
            self._set_state(last_error=error.message)
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
        return report

    def _close_moot_conflicts(self) -> None:
        """Field conflicts of rows the rep has deleted since: the delete decides."""
        db = self.store.db
        moot = [
            r[0]
            for r in db.execute(
                "SELECT seq, table_name, row_id FROM conflicts WHERE resolved_at IS NULL"
                " AND kind != 'deleted_locally'"
            ).fetchall()
            if not db.execute(f"SELECT 1 FROM {r[1]} WHERE id = ?", (r[2],)).fetchone()
        ]
        if moot:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                for seq in moot:
                    db.execute(
                        "UPDATE conflicts SET resolved_at = ?, resolution = 'deleted' WHERE seq = ?",
                        (now_iso(), seq),
                    )
                changes.sync_state = True

    def _check_cancel(self, report: SyncReport) -> None:
        if self._cancel():
            report.cancelled = True
            raise _Stop("Sync was cancelled.")

    def _call(self, fn: Callable[..., T], *args) -> T:
        """Call the connector; refresh an expired session once, then ask the rep to sign in."""
        try:
            result = fn(*args)
        except ConnectorError as error:
            if error.kind != ErrorKind.SIGN_IN:
                raise
            if self._refreshed or fn == self.connector.sign_in:
                self._needs_sign_in(error)
            self._refreshed = True
            try:
                self.connector.refresh()
                result = fn(*args)
            except ConnectorError as again:
                if again.kind == ErrorKind.SIGN_IN:
                    self._needs_sign_in(again)
                raise
        if self._online is not True:
            self._online = True
            self._set_state(online="1")
        return result

    def _needs_sign_in(self, error: ConnectorError) -> None:
        self._signed_in = False
        message = f"Sign in to {self.connector.name} again; your changes are kept until then."
        self._set_state(needs_sign_in="1", last_error=message)
        raise _Stop(message) from error

    def _network_failed(self, error: ConnectorError) -> None:
        """A whole call failed for a passing reason: remember when to try again, then stop."""
        failures = int(self._state("failures") or 0) + 1
        delay = self._backoff(failures, error.retry_after)
        self._online = None
        self._set_state(
            failures=str(failures),
            next_retry_at=str(self.clock() + delay),
            last_error=error.message,
            online="0" if error.kind == ErrorKind.TRANSIENT else "1",
        )
        raise _Stop(f"{self.connector.name} could not be reached: {error.message}") from error

    def _backoff(self, attempts: int, retry_after: float | None) -> float:
        if retry_after is not None and retry_after > 0:
            return retry_after * (1.0 + 0.1 * self.rng())
        delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))
        return delay * (0.5 + self.rng())

    # == pull =====================================================================================

    def _pull_all(self, report: SyncReport) -> None:
        done = 0
        while True:
            self._check_cancel(report)
            cursor = self._write(lambda: self._state("cursor"))
            try:
                page = self._call(self.connector.pull, cursor, PULL_LIMIT)
            except ConnectorError as error:
                if error.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED):
                    self._network_failed(error)
                raise
            self._write(lambda page=page: self._apply_page(page, report))
            done += len(page.records) + len(page.deletions)
            self._progress(SyncProgress("pull", done, None, f"Received {done} changes"))
            if not page.more:
                return

    def _apply_page(self, page, report: SyncReport) -> None:
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            ctx = _PageContext(self.store.db)
            ctx.load(page.records)
            for deletion in page.deletions:
                self._apply_deletion(deletion.table, deletion.id, changes, report, ctx)
            records = sorted(page.records, key=lambda r: _ORDER[r.table])
            for record in records:
                self._apply_record(record, changes, report, ctx)
            self._flush(ctx, changes)
            if ctx.orphans_possible:
                self._apply_orphans(changes, report, ctx)
            self._put_state("cursor", page.cursor)
            changes.sync_state = True

    def _missing_refs(self, table: str, values: dict, ctx: _PageContext) -> bool:
        for name, ref in _REFS[table]:
            target = values.get(name)
            if target is not None and not ctx.exists(ref, target):
                return True
        return False

    def _apply_record(self, record: RemoteRecord, changes: Changes, report, ctx) -> bool:
        """Apply one pulled record (or hold it); return whether it reached the table."""
        db = self.store.db
        table, row_id = record.table, record.id
        theirs = {name: record.values.get(name) for name in _FIELDS[table]}
        if (table, row_id) in ctx.busy and not ctx.exists(table, row_id):
            # Deleted here, changed there: nothing to insert, only the decision to make.
            if ctx.version(table, row_id) != record.version:
                report.pulled += 1
                ctx.known[(table, row_id)] = record.version
                self._flush(ctx, changes)
                self._merge_pulled(table, row_id, record.version, theirs, changes, report)
            return False
        if self._missing_refs(table, theirs, ctx):
            ctx.orphans_possible = True
            db.execute(
                "INSERT INTO sync_orphans (table_name, row_id, version, record) VALUES (?,?,?,?)"
                " ON CONFLICT DO UPDATE SET version = excluded.version, record = excluded.record",
                (table, row_id, record.version, _j(theirs)),
            )
            return False
        if ctx.orphans_possible:
            db.execute(
                "DELETE FROM sync_orphans WHERE table_name = ? AND row_id = ?", (table, row_id)
            )
        known = ctx.version(table, row_id)
        exists = ctx.exists(table, row_id)
        busy = (table, row_id) in ctx.busy
        if known == record.version and (exists or busy):
            return exists  # our own echo, or an overlap at a page boundary
        report.pulled += 1
        ctx.known[(table, row_id)] = record.version
        if not busy:
            # Buffered and written per table at the end of the page (see ``_flush``).
            ctx.pending_rows.setdefault((table, exists), []).append((row_id, theirs))
            ctx.pending_bases.append((table, row_id, record.version, json.dumps(theirs)))
            ctx.inserted.add((table, row_id))
            changes.add(table, row_id)
            return True
        self._flush(ctx, changes)  # a merged row may refer to rows buffered so far
        self._merge_pulled(table, row_id, record.version, theirs, changes, report)
        if ctx.exists(table, row_id) or self.store.get(table, row_id) is not None:
            ctx.inserted.add((table, row_id))
            return True
        return False

    def _apply_orphans(self, changes: Changes, report, ctx) -> None:
        """Apply held records whose parents have arrived, until no more can be."""
        db = self.store.db
        while True:
            held = db.execute(
                "SELECT table_name, row_id, version, record FROM sync_orphans"
            ).fetchall()
            held.sort(key=lambda r: _ORDER[r[0]])
            progressed = False
            for table, row_id, version, text in held:
                values = json.loads(text)
                if self._missing_refs(table, values, ctx):
                    continue
                record = RemoteRecord(table, row_id, version, values)
                if self._apply_record(record, changes, report, ctx):
                    progressed = True
            self._flush(ctx, changes)
            if not progressed:
                return

    def _flush(self, ctx: _PageContext, changes: Changes) -> None:
        """Write the page's buffered rows, parents' tables first, a statement per table.

        New rows go in through ``Store.insert_synced`` (one statement per table, so the
        full-text index is written once per statement rather than once per row).
        """
        db = self.store.db
        stamp = now_iso()
        for table in E.TABLES:
            fields = E.entity(table).field_names
            new = ctx.pending_rows.pop((table, False), None)
            if new:
                self.store.insert_synced(table, new)
            old = ctx.pending_rows.pop((table, True), None)
            if old:
                sets = ", ".join(f"{f} = ?" for f in fields)
                db.executemany(
                    f"UPDATE {table} SET {sets}, updated_at = ? WHERE id = ?",
                    ([*[v.get(f) for f in fields], stamp, i] for i, v in old),
                )
        if ctx.pending_bases:
            db.executemany(
                "INSERT INTO sync_records (table_name, row_id, version, base, synced_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET version = excluded.version,"
                " base = excluded.base, synced_at = excluded.synced_at",
                ((t, i, v, b, stamp) for t, i, v, b in ctx.pending_bases),
            )
            ctx.pending_bases.clear()

    def _write_row(self, table, row_id, values: dict, exists: bool, changes: Changes) -> None:
        db = self.store.db
        if exists:
            names = list(values)
            sets = ", ".join(f"{n} = ?" for n in names)
            db.execute(
                f"UPDATE {table} SET {sets}, updated_at = ? WHERE id = ?",
                [*values.values(), now_iso(), row_id],
            )
        else:
            stamp = now_iso()
            record = {"id": row_id, "created_at": stamp, "updated_at": stamp, **values}
            cols = ", ".join(record)
            marks = ", ".join("?" * len(record))
            db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(record.values()))
        changes.add(table, row_id)

    def _merge_pulled(self, table, row_id, version, theirs, changes: Changes, report) -> None:
        """A pulled record for a row with pending operations or open conflicts."""
        db = self.store.db
        entity = E.entity(table)
        ops = self._ops(table, row_id)
        row = self.store.get(table, row_id)
        base_row = self._base(table, row_id)
        base = base_row[1] if base_row else None
        create = next((o for o in ops if o.op == "create"), None)
        if create is not None:
            # The server holds our create (its answer was lost): finish it and merge against
            # what we sent.
            if base is None:
                base = dict(create.changes)
            self._finish([create.op_id])
            ops = [o for o in ops if o is not create]
            changes.outbox = True
        base = base or {}
        open_kinds = self._open_conflicts(table, row_id)
        if row is None:
            deletes = [o for o in ops if o.op == "delete"]
            if deletes and changed_elsewhere(entity.field_names, base, theirs, self._echoes(ops)):
                self._finish([o.op_id for o in ops])
                self._add_conflict(table, row_id, None, "deleted_locally", base, None, theirs)
                report.conflicts += 1
                changes.outbox = True
            elif "deleted_locally" in open_kinds:
                self._update_conflict_theirs(table, row_id, "deleted_locally", theirs)
            self._put_base(table, row_id, version, theirs)
            return
        if "deleted_remotely" in open_kinds:
            # It is back on the server (someone restored it): the record conflict is moot.
            self._close_conflicts(table, row_id, "deleted_remotely", "restored")
        held = self._field_conflicts(table, row_id)
        for name, conflict_id, mine_json in held:
            db.execute(
                "UPDATE conflicts SET theirs = ? WHERE seq = ?", (_j(theirs.get(name)), conflict_id)
            )
            if same(json.loads(mine_json), theirs.get(name)):
                db.execute(
                    "UPDATE conflicts SET resolved_at = ?, resolution = 'converged' WHERE seq = ?",
                    (now_iso(), conflict_id),
                )
        dirty = {name for o in ops for name in o.changes}
        outcome = three_way(
            entity.field_names,
            base,
            row,
            theirs,
            dirty,
            self._echoes(ops),
            held={name for name, _, _ in held},
        )
        for c in outcome.conflicts:
            self._add_conflict(table, row_id, c.field, "field", c.base, c.mine, c.theirs)
            self._strip_field(ops, c.field)
            report.conflicts += 1
            changes.outbox = True
        if outcome.take:
            self._write_row(table, row_id, outcome.take, True, changes)
        self._put_base(table, row_id, version, theirs)
        changes.add(table, row_id)
        changes.sync_state = True

    def _apply_deletion(self, table, row_id, changes: Changes, report, ctx=None) -> None:
        db = self.store.db
        db.execute("DELETE FROM sync_orphans WHERE table_name = ? AND row_id = ?", (table, row_id))
        row_exists = db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if not row_exists:
            ops = self._ops(table, row_id)
            if ops:
                self._finish([o.op_id for o in ops])
                changes.outbox = True
            self._close_conflicts(table, row_id, None, "deleted")
            self._drop_base(table, row_id)
            changes.sync_state = True
            return
        if self._base(table, row_id) is None:
            # Never synced here (a create on its way, or one the rep chose to recreate): a
            # deletion seen again through the cursor's overlap is not about this row.
            return
        subtree = self._subtree(table, row_id)
        busy = self._busy_rows()
        if any(key in busy for key in subtree):
            if "deleted_remotely" not in self._open_conflicts(table, row_id):
                base_row = self._base(table, row_id)
                mine = self.store.get(table, row_id)
                mine = {n: mine.get(n) for n in E.entity(table).field_names}
                base = base_row[1] if base_row else None
                self._add_conflict(table, row_id, None, "deleted_remotely", base, mine, None)
                report.conflicts += 1
            changes.sync_state = True
            changes.add(table, row_id)
            return
        for t, i in subtree:
            self._drop_base(t, i)
            changes.add(t, i)
        db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))  # children go by cascade
        report.deleted += 1
        if ctx is not None:
            ctx.forget(subtree)

    def _subtree(self, table: str, row_id: str) -> list[tuple[str, str]]:
        """The row and every row a delete of it takes along (cascading references)."""
        db = self.store.db
        out = [(table, row_id)]
        stack = [(table, row_id)]
        while stack:
            t, i = stack.pop()
            for child, ref in E.referrers(t):
                if ref.on_delete != "cascade":
                    continue
                for (cid,) in db.execute(
                    f"SELECT id FROM {child.table} WHERE {ref.name} = ?", (i,)
                ):
                    if (child.table, cid) not in out:
                        out.append((child.table, cid))
                        stack.append((child.table, cid))
        return out

    def _reconcile(self, report: SyncReport) -> None:
        """Without a deletion log: rows the CRM no longer lists were deleted there."""
        for table in reversed(E.TABLES):
            self._check_cancel(report)
            try:
                server_ids = self._call(self.connector.list_ids, table)
            except ConnectorError as error:
                if error.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED):
                    self._network_failed(error)
                raise

            def apply(table=table, server_ids=server_ids):
                with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                    db = self.store.db
                    known = [
                        r[0]
                        for r in db.execute(
                            "SELECT row_id FROM sync_records WHERE table_name = ?", (table,)
                        )
                    ]
                    for row_id in known:
                        if row_id not in server_ids:
                            self._apply_deletion(table, row_id, changes, report)
                    for (row_id,) in db.execute(
                        "SELECT row_id FROM sync_orphans WHERE table_name = ?", (table,)
                    ).fetchall():
                        if row_id not in server_ids:
                            db.execute(
                                "DELETE FROM sync_orphans WHERE table_name = ? AND row_id = ?",
                                (table, row_id),
                            )

            self._write(apply)
            self._progress(SyncProgress("reconcile", E.TABLES.index(table), len(E.TABLES)))

    # == push =====================================================================================

    def _push_all(self, report: SyncReport) -> bool:
        """Push due operations; return whether anything reached the server."""
        pushed_any = False
        self._push_total = self._write(
            lambda: self.store.db.execute(
                "SELECT count(DISTINCT table_name || row_id) FROM outbox WHERE state = 'pending'"
            ).fetchone()[0]
        )
        for _ in range(MAX_PUSH_ROUNDS):
            again = False
            attempted: set[tuple[str, str]] = set()  # each row once per round
            for phase in ("create", "update", "delete"):
                while True:
                    self._check_cancel(report)
                    batch = self._write(
                        lambda phase=phase, attempted=attempted: self._plan(phase, attempted)
                    )
                    if not batch:
                        break  # creates come in waves: children once their parents are in
                    attempted.update((p.mutation.table, p.mutation.id) for p in batch)
                    again |= self._push_batch(batch, report)
                    pushed_any = True
            if not again:
                break
        return pushed_any

    def _plan(self, phase: str, attempted: set[tuple[str, str]]) -> list[_Planned]:
        """The next batch of mutations of ``phase`` (create | update | delete) that may go now."""
        db = self.store.db
        now = self.clock()
        ops = [self._op_from_row(r) for r in db.execute("SELECT * FROM outbox ORDER BY seq")]
        by_row: dict[tuple[str, str], list[_Op]] = {}
        for op in ops:
            by_row.setdefault((op.table, op.row_id), []).append(op)
        blocked_kinds = {
            (r[0], r[1])
            for r in db.execute(
                "SELECT table_name, row_id FROM conflicts WHERE resolved_at IS NULL"
                " AND kind != 'field'"
            )
        }
        held_parents = self._parents_of_undecided_deletes() if phase == "delete" else set()
        planned: list[_Planned] = []
        finish_now: list[str] = []
        waits: list[tuple[list[str], str]] = []
        rows = list(by_row.items())
        if phase == "delete":
            rows.sort(key=lambda kv: (-_ORDER[kv[0][0]], -kv[1][0].seq))
        else:
            rows.sort(key=lambda kv: (_ORDER[kv[0][0]], kv[1][0].seq))
        for (table, row_id), row_ops in rows:
            if (table, row_id) in attempted:
                continue
            if any(o.state == "parked" for o in row_ops) or (table, row_id) in blocked_kinds:
                continue
            if any(o.next_attempt_at is not None and o.next_attempt_at > now for o in row_ops):
                continue
            kinds = {o.op for o in row_ops}
            op_ids = [o.op_id for o in row_ops]
            echoes = self._echoes(row_ops)
            base_row = self._base(table, row_id)
            if "delete" in kinds:
                if phase != "delete":
                    continue
                if (table, row_id) in held_parents:
                    # Deleting it on the CRM would take along a record someone changed there,
                    # which the rep has not decided about yet.
                    waits.append((op_ids, "Waiting for your decision on a conflict."))
                    continue
                create = next((o for o in row_ops if o.op == "create"), None)
                if create is not None and create.attempts == 0 and base_row is None:
                    finish_now.extend(op_ids)  # never left this machine: nothing to undo there
                    continue
                version, base = base_row if base_row else (None, {})
                mutation = Mutation(op_ids[-1], table, row_id, "delete", {}, version, base)
            elif "create" in kinds:
                if phase != "create":
                    continue
                row = self.store.get(table, row_id)
                if row is None:
                    finish_now.extend(op_ids)
                    continue
                values = {n: row.get(n) for n in E.entity(table).field_names}
                waiting = self._waiting_for(table, values, row_id)
                if waiting:
                    waits.append((op_ids, waiting))
                    continue
                mutation = Mutation(op_ids[-1], table, row_id, "create", values, None, {})
            else:
                if phase != "update":
                    continue
                row = self.store.get(table, row_id)
                if row is None or base_row is None:
                    finish_now.extend(op_ids)
                    continue
                version, base = base_row
                dirty = {n for o in row_ops for n in o.changes}
                values = {n: row.get(n) for n in sorted(dirty) if not same(row.get(n), base.get(n))}
                if not values:
                    finish_now.extend(op_ids)  # the edits were undone or the server has them
                    continue
                waiting = self._waiting_for(table, values, row_id)
                if waiting:
                    waits.append((op_ids, waiting))
                    continue
                mutation = Mutation(
                    op_ids[-1],
                    table,
                    row_id,
                    "update",
                    values,
                    version,
                    {n: base.get(n) for n in values},
                )
            if phase == "delete" and planned and planned[0].mutation.table != table:
                break  # one table per batch: a child's conflict is known before its parent goes
            planned.append(_Planned(mutation, op_ids, echoes))
            if len(planned) >= max(1, self.connector.max_batch):
                break
        if finish_now or waits:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                self._finish(finish_now)
                for op_ids, reason in waits:
                    self._note_error(op_ids, reason)
                changes.outbox = True
        return planned

    def _parents_of_undecided_deletes(self) -> set[tuple[str, str]]:
        """Rows whose delete would cascade onto a record with an open 'deleted_locally'."""
        held = set()
        for table, row_id in self.store.db.execute(
            "SELECT table_name, row_id FROM conflicts WHERE resolved_at IS NULL"
            " AND kind = 'deleted_locally'"
        ).fetchall():
            base_row = self._base(table, row_id)
            if not base_row:
                continue
            for ref in E.entity(table).refs():
                if ref.on_delete == "cascade" and base_row[1].get(ref.name):
                    held.add((ref.ref, base_row[1][ref.name]))
        return held

    def _waiting_for(self, table: str, values: dict, row_id: str) -> str | None:
        """Why a mutation must wait for a record it refers to, or None when it may go."""
        db = self.store.db
        for ref in E.entity(table).refs():
            target = values.get(ref.name)
            if target is None or (ref.ref == table and target == row_id):
                continue
            synced = db.execute(
                "SELECT 1 FROM sync_records WHERE table_name = ? AND row_id = ?", (ref.ref, target)
            ).fetchone()
            if not synced:
                singular = E.entity(ref.ref).singular
                return f"Waiting for its {singular} to reach {self.connector.name}."
        return None

    def _push_batch(self, batch: list[_Planned], report: SyncReport) -> bool:
        mutations = [p.mutation for p in batch]
        self._progress(
            SyncProgress(
                "push",
                report.pushed,
                max(self._push_total, report.pushed),
                f"Sending {len(mutations)} changes",
            )
        )
        try:
            results = self._call(self.connector.push, mutations)
        except ConnectorError as error:
            if error.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED):
                ids = [i for p in batch for i in p.op_ids]
                message, after = error.message, error.retry_after
                self._write(lambda: self._backoff_ops(ids, message, after))
                self._network_failed(error)
            if error.kind == ErrorKind.INVALID and len(batch) == 1:
                ids, message = batch[0].op_ids, error.message
                self._write(lambda: self._park(ids, message))
                report.rejected += 1
                return False
            raise
        if len(results) != len(mutations):
            raise ConnectorError(ErrorKind.TRANSIENT, "the CRM answered a batch incompletely")
        return self._write(lambda: self._apply_results(batch, results, report))

    def _apply_results(self, batch, results: list[MutationResult], report) -> bool:
        conflicted = False
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            changes.outbox = True
            changes.sync_state = True
            for planned, result in zip(batch, results):
                m = planned.mutation
                kind = result.kind
                if result.outcome == Outcome.APPLIED or (
                    m.op == "delete"
                    and (
                        kind == ErrorKind.NOT_FOUND
                        or (result.outcome == Outcome.CONFLICT and result.record is None)
                    )
                ):
                    self._finish(planned.op_ids)
                    report.pushed += 1
                    if m.op == "delete":
                        self._drop_base(m.table, m.id)
                    elif result.record is not None:
                        self._rebase(m.table, m.id, result.record, changes)
                    changes.add(m.table, m.id)
                elif result.outcome == Outcome.CONFLICT and result.record is not None:
                    conflicted = True
                    self._push_conflict(planned, result.record, changes, report)
                elif kind == ErrorKind.NOT_FOUND or result.outcome == Outcome.CONFLICT:
                    # An update to a record deleted on the server meanwhile.
                    if "deleted_remotely" not in self._open_conflicts(m.table, m.id):
                        base_row = self._base(m.table, m.id)
                        row = self.store.get(m.table, m.id) or {}
                        mine = {n: row.get(n) for n in E.entity(m.table).field_names}
                        self._add_conflict(
                            m.table,
                            m.id,
                            None,
                            "deleted_remotely",
                            base_row[1] if base_row else None,
                            mine,
                            None,
                        )
                        report.conflicts += 1
                elif result.outcome == Outcome.REJECTED:
                    self._park(planned.op_ids, result.reason or "The CRM refused this change.")
                    report.rejected += 1
                    report.errors.append(result.reason or "rejected")
                else:  # RETRY
                    self._backoff_ops(
                        planned.op_ids, result.reason or "retry later", result.retry_after
                    )
        return conflicted

    def _push_conflict(self, planned: _Planned, record: RemoteRecord, changes, report) -> None:
        """The server moved on since our base: merge, and push what is left next round."""
        m = planned.mutation
        theirs = {n: record.values.get(n) for n in E.entity(m.table).field_names}
        if m.op == "delete":
            base_row = self._base(m.table, m.id)
            base = base_row[1] if base_row else {}
            ops = self._ops(m.table, m.id)
            if changed_elsewhere(E.entity(m.table).field_names, base, theirs, planned.echoes):
                self._finish([o.op_id for o in ops if o.op_id in planned.op_ids])
                self._add_conflict(m.table, m.id, None, "deleted_locally", base, None, theirs)
                report.conflicts += 1
            self._put_base(m.table, m.id, record.version, theirs)
            return
        self._merge_pulled(m.table, m.id, record.version, theirs, changes, report)

    def _rebase(self, table, row_id, record: RemoteRecord, changes: Changes) -> None:
        """After an applied push: the server's record is the new base; later edits stay."""
        theirs = {n: record.values.get(n) for n in E.entity(table).field_names}
        self._put_base(table, row_id, record.version, theirs)
        row = self.store.get(table, row_id)
        if row is None:
            return
        ops = self._ops(table, row_id)
        keep = {n for o in ops for n in o.changes}
        keep |= {name for name, _, _ in self._field_conflicts(table, row_id)}
        take = {n: theirs[n] for n in theirs if n not in keep and not same(row.get(n), theirs[n])}
        if take:
            self._write_row(table, row_id, take, True, changes)

    # == outbox bookkeeping =======================================================================

    def _op_from_row(self, r) -> _Op:
        return _Op(
            r["seq"],
            r["op_id"],
            r["table_name"],
            r["row_id"],
            r["op"],
            json.loads(r["changes"]),
            json.loads(r["base"]),
            r["attempts"],
            _epoch(r["next_attempt_at"]),
            r["state"],
        )

    def _ops(self, table: str, row_id: str) -> list[_Op]:
        return [
            self._op_from_row(r)
            for r in self.store.db.execute(
                "SELECT * FROM outbox WHERE table_name = ? AND row_id = ? ORDER BY seq",
                (table, row_id),
            )
        ]

    @staticmethod
    def _echoes(ops: list[_Op]) -> dict[str, list[Any]]:
        echoes: dict[str, list[Any]] = {}
        for o in ops:
            for name, value in o.changes.items():
                echoes.setdefault(name, []).append(value)
        return echoes

    def _finish(self, op_ids: list[str]) -> None:
        for start in range(0, len(op_ids), 500):
            chunk = op_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            self.store.db.execute(f"DELETE FROM outbox WHERE op_id IN ({marks})", chunk)

    def _park(self, op_ids: list[str], reason: str) -> None:
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            for op_id in op_ids:
                self.store.db.execute(
                    "UPDATE outbox SET state = 'parked', last_error = ?, attempts = attempts + 1"
                    " WHERE op_id = ?",
                    (reason, op_id),
                )
            changes.outbox = True

    def _note_error(self, op_ids: list[str], reason: str) -> None:
        for op_id in op_ids:
            self.store.db.execute(
                "UPDATE outbox SET last_error = ? WHERE op_id = ?", (reason, op_id)
            )

    def _backoff_ops(self, op_ids: list[str], reason: str, retry_after: float | None) -> None:
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            db = self.store.db
            for op_id in op_ids:
                row = db.execute("SELECT attempts FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
                if row is None:
                    continue
                attempts = row[0] + 1
                at = self.clock() + self._backoff(attempts, retry_after)
                db.execute(
                    "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?"
                    " WHERE op_id = ?",
                    (attempts, _iso_at(at), reason, op_id),
                )
            changes.outbox = True

    def _strip_field(self, ops: list[_Op], name: str) -> None:
        """Take a conflicting field out of the outbox: it waits for the rep's decision."""
        db = self.store.db
        for o in ops:
            if o.op != "update" or name not in o.changes:
                continue
            o.changes.pop(name, None)
            o.base.pop(name, None)
            if o.changes:
                db.execute(
                    "UPDATE outbox SET changes = ?, base = ? WHERE op_id = ?",
                    (json.dumps(o.changes), json.dumps(o.base), o.op_id),
                )
            else:
                db.execute("DELETE FROM outbox WHERE op_id = ?", (o.op_id,))

    def _append_op(self, table, row_id, op, values: dict, base: dict) -> str:
        op_id = new_id()
        self.store.db.execute(
            "INSERT INTO outbox (op_id, table_name, row_id, op, changes, base, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (op_id, table, row_id, op, json.dumps(values), json.dumps(base), now_iso()),
        )
        return op_id

    def _busy_rows(self) -> set[tuple[str, str]]:
        db = self.store.db
        busy = {(r[0], r[1]) for r in db.execute("SELECT table_name, row_id FROM outbox")}
        busy |= {
            (r[0], r[1])
            for r in db.execute(
                "SELECT table_name, row_id FROM conflicts WHERE resolved_at IS NULL"
            )
        }
        return busy

    # == bases and conflicts ======================================================================

    def _base(self, table: str, row_id: str) -> tuple[str | None, dict] | None:
        row = self.store.db.execute(
            "SELECT version, base FROM sync_records WHERE table_name = ? AND row_id = ?",
            (table, row_id),
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def _put_base(self, table, row_id, version, values: dict) -> None:
        self.store.db.execute(
            "INSERT INTO sync_records (table_name, row_id, version, base, synced_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET version = excluded.version,"
            " base = excluded.base, synced_at = excluded.synced_at",
            (table, row_id, version, _j(values), now_iso()),
        )

    def _drop_base(self, table, row_id) -> None:
        self.store.db.execute(
            "DELETE FROM sync_records WHERE table_name = ? AND row_id = ?", (table, row_id)
        )

    def _open_conflicts(self, table, row_id) -> set[str]:
        return {
            r[0]
            for r in self.store.db.execute(
                "SELECT kind FROM conflicts WHERE table_name = ? AND row_id = ?"
                " AND resolved_at IS NULL",
                (table, row_id),
            )
        }

    def _field_conflicts(self, table, row_id) -> list[tuple[str, int, str]]:
        return [
            (r[0], r[1], r[2])
            for r in self.store.db.execute(
                "SELECT field, seq, mine FROM conflicts WHERE table_name = ? AND row_id = ?"
                " AND kind = 'field' AND resolved_at IS NULL",
                (table, row_id),
            )
        ]

    def _add_conflict(self, table, row_id, name, kind, base, mine, theirs) -> None:
        self.store.db.execute(
            "INSERT INTO conflicts (table_name, row_id, field, kind, base, mine, theirs,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (table, row_id, name, kind, _j(base), _j(mine), _j(theirs), now_iso()),
        )

    def _update_conflict_theirs(self, table, row_id, kind, theirs) -> None:
        self.store.db.execute(
            "UPDATE conflicts SET theirs = ? WHERE table_name = ? AND row_id = ? AND kind = ?"
            " AND resolved_at IS NULL",
            (_j(theirs), table, row_id, kind),
        )

    def _close_conflicts(self, table, row_id, kind: str | None, resolution: str) -> None:
        sql = (
            "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE table_name = ?"
            " AND row_id = ? AND resolved_at IS NULL"
        )
        args: list[Any] = [now_iso(), resolution, table, row_id]
        if kind:
            sql += " AND kind = ?"
            args.append(kind)
        self.store.db.execute(sql, args)

    # == sync_state ===============================================================================

    def _state(self, key: str) -> str | None:
        row = self.store.db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _put_state(self, key: str, value: str | None) -> None:
        if value is None:
            self.store.db.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            self.store.db.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def _set_state(self, **values: str | None) -> None:
        def apply():
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                for key, value in values.items():
                    self._put_state(key, value)
                changes.sync_state = True

        self._write(apply)

    # == what the UI asks =========================================================================

    def status(self) -> SyncStatus:
        """Counts and flags for the status bar (reads on the caller's thread)."""
        db = self.store.db
        counts = dict(db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        conflicts = db.execute(
            "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL"
        ).fetchone()[0]
        state = dict(db.execute("SELECT key, value FROM sync_state").fetchall())
        next_op = db.execute(
            "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'"
            " AND next_attempt_at IS NOT NULL"
        ).fetchone()[0]
        candidates = [t for t in (_epoch(next_op),) if t is not None]
        if state.get("next_retry_at"):
            candidates.append(float(state["next_retry_at"]))
        online = state.get("online")
        return SyncStatus(
            pending=counts.get("pending", 0),
            parked=counts.get("parked", 0),
            conflicts=conflicts,
            last_success_at=state.get("last_success_at"),
            last_error=state.get("last_error"),
            next_retry_at=min(candidates) if candidates else None,
            needs_sign_in=state.get("needs_sign_in") == "1",
            online=None if online is None else online == "1",
        )

    def due_for_retry(self) -> bool:
        """Whether the watchdog should start a sync now (a backoff ran out, or work waits)."""
        status = self.status()
        if status.needs_sign_in:
            return False
        now = self.clock()
        state_retry = self.store.db.execute(
            "SELECT value FROM sync_state WHERE key = 'next_retry_at'"
        ).fetchone()
        if state_retry:  # the CRM could not be reached: its backoff decides
            return float(state_retry[0]) <= now
        for (at,) in self.store.db.execute(
            "SELECT next_attempt_at FROM outbox WHERE state = 'pending'"
        ):
            if at is None or _epoch(at) <= now:
                return True
        return False

    def outbox_items(self) -> list[OutboxItem]:
        """Every pending or parked operation, oldest first."""
        items = []
        for r in self.store.db.execute("SELECT * FROM outbox ORDER BY seq"):
            op = self._op_from_row(r)
            items.append(
                OutboxItem(
                    op_id=op.op_id,
                    table=op.table,
                    row_id=op.row_id,
                    op=op.op,
                    title=self._title(op.table, op.row_id, {**op.base, **op.changes}),
                    state=op.state,
                    attempts=op.attempts,
                    last_error=r["last_error"],
                    next_attempt_at=op.next_attempt_at,
                    created_at=r["created_at"],
                )
            )
        return items

    def _title(self, table: str, row_id: str, fallback: dict | None = None) -> str:
        entity = E.entity(table)
        row = self.store.db.execute(
            f"SELECT {entity.title_field} FROM {table} WHERE id = ?", (row_id,)
        ).fetchone()
        if row and row[0]:
            return str(row[0])
        for source in (fallback or {}, (self._base(table, row_id) or (None, {}))[1]):
            if source.get(entity.title_field):
                return str(source[entity.title_field])
        return f"({entity.singular})"

    def conflicts(self) -> list[Conflict]:
        """Open conflicts, oldest first."""
        out = []
        for r in self.store.db.execute(
            "SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY seq"
        ):
            entity = E.entity(r["table_name"])
            name = r["field"]
            base, mine, theirs = (
                json.loads(r[k]) if r[k] is not None else None for k in ("base", "mine", "theirs")
            )
            fallback = {}
            for source in (mine, theirs, base):
                if isinstance(source, dict):
                    fallback = source
                    break
            out.append(
                Conflict(
                    id=r["seq"],
                    table=r["table_name"],
                    row_id=r["row_id"],
                    title=self._title(r["table_name"], r["row_id"], fallback),
                    field=name,
                    label=entity.field(name).label if name else entity.singular.capitalize(),
                    kind=r["kind"],
                    base=base,
                    mine=mine,
                    theirs=theirs,
                )
            )
        return out

    def retry(self, op_ids: list[str]) -> None:
        """Try these operations at the next sync: clear their backoff, un-park them."""

        def apply():
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                for op_id in op_ids:
                    self.store.db.execute(
                        "UPDATE outbox SET state = 'pending', next_attempt_at = NULL"
                        " WHERE op_id = ?",
                        (op_id,),
                    )
                self._put_state("next_retry_at", None)
                changes.outbox = True

        self._write(apply)

    def discard(self, op_ids: list[str]) -> None:
        """Drop operations and put their rows back as the server has them.

        A create that never reached the server is removed here with what belongs to it; a
        discarded delete brings the row back from its base (and the deletes of what went with it).
        """

        def apply():
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                db = self.store.db
                changes.outbox = True
                wanted = list(op_ids)
                seen: set[str] = set()
                while wanted:
                    op_id = wanted.pop(0)
                    if op_id in seen:
                        continue
                    seen.add(op_id)
                    r = db.execute("SELECT * FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
                    if r is None:
                        continue
                    op = self._op_from_row(r)
                    self._finish([op.op_id])
                    changes.add(op.table, op.row_id)
                    if op.op == "create":
                        self._discard_tree(op.table, op.row_id, changes)
                    elif op.op == "update":
                        self._restore_fields(op, changes)
                    else:
                        # The row comes back as the server has it: its earlier edits go too.
                        wanted.extend(o.op_id for o in self._ops(op.table, op.row_id))
                        wanted.extend(self._restore_deleted(op, changes))

        self._write(apply)

    def _discard_tree(self, table, row_id, changes: Changes) -> None:
        db = self.store.db
        subtree = self._subtree(table, row_id)
        for t, i in subtree:
            for o in self._ops(t, i):
                self._finish([o.op_id])
            self._close_conflicts(t, i, None, "discarded")
            if (t, i) != (table, row_id):
                self._drop_base(t, i)
            changes.add(t, i)
        if self._base(table, row_id) is None:
            db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))

    def _restore_fields(self, op: _Op, changes: Changes) -> None:
        row = self.store.get(op.table, op.row_id)
        if row is None:
            return
        still = {n for o in self._ops(op.table, op.row_id) for n in o.changes}
        base_row = self._base(op.table, op.row_id)
        source = base_row[1] if base_row else op.base
        restore = {n: source.get(n, op.base.get(n)) for n in op.changes if n not in still}
        if restore:
            self._write_row(op.table, op.row_id, restore, True, changes)

    def _restore_deleted(self, op: _Op, changes: Changes) -> list[str]:
        """Bring a locally deleted row back; return the delete ops of rows that went with it."""
        db = self.store.db
        if db.execute(f"SELECT 1 FROM {op.table} WHERE id = ?", (op.row_id,)).fetchone():
            return []
        base_row = self._base(op.table, op.row_id)
        values = base_row[1] if base_row else op.base
        entity = E.entity(op.table)
        values = {n: values.get(n) for n in entity.field_names}
        for ref in entity.refs():
            target = values.get(ref.name)
            if (
                target
                and not db.execute(f"SELECT 1 FROM {ref.ref} WHERE id = ?", (target,)).fetchone()
            ):
                if ref.required:
                    return []  # its parent is gone too: discard the parent's delete first
                values[ref.name] = None
        self._write_row(op.table, op.row_id, values, False, changes)
        followers = []
        for child, ref in E.referrers(op.table):
            if ref.on_delete != "cascade":
                continue
            for r in db.execute(
                "SELECT op_id, base FROM outbox WHERE table_name = ? AND op = 'delete'",
                (child.table,),
            ):
                if json.loads(r[1]).get(ref.name) == op.row_id:
                    followers.append(r[0])
        return followers

    def resolve(self, conflict_id: int, choice: str, value=None) -> None:
        """Settle a conflict: 'mine', 'theirs', 'edit' (with ``value``) or 'both' (long text)."""
        if choice not in ("mine", "theirs", "edit", "both"):
            raise ValueError(f"unknown choice {choice!r}")

        def apply():
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                db = self.store.db
                r = db.execute("SELECT * FROM conflicts WHERE seq = ?", (conflict_id,)).fetchone()
                if r is None or r["resolved_at"] is not None:
                    return
                table, row_id, kind = r["table_name"], r["row_id"], r["kind"]
                _base, mine, theirs = (
                    json.loads(r[k]) if r[k] is not None else None
                    for k in ("base", "mine", "theirs")
                )
                changes.add(table, row_id)
                changes.outbox = changes.sync_state = True
                if kind == "field":
                    self._resolve_field(
                        table, row_id, r["field"], choice, value, mine, theirs, changes
                    )
                elif kind == "deleted_remotely":
                    self._resolve_deleted_remotely(table, row_id, choice, changes)
                else:
                    self._resolve_deleted_locally(table, row_id, choice, theirs, changes)
                db.execute(
                    "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE seq = ?",
                    (now_iso(), choice, conflict_id),
                )

        self._write(apply)

    def _resolve_field(self, table, row_id, name, choice, value, mine, theirs, changes) -> None:
        entity = E.entity(table)
        row = self.store.get(table, row_id)
        if row is None:
            return  # deleted here since: its delete decides
        if choice == "theirs":
            chosen = theirs
        elif choice == "mine":
            chosen = mine
        elif choice == "both":
            chosen = keep_both(entity, name, mine, theirs)
        else:
            chosen = validate(entity, {name: value}, row).get(name)
        base_row = self._base(table, row_id)
        server_value = base_row[1].get(name) if base_row else theirs
        if not same(row.get(name), chosen):
            self._write_row(table, row_id, {name: chosen}, True, changes)
        if not same(chosen, server_value):
            self._append_op(table, row_id, "update", {name: chosen}, {name: server_value})

    def _resolve_deleted_remotely(self, table, row_id, choice, changes) -> None:
        if choice == "mine":
            row = self.store.get(table, row_id)
            if row is None:
                return
            for o in self._ops(table, row_id):
                self._finish([o.op_id])
            self._drop_base(table, row_id)
            values = {n: row.get(n) for n in E.entity(table).field_names}
            self._append_op(table, row_id, "create", values, {})
            # What belongs to it may have been refused for want of it: let it try again.
            for t, i in self._subtree(table, row_id):
                self.store.db.execute(
                    "UPDATE outbox SET state = 'pending', next_attempt_at = NULL"
                    " WHERE table_name = ? AND row_id = ?",
                    (t, i),
                )
        elif choice == "theirs":
            self._drop_base(table, row_id)
            self._discard_tree(table, row_id, changes)
        else:
            raise ValueError("A deleted record can only be kept (mine) or let go (theirs).")

    def _resolve_deleted_locally(self, table, row_id, choice, theirs, changes) -> None:
        if choice == "mine":
            base_row = self._base(table, row_id)
            self._append_op(table, row_id, "delete", {}, base_row[1] if base_row else {})
        elif choice == "theirs":
            db = self.store.db
            values = theirs or {}
            entity = E.entity(table)
            missing = any(
                values.get(ref.name)
                and not db.execute(
                    f"SELECT 1 FROM {ref.ref} WHERE id = ?", (values[ref.name],)
                ).fetchone()
                for ref in entity.refs()
            )
            if missing:
                # Keeping it means keeping what it belongs to: undo that delete too.
                for ref in entity.refs():
                    target = values.get(ref.name)
                    if ref.on_delete != "cascade" or not target:
                        continue
                    for r in db.execute(
                        "SELECT * FROM outbox WHERE table_name = ? AND row_id = ? AND op = 'delete'",
                        (ref.ref, target),
                    ).fetchall():
                        parent_op = self._op_from_row(r)
                        for o in self._ops(ref.ref, target):
                            self._finish([o.op_id])
                        self._restore_deleted(parent_op, changes)
                missing = any(
                    values.get(ref.name)
                    and not db.execute(
                        f"SELECT 1 FROM {ref.ref} WHERE id = ?", (values[ref.name],)
                    ).fetchone()
                    for ref in entity.refs()
                    if ref.on_delete == "cascade"
                )
                for ref in entity.refs():  # a nullable reference to a record gone here is cleared
                    target = values.get(ref.name)
                    if (
                        ref.on_delete != "cascade"
                        and target
                        and not db.execute(
                            f"SELECT 1 FROM {ref.ref} WHERE id = ?", (target,)
                        ).fetchone()
                    ):
                        values = {**values, ref.name: None}
            base_row = self._base(table, row_id)
            version = base_row[0] if base_row else None
            if missing:  # wait for its parent, like a pulled orphan
                db.execute(
                    "INSERT OR REPLACE INTO sync_orphans (table_name, row_id, version, record)"
                    " VALUES (?, ?, ?, ?)",
                    (table, row_id, version, _j(values)),
                )
                self._drop_base(table, row_id)
            elif not db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
                self._write_row(table, row_id, values, False, changes)
        else:
            raise ValueError("A record deleted here can be deleted there (mine) or kept (theirs).")


class _PageContext:
    """Lookups for one pulled page, batched: which ids exist, their known versions, busy rows."""

    def __init__(self, db):
        self.db = db
        self.known: dict[tuple[str, str], str | None] = {}
        self.present: set[tuple[str, str]] = set()
        self.checked: set[tuple[str, str]] = set()
        self.inserted: set[tuple[str, str]] = set()
        self.busy: set[tuple[str, str]] = set()
        self.pending_rows: dict[tuple[str, bool], list[tuple[str, dict]]] = {}
        self.pending_bases: list[tuple[str, str, str | None, str]] = []
        self.orphans_possible = (
            db.execute("SELECT 1 FROM sync_orphans LIMIT 1").fetchone() is not None
        )

    def load(self, records: list[RemoteRecord]) -> None:
        db = self.db
        self.busy = {(r[0], r[1]) for r in db.execute("SELECT table_name, row_id FROM outbox")}
        self.busy |= {
            (r[0], r[1])
            for r in db.execute(
                "SELECT table_name, row_id FROM conflicts WHERE resolved_at IS NULL"
            )
        }
        by_table: dict[str, list[str]] = {}
        for rec in records:
            by_table.setdefault(rec.table, []).append(rec.id)
            for name, ref in _REFS[rec.table]:
                target = rec.values.get(name)
                if target is not None:
                    by_table.setdefault(ref, []).append(target)
        for table, ids in by_table.items():
            ids = list(set(ids))
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for (i,) in db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk):
                    self.present.add((table, i))
                for i, v in db.execute(
                    f"SELECT row_id, version FROM sync_records WHERE table_name = ?"
                    f" AND row_id IN ({marks})",
                    [table, *chunk],
                ):
                    self.known[(table, i)] = v
                self.checked.update((table, i) for i in chunk)

    def exists(self, table: str, row_id: str) -> bool:
        key = (table, row_id)
        if key in self.inserted or key in self.present:
            return True
        if key in self.checked:
            return False
        found = self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return found is not None

    def version(self, table: str, row_id: str) -> str | None:
        key = (table, row_id)
        if key in self.known:
            return self.known[key]
        if key in self.checked:
            return None
        row = self.db.execute(
            "SELECT version FROM sync_records WHERE table_name = ? AND row_id = ?", key
        ).fetchone()
        return row[0] if row else None

    def forget(self, keys) -> None:
        for key in keys:
            self.present.discard(key)
            self.inserted.discard(key)
            self.known.pop(key, None)
            self.checked.add(key)
