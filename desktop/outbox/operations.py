"""The outbox: operations appended by the rep's edits, finished by id once pushed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .. import entities as E
from ..clock import now_iso
from ..ids import new_id, new_ids
from ._text import _chunks, epoch, iso_at

_encode = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode


# == operations ===================================================================================


@dataclass
class Operation:
    """One outbox row: a create, update or delete of one record, waiting to be pushed."""

    seq: int
    op_id: str
    table: str
    row_id: str
    op: str  # create | update | delete
    changes: dict
    base: dict
    attempts: int
    next_attempt_at: float | None
    state: str  # pending | parked
    last_error: str | None = None
    created_at: str = ""


_INSERT = (
    "INSERT INTO outbox (op_id, table_name, row_id, op, changes, base, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def append(
    db: sqlite3.Connection,
    table: str,
    row_id: str,
    op: str,
    changes: dict[str, Any],
    base: dict[str, Any] | None,
    stamp: str | None = None,
    op_id: str | None = None,
) -> str:
    """Append one operation; return its id."""
    op_id = op_id or new_id()
    db.execute(
        _INSERT,
        (
            op_id,
            table,
            row_id,
            op,
            _encode(changes),
            _encode(base) if base else "{}",
            stamp or now_iso(),
        ),
    )
    return op_id


def append_many(
    db: sqlite3.Connection,
    table: str,
    op: str,
    items: list[tuple[str, dict, dict | None]],
    stamp: str,
) -> None:
    """Append one operation per (row id, changes, base), in one statement."""
    op_ids = new_ids(len(items))
    db.executemany(
        _INSERT,
        [
            (op_id, table, row_id, op, _encode(new), _encode(base) if base else "{}", stamp)
            for op_id, (row_id, new, base) in zip(op_ids, items, strict=True)
        ],
    )


def _operation(r: sqlite3.Row) -> Operation:
    return Operation(
        r["seq"],
        r["op_id"],
        r["table_name"],
        r["row_id"],
        r["op"],
        json.loads(r["changes"]),
        json.loads(r["base"]),
        r["attempts"],
        epoch(r["next_attempt_at"]),
        r["state"],
        r["last_error"],
        r["created_at"],
    )


def operations(db: sqlite3.Connection) -> list[Operation]:
    """Every operation, oldest first."""
    return [_operation(r) for r in db.execute("SELECT * FROM outbox ORDER BY seq")]


def operations_of(db: sqlite3.Connection, table: str, row_id: str) -> list[Operation]:
    """The operations of one record, oldest first."""
    return [
        _operation(r)
        for r in db.execute(
            "SELECT * FROM outbox WHERE table_name = ? AND row_id = ? ORDER BY seq",
            (table, row_id),
        )
    ]


def last_seq(db: sqlite3.Connection) -> int:
    """The newest operation's sequence number (0 when empty): a mark for ``appended_since``."""
    return int(db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])


def appended_since(db: sqlite3.Connection, seq: int) -> list[Operation]:
    """The operations appended after ``last_seq`` returned ``seq`` (what one action appended)."""
    return [
        _operation(r) for r in db.execute("SELECT * FROM outbox WHERE seq > ? ORDER BY seq", (seq,))
    ]


def waiting(db: sqlite3.Connection, op_ids: Iterable[str]) -> set[str]:
    """Those of ``op_ids`` still in the outbox (not applied by the CRM, not discarded)."""
    found: set[str] = set()
    for chunk in _chunks(list(op_ids)):
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0] for r in db.execute(f"SELECT op_id FROM outbox WHERE op_id IN ({marks})", chunk)
        )
    return found


