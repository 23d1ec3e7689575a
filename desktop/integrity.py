"""What SQLite's constraints do not say for themselves: a reference to a missing record named
as a ValidationError, and loops in the account tree or the reporting lines refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from . import entities as E
from .validation import ValidationError


def run_checked(
    db: sqlite3.Connection,
    entity: E.Entity,
    values: dict[str, Any],
    row_id: str,
    sql: str,
    params: Sequence[Any],
) -> None:
    """Run ``sql``; a reference to a missing record becomes a ValidationError naming it.

    SQLite's foreign keys do the checking, so the common case costs no extra query.
    """
    try:
        db.execute(sql, params)
    except sqlite3.IntegrityError as exc:
        if "FOREIGN KEY" in str(exc):
            explain_missing_refs(db, entity, values, row_id)
        raise


def explain_missing_refs(
    db: sqlite3.Connection, entity: E.Entity, values: dict[str, Any], row_id: str
) -> None:
    """Raise a ValidationError naming each reference in ``values`` to a record not here."""
    errors = {}
    for ref in entity.refs():
        target = values.get(ref.name)
        if target is None or (ref.target == entity.table and target == row_id):
            continue
        found = db.execute(f"SELECT 1 FROM {ref.target} WHERE id = ?", (target,)).fetchone()
        if not found:
            errors[ref.name] = f"no such {E.entity(ref.target).singular} (it may have been deleted)"
    if errors:
        raise ValidationError(errors, entity)


def check_loops(
    db: sqlite3.Connection, entity: E.Entity, values: dict[str, Any], row_id: str
) -> None:
    """Refuse a parent account or a manager that would make a loop."""
    errors = {}
    parent, manager = values.get("parent_id"), values.get("reports_to_id")
    if entity is E.ACCOUNT and parent and _would_cycle(db, "accounts", "parent_id", row_id, parent):
        errors["parent_id"] = "would make the account its own ancestor"
    if (
        entity is E.CONTACT
        and manager
        and _would_cycle(db, "contacts", "reports_to_id", row_id, manager)
    ):
        errors["reports_to_id"] = "would make a reporting loop"
    if errors:
        raise ValidationError(errors, entity)


def _would_cycle(db: sqlite3.Connection, table: str, column: str, row_id: str, target: str) -> bool:
    seen = set()
    current: str | None = target
    while current and current not in seen:
        if current == row_id:
            return True
        seen.add(current)
        row = db.execute(f"SELECT {column} FROM {table} WHERE id = ?", (current,)).fetchone()
        current = row[0] if row else None
    return False
