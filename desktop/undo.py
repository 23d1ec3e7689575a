"""Undo: what one action of the rep did, kept so it can be taken back as one.

An ``UndoStep`` groups the parts of one action (an edit; a delete with everything that went
with it; later a drag on the pipeline board or an import) and takes them back together, in one
store transaction, newest part first. The ``UndoStack`` of an open profile lives in its
operation context (``ui.operations.OpContext.undo``), never in a module global, so closing a
profile forgets its history.

Steps are applied on the store's writer thread (``step.apply(store)``); pushing and popping
happen on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from . import entities as E
from . import outbox, replica
from .store import Store
from .undo_rows import insert_row, whole_row

MAX_STEPS = 50


class UndoPart(Protocol):
    """One reversible piece of an action."""

    def apply(self, store: Store) -> None:
        """Take this piece back (inside the step's transaction)."""


@dataclass
class FieldEdit:
    """An update of some fields: undone by writing back the values it replaced."""

    table: str
    row_id: str
    base: dict[str, Any]

    def apply(self, store: Store) -> None:
        if store.get(self.table, self.row_id) is not None:  # deleted since: nothing to put back
            store.update(self.table, self.row_id, self.base)


@dataclass
class UndoStep:
    """One action: its kind ('edit', 'delete', ...), the table it was about, its parts."""

    action: str
    table: str
    parts: list[UndoPart] = field(default_factory=list)

    def apply(self, store: Store) -> None:
        with store.transaction():
            for part in reversed(self.parts):
                part.apply(store)


class UndoStack:
    """The actions of one open profile that can still be taken back, newest last."""

    def __init__(self, limit: int = MAX_STEPS):
        self._steps: list[UndoStep] = []
        self._limit = limit

    def push(self, step: UndoStep) -> None:
        self._steps.append(step)
        del self._steps[: -self._limit]

    def pop(self) -> UndoStep | None:
        return self._steps.pop() if self._steps else None

    def peek(self) -> UndoStep | None:
        return self._steps[-1] if self._steps else None

    def clear(self) -> None:
        self._steps.clear()

    def __len__(self) -> int:
        return len(self._steps)

    def __bool__(self) -> bool:
        return bool(self._steps)


# -- deletes -----------------------------------------------------------------------------------

# One outbox operation the delete appended: (op_id, table, row_id, op, new values, base values).
AppendedOp = tuple[str, str, str, str, dict[str, Any], dict[str, Any]]


@dataclass
class DeletedTree:
    """A delete and everything that went with it, as it was just before.

    Undoing it brings every row back with its client UUID. A row whose delete has not reached
    the CRM yet comes back as it was and the operations the delete appended are dropped, so the
    outbox ends as if nothing had happened. A row whose delete the CRM has applied comes back
    as a ``create`` with the same UUID, so the CRM gets the same record again. References the
    delete cleared on records that stayed (a child account's parent) are put back the same way.
    """

    table: str
    row_id: str
    rows: list[tuple[str, dict[str, Any]]]  # whole rows (id and stamps too), parents first
    ops: list[AppendedOp]
    # updated_at of the rows that stayed but had a reference cleared by the delete
    stamps: dict[tuple[str, str], str] = field(default_factory=dict)

    def apply(self, store: Store) -> None:
        with store.transaction() as changes:
            db = store.db
            # Rows refer to each other (a contact's manager, a note's contact): check at commit.
            db.execute("PRAGMA defer_foreign_keys = ON")
            waiting = outbox.waiting(db, [op[0] for op in self.ops])
            delete_waiting = {
                (t, i) for o, t, i, op, _n, _b in self.ops if op == "delete" and o in waiting
            }
            pushed_clears: dict[tuple[str, str], set[str]] = {}
            for op_id, t, i, op, new, _base in self.ops:
                if op == "update" and op_id not in waiting:
                    pushed_clears.setdefault((t, i), set()).update(new)
            coming = {(t, row["id"]) for t, row in self.rows}
            put_back_later: list[tuple[str, str, dict[str, Any]]] = []
            for table, row in self.rows:
                row_id = row["id"]
                if store.get(table, row_id) is not None:
                    continue  # back already (the rep discarded the delete in the outbox)
                values = _without_missing_refs(store, table, row, coming)
                if (table, row_id) in delete_waiting:
                    # The CRM never heard of the delete: the row comes back as it was, except
                    # for a reference whose clearing reached the CRM, which is edited back.
                    later = {
                        n: values[n]
                        for n in pushed_clears.get((table, row_id), ())
                        if values.get(n) is not None
                    }
                    insert_row(db, table, {**values, **dict.fromkeys(later)})
                    put_back_later.append((table, row_id, later))
                else:
                    fields = {n: values.get(n) for n in E.entity(table).field_names}
                    store.create(table, fields, row_id=row_id)
                changes.add(table, row_id)
            for table, row_id, later in put_back_later:
                if later:
                    store.update(table, row_id, later)
            for op_id, table, row_id, op, new, base in self.ops:
                if op != "update" or (table, row_id) in coming:
                    continue
                current = store.get(table, row_id)
                if current is None:
                    continue
                restore = {
                    n: base.get(n)
                    for n in new
                    if current.get(n) is None and _ref_exists(store, table, n, base.get(n))
                }
                if not restore:
                    continue  # changed since: the rep's later edit wins
                if op_id in waiting:  # the clearing never left this machine
                    replica.write_row(db, table, row_id, restore, exists=True)
                    if (table, row_id) in self.stamps:  # as if it had never happened
                        replica.restore_stamp(db, table, row_id, self.stamps[(table, row_id)])
                else:
                    store.update(table, row_id, restore)
                changes.add(table, row_id)
            outbox.finish(db, sorted(waiting))
            for table, row_id in sorted(coming):  # a delete the CRM questioned is moot now
                outbox.close_conflicts(db, table, row_id, "deleted_locally", "undone")
            changes.outbox = changes.sync_state = True


def delete_undoable(store: Store, table: str, row_id: str) -> UndoStep:
    """Delete a record with what belongs to it (``store.delete``) and return its undo step."""
    with store.transaction():
        tree = _subtree(store, table, row_id)
        rows = [(t, whole_row(store.db, t, i)) for t, i in tree]
        stamps = replica.referrer_stamps(store.db, tree)
        mark = outbox.last_seq(store.db)
        store.delete(table, row_id)
        appended: list[AppendedOp] = [
            (o.op_id, o.table, o.row_id, o.op, o.changes, o.base)
            for o in outbox.appended_since(store.db, mark)
        ]
    return UndoStep("delete", table, [DeletedTree(table, row_id, rows, appended, stamps)])


def _subtree(store: Store, table: str, row_id: str) -> list[tuple[str, str]]:
    """The record and what a delete takes with it, parents before children (by table order,
    so a note's contact comes back before the note)."""
    found = replica.subtree(store.db, table, row_id)
    order = {t: n for n, t in enumerate(E.TABLES)}
    position = {ti: n for n, ti in enumerate(found)}
    return sorted(found, key=lambda ti: (order[ti[0]], position[ti]))


def _without_missing_refs(
    store: Store, table: str, row: dict[str, Any], coming: set[tuple[str, str]]
) -> dict[str, Any]:
    """The row with references to records gone meanwhile (and not coming back) cleared."""
    values = dict(row)
    for ref in E.entity(table).refs():
        target, referred = values.get(ref.name), ref.ref or ""
        if target and (referred, target) not in coming and store.get(referred, target) is None:
            values[ref.name] = None
    return values


def _ref_exists(store: Store, table: str, name: str, target: Any) -> bool:
    ref = E.entity(table).field(name).ref
    return bool(target) and ref is not None and store.get(ref, target) is not None
