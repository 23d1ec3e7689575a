"""Connections and transactions of the store: the pragmas every connection gets, one write
transaction at a time per thread (nested calls join it), and the ``Changes`` its listeners hear
after the commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cipher import PageFormat

ORIGIN_LOCAL = "local"
ORIGIN_SYNC = "sync"


@dataclass
class Changes:
    """What one committed transaction changed: table -> ids, and who made the change."""

    tables: dict[str, set[str]] = field(default_factory=dict)
    origin: str = ORIGIN_LOCAL
    outbox: bool = False  # the outbox changed (pending count may differ)
    sync_state: bool = False  # conflicts or sync bookkeeping changed

    def add(self, table: str, row_id: str) -> None:
        self.tables.setdefault(table, set()).add(row_id)

    def merge(self, other: "Changes") -> None:
        for table, ids in other.tables.items():
            self.tables.setdefault(table, set()).update(ids)
        self.outbox |= other.outbox
        self.sync_state |= other.sync_state
        if other.origin != ORIGIN_LOCAL:
            self.origin = other.origin

    def __bool__(self) -> bool:
        return bool(self.tables) or self.outbox or self.sync_state

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)


Listener = Callable[[Changes], None]


def connect(
    path: Path | str, key: bytes | None = None, page_format: PageFormat | None = None
) -> sqlite3.Connection:
    """A connection with the pragmas every part of Fieldbook relies on; with ``key``, to the
    SQLCipher-encrypted file (``desktop.cipher``: the key first, then the same pragmas), in
    ``page_format`` (None: ``cipher.PAGE_FORMAT``)."""
    options: dict[str, Any] = {"isolation_level": None, "check_same_thread": False, "timeout": 30}
    if key is None:
        db = sqlite3.connect(str(path), **options)
        db.row_factory = sqlite3.Row
    else:
        from . import cipher  # loads SQLCipher only for an encrypted store

        db = cipher.connect_encrypted(path, key, page_format or cipher.PAGE_FORMAT, **options)
        db.row_factory = cipher.Row
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    # The same page cache and temporary store, encrypted or not (bench/bench_store.py
    # --encryption compares like with like). 128 MB: a page read from the OS cache costs little
    # in a plain file, but in an encrypted one it is decrypted and its HMAC checked first, so
    # the cache keeps a big book's working set decrypted (on the 50k book, search and list p95
    # were 2.4x and 1.6x plain with 32 MB each). It grows only as pages are read: a small book
    # never uses it. Temporary tables (the sync's staging tables) stay in memory: no temporary
    # file is written, plain or encrypted (desktop.cipher), and none is waited for.
    db.execute("PRAGMA cache_size = -131072")
    db.execute("PRAGMA temp_store = MEMORY")
    return db


class Transaction:
    """The context manager behind ``Store.transaction`` (a class: edits enter it per record)."""

    __slots__ = ("store", "origin", "joined")

    def __init__(self, store: Any, origin: str):
        self.store = store
        self.origin = origin

    def __enter__(self) -> Changes:
        store = self.store
        db = store.db
        local = store._local
        if local.depth:
            local.depth += 1
            self.joined = True
            return local.pending
        self.joined = False
        local.pending = Changes(origin=self.origin)
        local.depth = 1
        try:
            db.execute("BEGIN IMMEDIATE")
        except BaseException:
            local.depth = 0
            local.pending = None
            raise
        return local.pending

    def __exit__(self, kind, error, trace) -> None:
        local = self.store._local
        if self.joined:
            local.depth -= 1
            return
        changes = local.pending
        db = self.store.db
        try:
            if kind is None:
                db.execute("COMMIT")
            elif db.in_transaction:
                db.execute("ROLLBACK")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            local.depth = 0
            local.pending = None
        if kind is None and changes:
            self.store._notify(changes)
