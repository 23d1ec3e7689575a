"""Deletes of a whole subtree go only once the whole subtree is known to be safe.

Deleting an account here deletes its contacts, opportunities, notes... (one delete operation
each). Pushed one table at a time, children first, the children would reach the CRM before the
account's own conflict could show, and "keep" would bring the account back without them. So
before any delete is pushed, every deleted subtree (a delete and the deletes of what belongs to
it, by cascade) is read from the CRM as it is now: a member someone changed there since the rep
last saw it becomes a ``deleted_locally`` conflict at once, and no delete of its subtree goes
until the rep decides ("keep" brings it back with everything of it; "delete" lets them all go).
"""

from __future__ import annotations

from functools import partial

from desktop import entities as E
from desktop import outbox
from desktop.store import ORIGIN_SYNC

from .core import EngineCore
from .merge import changed_elsewhere
from .report import SyncReport
from .screening import Refused, screen_record

Key = tuple[str, str]


class SubtreePart(EngineCore):
    """The safety check of deleted subtrees, and which deletes wait for a decision."""

    _checked_subtrees: set[frozenset[tuple[Key, str | None]]]

    def _delete_forest(self) -> tuple[dict[Key, dict], dict[Key, Key], set[Key]]:
        """Pending deletes and undecided ``deleted_locally`` records: their base values, the
        parent each belongs to by cascade (when that parent is in the forest too), and the
        undecided ones."""
        db = self.db
        bases: dict[Key, dict] = {}
        for op in outbox.operations(db):
            if op.op == "delete" and op.state == "pending":
                base_row = self._base(op.table, op.row_id)
                bases[(op.table, op.row_id)] = base_row[1] if base_row else dict(op.base)
        undecided = outbox.open_record_conflict_rows(db, "deleted_locally")
        for key in undecided:
            base_row = self._base(*key)
            bases.setdefault(key, base_row[1] if base_row else {})
        parent: dict[Key, Key] = {}
        for (table, row_id), base in bases.items():
            for ref in E.entity(table).refs():
                target = base.get(ref.name)
                if ref.on_delete == "cascade" and target and (ref.target, target) in bases:
                    parent[(table, row_id)] = (ref.target, target)
                    break
        return bases, parent, undecided

    @staticmethod
    def _root(key: Key, parent: dict[Key, Key]) -> Key:
        seen = {key}
        while key in parent and parent[key] not in seen:
            key = parent[key]
            seen.add(key)
        return key

    def _groups(self) -> tuple[dict[Key, list[Key]], dict[Key, dict], set[Key]]:
        bases, parent, undecided = self._delete_forest()
        groups: dict[Key, list[Key]] = {}
        for key in bases:
            groups.setdefault(self._root(key, parent), []).append(key)
        return groups, bases, undecided

    def _waiting_deletes(self) -> set[Key]:
        """Rows whose delete waits: every member of a deleted subtree holding an undecided
        record (deleting any of them on the CRM could take along what the rep may keep)."""
        groups, _, undecided = self._groups()
        held: set[Key] = set()
        for members in groups.values():
            if undecided.intersection(members):
                held.update(k for k in members if k not in undecided)
        return held

    def _check_subtrees(self, report: SyncReport) -> None:
        """Read every deleted subtree of more than one record from the CRM; a member changed
        there since becomes a ``deleted_locally`` conflict before anything of it is deleted."""
        if not hasattr(self, "_checked_subtrees"):
            self._checked_subtrees = set()
        groups, bases, undecided = self._write(self._groups)
        for members in groups.values():
            if len(members) < 2 or undecided.intersection(members):
                continue
            versions: dict[Key, str | None] = self._write(partial(self._versions_of, members))
            mark = frozenset(versions.items())
            if mark in self._checked_subtrees:
                continue
            self._check_cancel(report)
            by_table: dict[str, list[str]] = {}
            for table, row_id in members:
                by_table.setdefault(table, []).append(row_id)
            changed: list[tuple[Key, str, dict]] = []
            for table, ids in by_table.items():
                for record in self._call_or_stop(self.connector.fetch, table, ids):
                    screened = screen_record(record)
                    if isinstance(screened, Refused) or (screened.table, screened.id) not in bases:
                        continue
                    key = (screened.table, screened.id)
                    if versions.get(key) is None or screened.version == versions.get(key):
                        # Never seen on the CRM (our own create, answer lost) or unchanged.
                        continue
                    fields = E.entity(table).field_names
                    ops: list[outbox.Operation] = self._write(partial(self._ops, *key))
                    theirs = {n: screened.values.get(n) for n in fields}
                    if changed_elsewhere(fields, bases[key], theirs, outbox.echoes(ops)):
                        changed.append((key, screened.version, theirs))
            if changed:
                self._write(partial(self._hold_subtree, changed, bases, report))
            else:
                self._checked_subtrees.add(mark)

    def _versions_of(self, members: list[Key]) -> dict[Key, str | None]:
        out: dict[Key, str | None] = {}
        for key in members:
            base_row = self._base(*key)
            out[key] = base_row[0] if base_row else None
        return out

    def _hold_subtree(
        self, changed: list[tuple[Key, str, dict]], bases: dict[Key, dict], report: SyncReport
    ) -> None:
        db = self.db
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            for (table, row_id), version, theirs in changed:
                self._finish([o.op_id for o in self._ops(table, row_id) if o.op == "delete"])
                base = bases[(table, row_id)]
                outbox.add_conflict(db, table, row_id, None, "deleted_locally", base, None, theirs)
                outbox.put_base(db, table, row_id, version, theirs)
                report.conflicts += 1
                changes.add(table, row_id)
            changes.outbox = changes.sync_state = True


__all__ = ["SubtreePart"]
