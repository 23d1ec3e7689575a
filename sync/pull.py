"""Pull: the CRM's changes reach the rep, page by page, with orphans and reconciliation.

A pulled page and its cursor are committed in one transaction. A record whose parent has not
arrived yet is held in ``sync_orphans`` (same transaction) and applied when the parent comes.
Remote changes never create outbox rows; rows with pending local operations are merged field by
field against their base snapshot instead of being overwritten (``EngineCore._merge_pulled``).
Without a deletion log, the ids the CRM still lists are compared with the ones we hold.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import cast

from desktop import entities as E
from desktop import outbox, replica
from desktop.store import ORIGIN_SYNC, Changes

from .connector import PullPage, RemoteRecord
from .core import ORDER, EngineCore
from .lookahead import PullAhead
from .report import SyncProgress, SyncReport

# Looked up for every pulled record: computed once.
_FIELDS = {e.table: e.field_names for e in E.ENTITIES}
_REFS = {e.table: tuple((f.name, f.target) for f in e.refs()) for e in E.ENTITIES}


class PullPart(EngineCore):
    """Pages, orphans, deletions and reconciliation."""

    def _pull_all(self, report: SyncReport) -> None:
        done = 0
        with PullAhead(self.connector.pull) as ahead:
            while True:
                self._check_cancel(report)
                cursor = self._write(lambda: self._state("cursor"))
                limit = self._pull_limit()
                page = self._call_or_stop(ahead.take, cursor, limit)
                if page.more:
                    ahead.start(page.cursor, limit)  # the CRM prepares it while we write
                self._write(partial(self._apply_page, page, report))
                done += len(page.records) + len(page.deletions)
                self._progress(SyncProgress("pull", done, None, f"Received {done} changes"))
                if not page.more:
                    return

    def _apply_page(self, page: PullPage, report: SyncReport) -> None:
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            ctx = PageContext(self.db)
            ctx.load(page.records)
            for deletion in page.deletions:
                self._apply_deletion(deletion.table, deletion.id, changes, report, ctx)
            records = sorted(page.records, key=lambda r: ORDER[r.table])
            for record in records:
                self._apply_record(record, changes, report, ctx)
            self._flush(ctx, changes)
            if ctx.orphans_possible:
                self._apply_orphans(changes, report, ctx)
            outbox.put_state(self.db, "cursor", page.cursor)
            changes.sync_state = True

    def _missing_refs(self, table: str, values: dict, ctx: PageContext) -> bool:
        for name, ref in _REFS[table]:
            target = values.get(name)
            if target is not None and not ctx.exists(ref, target):
                return True
        return False

    def _apply_record(
        self, record: RemoteRecord, changes: Changes, report: SyncReport, ctx: PageContext
    ) -> bool:
        """Apply one pulled record (or hold it); return whether it reached the table."""
        db = self.db
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
            outbox.hold_orphan(db, table, row_id, record.version, theirs)
            return False
        if ctx.orphans_possible:
            outbox.drop_orphan(db, table, row_id)
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
            ctx.pending_bases.append((table, row_id, record.version, outbox.dumps(theirs)))
            ctx.inserted.add((table, row_id))
            changes.add(table, row_id)
            return True
        self._flush(ctx, changes)  # a merged row may refer to rows buffered so far
        self._merge_pulled(table, row_id, record.version, theirs, changes, report)
        if ctx.exists(table, row_id) or self.store.get(table, row_id) is not None:
            ctx.inserted.add((table, row_id))
            return True
        return False

    def _apply_orphans(self, changes: Changes, report: SyncReport, ctx: PageContext) -> None:
        """Apply held records whose parents have arrived, until no more can be."""
        while True:
            held = outbox.orphans(self.db)
            held.sort(key=lambda r: ORDER[r[0]])
            progressed = False
            for table, row_id, version, values in held:
                if self._missing_refs(table, values, ctx):
                    continue
                # A record kept back by "theirs" on a deleted_locally conflict may have no
                # version yet (None): it is passed on as it was held.
                record = RemoteRecord(table, row_id, cast(str, version), values)
                if self._apply_record(record, changes, report, ctx):
                    progressed = True
            self._flush(ctx, changes)
            if not progressed:
                return

    def _flush(self, ctx: PageContext, changes: Changes) -> None:
        """Write the page's buffered rows, parents' tables first, a statement per table.

        New rows go in through ``Store.insert_synced`` (one statement per table, so the
        full-text index is written once per statement rather than once per row).
        """
        for table in E.TABLES:
            new = ctx.pending_rows.pop((table, False), None)
            if new:
                self.store.insert_synced(table, new)
            old = ctx.pending_rows.pop((table, True), None)
            if old:
                replica.update_rows(self.db, table, old)
        if ctx.pending_bases:
            outbox.put_bases(self.db, ctx.pending_bases)
            ctx.pending_bases.clear()

    def _apply_deletion(
        self,
        table: str,
        row_id: str,
        changes: Changes,
        report: SyncReport,
        ctx: PageContext | None = None,
    ) -> None:
        db = self.db
        outbox.drop_orphan(db, table, row_id)
        if not replica.exists(db, table, row_id):
            ops = self._ops(table, row_id)
            if ops:
                self._finish([o.op_id for o in ops])
                changes.outbox = True
            outbox.close_conflicts(db, table, row_id, None, "deleted")
            outbox.drop_base(db, table, row_id)
            changes.sync_state = True
            return
        if self._base(table, row_id) is None:
            # Never synced here (a create on its way, or one the rep chose to recreate): a
            # deletion seen again through the cursor's overlap is not about this row.
            return
        subtree = self._subtree(table, row_id)
        busy = outbox.busy_rows(db)
        if any(key in busy for key in subtree):
            self._add_deleted_remotely(table, row_id, report)
            changes.sync_state = True
            changes.add(table, row_id)
            return
        for t, i in subtree:
            outbox.drop_base(db, t, i)
            changes.add(t, i)
        replica.delete_row(db, table, row_id)  # children go by cascade
        report.deleted += 1
        if ctx is not None:
            ctx.forget(subtree)

    def _reconcile(self, report: SyncReport) -> None:
        """Without a deletion log: rows the CRM no longer lists were deleted there."""
        for table in reversed(E.TABLES):
            self._check_cancel(report)
            server_ids = self._call_or_stop(self.connector.list_ids, table)

            def apply(table: str = table, server_ids: set[str] = server_ids) -> None:
                with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                    db = self.db
                    for row_id in outbox.synced_ids(db, table):
                        if row_id not in server_ids:
                            self._apply_deletion(table, row_id, changes, report)
                    for row_id in outbox.orphan_ids(db, table):
                        if row_id not in server_ids:
                            outbox.drop_orphan(db, table, row_id)

            self._write(apply)
            self._progress(SyncProgress("reconcile", E.TABLES.index(table), len(E.TABLES)))


class PageContext:
    """Lookups for one pulled page, batched: which ids exist, their known versions, busy rows."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.known: dict[tuple[str, str], str | None] = {}
        self.present: set[tuple[str, str]] = set()
        self.checked: set[tuple[str, str]] = set()
        self.inserted: set[tuple[str, str]] = set()
        self.busy: set[tuple[str, str]] = set()
        self.pending_rows: dict[tuple[str, bool], list[tuple[str, dict]]] = {}
        self.pending_bases: list[tuple[str, str, str | None, str]] = []
        self.orphans_possible = outbox.has_orphans(db)

    def load(self, records: list[RemoteRecord]) -> None:
        db = self.db
        self.busy = outbox.busy_rows(db)
        by_table: dict[str, list[str]] = {}
        for rec in records:
            by_table.setdefault(rec.table, []).append(rec.id)
            for name, ref in _REFS[rec.table]:
                target = rec.values.get(name)
                if target is not None:
                    by_table.setdefault(ref, []).append(target)
        for table, ids in by_table.items():
            unique = list(set(ids))
            self.present.update((table, i) for i in replica.present_ids(db, table, unique))
            for i, v in outbox.versions(db, table, unique).items():
                self.known[(table, i)] = v
            self.checked.update((table, i) for i in unique)

    def exists(self, table: str, row_id: str) -> bool:
        key = (table, row_id)
        if key in self.inserted or key in self.present:
            return True
        if key in self.checked:
            return False
        return replica.exists(self.db, table, row_id)

    def version(self, table: str, row_id: str) -> str | None:
        key = (table, row_id)
        if key in self.known:
            return self.known[key]
        if key in self.checked:
            return None
        return outbox.version(self.db, table, row_id)

    def forget(self, keys: list[tuple[str, str]]) -> None:
        for key in keys:
            self.present.discard(key)
            self.inserted.discard(key)
            self.known.pop(key, None)
            self.checked.add(key)
