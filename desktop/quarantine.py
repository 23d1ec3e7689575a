"""Records the CRM sent that failed validation, held aside (``sync_quarantine``, schema v5).

A held record never reaches the book and is never dropped: the engine asks the CRM for it
again at every sync and applies it once it is valid (or lets it go once the CRM no longer has
it). The outbox and the status bar show how many are held back and why. Like ``outbox``, it
opens no transaction: callers run inside ``Store.transaction``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .clock import now_iso


@dataclass(frozen=True)
class Held:
    table: str
    row_id: str
    version: str | None
    reason: str
    first_seen: str
    last_seen: str


def _safe_json(values: Any) -> str:
    """What came, as JSON text the store can hold (what cannot be shown is replaced)."""
    text = json.dumps(values, default=repr, sort_keys=True, ensure_ascii=True)
    return text[:100_000]


def hold(
    db: sqlite3.Connection,
    table: str,
    row_id: str,
    version: str | None,
    reason: str,
    values: Any,
) -> None:
    """Hold (or keep holding) one record with the reason it was refused."""
    now = now_iso()
    db.execute(
        "INSERT INTO sync_quarantine"
        " (table_name, row_id, version, reason, record, first_seen, last_seen)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(table_name, row_id) DO UPDATE SET version = excluded.version,"
        " reason = excluded.reason, record = excluded.record, last_seen = excluded.last_seen",
        (table, row_id, version, reason[:2000], _safe_json(values), now, now),
    )


def release(db: sqlite3.Connection, table: str, row_id: str) -> None:
    """A record that came valid (or went from the CRM) is no longer held."""
    db.execute("DELETE FROM sync_quarantine WHERE table_name = ? AND row_id = ?", (table, row_id))


def held(db: sqlite3.Connection) -> list[Held]:
    rows = db.execute(
        "SELECT table_name, row_id, version, reason, first_seen, last_seen"
        " FROM sync_quarantine ORDER BY first_seen, table_name, row_id"
    ).fetchall()
    return [Held(*r) for r in rows]


def held_ids(db: sqlite3.Connection, table: str) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT row_id FROM sync_quarantine WHERE table_name = ? AND row_id != ''", (table,)
        )
    ]


def count(db: sqlite3.Connection) -> int:
    try:
        return int(db.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0])
    except sqlite3.OperationalError:  # a store from before v5 (read-only tools)
        return 0


__all__ = ["Held", "count", "held", "held_ids", "hold", "release"]
