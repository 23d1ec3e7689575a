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
from desktop import outbox, quarantine, replica
from desktop.store import ORIGIN_SYNC, Changes

from .connector import PullPage, RemoteRecord
from .core import ORDER, EngineCore
from .lookahead import PullAhead
from .report import SyncProgress, SyncReport
from .screening import Refused, screen_ids, screen_page, screen_record

RECONCILE_EVERY = 3600.0  # seconds between look-ups of records a pull page may have missed

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
                # Checked before anything of it is used, its position included.
                page, refused = screen_page(self._call_or_stop(ahead.take, cursor, limit))
                if page.more:
                    ahead.start(page.cursor, limit)  # the CRM prepares it while we write
                self._write(partial(self._apply_page, page, report, refused))
                done += len(page.records) + len(page.deletions)
                self._progress(SyncProgress("pull", done, None, f"Received {done} changes"))
                if not page.more:
                    return

    def _apply_page(
        self,
        page: PullPage,
        report: SyncReport,
        refused: list[Refused] | None = None,
        save_cursor: bool = True,
    ) -> None:
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            db = self.db
            for r in refused or ():
                # Held aside with the CRM's id and the reason; the page and its position go on.
                quarantine.hold(db, r.table, r.row_id, r.version, r.reason, r.values)
                report.held_back += 1
                changes.sync_state = changes.outbox = True
            if quarantine.count(db):
                for record in page.records:
                    quarantine.release(db, record.table, record.id)
                for d in page.deletions:
                    quarantine.release(db, d.table, d.id)
                changes.outbox = True
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
            if save_cursor:
                outbox.put_state(self.db, "cursor", page.cursor)
            changes.sync_state = True

    def _missing_refs(self, table: str, values: dict, ctx: PageContext) -> bool:
        for name, ref in _REFS[table]:
            target = values.get(name)
            if target is not None and not ctx.exists(ref, target):
                return True
        return False

    @staticmethod
    def _under_a_delete_here(table: str, values: dict, ctx: PageContext) -> bool:
        """Whether a record belongs (by cascade) to one deleted here, its delete not yet sent."""
        return any(
            ref.on_delete == "cascade"
            and values.get(ref.name)
            and (ref.target, values[ref.name]) in ctx.busy
            and not ctx.exists(ref.target, values[ref.name])
            for ref in E.entity(table).refs()
        )

    def _theirs(self, record: RemoteRecord, ctx: PageContext) -> dict:
        """The record's value of every field. A field the CRM left out (one the org does not
        have, such as a custom field not set up in Salesforce) is not a field it emptied: it
        keeps what we last agreed on (the base snapshot), else what the row holds."""
        values = record.values
        fields = _FIELDS[record.table]
        theirs = {name: values.get(name) for name in fields}
        left_out = [name for name in fields if name not in values]
        known_here = ctx.exists(record.table, record.id) or (record.table, record.id) in ctx.busy
        if left_out and known_here:  # a record new to us has nothing of ours to keep
            agreed = outbox.base(self.db, record.table, record.id)
            kept = agreed[1] if agreed else (self.store.get(record.table, record.id) or {})
            for name in left_out:
                theirs[name] = kept.get(name)
        return theirs

    def _apply_record(
        self, record: RemoteRecord, changes: Changes, report: SyncReport, ctx: PageContext
    ) -> bool:
        """Apply one pulled record (or hold it); return whether it reached the table."""
        db = self.db
        table, row_id = record.table, record.id
        theirs = self._theirs(record, ctx)
        if (table, row_id) in ctx.busy and not ctx.exists(table, row_id):
            # Deleted here, changed there: nothing to insert, only the decision to make.
            if ctx.version(table, row_id) != record.version:
                report.pulled += 1
                ctx.known[(table, row_id)] = record.version
                self._flush(ctx, changes)
                self._merge_pulled(table, row_id, record.version, theirs, changes, report)
            return False
        if self._under_a_delete_here(table, theirs, ctx):
            # New on the CRM under a record deleted here (another rep's note on an account
            # this rep deleted): pushing that delete would take it along unseen, so it waits
            # for the rep's decision, like a member of the subtree changed there.
            report.pulled += 1
            ctx.known[(table, row_id)] = record.version
            ctx.busy.add((table, row_id))
            self._flush(ctx, changes)
            # No base: it was never here (the dialog says "added to a record you deleted").
            outbox.add_conflict(db, table, row_id, None, "deleted_locally", None, None, theirs)
            outbox.put_base(db, table, row_id, record.version, theirs)
            report.conflicts += 1
            changes.outbox = True
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

    def _retry_held(self, report: SyncReport) -> None:
        """Ask the CRM again for the records held back; apply those that are valid now."""
        for table in E.TABLES:
            ids: list[str] = self._write(partial(quarantine.held_ids, self.db, table))
            if ids:
                self._check_cancel(report)
                self._fetch_and_apply(table, ids, report)

    def _fetch_and_apply(self, table: str, ids: list[str], report: SyncReport) -> None:
        """Fetch ``ids`` of ``table`` and apply them as a page (the saved position stays)."""
        for start in range(0, len(ids), 500):
            found = self._call_or_stop(self.connector.fetch, table, ids[start : start + 500])
            if not isinstance(found, list):
                found = []
            records: list[RemoteRecord] = []
            refused: list[Refused] = []
            for record in found:
                screened = screen_record(record)
                if isinstance(screened, Refused):
                    refused.append(screened)
                elif screened.table == table:
                    records.append(screened)
            page = PullPage(records, [], "", False)
            self._write(partial(self._apply_page, page, report, refused, False))

    def _reconcile_due(self) -> bool:
        if not self.connector.has_deletion_log:
            return True
        last = self._write(lambda: self._state("reconciled_at"))
        try:
            return last is None or self.clock() - float(last) >= RECONCILE_EVERY
        except ValueError:
            return True

    def _reconcile(self, report: SyncReport) -> None:
        """Compare the ids the CRM lists with ours: a record a pull page missed (older than the
        cursor's overlap) is fetched; without a deletion log, rows the CRM no longer lists were
        deleted there."""
        started = self.clock()
        # Read once: a connector may set the flag back while it lists (Salesforce does after
        # the accounts), and every table of this round still needs the comparison.
        no_deletion_log = not self.connector.has_deletion_log
        for table in E.TABLES:  # parents first: a missed child finds its missed parent
            self._check_cancel(report)
            server_ids = screen_ids(self._call_or_stop(self.connector.list_ids, table))
            known: set[str] = self._write(partial(self._known_ids, table))
            missed = sorted(server_ids - known)
            if missed:
                self._fetch_and_apply(table, missed, report)
            if no_deletion_log:
                self._reconcile_deletions(table, server_ids, report)
            self._progress(SyncProgress("reconcile", E.TABLES.index(table), len(E.TABLES)))
        self._set_state(reconciled_at=str(started))

    def _known_ids(self, table: str) -> set[str]:
        """Ids of ``table`` we hold, have been told about, hold back or are deleting."""
        db = self.db
        known = set(outbox.synced_ids(db, table))
        known.update(outbox.orphan_ids(db, table))
        known.update(quarantine.held_ids(db, table))
        known.update(i for t, i in outbox.busy_rows(db) if t == table)
        return known

    def _reconcile_deletions(self, table: str, server_ids: set[str], report: SyncReport) -> None:
        def apply() -> None:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                db = self.db
                for row_id in outbox.synced_ids(db, table):
                    if row_id not in server_ids:
                        self._apply_deletion(table, row_id, changes, report)
                for row_id in outbox.orphan_ids(db, table):
                    if row_id not in server_ids:
                        outbox.drop_orphan(db, table, row_id)
                for row_id in quarantine.held_ids(db, table):
                    if row_id not in server_ids:
                        quarantine.release(db, table, row_id)

        self._write(apply)


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
