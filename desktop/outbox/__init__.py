"""Sync bookkeeping: every read and write of the outbox, the base snapshots, the orphans,
the conflicts and ``sync_state``, in one place: ``operations`` (the outbox), ``snapshots``
(``sync_records`` and ``sync_orphans``), ``conflicts`` and ``state``. Callers use the package:
``from desktop import outbox; outbox.append(db, ...)``.

The store appends operations here when the rep edits; the sync engine finishes, parks and backs
them off, keeps the base snapshot of what the server last said (``sync_records``), holds
records whose parent has not arrived (``sync_orphans``), records conflicts and its own state.
Nothing here opens a transaction: callers run inside ``Store.transaction`` and pass its
connection, so an operation and the row change it describes commit together.

The read models for the outbox and conflict views (``OutboxItem``, ``Conflict``) are built from
these in ``desktop/sync_review.py``, so the screens, the brief and the command line ask one place
what is waiting.
"""

from __future__ import annotations

from ._text import (
    CHUNK,
    dumps,
    epoch,
    iso_at,
)
from .conflicts import (
    ConflictRow,
    add_conflict,
    close_conflict,
    close_conflicts,
    conflict,
    field_conflicts,
    open_conflict_count,
    open_conflicts,
    open_kinds,
    open_record_conflict_rows,
    set_theirs,
    set_theirs_of_kind,
)
from .operations import (
    Operation,
    any_due,
    append,
    append_many,
    appended_since,
    attempts_of,
    back_off,
    busy_rows,
    counts_by_state,
    deletes_of,
    echoes,
    finish,
    last_seq,
    make_due,
    make_row_due,
    next_attempt,
    note_error,
    operation,
    operations,
    operations_of,
    own_failure,
    park,
    pending_count,
    pending_of_account,
    pending_row_count,
    pending_rows,
    rewrite,
    waiting,
)
from .snapshots import (
    base,
    drop_base,
    drop_orphan,
    has_orphans,
    hold_orphan,
    is_synced,
    orphan_ids,
    orphans,
    put_base,
    put_bases,
    synced_ids,
    version,
    versions,
)
from .state import (
    all_state,
    last_sync_text,
    put_state,
    state,
)

__all__ = [
    "CHUNK",
    "ConflictRow",
    "Operation",
    "add_conflict",
    "all_state",
    "any_due",
    "append",
    "append_many",
    "appended_since",
    "attempts_of",
    "back_off",
    "base",
    "busy_rows",
    "close_conflict",
    "close_conflicts",
    "conflict",
    "counts_by_state",
    "deletes_of",
    "drop_base",
    "drop_orphan",
    "dumps",
    "echoes",
    "epoch",
    "field_conflicts",
    "finish",
    "has_orphans",
    "hold_orphan",
    "is_synced",
    "iso_at",
    "last_seq",
    "last_sync_text",
    "make_due",
    "make_row_due",
    "next_attempt",
    "note_error",
    "open_conflict_count",
    "open_conflicts",
    "open_kinds",
    "open_record_conflict_rows",
    "operation",
    "operations",
    "operations_of",
    "orphan_ids",
    "orphans",
    "own_failure",
    "park",
    "pending_count",
    "pending_of_account",
    "pending_row_count",
    "pending_rows",
    "put_base",
    "put_bases",
    "put_state",
    "rewrite",
    "set_theirs",
    "set_theirs_of_kind",
    "state",
    "synced_ids",
    "version",
    "versions",
    "waiting",
]
