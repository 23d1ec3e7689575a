"""Rows put back exactly as they were (rowid and stamps too), for undo; no outbox operation.

The outbox side of undo (what a delete appended, what is still waiting) is in ``desktop.outbox``.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def whole_row(db: sqlite3.Connection, table: str, row_id: str) -> dict[str, Any]:
    """Every column of a row, its rowid (``seq``, the full-text index's key) too."""
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    if found is None:
        raise LookupError(f"{table} {row_id} is not here")
    return dict(zip(names, found, strict=True))


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
