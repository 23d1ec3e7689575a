"""Whether a profile's store is encrypted, where its key lives, and what happens without one.

Every profile store is encrypted with its own random 256-bit key, created on first open and kept
only in the OS keyring (``store-key:…`` entry). ``prepare(path, protection)`` is called before
the store's first connection and returns the key to open it with (None: plain):

- a new file: a new key, when the keyring keeps secrets across restarts;
- a plain file (an older Fieldbook, or a machine that had no keyring): encrypted in place
  (``encrypt_in_place``: a new file, verified, then swapped; a kill at any instant loses
  nothing, the plain file stays until the encrypted one has replaced it);
- an encrypted file of the first encrypted release (SQLCipher 4's default page format):
  re-encrypted in ``cipher.PAGE_FORMAT`` the same way (``upgrade_page_format``), with the same key;
- an encrypted file whose key is not in this keyring: ``StoreKeyMissing``: the app says the
  copy cannot be opened and offers to set the file aside (``set_aside``, never deleted) and
  sync afresh;
- no keyring that outlives the process (a headless Linux box): the store stays plain and the
  store's ``protection_note`` says so, for a visible warning; never an encrypted store whose
  key dies with the process. Where IT requires encryption: ``EncryptionUnavailable``.

``FIELDBOOK_STORE_ENCRYPTION=0`` turns encryption off for new and plain stores (a developer's
switch; IT's ``require_encryption`` wins over it).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import cipher, credentials, read_ahead, transaction
from .errors import STORE_ENCRYPTION_UNAVAILABLE, STORE_KEY_MISSING, FieldbookError
from .security_policy import SecurityPolicy

log = logging.getLogger(__name__)

ENCRYPTION_ENV = "FIELDBOOK_STORE_ENCRYPTION"  # "0": new and plain stores stay plain
PLAIN_NO_KEYRING = "plain_no_keyring"  # protection_note: plain because no keyring keeps the key
PLAIN_BY_CHOICE = "plain_by_choice"  # protection_note: plain because a setting says so
ENCRYPTING_SUFFIX = ".encrypting"
Progress = cipher.Progress


class StoreKeyMissing(FieldbookError):
    """The store file is encrypted and this keyring has no key that opens it.

    Parameters: ``path`` (the file, kept as it is)."""

    kind = STORE_KEY_MISSING


class EncryptionUnavailable(FieldbookError):
    """IT requires an encrypted store and this computer has no keyring to keep the key."""

    kind = STORE_ENCRYPTION_UNAVAILABLE


@dataclass(frozen=True)
class Protection:
    """How a store is to be protected: ``encrypt`` new and plain stores; ``require``: refuse to
    open one plain (IT policy)."""

    encrypt: bool = True
    require: bool = False

    @classmethod
    def default(cls, policy: SecurityPolicy | None = None) -> Protection:
        """Encrypted (unless ``$FIELDBOOK_STORE_ENCRYPTION`` is "0"), required when IT says so."""
        policy = policy or SecurityPolicy.current()
        wanted = os.environ.get(ENCRYPTION_ENV, "1") != "0"
        return cls(encrypt=wanted or policy.require_encryption, require=policy.require_encryption)

    @classmethod
    def for_demo(cls, policy: SecurityPolicy | None = None) -> Protection:
        """The demo book holds made-up data: plain unless IT (or ``encrypt_demo``) says not."""
        policy = policy or SecurityPolicy.current()
        if policy.require_encryption or policy.encrypt_demo:
            return cls.default(policy)
        return cls(encrypt=False)


@dataclass(frozen=True)
class Prepared:
    """What ``prepare`` decided: the key (None: plain) and, when plain, why; and the connection
    that checked the key, when one did, for the store to keep as its first."""

    key: bytes | None
    note: str | None = None  # PLAIN_NO_KEYRING | PLAIN_BY_CHOICE | None
    connection: sqlite3.Connection | None = None


# -- keys in the keyring ------------------------------------------------------------------------


def key_name(path: Path | str) -> str:
    """The keyring entry of the store at ``path`` (its absolute path, hashed: no user name)."""
    return _key_name_of(os.path.abspath(path))


@functools.lru_cache(maxsize=64)  # asked several times on the way to every open
def _key_name_of(where: str) -> str:
    resolved = str(Path(where).resolve())
    return "store-key:" + hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:32]


def load_key(path: Path | str) -> bytes | None:
    text = credentials.load_secret(key_name(path))
    if not text:
        return None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        return None
    return key if len(key) == cipher.KEY_BYTES else None


def create_key(path: Path | str) -> bytes:
    """A new key for ``path``, saved in the keyring (raises ``KeyringUnavailable``)."""
    key = cipher.new_key()
    credentials.save_secret(key_name(path), key.hex())
    if load_key(path) != key:  # a keyring that accepts and forgets is no keyring
        raise credentials.KeyringUnavailable("the keyring did not keep the store key")
    return key


def forget_key(path: Path | str) -> None:
    _await_early_open(path)
    _drop_verified(path)
    credentials.forget_secret(key_name(path))


@dataclass(frozen=True)
class _Verified:
    key: bytes
    connection: sqlite3.Connection | None  # None: re-encrypted since (a new file)


# The key ``prepare(verify_key=True)`` has just found to fit, and the connection that found it,
# for the one ``prepare`` that follows (the store's own open): a real keyring read is a D-Bus or
# Keychain round trip, and the window's open path would otherwise make it twice, and open,
# close and reopen the file. Taken by the next ``prepare`` of that file, dropped by
# ``forget_key`` and ``set_aside``; the store holds its key in memory anyway.
_just_verified: dict[str, _Verified] = {}


def _verify(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens ``path`` in the current page format; if so, the connection that
    found it waits in ``_just_verified``."""
    try:
        db = transaction.connect(path, key)
    except sqlite3.DatabaseError:
        return False
    _drop_verified(path)
    _just_verified[key_name(path)] = _Verified(key, db)
    return True


