"""``sync_state``: the engine's cursor, backoff, online flag and last success."""

from __future__ import annotations

import sqlite3

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
