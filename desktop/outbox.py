"""Sync bookkeeping: every read and write of the outbox, the base snapshots, the orphans,
the conflicts and ``sync_state``, in one place.

The store appends operations here when the rep edits; the sync engine finishes, parks and backs
them off, keeps the base snapshot of what the server last said (``sync_records``), holds
records whose parent has not arrived (``sync_orphans``), records conflicts and its own state.
Nothing here opens a transaction: callers run inside ``Store.transaction`` and pass its
connection, so an operation and the row change it describes commit together.

The read models for the outbox and conflict views (``OutboxItem``, ``Conflict``) live here too,
so the screens, the brief and the command line ask one module what is waiting.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import entities as E
from .clock import now_iso
from .ids import new_id, new_ids

CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit

_encode = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode


def dumps(value: Any) -> str:
    """The JSON text of a snapshot or conflict value (sorted keys: equal values, equal text)."""
    return json.dumps(value, sort_keys=True)


def _loads(text: str | None) -> Any:
    return json.loads(text) if text is not None else None


def iso_at(t: float) -> str:
    """An epoch time as the ISO text ``outbox.next_attempt_at`` holds (UTC, no zone)."""
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def epoch(text: str | None) -> float | None:
    """The epoch time of an ISO text written by ``iso_at`` (None stays None)."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).timestamp()


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


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


def make_due(db: sqlite3.Connection, op_ids: list[str]) -> None:
    """Un-park these and clear their backoff: they go at the next sync."""
    for op_id in op_ids:
        db.execute(
            "UPDATE outbox SET state = 'pending', next_attempt_at = NULL WHERE op_id = ?",
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


# == base snapshots (what the server last said) ===================================================

_PUT_BASE = (
    "INSERT INTO sync_records (table_name, row_id, version, base, synced_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET version = excluded.version,"
    " base = excluded.base, synced_at = excluded.synced_at"
)


def base(db: sqlite3.Connection, table: str, row_id: str) -> tuple[str | None, dict] | None:
    """(server version, values) of a synced record, or None when it never was."""
    row = db.execute(
        "SELECT version, base FROM sync_records WHERE table_name = ? AND row_id = ?",
        (table, row_id),
    ).fetchone()
    return (row[0], json.loads(row[1])) if row else None


def put_base(db: sqlite3.Connection, table: str, row_id: str, version, values: dict) -> None:
    db.execute(_PUT_BASE, (table, row_id, version, dumps(values), now_iso()))


def put_bases(db: sqlite3.Connection, bases: Iterable[tuple[str, str, str | None, str]]) -> None:
    """Many snapshots at once: (table, id, version, values as JSON text)."""
    stamp = now_iso()
    db.executemany(_PUT_BASE, ((t, i, v, b, stamp) for t, i, v, b in bases))


def drop_base(db: sqlite3.Connection, table: str, row_id: str) -> None:
    db.execute("DELETE FROM sync_records WHERE table_name = ? AND row_id = ?", (table, row_id))


def is_synced(db: sqlite3.Connection, table: str, row_id: str) -> bool:
    found = db.execute(
        "SELECT 1 FROM sync_records WHERE table_name = ? AND row_id = ?", (table, row_id)
    ).fetchone()
    return found is not None


def synced_ids(db: sqlite3.Connection, table: str) -> list[str]:
    """Every id of ``table`` the server has told us about."""
    return [
        r[0] for r in db.execute("SELECT row_id FROM sync_records WHERE table_name = ?", (table,))
    ]


def versions(db: sqlite3.Connection, table: str, ids: list[str]) -> dict[str, str | None]:
    """id -> known server version, for those of ``ids`` that were synced."""
    out: dict[str, str | None] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for i, v in db.execute(
            f"SELECT row_id, version FROM sync_records WHERE table_name = ?"
            f" AND row_id IN ({marks})",
            [table, *chunk],
        ):
            out[i] = v
    return out


def version(db: sqlite3.Connection, table: str, row_id: str) -> str | None:
    row = db.execute(
        "SELECT version FROM sync_records WHERE table_name = ? AND row_id = ?", (table, row_id)
    ).fetchone()
    return row[0] if row else None


# == orphans (pulled records waiting for their parent) ============================================


def hold_orphan(db: sqlite3.Connection, table: str, row_id: str, version, values: dict) -> None:
    db.execute(
        "INSERT INTO sync_orphans (table_name, row_id, version, record) VALUES (?,?,?,?)"
        " ON CONFLICT DO UPDATE SET version = excluded.version, record = excluded.record",
        (table, row_id, version, dumps(values)),
    )


def drop_orphan(db: sqlite3.Connection, table: str, row_id: str) -> None:
    db.execute("DELETE FROM sync_orphans WHERE table_name = ? AND row_id = ?", (table, row_id))


def orphans(db: sqlite3.Connection) -> list[tuple[str, str, str | None, dict]]:
    """Every held record: (table, id, version, values)."""
    return [
        (t, i, v, json.loads(text))
        for t, i, v, text in db.execute(
            "SELECT table_name, row_id, version, record FROM sync_orphans"
        ).fetchall()
    ]


def orphan_ids(db: sqlite3.Connection, table: str) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT row_id FROM sync_orphans WHERE table_name = ?", (table,)
        ).fetchall()
    ]