def _drop_verified(path: Path | str) -> None:
    verified = _just_verified.pop(key_name(path), None)
    if verified is not None and verified.connection is not None:
        verified.connection.close()


# -- started early, while the window's toolkit loads ----------------------------------------------


def open_early(path: Path | str) -> None:
    """Start, on a thread, what opening the encrypted store at ``path`` waits for, while the
    window's toolkit loads: the keyring's first read of its key (GNOME's Secret Service takes
    about 0.1 s the first time in a process: its backend, a D-Bus session, the read) and the
    store's first connection. What it finds waits for ``needs_encrypting`` and ``prepare``,
    which wait for it; what fails is left for them, which meet it again and say so.

    The keyring's backend is chosen here, on the caller's thread: the app swaps in its
    in-memory stand-in where there is none (``ui.app.ensure_keyring``), which a choice made
    later on the thread would undo."""
    path = Path(path)
    try:
        worth_it = is_encrypted(path) and credentials.keeps_secrets()  # plain or new: no
    except Exception:  # noqa: BLE001 - an unreadable file: the window's open says what it is
        log.debug("not reading ahead for %s", path, exc_info=True)
        return
    if worth_it:
        read_ahead.start(key_name(path), lambda: _open_early(path))


def _open_early(path: Path) -> None:
    try:
        key = load_key(path)
        if key is not None and _verify(path, key):
            log.info("read the key of %s and opened it ahead of the window", path)
    except Exception:  # noqa: BLE001 - the open itself meets it again and says so
        log.debug("reading ahead for %s failed", path, exc_info=True)


def _await_early_open(path: Path | str) -> None:
    read_ahead.wait(key_name(path))


# -- deciding, before the first connection ------------------------------------------------------


def is_encrypted(path: Path | str) -> bool:
    """Whether ``path`` holds an encrypted store (a file with content that is not plain)."""
    return cipher.has_content(path) and not cipher.is_plain(path)


def needs_encrypting(path: Path | str, protection: Protection) -> bool:
    """Whether ``prepare(verify_key=True)`` would encrypt an existing file: a plain one, or one
    in an older page format (long: show progress)."""
    _await_early_open(path)
    if Path(str(path) + ENCRYPTING_SUFFIX).exists():
        return True
    if is_encrypted(path):
        return _in_older_format(Path(path))
    return protection.encrypt and cipher.is_plain(path) and credentials.keeps_secrets()


def _in_older_format(path: Path) -> bool:
    """Whether the encrypted file at ``path`` opens with its key only in SQLCipher 4's default
    page format; a key found to fit is kept for the ``prepare`` that follows."""
    if key_name(path) in _just_verified or path in _not_upgraded:
        return False
    key = load_key(path)
    if key is None:
        return False  # the missing key is asked about when the store opens
    if _verify(path, key):
        return False
    return cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT)


def prepare(
    path: Path | str,
    protection: Protection,
    progress: cipher.Progress | None = None,
    verify_key: bool = False,
) -> Prepared:
    """The key to open ``path`` with, after encrypting a plain file where ``protection`` asks.

    Raises ``StoreKeyMissing`` or ``EncryptionUnavailable`` (see the module's docstring).
    A key that does not fit is found by the store's first connection (``Store.open``), or here
    with ``verify_key`` (for the window, which asks before it opens: the connection that checked
    the key is the store's first, handed on by the next ``prepare``).
    """
    path = Path(path)
    _await_early_open(path)
    while True:
        if is_encrypted(path):
            return _prepare_encrypted(path, progress, verify_key)
        if not protection.encrypt:
            _drop_leftover(path)
            return Prepared(None, PLAIN_BY_CHOICE)
        if not credentials.keeps_secrets():
            if protection.require:
                raise EncryptionUnavailable()
            log.warning("no keyring keeps secrets here: the store %s stays plain", path)
            return Prepared(None, PLAIN_NO_KEYRING)
        with cipher.one_process_at_a_time(path):
            if is_encrypted(path):
                continue  # another process encrypted it while this one waited
            try:
                key = load_key(path) or create_key(path)
            except credentials.KeyringUnavailable:
                if protection.require:
                    raise EncryptionUnavailable() from None
                log.warning("the keyring refused the store key: the store %s stays plain", path)
                return Prepared(None, PLAIN_NO_KEYRING)
            if cipher.has_content(path):
                encrypt_in_place(path, key, progress)
            else:
                _drop_leftover(path, locked=True)
            return Prepared(key)


