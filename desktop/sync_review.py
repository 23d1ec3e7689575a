"""What the outbox and conflict views show: pending operations and open conflicts, titled.

Read models built from ``desktop/outbox.py``: the status bar, the outbox dialog, the conflict
dialog and the command line all list the same items the same way.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from . import entities as E
from . import outbox, replica


@dataclass
class OutboxItem:
    """One pending operation as the outbox view lists it."""

    op_id: str
    table: str
    row_id: str
    op: str
    title: str
    state: str  # pending | parked
    attempts: int
    last_error: str | None
    next_attempt_at: float | None
    created_at: str


@dataclass
class Conflict:
    """An open conflict; values are in store form (whole records as dicts for record kinds)."""

    id: int
    table: str
    row_id: str
    title: str
    field: str | None
    label: str
    kind: str  # field | deleted_remotely | deleted_locally
    base: Any
    mine: Any
    theirs: Any


def title(db: sqlite3.Connection, table: str, row_id: str, fallback: dict | None = None) -> str:
    """A record's title: as stored, else as last sent or seen, else its kind in brackets."""
    entity = E.entity(table)
    stored = replica.title(db, table, row_id)
    if stored:
        return stored
    for source in (fallback or {}, (outbox.base(db, table, row_id) or (None, {}))[1]):
        if source.get(entity.title_field):
            return str(source[entity.title_field])
    return f"({entity.singular})"


def outbox_items(db: sqlite3.Connection) -> list[OutboxItem]:
    """Every pending or parked operation, oldest first."""
    return [
        OutboxItem(
            op_id=op.op_id,
            table=op.table,
            row_id=op.row_id,
            op=op.op,
            title=title(db, op.table, op.row_id, {**op.base, **op.changes}),
            state=op.state,
            attempts=op.attempts,
            last_error=op.last_error,
            next_attempt_at=op.next_attempt_at,
            created_at=op.created_at,
        )
        for op in outbox.operations(db)
    ]


def conflicts(db: sqlite3.Connection) -> list[Conflict]:
    """Open conflicts, oldest first."""
    out = []
    for c in outbox.open_conflicts(db):
        entity = E.entity(c.table)
        fallback: dict = next((s for s in (c.mine, c.theirs, c.base) if isinstance(s, dict)), {})
        out.append(
            Conflict(
                id=c.id,
                table=c.table,
                row_id=c.row_id,
                title=title(db, c.table, c.row_id, fallback),
                field=c.field,
                label=entity.field(c.field).label if c.field else entity.singular.capitalize(),
                kind=c.kind,
                base=c.base,
                mine=c.mine,
                theirs=c.theirs,
            )
        )
    return out
