"""Conflicts: what both sides changed differently, kept until the rep decides."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..clock import now_iso
from ._text import _loads, dumps

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