def _prepare_encrypted(path: Path, progress: cipher.Progress | None, verify_key: bool) -> Prepared:
    _drop_leftover(path)
    name = key_name(path)
    if verify_key:  # the window asks first, then opens: one keyring read, one connection
        verified = _just_verified.get(name)
        if verified is not None:
            return Prepared(verified.key)
        key = load_key(path)
        if key is None:
            raise StoreKeyMissing(path=str(path))
        if not _verify(path, key):
            if upgrade_page_format(path, key, progress) is None:
                raise StoreKeyMissing(path=str(path))
            _just_verified[name] = _Verified(key, None)
        return Prepared(key)
    verified = _just_verified.pop(name, None)
    if verified is not None:
        return Prepared(verified.key, connection=verified.connection)
    key = load_key(path)
    if key is None:
        raise StoreKeyMissing(path=str(path))
    return Prepared(key)


# Stores whose re-encryption in the current page format failed in this run (a full disk): they
# open in their older format, still encrypted, and the next start tries again.
_not_upgraded: set[Path] = set()


def upgrade_page_format(
    path: Path, key: bytes, progress: cipher.Progress | None = None
) -> cipher.PageFormat | None:
    """Re-encrypt a store of the first encrypted release (SQLCipher 4's default page format)
    in ``cipher.PAGE_FORMAT``, as ``encrypt_in_place`` does, and return the format it opens in
    now: the current one, or the older one when re-encrypting failed (logged; nothing is lost).
    None when ``key`` opens it in neither (a key that does not fit)."""
    older = cipher.SQLCIPHER4_DEFAULT
    with cipher.one_process_at_a_time(path):
        if cipher.key_fits(path, key):
            return cipher.PAGE_FORMAT  # another process re-encrypted it while this one waited
        if not cipher.key_fits(path, key, older):
            return None
        if path in _not_upgraded:
            return older
        try:
            encrypt_in_place(path, key, progress, source=(key, older))
        except (OSError, sqlite3.Error, cipher.CopyMismatch):
            log.exception("re-encrypting %s failed: it opens in its older page format", path)
            _not_upgraded.add(path)
            _drop_leftover(path, locked=True)
            return older
    return cipher.PAGE_FORMAT


def encrypt_in_place(
    path: Path,
    key: bytes,
    progress: cipher.Progress | None = None,
    source: cipher.Source = None,
) -> None:
    """Replace the store at ``path``, plain (or encrypted as ``source`` says), by a copy
    encrypted with ``key`` in the current page format: written beside it, verified row for
    row, then swapped in with one atomic rename. Until that rename the file is untouched (a
    kill leaves it, and a partial copy that the next start throws away)."""
    work = Path(str(path) + ENCRYPTING_SUFFIX)
    log.info("encrypting the %s store %s", "plain" if source is None else "older", path)
    cipher.checkpoint(path, source)
    cipher.export_encrypted(path, work, key, progress, source)
    cipher.verify_copy(path, work, key, source)
    for side in cipher.side_files(path):  # empty after the checkpoint, so they go
        side.unlink(missing_ok=True)
    os.replace(work, path)
    cipher.fsync_folder(path.parent)
    if progress is not None:
        progress(1.0)
    log.info("the store %s is encrypted", path)


def _drop_leftover(path: Path, locked: bool = False) -> None:
    """A partial encrypted copy from a migration that was killed: the next one starts anew
    (``locked``: the caller holds ``one_process_at_a_time``; otherwise it is taken here, so no
    other process is writing the copy that goes)."""
    work = Path(str(path) + ENCRYPTING_SUFFIX)
    if not work.exists():
        return
    if not locked:
        with cipher.one_process_at_a_time(path):
            _drop_leftover(path, locked=True)
        return
    for leftover in (work, *cipher.side_files(work)):
        leftover.unlink(missing_ok=True)


def set_aside(path: Path | str, now: dt.datetime | None = None) -> Path:
    """Move the store that cannot be opened (and its -wal) to a dated name beside it; return it.

    Nothing is deleted: pending changes in it may still be read should the key turn up (the
    keyring restored from a backup)."""
    path = Path(path)
    _await_early_open(path)
    _drop_verified(path)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    for side, moved in zip(cipher.side_files(path), cipher.side_files(target), strict=True):
        if side.exists():
            os.replace(side, moved)
    os.replace(path, target)
    _drop_leftover(path)
    log.warning("set aside the store that could not be opened: %s", target)
    return target
