"""The rep's decisions: retry or discard an outbox item, resolve a conflict.

- A local delete of a record someone edited on the server since the rep last saw it is a
  ``deleted_locally`` conflict: "mine" deletes it on the server too, "theirs" brings it back.
- A remote delete of a record with pending local changes is a ``deleted_remotely`` conflict:
  "mine" recreates it on the server with the same UUID, "theirs" deletes it here.
- A discarded create is removed with what belongs to it; a discarded delete brings the row back.
"""

from __future__ import annotations

from typing import Any

from desktop import entities as E
from desktop import outbox, replica
from desktop.store import ORIGIN_SYNC, Changes
from desktop.validation import validate

from .core import EngineCore
from .merge import keep_both, same

CHOICES = ("mine", "theirs", "edit", "both")


class DecisionsPart(EngineCore):
    """Retry, discard, resolve."""

    def retry(self, op_ids: list[str]) -> None:
        """Try these operations at the next sync: clear their backoff, un-park them."""

        def apply() -> None:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                outbox.make_due(self.db, op_ids)
                outbox.put_state(self.db, "next_retry_at", None)
                changes.outbox = True

        self._write(apply)

    def discard(self, op_ids: list[str]) -> None:
        """Drop operations and put their rows back as the server has them.

        A create that never reached the server is removed here with what belongs to it; a
        discarded delete brings the row back from its base (and the deletes of what went with it).
        """

        def apply() -> None:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                changes.outbox = True
                wanted = list(op_ids)
                seen: set[str] = set()
                while wanted:
                    op_id = wanted.pop(0)
                    if op_id in seen:
                        continue
                    seen.add(op_id)
                    op = outbox.operation(self.db, op_id)
                    if op is None:
                        continue
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

    def _discard_tree(self, table: str, row_id: str, changes: Changes) -> None:
        db = self.db
        for t, i in self._subtree(table, row_id):
            self._finish([o.op_id for o in self._ops(t, i)])
            outbox.close_conflicts(db, t, i, None, "discarded")
            if (t, i) != (table, row_id):
                outbox.drop_base(db, t, i)
            changes.add(t, i)
        if self._base(table, row_id) is None:
            replica.delete_row(db, table, row_id)

    def _restore_fields(self, op: outbox.Operation, changes: Changes) -> None:
        row = self.store.get(op.table, op.row_id)
        if row is None:
            return
        still = {n for o in self._ops(op.table, op.row_id) for n in o.changes}
        base_row = self._base(op.table, op.row_id)
        source = base_row[1] if base_row else op.base
        restore = {n: source.get(n, op.base.get(n)) for n in op.changes if n not in still}
        if restore:
            self._write_row(op.table, op.row_id, restore, True, changes)

    def _bring_back(self, op: outbox.Operation, changes: Changes) -> list[str]:
        """Undo a pending delete and what led to it; a row the CRM never received (made here,
        then deleted with its parent) is sent again, or it would stay on this laptop alone."""
        ops = self._ops(op.table, op.row_id)
        never_sent = any(o.op == "create" for o in ops)
        self._finish([o.op_id for o in ops])
        followers = self._restore_deleted(op, changes)
        row = self.store.get(op.table, op.row_id) if never_sent else None
        if row is not None:
            fields = E.entity(op.table).field_names
            values = {n: row[n] for n in fields if row.get(n) is not None}
            self._append_op(op.table, op.row_id, "create", values, {})
        return followers

    def _restore_deleted(self, op: outbox.Operation, changes: Changes) -> list[str]:
        """Bring a locally deleted row back; return the delete ops of rows that went with it."""
        db = self.db
        if replica.exists(db, op.table, op.row_id):
            return []
        base_row = self._base(op.table, op.row_id)
        values = base_row[1] if base_row else op.base
        entity = E.entity(op.table)
        values = {n: values.get(n) for n in entity.field_names}
        for ref in entity.refs():
            target = values.get(ref.name)
            if target and not replica.exists(db, ref.target, target):
                if ref.required:
                    return []  # its parent is gone too: discard the parent's delete first
                values[ref.name] = None
        self._write_row(op.table, op.row_id, values, False, changes)
        followers = []
        for child, ref in E.referrers(op.table):
            if ref.on_delete != "cascade":
                continue
            for o in outbox.deletes_of(db, child.table):
                if o.base.get(ref.name) == op.row_id:
                    followers.append(o.op_id)
        return followers

    def resolve(self, conflict_id: int, choice: str, value: Any = None) -> None:
        """Settle a conflict: 'mine', 'theirs', 'edit' (with ``value``) or 'both' (long text)."""
        if choice not in CHOICES:
            raise ValueError(f"unknown choice {choice!r}")

        def apply() -> None:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                c = outbox.conflict(self.db, conflict_id)
                if c is None or c.resolved_at is not None:
                    return
                changes.add(c.table, c.row_id)
                changes.outbox = changes.sync_state = True
                if c.kind == "field":
                    self._resolve_field(
                        c.table, c.row_id, c.field, choice, value, c.mine, c.theirs, changes
                    )
                elif c.kind == "deleted_remotely":
                    self._resolve_deleted_remotely(c.table, c.row_id, choice, changes)
                else:
                    self._resolve_deleted_locally(c.table, c.row_id, choice, c.theirs, changes)
                outbox.close_conflict(self.db, conflict_id, choice)

        self._write(apply)

    def _resolve_field(
        self, table, row_id, name, choice: str, value, mine, theirs, changes: Changes
    ) -> None:
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

    def _resolve_deleted_remotely(
        self, table: str, row_id: str, choice: str, changes: Changes
    ) -> None:
        if choice == "mine":
            row = self.store.get(table, row_id)
            if row is None:
                return
            self._finish([o.op_id for o in self._ops(table, row_id)])
            outbox.drop_base(self.db, table, row_id)
            values = {n: row.get(n) for n in E.entity(table).field_names}
            self._append_op(table, row_id, "create", values, {})
            # What belongs to it may have been refused for want of it: let it try again.
            for t, i in self._subtree(table, row_id):
                outbox.make_row_due(self.db, t, i)
        elif choice == "theirs":
            outbox.drop_base(self.db, table, row_id)
            self._discard_tree(table, row_id, changes)
        else:
            raise ValueError("A deleted record can only be kept (mine) or let go (theirs).")

    def _resolve_deleted_locally(
        self, table: str, row_id: str, choice: str, theirs, changes: Changes
    ) -> None:
        if choice == "mine":
            base_row = self._base(table, row_id)
            self._append_op(table, row_id, "delete", {}, base_row[1] if base_row else {})
        elif choice == "theirs":
            self._keep_deleted_locally(table, row_id, theirs or {}, changes)
            self._keep_what_belongs(table, row_id, changes)
        else:
            raise ValueError("A record deleted here can be deleted there (mine) or kept (theirs).")

    def _keep_what_belongs(self, table: str, row_id: str, changes: Changes) -> None:
        """Keeping a record keeps what belongs to it: the deletes of its subtree, which waited
        for this decision (``sync/subtree.py``), are undone with it."""
        db = self.db
        wanted: list[str] = []
        for child, ref in E.referrers(table):
            if ref.on_delete == "cascade":
                wanted += [
                    o.op_id
                    for o in outbox.deletes_of(db, child.table)
                    if o.base.get(ref.name) == row_id
                ]
        seen: set[str] = set()
        while wanted:
            op_id = wanted.pop(0)
            if op_id in seen:
                continue
            seen.add(op_id)
            op = outbox.operation(db, op_id)
            if op is None or op.op != "delete":
                continue
            changes.add(op.table, op.row_id)
            wanted.extend(self._bring_back(op, changes))

    def _keep_deleted_locally(self, table: str, row_id: str, values: dict, changes) -> None:
        """Bring back a record deleted here that the server changed; with its parents."""
        db = self.db
        entity = E.entity(table)

        def gone(ref: E.Field) -> bool:
            return bool(values.get(ref.name)) and not replica.exists(
                db, ref.target, values[ref.name]
            )

        missing = any(gone(ref) for ref in entity.refs())
        if missing:
            # Keeping it means keeping what it belongs to: undo that delete too.
            for ref in entity.refs():
                target = values.get(ref.name)
                if ref.on_delete != "cascade" or not target:
                    continue
                for parent_op in outbox.deletes_of(db, ref.target, target):
                    self._bring_back(parent_op, changes)
            missing = any(gone(ref) for ref in entity.refs() if ref.on_delete == "cascade")
            for ref in entity.refs():  # a nullable reference to a record gone here is cleared
                if ref.on_delete != "cascade" and gone(ref):
                    values = {**values, ref.name: None}
        base_row = self._base(table, row_id)
        version = base_row[0] if base_row else None
        if missing:  # wait for its parent, like a pulled orphan
            outbox.hold_orphan(db, table, row_id, version, values)
            outbox.drop_base(db, table, row_id)
        elif not replica.exists(db, table, row_id):
            self._write_row(table, row_id, values, False, changes)
