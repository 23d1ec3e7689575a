"""SQL for undo: the outbox operations a delete appended, and rows put back without the outbox."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from .clock import now_iso


def mark(db: sqlite3.Connection) -> int:
    """The outbox's newest sequence number (operations appended later have a higher one)."""
    return int(db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])


def ops_since(db: sqlite3.Connection, seq: int) -> list[tuple[str, str, str, str, dict, dict]]:
    """(op_id, table, row_id, op, new values, base values) appended after ``seq``, in order."""
    return [
        (r[0], r[1], r[2], r[3], json.loads(r[4]), json.loads(r[5]))
        for r in db.execute(
            "SELECT op_id, table_name, row_id, op, changes, base FROM outbox WHERE seq > ?"
            " ORDER BY seq",
            (seq,),
        )
    ]


def ops_waiting(db: sqlite3.Connection, op_ids: Iterable[str]) -> set[str]:
    """Which of ``op_ids`` are still in the outbox (not yet applied by the CRM)."""
    wanted = list(op_ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(
            r[0] for r in db.execute(f"SELECT op_id FROM outbox WHERE op_id IN ({marks})", chunk)
        )
    return found


def drop_ops(db: sqlite3.Connection, op_ids: Iterable[str]) -> None:
    db.executemany("DELETE FROM outbox WHERE op_id = ?", [(o,) for o in op_ids])


def close_delete_conflicts(db: sqlite3.Connection, rows: list[tuple[str, str]]) -> None:
    """A local delete the CRM questioned ('deleted_locally') is moot once the delete is undone."""
    db.executemany(
        "UPDATE conflicts SET resolved_at = ?, resolution = 'undone' WHERE resolved_at IS NULL"
        " AND kind = 'deleted_locally' AND table_name = ? AND row_id = ?",
        [(now_iso(), t, i) for t, i in rows],
    )


def ids_referring(db: sqlite3.Connection, table: str, column: str, target: str) -> list[str]:
    return [r[0] for r in db.execute(f"SELECT id FROM {table} WHERE {column} = ?", (target,))]


def whole_row(db: sqlite3.Connection, table: str, row_id: str) -> dict[str, Any]:
    """Every column of a row, its rowid (``seq``, the full-text index's key) too."""
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    if found is None:
        raise LookupError(f"{table} {row_id} is not here")
    return dict(zip(names, found))


def insert_row(db: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    """Put a whole row back as it was (id, rowid and stamps too), without an outbox operation."""
    if (
        "seq" in row
        and db.execute(f"SELECT 1 FROM {table} WHERE seq = ?", (row["seq"],)).fetchone()
    ):
        row = {k: v for k, v in row.items() if k != "seq"}  # its rowid went to a newer row
    columns = ", ".join(row)
    marks = ", ".join("?" * len(row))
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def update_row(db: sqlite3.Connection, table: str, row_id: str, values: dict[str, Any]) -> None:
    """Put fields back without an outbox operation (their clearing never left this machine)."""
    sets = ", ".join(f"{name} = ?" for name in values)
    db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])