def operation(db: sqlite3.Connection, op_id: str) -> Operation | None:
    r = db.execute("SELECT * FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
    return _operation(r) if r else None


def deletes_of(db: sqlite3.Connection, table: str, row_id: str | None = None) -> list[Operation]:
    """Pending deletes of ``table`` (of one row when ``row_id`` is given)."""
    if row_id is None:
        rows = db.execute(
            "SELECT * FROM outbox WHERE table_name = ? AND op = 'delete' ORDER BY seq", (table,)
        )
    else:
        rows = db.execute(
            "SELECT * FROM outbox WHERE table_name = ? AND row_id = ? AND op = 'delete'"
            " ORDER BY seq",
            (table, row_id),
        )
    return [_operation(r) for r in rows.fetchall()]


def echoes(ops: Iterable[Operation]) -> dict[str, list[Any]]:
    """Field -> every value our operations sent for it (to recognise our own push coming back)."""
    out: dict[str, list[Any]] = {}
    for o in ops:
        for name, value in o.changes.items():
            out.setdefault(name, []).append(value)
    return out


def finish(db: sqlite3.Connection, op_ids: list[str]) -> None:
    """Remove operations that are done (applied, moot or discarded), by id."""
    for chunk in _chunks(list(op_ids)):
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM outbox WHERE op_id IN ({marks})", chunk)


def park(db: sqlite3.Connection, op_ids: list[str], reason: str) -> None:
    """The CRM refused these: keep them with the reason until the rep decides."""
    for op_id in op_ids:
        db.execute(
            "UPDATE outbox SET state = 'parked', last_error = ?, attempts = attempts + 1"
            " WHERE op_id = ?",
            (reason, op_id),
        )


def note_error(db: sqlite3.Connection, op_ids: list[str], reason: str) -> None:
    """Say why these wait, without counting an attempt."""
    for op_id in op_ids:
        db.execute("UPDATE outbox SET last_error = ? WHERE op_id = ?", (reason, op_id))


def attempts_of(db: sqlite3.Connection, op_id: str) -> int | None:
    row = db.execute("SELECT attempts FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
    return row[0] if row else None


def back_off(db: sqlite3.Connection, op_id: str, attempts: int, at: float, reason: str) -> None:
    """Record a failed attempt: try again not before ``at`` (epoch seconds)."""
    db.execute(
        "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE op_id = ?",
        (attempts, iso_at(at), reason, op_id),
    )


def rewrite(db: sqlite3.Connection, o: Operation) -> None:
    """Store an update whose fields were narrowed; an update left with none is finished."""
    if o.changes:
        db.execute(
            "UPDATE outbox SET changes = ?, base = ? WHERE op_id = ?",
            (json.dumps(o.changes), json.dumps(o.base), o.op_id),
        )
    else:
        db.execute("DELETE FROM outbox WHERE op_id = ?", (o.op_id,))


def own_failure(db: sqlite3.Connection, op_id: str) -> int:
    """Count a failure of this operation itself (not of the whole call); return the count."""
    db.execute("UPDATE outbox SET own_failures = own_failures + 1 WHERE op_id = ?", (op_id,))
    row = db.execute("SELECT own_failures FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
    return int(row[0]) if row else 0


def make_due(db: sqlite3.Connection, op_ids: list[str]) -> None:
    """Un-park these and clear their backoff: they go at the next sync (the rep's Retry)."""
    for op_id in op_ids:
        db.execute(
            "UPDATE outbox SET state = 'pending', next_attempt_at = NULL, own_failures = 0"
            " WHERE op_id = ?",
            (op_id,),
        )


def make_row_due(db: sqlite3.Connection, table: str, row_id: str) -> None:
    """``make_due`` for every operation of one record."""
    db.execute(
        "UPDATE outbox SET state = 'pending', next_attempt_at = NULL"
        " WHERE table_name = ? AND row_id = ?",
        (table, row_id),
    )


def pending_count(db: sqlite3.Connection) -> int:
    """How many operations wait (pending or parked)."""
    return db.execute("SELECT count(*) FROM outbox").fetchone()[0]


def pending_row_count(db: sqlite3.Connection) -> int:
    """How many records have a pending (not parked) operation."""
    return db.execute(
        "SELECT count(DISTINCT table_name || row_id) FROM outbox WHERE state = 'pending'"
    ).fetchone()[0]


def pending_rows(db: sqlite3.Connection) -> set[tuple[str, str]]:
    """(table, id) of every record with an operation."""
    return {(r[0], r[1]) for r in db.execute("SELECT table_name, row_id FROM outbox")}


def busy_rows(db: sqlite3.Connection) -> set[tuple[str, str]]:
    """Records a pull must not overwrite: with an operation or an open conflict."""
    return pending_rows(db) | {
        (r[0], r[1])
        for r in db.execute("SELECT table_name, row_id FROM conflicts WHERE resolved_at IS NULL")
    }


def counts_by_state(db: sqlite3.Connection) -> dict[str, int]:
    return dict(db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())


def next_attempt(db: sqlite3.Connection) -> float | None:
    """The earliest backoff of a pending operation, if any."""
    text = db.execute(
        "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'"
        " AND next_attempt_at IS NOT NULL"
    ).fetchone()[0]
    return epoch(text)


def any_due(db: sqlite3.Connection, now: float) -> bool:
    """Whether a pending operation may go at ``now``."""
    for (at,) in db.execute("SELECT next_attempt_at FROM outbox WHERE state = 'pending'"):
        t = epoch(at)
        if t is None or t <= now:
            return True
    return False


def pending_of_account(db: sqlite3.Connection, account_id: str) -> int:
    """Operations on an account or on records of it (deleted ones included)."""
    child_tables = [e.table for e in E.ENTITIES if e.parent_table == "accounts"]
    child_clauses = " OR ".join(
        f"(o.table_name = '{t}' AND o.row_id IN (SELECT id FROM {t} WHERE account_id = :a))"
        for t in child_tables
    )
    sql = f"""
        SELECT count(*) FROM outbox o
        WHERE (o.table_name = 'accounts' AND o.row_id = :a)
           OR {child_clauses}
           OR (o.table_name != 'accounts' AND (json_extract(o.changes, '$.account_id') = :a
                                               OR json_extract(o.base, '$.account_id') = :a))"""
    return db.execute(sql, {"a": account_id}).fetchone()[0]
