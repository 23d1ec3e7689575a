"""SQLCipher underneath the store: encrypted connections, and plain files turned encrypted.

Why ``sqlcipher3`` and not ``apsw``: sqlcipher3 is a fork of Python's own ``sqlite3`` module
built against SQLCipher, so it is DB-API 2.0 with the same ``Connection``/``Cursor``/``Row`` the
store, sqlite-utils (schema migrations) and the sync engine already use; its wheels carry
SQLCipher 4 (FTS5 with the trigram tokenizer, AES-256 pages with an HMAC each) for CPython on
Windows, macOS and Linux. apsw is not DB-API: every ``execute``/``row_factory``/transaction
call and sqlite-utils itself would have to change.

The store's connections come from one place (``desktop.transaction.connect``); with a key it
asks here for an encrypted one. A raw 256-bit key (``x'…'``) means no key derivation on every
open. Temporary tables and indices stay in memory (``temp_store = MEMORY``), so no temporary
file is ever written plain; the WAL is written through the same cipher. (Why
``cipher_memory_security`` is off: ``apply_key``.)

SQLCipher's error classes are made subclasses of ``sqlite3``'s (``_share_error_classes``), so
every ``except sqlite3.IntegrityError`` in the core and the engine catches them unchanged.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import sqlcipher3

PLAIN_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every plain SQLite file
KEY_BYTES = 32  # AES-256
LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class PageFormat:
    """How each page is authenticated: the HMAC, and the PBKDF2 that derives its key from the
    raw key (two iterations; the page key itself is the raw key). A file opens only with the
    format it was written in."""

    hmac: str
    kdf: str


# HMAC-SHA256 where SQLCipher 4 defaults to SHA512: SHA-256 has CPU instructions (SHA-NI, the
# ARMv8 crypto extensions) that SHA-512 lacks, so checking a page read for the first time costs
# about half (docs/encryption.md), and HMAC-SHA256 is as sound a page MAC.
PAGE_FORMAT = PageFormat("HMAC_SHA256", "PBKDF2_HMAC_SHA256")
# SQLCipher 4's defaults, what the first encrypted Fieldbook wrote: opened to be re-encrypted.
SQLCIPHER4_DEFAULT = PageFormat("HMAC_SHA512", "PBKDF2_HMAC_SHA512")
Source = tuple[bytes, PageFormat] | None  # how a file to encrypt is encrypted (None: plain)

Progress = Callable[[float], None]  # 0.0 … 1.0


def _share_error_classes() -> None:
    """Make ``sqlcipher3.X`` a subclass of ``sqlite3.X`` for every DB-API error class.

    The code catches ``sqlite3`` errors (integrity checks, a locked file, an old schema);
    SQLCipher's module defines its own classes with the same names. Giving them the stdlib
    classes as extra bases is the one change that keeps every handler working on both.
    """
    # ``Warning`` and ``Error`` derive from Exception directly and cannot take another base
    # (CPython refuses the layout change); every class below Error can, and is what is raised.
    order = [
        "InterfaceError",
        "DatabaseError",
        "DataError",
        "OperationalError",
        "IntegrityError",
        "InternalError",
        "ProgrammingError",
        "NotSupportedError",
    ]
    for name in order:
        ours, theirs = getattr(sqlcipher3, name), getattr(sqlite3, name)
        if issubclass(ours, theirs):
            continue
        ours.__bases__ = (*ours.__bases__, theirs)


_share_error_classes()

Row = sqlcipher3.Row
sqlcipher_version: str = sqlcipher3.sqlite_version


def key_pragma(key: bytes) -> str:
    """The ``PRAGMA key`` value for a raw key: no passphrase, no key derivation."""
    if len(key) != KEY_BYTES:
        raise ValueError("a store key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def is_plain(path: Path | str) -> bool:
    """Whether ``path`` is a plain (unencrypted) SQLite file; False when empty or missing."""
    try:
        with open(path, "rb") as file:
            return file.read(16) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def has_content(path: Path | str) -> bool:
    try:
        return os.path.getsize(path) > 0
    except OSError:
        return False


def connect_encrypted(
    path: Path | str, key: bytes, page_format: PageFormat = PAGE_FORMAT, **options: Any
) -> sqlite3.Connection:
    """A SQLCipher connection to ``path`` opened with ``key``; raises ``sqlite3.DatabaseError``
    ("file is not a database") when the key, or the page format, does not fit the file."""
    db = sqlcipher3.connect(str(path), **options)
    try:
        apply_key(db, key, page_format)
        # Page 1 alone checks the key (its HMAC); the schema is parsed when first needed, once,
        # not here as well: the window checks the key before the store opens the file.
        db.execute("PRAGMA user_version").fetchone()
    except BaseException:
        db.close()
        raise
    return cast(sqlite3.Connection, db)


def apply_key(db: Any, key: bytes, page_format: PageFormat = PAGE_FORMAT) -> None:
    """The key and the cipher settings, before anything else touches the file.

    ``cipher_memory_security`` stays OFF (SQLCipher 4's default), on purpose: ON wipes and locks
    every allocation SQLite makes, which measured 5-9x slower searches and a 4x slower open on
    the bench book (bench/bench_store.py --encryption), against the issue's 1.4x. What it guards
    is a dump of a running process's freed memory, not the lost laptop this is for (data at
    rest); SQLCipher wipes its own key material regardless of the setting.
    """
    # SQLCipher writes its own warnings to stderr ("hmac check failed for pgno=1" for a key or
    # a page format that does not fit): on a rep's terminal, beside fieldbook's own message.
    db.execute("PRAGMA cipher_log_level = NONE")
    db.execute(f"PRAGMA key = {key_pragma(key)}")
    db.execute("PRAGMA cipher_memory_security = OFF")
    _use_page_format(db, page_format)
    db.execute("PRAGMA temp_store = MEMORY")


def _use_page_format(db: Any, page_format: PageFormat, schema: str = "main") -> None:
    db.execute(f"PRAGMA {schema}.cipher_hmac_algorithm = {page_format.hmac}")
    db.execute(f"PRAGMA {schema}.cipher_kdf_algorithm = {page_format.kdf}")


def key_fits(path: Path | str, key: bytes, page_format: PageFormat = PAGE_FORMAT) -> bool:
    try:
        connect_encrypted(path, key, page_format).close()
    except sqlite3.DatabaseError:
        return False
    return True


# -- a plain file made encrypted ---------------------------------------------------------------


@contextlib.contextmanager
def one_process_at_a_time(path: Path) -> Iterator[None]:
    """Hold the lock that lets one process at a time encrypt the store at ``path`` (or make its
    key): the window and the command line starting together would otherwise each write a copy
    beside it, and the one that renames last could swap in the other's half-written file. The
    lock is the OS's on ``<store>.lock`` (an empty file), released when the process dies."""
    lock = path.with_name(path.name + LOCK_SUFFIX)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+b") as handle:
        _lock(handle.fileno())
        try:
            yield
        finally:
            _unlock(handle.fileno())


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:  # LK_LOCK gives up after ten seconds; encrypting a big book takes longer
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _connect_source(path: Path, source: Source) -> Any:
    """A connection to the file being encrypted: plain (``source`` None), or encrypted with
    ``source`` = (key, page format) of an older format."""
    if source is None:
        return sqlcipher3.connect(str(path), isolation_level=None)
    return connect_encrypted(path, source[0], source[1], isolation_level=None)


