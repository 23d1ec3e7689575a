"""Rows as the CRM has them: the writes the sync engine makes to the book's tables.

What arrives from the server is already valid there and must not create outbox operations, so
these write the tables directly (no validation, no outbox). Everything the engine needs to know
about a record's presence, its title or what a delete of it takes along is here too, so the
engine itself holds no SQL. Callers run inside ``Store.transaction``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from . import entities as E
from .clock import now_iso
from .outbox import CHUNK


def exists(db: sqlite3.Connection, table: str, row_id: str) -> bool:
    E.entity(table)
    return db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None


def present_ids(db: sqlite3.Connection, table: str, ids: list[str]) -> set[str]:
    """Those of ``ids`` that are rows of ``table``."""
    E.entity(table)
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(
            i for (i,) in db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)
        )
    return found


def write_row(
    db: sqlite3.Connection, table: str, row_id: str, values: dict[str, Any], exists: bool
) -> None:
    """Update the given fields of a row, or insert it with them."""
    E.entity(table)
    if exists:
        sets = ", ".join(f"{n} = ?" for n in values)
        db.execute(
            f"UPDATE {table} SET {sets}, updated_at = ? WHERE id = ?",
            [*values.values(), now_iso(), row_id],
        )
    else:
        stamp = now_iso()
        record = {"id": row_id, "created_at": stamp, "updated_at": stamp, **values}
        cols = ", ".join(record)
        marks = ", ".join("?" * len(record))
        db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(record.values()))


def update_rows(db: sqlite3.Connection, table: str, rows: list[tuple[str, dict]]) -> None:
    """Overwrite every field of existing rows with ``rows``' values (the last one of an id wins).

    A column whose stored value is the same is left out of the SET, and rows that change the
    same columns share one statement: SQLite rewrites every index over a column named in SET
    (and the full-text triggers fire on named columns), even for an equal value. An account
    has some twenty indexes, so a pulled change of its city rewrote ~20 pages per row where
    three change, each encrypted and HMAC'd at commit in an encrypted store.
    """
    fields = E.entity(table).field_names
    latest = dict(rows)  # a later full overwrite of the same id replaces an earlier one
    stored = _stored_values(db, table, fields, list(latest))
    stamp = now_iso()
    groups: dict[tuple[str, ...], list[list[Any]]] = {}
    for row_id, values in latest.items():
        old = stored.get(row_id)
        changed = tuple(
            f for n, f in enumerate(fields) if old is None or not _same(values.get(f), old[n])
        )
        groups.setdefault(changed, []).append([*(values.get(f) for f in changed), stamp, row_id])
    for changed, params in groups.items():
        sets = "".join(f"{f} = ?, " for f in changed)
        db.executemany(f"UPDATE {table} SET {sets}updated_at = ? WHERE id = ?", params)


def _stored_values(
    db: sqlite3.Connection, table: str, fields: Sequence[str], ids: list[str]
) -> dict[str, tuple]:
    columns = ", ".join(fields)
    found: dict[str, tuple] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT id, {columns} FROM {table} WHERE id IN ({marks})"
        for row in db.execute(query, chunk):
            found[row[0]] = tuple(row[1:])
    return found


def _same(new: Any, old: Any) -> bool:
    """Whether writing ``new`` over the stored ``old`` would store the same value (a value of
    another type, an int for a float, a bool for 1, counts as a change: it is written)."""
    return type(new) is type(old) and new == old


def insert_rows(db: sqlite3.Connection, table: str, rows: Iterable[tuple[str, dict]]) -> None:
    """Insert (id, values) pairs as already synced. Call inside a transaction.

    The rows go through a temporary table and one ``INSERT ... SELECT``: the full-text triggers
    still fire for every row, but FTS5 writes its index once per statement instead of once per
    row, several times faster for a big book or a sync page.
    """
    if not db.in_transaction:
        raise RuntimeError("insert_synced must run inside store.transaction()")
    fields = E.entity(table).field_names
    columns = ", ".join(("id", "created_at", "updated_at", *fields))
    marks = ", ".join("?" * (len(fields) + 3))
    staging = f"temp.fieldbook_staging_{table}"
    stamp = now_iso()
    db.execute(f"DROP TABLE IF EXISTS {staging}")
    db.execute(f"CREATE TABLE {staging} ({columns})")
    try:
        db.executemany(
            f"INSERT INTO {staging} VALUES ({marks})",
            ((row_id, stamp, stamp, *[v.get(f) for f in fields]) for row_id, v in rows),
        )
        db.execute(
            f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM {staging} ORDER BY rowid"
        )
    finally:
        db.execute(f"DROP TABLE IF EXISTS {staging}")


def delete_row(db: sqlite3.Connection, table: str, row_id: str) -> None:
    """Delete a row; what belongs to it goes by cascade."""
    E.entity(table)
    db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))


def subtree(db: sqlite3.Connection, table: str, row_id: str) -> list[tuple[str, str]]:
    """The row and every row a delete of it takes along (cascading references)."""
    out = [(table, row_id)]
    stack = [(table, row_id)]
    while stack:
        t, i = stack.pop()
        for child, ref in E.referrers(t):
            if ref.on_delete != "cascade":
                continue
            for (cid,) in db.execute(f"SELECT id FROM {child.table} WHERE {ref.name} = ?", (i,)):
                if (child.table, cid) not in out:
                    out.append((child.table, cid))
                    stack.append((child.table, cid))
    return out


def referrer_stamps(
    db: sqlite3.Connection, tree: list[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """``updated_at`` of the rows outside ``tree`` whose reference into it a delete of it clears
    (a child account's parent), so an undo can put the rows back exactly."""
    inside = set(tree)
    out: dict[tuple[str, str], str] = {}
    for t, i in tree:
        for child, ref in E.referrers(t):
            if ref.on_delete == "cascade":
                continue
            query = f"SELECT id, updated_at FROM {child.table} WHERE {ref.name} = ?"
            for cid, stamp in db.execute(query, (i,)):
                if (child.table, cid) not in inside:
                    out[(child.table, cid)] = stamp
    return out


def restore_stamp(db: sqlite3.Connection, table: str, row_id: str, stamp: str) -> None:
    E.entity(table)
    db.execute(f"UPDATE {table} SET updated_at = ? WHERE id = ?", (stamp, row_id))


def title(db: sqlite3.Connection, table: str, row_id: str) -> str | None:
    """The record's title field as stored, or None when it is gone or empty."""
    entity = E.entity(table)
    row = db.execute(f"SELECT {entity.title_field} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return str(row[0]) if row and row[0] else None
