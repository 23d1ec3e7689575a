"""Base snapshots (``sync_records``: what the server last said) and held orphans."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from ..clock import now_iso
from ._text import _chunks, dumps

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