def has_orphans(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sync_orphans LIMIT 1").fetchone() is not None


# == conflicts ====================================================================================


def add_conflict(
    db: sqlite3.Connection, table: str, row_id: str, name, kind: str, base, mine, theirs
) -> None:
    """Record an open conflict (``name`` is the field, None for record kinds)."""
    db.execute(
        "INSERT INTO conflicts (table_name, row_id, field, kind, base, mine, theirs,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (table, row_id, name, kind, dumps(base), dumps(mine), dumps(theirs), now_iso()),
    )


def open_kinds(db: sqlite3.Connection, table: str, row_id: str) -> set[str]:
    """The kinds of the open conflicts of one record."""
    return {
        r[0]
        for r in db.execute(
            "SELECT kind FROM conflicts WHERE table_name = ? AND row_id = ?"
            " AND resolved_at IS NULL",
            (table, row_id),
        )
    }


def field_conflicts(db: sqlite3.Connection, table: str, row_id: str) -> list[tuple[str, int, Any]]:
    """(field, conflict id, my value) of the open field conflicts of one record."""
    return [
        (r[0], r[1], json.loads(r[2]))
        for r in db.execute(
            "SELECT field, seq, mine FROM conflicts WHERE table_name = ? AND row_id = ?"
            " AND kind = 'field' AND resolved_at IS NULL",
            (table, row_id),
        )
    ]


def set_theirs(db: sqlite3.Connection, conflict_id: int, theirs) -> None:
    db.execute("UPDATE conflicts SET theirs = ? WHERE seq = ?", (dumps(theirs), conflict_id))


def set_theirs_of_kind(db: sqlite3.Connection, table: str, row_id: str, kind: str, theirs) -> None:
    db.execute(
        "UPDATE conflicts SET theirs = ? WHERE table_name = ? AND row_id = ? AND kind = ?"
        " AND resolved_at IS NULL",
        (dumps(theirs), table, row_id, kind),
    )


def close_conflict(db: sqlite3.Connection, conflict_id: int, resolution: str) -> None:
    db.execute(
        "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE seq = ?",
        (now_iso(), resolution, conflict_id),
    )


def close_conflicts(
    db: sqlite3.Connection, table: str, row_id: str, kind: str | None, resolution: str
) -> None:
    """Close the open conflicts of one record (of one kind when given)."""
    sql = (
        "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE table_name = ?"
        " AND row_id = ? AND resolved_at IS NULL"
    )
    args: list[Any] = [now_iso(), resolution, table, row_id]
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    db.execute(sql, args)


@dataclass
class ConflictRow:
    """An open or closed conflict as stored (values decoded)."""

    id: int
    table: str
    row_id: str
    field: str | None
    kind: str
    base: Any
    mine: Any
    theirs: Any
    resolved_at: str | None


def _conflict_row(r: sqlite3.Row) -> ConflictRow:
    return ConflictRow(
        r["seq"],
        r["table_name"],
        r["row_id"],
        r["field"],
        r["kind"],
        _loads(r["base"]),
        _loads(r["mine"]),
        _loads(r["theirs"]),
        r["resolved_at"],
    )


def conflict(db: sqlite3.Connection, conflict_id: int) -> ConflictRow | None:
    r = db.execute("SELECT * FROM conflicts WHERE seq = ?", (conflict_id,)).fetchone()
    return _conflict_row(r) if r else None


def open_conflicts(db: sqlite3.Connection) -> list[ConflictRow]:
    """Open conflicts, oldest first."""
    return [
        _conflict_row(r)
        for r in db.execute("SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY seq")
    ]


def open_record_conflict_rows(db: sqlite3.Connection, kind: str | None = None) -> set:
    """(table, id) of records with an open record-kind conflict (of ``kind`` when given)."""
    if kind is None:
        rows = db.execute(
            "SELECT table_name, row_id FROM conflicts WHERE resolved_at IS NULL AND kind != 'field'"
        )
    else:
        rows = db.execute(
            "SELECT table_name, row_id FROM conflicts WHERE resolved_at IS NULL AND kind = ?",
            (kind,),
        )
    return {(r[0], r[1]) for r in rows.fetchall()}


def open_conflict_count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0]


# == sync_state ===================================================================================


def state(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def put_state(db: sqlite3.Connection, key: str, value: str | None) -> None:
    """Set one key (None removes it)."""
    if value is None:
        db.execute("DELETE FROM sync_state WHERE key = ?", (key,))
    else:
        db.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def all_state(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM sync_state").fetchall())


def last_sync_text(db: sqlite3.Connection) -> str | None:
    """When a sync last finished (ISO text), or None; an older schema without state is None."""
    try:
        row = db.execute(
            "SELECT value FROM sync_state WHERE key IN ('last_sync_at', 'last_success_at')"
            " ORDER BY value DESC LIMIT 1"
        ).fetchone()
    except sqlite3.OperationalError:  # an older schema without sync_state: no sync has run
        return None
    return str(row[0]) if row and row[0] else None
