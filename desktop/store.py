"""The local store: one SQLite file holding the rep's book of business and the outbox.

Every domain change goes through ``create``, ``update`` and ``delete``. Each one validates its
values, changes the row and appends the matching outbox operation in one transaction, so a crash
at any instant leaves both or neither. Callers never write SQL for a domain change.

Connections are per thread: the GUI thread reads, one worker thread writes (WAL lets them
overlap). Listeners registered with ``add_listener`` hear what changed after each commit.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import crm_fields, integrity, outbox, replica
from . import entities as E
from .cipher import PageFormat
from .clock import now_iso
from .errors import NOT_FOUND, FieldbookError
from .ids import new_ids
from .protection import Progress, Protection, StoreKeyMissing, prepare, upgrade_page_format
from .queries import BookQueries
from .schema import SCHEMA_VERSION, migrate
from .transaction import ORIGIN_LOCAL, ORIGIN_SYNC, Changes, Listener, Transaction, connect
from .validation import ValidationError, validate


class NotFound(FieldbookError, LookupError):
    """The record asked for is not in the store (deleted, or never synced here).

    Parameters: ``table``, and ``count`` when several of a batch are missing."""

    kind = NOT_FOUND


class Store(BookQueries):
    """The rep's local copy. Open with ``Store.open(path)``."""

    def __init__(self, path: Path, key: bytes | None = None):
        self.path = Path(path)
        self._key = key  # SQLCipher key (None: a plain file); never written anywhere
        self.page_format: PageFormat | None = None  # an encrypted file's; None: the current
        self.protection_note: str | None = None  # why it is plain (desktop.protection)
        self._local = threading.local()
        self._listeners: list[Listener] = []
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        path: Path | str,
        protection: Protection | None = None,
        progress: Progress | None = None,
    ) -> "Store":
        """Open (creating if needed) the store at ``path`` and migrate it to the current schema.

        ``protection`` (default: ``Protection.default()``) says whether it is encrypted; a plain
        file is encrypted first (``progress`` hears how far). Raises ``StoreKeyMissing`` when the
        file is encrypted and its key is not in the keyring (``desktop.protection``).
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        prepared = prepare(path, protection or Protection.default(), progress)
        store = cls(path, prepared.key)
        store.protection_note = prepared.note
        if prepared.connection is not None:  # the one that checked the key: not a second
            store._keep(prepared.connection)
        try:
            db = store.db
        except sqlite3.DatabaseError:
            if prepared.key is None:
                raise
            store.page_format = upgrade_page_format(path, prepared.key, progress)
            if store.page_format is None:
                raise StoreKeyMissing(path=str(path)) from None  # a key that does not fit
            db = store.db
        migrate(db)
        return store

    @property
    def encrypted(self) -> bool:
        """Whether the file is SQLCipher-encrypted (its key in the OS keyring)."""
        return self._key is not None

    # -- connections and transactions ------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._keep(connect(self.path, self._key, self.page_format))
        return db

    def _keep(self, db: sqlite3.Connection) -> sqlite3.Connection:
        """Make ``db`` this thread's connection (closed by ``close``)."""
        self._local.db = db
        self._local.depth = 0
        self._local.pending = None
        with self._connections_lock:
            self._connections.append(db)
        return db

    def new_connection(self) -> sqlite3.Connection:
        """A connection of the caller's own to this file, keyed like the store's (the caller
        closes it): for a backup, a check, a test that plays another process."""
        return connect(self.path, self._key, self.page_format)

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Close every connection this store opened (call once no thread uses it any more)."""
        with self._connections_lock:
            for db in self._connections:
                try:
                    db.close()
                except sqlite3.ProgrammingError:
                    pass
            self._connections.clear()
        self._local = threading.local()

    def transaction(self, origin: str = ORIGIN_LOCAL) -> "Transaction":
        """One write transaction (nested calls join the outer one); listeners hear it on commit.

        ``with store.transaction() as changes:`` gives the ``Changes`` being collected.
        """
        return Transaction(self, origin)

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(changes)`` after every committed change, on the writing thread."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)

    # -- reading single records --------------------------------------------------------------

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        """The record as a dict (with ``id``, ``created_at``, ``updated_at``), or None."""
        E.entity(table)
        row = self.db.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return _as_dict(row) if row else None

    def require(self, table: str, row_id: str) -> dict[str, Any]:
        row = self.get(table, row_id)
        if row is None:
            raise NotFound(table=table)
        return row

    def rows(self, table: str, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Records for ``ids`` in the order given; ids not found are skipped."""
        E.entity(table)
        ids = list(ids)
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM {table} WHERE id IN ({marks})", chunk):
                found[row["id"]] = _as_dict(row)
        return [found[i] for i in ids if i in found]

    def _current(self, table: str, ids: list[str]) -> dict[str, sqlite3.Row]:
        """id -> the stored row (id and fields, read-only), for rows about to be edited."""
        found: dict[str, sqlite3.Row] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = _select_sql(table, f"IN ({','.join('?' * len(chunk))})")
            found.update((row[0], row) for row in self.db.execute(sql, chunk))
        return found

    # -- the write API -------------------------------------------------------------------------

    def create(self, table: str, values: dict[str, Any], *, row_id: str | None = None) -> str:
        """Validate and insert a new record with its outbox ``create``; return its id."""
        entity = E.entity(table)
        clean = validate(entity, values)
        made_id, op_id = new_ids(2)
        row_id = row_id or made_id
        with self.transaction() as changes:
            self._check_loops(entity, clean, row_id)
            stamp = now_iso()
            params = (row_id, stamp, stamp, *[clean.get(name) for name in entity.field_names])
            self._write_checked(entity, clean, row_id, _insert_sql(table), params)
            self._append_outbox(table, row_id, "create", _given(clean), None, stamp, op_id)
            changes.add(table, row_id)
            changes.outbox = True
        return row_id

    def update(self, table: str, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        """Validate and apply ``values``; return the fields that really changed (maybe none)."""
        entity = E.entity(table)
        with self.transaction() as changes:
            existing = self.db.execute(_select_sql(table, "= ?"), (row_id,)).fetchone()
            if existing is None:
                raise NotFound(table=table)
            clean = validate(entity, values, existing)
            crm_fields.check_edit(crm_fields.load(self.db), entity, clean, values, existing)
            changed = {k: v for k, v in clean.items() if existing[k] != v}
            if not changed:
                return {}
            self._check_loops(entity, changed, row_id)
            base = {k: existing[k] for k in changed}
            stamp = now_iso()
            sql = _update_sql(table, tuple(changed))
            self._write_checked(entity, changed, row_id, sql, (*changed.values(), stamp, row_id))
            self._append_outbox(table, row_id, "update", changed, base, stamp)
            changes.add(table, row_id)
            changes.outbox = True
        return changed

    def create_many(self, table: str, records: list[dict[str, Any]]) -> list[str]:
        """``create`` for many records (an import, a batch of edits) in one transaction.

        Same rules as ``create``: every record is validated (a ValidationError names the
        record's position in ``row``) and gets its own outbox operation; all or nothing.
        """
        entity = E.entity(table)
        cleaned = []
        for position, values in enumerate(records):
            try:
                cleaned.append(validate(entity, values))
            except ValidationError as exc:
                exc.row = position
                raise
        ids = new_ids(len(cleaned))
        stamp = now_iso()
        fields = entity.field_names
        with self.transaction() as changes:
            for clean, row_id in zip(cleaned, ids, strict=True):
                self._check_loops(entity, clean, row_id)
            rows = [
                (i, stamp, stamp, *[c.get(f) for f in fields])
                for i, c in zip(ids, cleaned, strict=True)
            ]
            try:
                self.db.executemany(_insert_sql(table), rows)
            except sqlite3.IntegrityError as exc:
                if "FOREIGN KEY" in str(exc):
                    for position, (clean, row_id) in enumerate(zip(cleaned, ids, strict=True)):
                        try:
                            self._explain_missing_refs(entity, clean, row_id)
                        except ValidationError as named:
                            named.row = position
                            raise
                raise
            self._append_outbox_many(
                table,
                "create",
                [(i, _given(c), None) for i, c in zip(ids, cleaned, strict=True)],
                stamp,
            )
            for row_id in ids:
                changes.add(table, row_id)
            changes.outbox = True
        return ids

    def update_many(self, table: str, edits: dict[str, dict[str, Any]]) -> dict[str, dict]:
        """``update`` for many records in one transaction; returns id -> fields really changed."""
        entity = E.entity(table)
        done: dict[str, dict[str, Any]] = {}
        with self.transaction() as changes:
            existing = self._current(table, list(edits))
            missing = [row_id for row_id in edits if row_id not in existing]
            if missing:
                raise NotFound(table=table, count=len(missing))
            stamp = now_iso()
            access = crm_fields.load(self.db)
            by_columns: dict[tuple[str, ...], list[tuple]] = {}
            ops: list[tuple[str, dict, dict | None]] = []
            for row_id, values in edits.items():
                old = existing[row_id]
                # A sqlite3.Row is a read-only mapping (keys() and []): all validate() reads.
                clean = validate(entity, values, old)  # type: ignore[arg-type]
                crm_fields.check_edit(access, entity, clean, values, old)
                changed = {k: v for k, v in clean.items() if old[k] != v}
                if not changed:
                    continue
                self._check_loops(entity, changed, row_id)
                by_columns.setdefault(tuple(changed), []).append((*changed.values(), stamp, row_id))
                ops.append((row_id, changed, {k: old[k] for k in changed}))
                done[row_id] = changed
                changes.add(table, row_id)
            for columns, rows in by_columns.items():
                try:
                    self.db.executemany(_update_sql(table, columns), rows)
                except sqlite3.IntegrityError as exc:
                    if "FOREIGN KEY" in str(exc):
                        for row in rows:
                            self._explain_missing_refs(
                                entity, dict(zip(columns, row, strict=False)), row[-1]
                            )
                    raise
            if ops:
                self._append_outbox_many(table, "update", ops, stamp)
                changes.outbox = True
        return done

    def delete(self, table: str, row_id: str) -> list[tuple[str, str]]:
        """Delete a record and what belongs to it, children first; return every (table, id) removed.

        References from records that survive (a task's contact, a contact's manager) are cleared
        through ``update`` so the CRM hears of them too.
        """
        E.entity(table)
        removed: list[tuple[str, str]] = []
        with self.transaction():
            self.require(table, row_id)
            self._delete_tree(table, row_id, removed)
        return removed

    def dependents(self, table: str, row_id: str) -> dict[str, int]:
        """How many records of each table a delete of this one would take with it."""
        counts: dict[str, int] = {}

        def walk(t: str, i: str) -> None:
            for child, ref in E.referrers(t):
                if ref.on_delete != "cascade":
                    continue
                for (child_id,) in self.db.execute(
                    f"SELECT id FROM {child.table} WHERE {ref.name} = ?", (i,)
                ):
                    counts[child.table] = counts.get(child.table, 0) + 1
                    walk(child.table, child_id)

        walk(table, row_id)
        return counts

    def _delete_tree(self, table: str, row_id: str, removed: list[tuple[str, str]]) -> None:
        db = self.db
        for child, ref in E.referrers(table):
            child_ids = [
                r[0]
                for r in db.execute(f"SELECT id FROM {child.table} WHERE {ref.name} = ?", (row_id,))
            ]
            for child_id in child_ids:
                if ref.on_delete == "cascade":
                    if self.get(child.table, child_id) is not None:
                        self._delete_tree(child.table, child_id, removed)
                elif not (child.table == table and child_id == row_id):
                    self.update(child.table, child_id, {ref.name: None})
        existing = self.get(table, row_id)
        if existing is None:
            return
        entity = E.entity(table)
        base = {name: existing.get(name) for name in entity.field_names}
        db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._append_outbox(table, row_id, "delete", {}, base)
        removed.append((table, row_id))
        self._local.pending.add(table, row_id)
        self._local.pending.outbox = True

    def _write_checked(
        self, entity: E.Entity, values: dict[str, Any], row_id: str, sql: str, params: Sequence
    ) -> None:
        integrity.run_checked(self.db, entity, values, row_id, sql, params)

    def _explain_missing_refs(self, entity: E.Entity, values: dict[str, Any], row_id: str) -> None:
        integrity.explain_missing_refs(self.db, entity, values, row_id)

    def _check_loops(self, entity: E.Entity, values: dict[str, Any], row_id: str) -> None:
        integrity.check_loops(self.db, entity, values, row_id)

    def _append_outbox(
        self,
        table: str,
        row_id: str,
        op: str,
        changes: dict[str, Any],
        base: dict[str, Any] | None,
        stamp: str | None = None,
        op_id: str | None = None,
    ) -> str:
        return outbox.append(self.db, table, row_id, op, changes, base, stamp, op_id)

    def _append_outbox_many(
        self, table: str, op: str, items: list[tuple[str, dict, dict | None]], stamp: str
    ) -> None:
        outbox.append_many(self.db, table, op, items, stamp)

    # -- rows that come from the CRM (no outbox) ----------------------------------------------

    def insert_synced(self, table: str, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Insert (id, values) pairs as already synced: no outbox, no validation. Call inside a
        transaction (see ``desktop.replica.insert_rows``)."""
        replica.insert_rows(self.db, table, rows)

    # -- domain preferences --------------------------------------------------------------------

    def preference(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM preferences WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_preference(self, key: str, value: str | None) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO preferences (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- what the CRM lets the rep edit (desktop/crm_fields.py) ------------------------------

    def field_access(self) -> crm_fields.FieldAccess:
        """Which fields the CRM lacks or keeps read-only, as the last sync heard it."""
        return crm_fields.load(self.db)

    def save_field_access(self, access: crm_fields.FieldAccess | None) -> None:
        """Keep what the CRM said (None: forget it, as on sign-out)."""
        with self.transaction(origin=ORIGIN_SYNC) as changes:
            crm_fields.save(self.db, access)
            changes.sync_state = True

    # -- outbox summary (desktop/outbox.py owns the sync bookkeeping) ------------------------

    def pending_count(self) -> int:
        return outbox.pending_count(self.db)

    def pending_rows(self) -> set[tuple[str, str]]:
        return outbox.pending_rows(self.db)

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """A create's outbox changes: the fields it set (an empty field is no change)."""
    return {name: value for name, value in values.items() if value is not None}


@functools.cache
def _insert_sql(table: str) -> str:
    """INSERT of a whole record: id, the two stamps, then every field in spec order."""
    fields = E.entity(table).field_names
    columns = ", ".join(("id", "created_at", "updated_at", *fields))
    return f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * (len(fields) + 3))})"


@functools.lru_cache(maxsize=1024)
def _select_sql(table: str, id_test: str) -> str:
    """SELECT of the id and every field, for the rows whose id passes ``id_test``."""
    columns = ", ".join(("id", *E.entity(table).field_names))
    return f"SELECT {columns} FROM {table} WHERE id {id_test}"


@functools.lru_cache(maxsize=1024)
def _update_sql(table: str, columns: tuple[str, ...]) -> str:
    assignments = ", ".join(f"{c} = ?" for c in columns)
    return f"UPDATE {table} SET {assignments}, updated_at = ? WHERE id = ?"


def _as_dict(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data.pop("seq", None)
    return data


__all__ = [
    "Changes",
    "NotFound",
    "ORIGIN_LOCAL",
    "ORIGIN_SYNC",
    "SCHEMA_VERSION",
    "Store",
    "ValidationError",
    "connect",
]