def checkpoint(path: Path, source: Source = None) -> None:
    """Fold the WAL of the file to be encrypted into it and leave no -wal/-shm beside it."""
    db = _connect_source(path, source)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode = DELETE")  # removes the (empty) WAL on the last close
    finally:
        db.close()


def export_encrypted(
    plain: Path,
    target: Path,
    key: bytes,
    progress: Progress | None = None,
    source: Source = None,
) -> None:
    """Write a copy of ``plain`` encrypted with ``key`` in ``PAGE_FORMAT`` to ``target``
    (replaced if present); ``source``: the key and format ``plain`` is encrypted with, if any.

    ``sqlcipher_export`` copies the schema, every row, the FTS shadow tables and the triggers;
    the schema version (``user_version``) is copied by hand, as SQLCipher documents.
    """
    for leftover in (target, *_side_files(target)):
        leftover.unlink(missing_ok=True)
    db = _connect_source(plain, source)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        pages = max(1, db.execute("PRAGMA page_count").fetchone()[0])
        if progress is not None:
            steps = [0]

            def tick() -> int:
                steps[0] += 1
                # About 40 VM steps per copied page in sqlcipher_export (measured on the bench
                # book); capped below 1: the verification and the swap follow.
                progress(min(0.9, steps[0] * 1000 / (pages * 40)))
                return 0

            db.set_progress_handler(tick, 1000)
        db.execute(f"ATTACH DATABASE ? AS encrypted KEY {key_pragma(key)}", (str(target),))
        _use_page_format(db, PAGE_FORMAT, "encrypted")
        db.execute("SELECT sqlcipher_export('encrypted')")
        db.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        db.execute("DETACH DATABASE encrypted")
        db.set_progress_handler(None, 0)
    finally:
        db.close()
    _fsync(target)


def verify_copy(plain: Path, target: Path, key: bytes, source: Source = None) -> None:
    """Raise ``CopyMismatch`` unless ``target`` opens with ``key``, passes SQLCipher's and
    SQLite's integrity checks, and holds the same tables with the same row counts and the same
    schema version as ``plain`` (encrypted with ``source``, if given)."""
    original = _connect_source(plain, source)
    copy = connect_encrypted(target, key)
    try:
        ok = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise CopyMismatch(f"integrity check: {ok}")
        for name in ("user_version",):
            a = original.execute(f"PRAGMA {name}").fetchone()[0]
            b = copy.execute(f"PRAGMA {name}").fetchone()[0]
            if a != b:
                raise CopyMismatch(f"{name} {a} became {b}")
        tables = [
            r[0]
            for r in original.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        copied = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in tables:
            if table not in copied:
                raise CopyMismatch(f"table {table} is missing")
            a = original.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            b = copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if a != b:
                raise CopyMismatch(f"table {table}: {a} rows became {b}")
    finally:
        original.close()
        copy.close()


class CopyMismatch(RuntimeError):
    """The encrypted copy is not the same as the plain file: the plain file is kept."""


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def side_files(path: Path) -> list[Path]:
    """The -wal, -shm and -journal files SQLite may keep beside ``path``."""
    return _side_files(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
