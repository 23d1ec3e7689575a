"""The store encrypted at rest (issue 16): unreadable without its key, nothing in plain text on
disk after a sync, plain stores encrypted without loss, and the missing-key and no-keyring paths.
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest
from older_stores import encrypt_as_first_release

from desktop import cipher, logs, protection
from desktop.credentials import MemoryKeyring
from desktop.errors import ErrorInfo
from desktop.protection import EncryptionUnavailable, Protection, StoreKeyMissing
from desktop.security_policy import PolicyError, SecurityPolicy
from desktop.store import Store
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM

ACCOUNT = "Zebrafinch Quarrying Holdings"
NOTE = "Margarethe wants the blue turbine quote before Thursday"
PLAIN = Protection(encrypt=False)


def _plain_store(path: Path, accounts: int = 3) -> list[str]:
    store = Store.open(path, PLAIN)
    ids = store.create_many(
        "accounts", [{"name": f"{ACCOUNT} {n}", "city": "Zwickau"} for n in range(accounts)]
    )
    store.create_many(
        "notes",
        [
            {
                "account_id": account,
                "title": "Visit",
                "body": NOTE,
                "kind": "meeting",
                "occurred_at": "2026-11-30T10:00",
            }
            for account in ids
        ],
    )
    store.close()
    return ids


def test_the_profile_file_cannot_be_read_with_plain_sqlite(file_keyring, tmp_path):
    path = tmp_path / "p" / "book.sqlite"
    store = Store.open(path)
    assert store.encrypted
    store.create("accounts", {"name": ACCOUNT})
    store.close()
    assert not cipher.is_plain(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    again = Store.open(path)
    assert [hit.title for hit in again.search("zebrafinch")] == [ACCOUNT]
    again.close()


def _strings(path: Path, minimum: int = 6) -> str:
    """What ``strings`` finds in a file: runs of printable ASCII (and UTF-16 via -el)."""
    found = []
    for encoding in ("s", "l"):
        result = subprocess.run(
            ["strings", "-a", "-n", str(minimum), "-e", encoding, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        found.append(result.stdout)
    return "\n".join(found)


def test_nothing_a_rep_wrote_is_readable_on_disk_after_a_sync(file_keyring, tmp_path, monkeypatch):
    if subprocess.run(["which", "strings"], capture_output=True).returncode:
        pytest.skip("binutils' strings is not installed")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    log_folder = tmp_path / "logs"
    logs.setup_logging(logging.DEBUG, folder=log_folder)
    try:
        crm = MemoryCRM()
        remote = crm.create("accounts", {"name": ACCOUNT + " North"})
        crm.create(
            "notes",
            {
                "account_id": remote,
                "title": "Remote",
                "body": NOTE + " (CRM)",
                "kind": "call",
                "occurred_at": "2026-11-29T10:00",
            },
        )
        path = tmp_path / "profile" / "book.sqlite"
        store = Store.open(path)
        account = store.create("accounts", {"name": ACCOUNT})
        store.create(
            "notes",
            {
                "account_id": account,
                "title": "Visit",
                "body": NOTE,
                "kind": "meeting",
                "occurred_at": "2026-11-30T10:00",
            },
        )
        engine = SyncEngine(store, MemoryConnector(crm))
        report = engine.sync()
        assert report.ok, report.errors
        assert store.search("Margarethe")  # the sync brought the CRM's note too
        wal = Path(str(path) + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the WAL is still open: check it too
        files = [
            p
            for p in [*path.parent.iterdir(), *log_folder.rglob("*"), *temp.rglob("*")]
            if p.is_file()
        ]
        secrets = ("Zebrafinch", "Margarethe", "turbine")
        for file in files:
            text = _strings(file)
            for secret in secrets:
                assert secret not in text, f"{secret!r} readable in {file.name}"
        store.close()
    finally:
        logs.stop_logging()


def test_a_plain_store_is_encrypted_on_first_open_and_loses_nothing(file_keyring, tmp_path):
    path = tmp_path / "p" / "book.sqlite"
    ids = _plain_store(path, accounts=40)
    assert cipher.is_plain(path)
    seen = []
    store = Store.open(path, progress=seen.append)
    assert store.encrypted and not cipher.is_plain(path)
    assert store.account_count() == 40
    assert {store.get("accounts", i)["name"] for i in ids} == {f"{ACCOUNT} {n}" for n in range(40)}
    assert store.pending_count() == 80  # the outbox came along: nothing unsynced is lost
    assert len(store.search("turbine")) >= 1  # full-text index and triggers too
    store.create("accounts", {"name": "After encryption"})
    assert store.search("after encryption")
    assert store.integrity_ok()
    assert seen and seen[-1] == 1.0
    assert not Path(str(path) + protection.ENCRYPTING_SUFFIX).exists()
    store.close()


def test_a_store_of_the_first_encrypted_release_is_re_encrypted_and_loses_nothing(
    file_keyring, tmp_path
):
    path = tmp_path / "p" / "book.sqlite"
    ids = _plain_store(path, accounts=40)
    key = encrypt_as_first_release(path)
    assert not cipher.key_fits(path, key)  # SHA-512 pages: the current format cannot read it
    store = Store.open(path)
    assert store.encrypted
    assert store.db.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA256"
    assert store.account_count() == 40 and store.pending_count() == 80
    assert store.get("accounts", ids[7])["name"] == f"{ACCOUNT} 7"
    assert len(store.search("turbine")) >= 1
    assert store.integrity_ok()
    store.close()
    assert protection.load_key(path) == key  # the same key, the pages written anew
    assert cipher.key_fits(path, key)
    assert not cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT)
    assert not Path(str(path) + protection.ENCRYPTING_SUFFIX).exists()


def test_a_first_release_store_that_cannot_be_re_encrypted_still_opens(
    file_keyring, tmp_path, monkeypatch
):
    path = tmp_path / "p" / "book.sqlite"
    _plain_store(path, accounts=40)
    key = encrypt_as_first_release(path)
    export = cipher.export_encrypted

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cipher, "export_encrypted", full_disk)
    store = Store.open(path)  # encrypted still, in its older pages: nothing lost, nothing asked
    assert store.encrypted and store.account_count() == 40 and store.pending_count() == 80
    store.create("accounts", {"name": "Written Meanwhile"})
    store.close()
    assert cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT)
    assert not Path(str(path) + protection.ENCRYPTING_SUFFIX).exists()
    Store.open(path).close()  # the same run does not try again
    assert cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT)

    monkeypatch.setattr(cipher, "export_encrypted", export)  # room again, and a new start:
    protection._not_upgraded.discard(path)
    store = Store.open(path)
    assert store.account_count() == 41 and store.pending_count() == 81
    store.close()
    assert cipher.key_fits(path, key)


def _encrypt_child(path: str, phase: str) -> None:
    """Encrypt the store at ``path`` and SIGKILL this process at ``phase`` of it."""

    def die(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if phase == "export":  # in the middle of sqlcipher_export, from its progress handler
        ticks = [0]

        def progress(_share: float) -> None:
            ticks[0] += 1
            if ticks[0] == 3:
                die()

        Store.open(path, progress=progress).close()
        return
    if phase == "verify":
        protection.cipher.verify_copy = die  # type: ignore[assignment]
    elif phase == "swap":  # verified, the plain WAL gone, the rename not yet done
        protection.os.replace = die  # type: ignore[assignment]
    elif phase == "after-swap":
        protection.cipher.fsync_folder = die  # type: ignore[assignment]
    Store.open(path).close()


def _counts_before_the_swap(path: Path, key: bytes | None) -> tuple[int, int] | None:
    """Accounts and outbox rows of the file as it was before encrypting (plain when ``key`` is
    None, else in the first release's format); None once the encrypted copy has replaced it."""
    if key is None:
        if not cipher.is_plain(path):
            return None
        db = sqlite3.connect(str(path))
    elif cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT):
        db = cipher.connect_encrypted(path, key, cipher.SQLCIPHER4_DEFAULT)
    else:
        return None
    try:
        return tuple(
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("accounts", "outbox")
        )
    finally:
        db.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("start", ["plain", "first encrypted release"])
def test_killing_the_encryption_midway_loses_nothing(file_keyring, tmp_path, start):
    path = tmp_path / "p" / "book.sqlite"
    ids = _plain_store(path, accounts=600)
    key = encrypt_as_first_release(path) if start != "plain" else None
    ctx = multiprocessing.get_context("fork")
    for phase in ("export", "verify", "swap", "export", "after-swap"):
        child = ctx.Process(target=_encrypt_child, args=(str(path), phase))
        child.start()
        child.join(60)
        assert child.exitcode == -signal.SIGKILL, f"{phase}: ended with {child.exitcode}"
        counts = _counts_before_the_swap(path, key)
        if counts is not None:  # killed before the swap: the file as it was is whole
            assert phase != "after-swap"
            assert counts == (600, 1200)
        else:
            assert phase == "after-swap"
    store = Store.open(path)  # the next start: encrypted already, or encrypted now
    assert store.encrypted
    assert store.account_count() == 600
    assert [store.get("accounts", i)["name"] for i in ids[:3]] == [
        f"{ACCOUNT} {n}" for n in range(3)
    ]
    assert store.pending_count() == 1200
    assert len(store.search("turbine")) >= 1
    assert store.integrity_ok()
    store.close()
    assert not Path(str(path) + protection.ENCRYPTING_SUFFIX).exists()


def _open_together(path: str, ready, failures) -> None:
    ready.wait(30)
    try:
        Store.open(path).close()
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
        failures.put(f"{type(exc).__name__}: {exc}")
        raise SystemExit(1) from None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("start", ["plain", "first encrypted release"])
def test_two_processes_starting_together_encrypt_the_store_once(file_keyring, tmp_path, start):
    """The window and the command line opening one older store at the same moment: one of them
    encrypts it while the other waits, and both then open it."""
    path = tmp_path / "p" / "book.sqlite"
    ids = _plain_store(path, accounts=600)
    if start != "plain":
        encrypt_as_first_release(path)
    ctx = multiprocessing.get_context("fork")
    ready, failures = ctx.Barrier(2), ctx.Queue()
    children = [ctx.Process(target=_open_together, args=(str(path), ready, failures)) for _ in "ab"]
    for child in children:
        child.start()
    for child in children:
        child.join(120)
    said = [failures.get(timeout=5) for child in children if child.exitcode != 0]
    assert said == []
    store = Store.open(path)
    assert store.encrypted and store.account_count() == 600 and store.pending_count() == 1200
    assert store.get("accounts", ids[599])["name"] == f"{ACCOUNT} 599"
    store.close()
    assert cipher.key_fits(path, protection.load_key(path))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_killing_the_encryption_at_random_instants_loses_nothing(file_keyring, tmp_path):
    path = tmp_path / "p" / "book.sqlite"
    _plain_store(path, accounts=600)
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(16)
    for _attempt in range(6):
        if not cipher.is_plain(path):
            break
        child = ctx.Process(target=Store.open, args=(str(path),))
        child.start()
        time.sleep(rng.uniform(0.0, 0.3))
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join(30)
        protect = PLAIN if cipher.is_plain(path) else Protection()
        store = Store.open(path, protect)
        assert store.account_count() == 600 and store.pending_count() == 1200
        store.close()


def test_a_missing_key_is_said_plainly_and_the_file_is_kept_aside(file_keyring, tmp_path):
    path = tmp_path / "p" / "book.sqlite"
    store = Store.open(path)
    store.create("accounts", {"name": ACCOUNT})  # a pending change nobody can read any more
    store.close()
    protection.forget_key(path)  # a new machine, a keyring reset
    with pytest.raises(StoreKeyMissing) as raised:
        Store.open(path)
    assert ErrorInfo.of(raised.value).kind == "store_key_missing"
    kept = protection.set_aside(path)
    assert kept.exists() and not path.exists()
    assert kept.read_bytes()[:16] != cipher.PLAIN_HEADER  # moved, not decrypted nor deleted
    fresh = Store.open(path)  # the fresh copy a sync fills again
    assert fresh.encrypted and fresh.account_count() == 0
    fresh.close()


def test_a_key_that_does_not_fit_prints_nothing_on_the_terminal(file_keyring, tmp_path, capfd):
    path = tmp_path / "p" / "book.sqlite"
    Store.open(path).close()
    capfd.readouterr()
    file_keyring.set_password("Fieldbook", protection.key_name(path), cipher.new_key().hex())
    with pytest.raises(StoreKeyMissing):
        Store.open(path)
    out, err = capfd.readouterr()
    assert out == "" and "hmac" not in err.lower() and "ERROR" not in err


def test_a_wrong_key_is_a_missing_key(file_keyring, tmp_path):
    path = tmp_path / "p" / "book.sqlite"
    Store.open(path).close()
    file_keyring.set_password("Fieldbook", protection.key_name(path), cipher.new_key().hex())
    with pytest.raises(StoreKeyMissing):
        Store.open(path)


def test_without_a_keyring_the_store_stays_plain_and_says_why(tmp_path):
    keyring.set_keyring(MemoryKeyring())  # what ui.app.ensure_keyring falls back to
    store = Store.open(tmp_path / "book.sqlite", Protection())
    assert not store.encrypted
    assert store.protection_note == protection.PLAIN_NO_KEYRING
    store.close()
    assert cipher.is_plain(tmp_path / "book.sqlite")


def test_without_a_keyring_it_opens_nothing_where_it_policy_requires_encryption(tmp_path):
    keyring.set_keyring(MemoryKeyring())
    required = Protection.default(SecurityPolicy(require_encryption=True))
    with pytest.raises(EncryptionUnavailable):
        Store.open(tmp_path / "book.sqlite", required)
    assert not (tmp_path / "book.sqlite").exists()


def test_the_demo_store_stays_plain_unless_policy_says(file_keyring):
    assert Protection.for_demo(SecurityPolicy()).encrypt is False
    assert Protection.for_demo(SecurityPolicy(encrypt_demo=True)).encrypt is True
    assert Protection.for_demo(SecurityPolicy(require_encryption=True)).require is True


def test_the_key_is_only_in_the_keyring(file_keyring, tmp_path):
    path = tmp_path / "p" / "book.sqlite"
    Store.open(path).close()
    key = protection.load_key(path)
    assert key is not None and len(key) == 32
    for file in path.parent.iterdir():
        assert key.hex().encode() not in file.read_bytes()
        assert key not in file.read_bytes()


def test_the_security_policy_refuses_what_it_cannot_use():
    policy = SecurityPolicy.from_mapping(
        {"require_encryption": True, "lock_after_days": 14, "wipe_on_revoke": False, "new": 1}
    )
    assert policy == SecurityPolicy(require_encryption=True, lock_after_days=14)
    assert SecurityPolicy.from_mapping(None) == SecurityPolicy()
    with pytest.raises(PolicyError, match="lock_after_days"):
        SecurityPolicy.from_mapping({"lock_after_days": "14"})
    with pytest.raises(PolicyError, match="wipe_on_revoke"):
        SecurityPolicy.from_mapping({"wipe_on_revoke": "yes"})


def test_sqlcipher_errors_are_caught_as_sqlite3_errors(file_keyring, tmp_path):
    store = Store.open(tmp_path / "book.sqlite")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO accounts (id, name) VALUES (NULL, NULL)")
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("SELECT * FROM no_such_table")
    store.close()


def test_a_child_process_opens_the_store_with_the_shared_test_keyring(file_keyring, tmp_path):
    path = tmp_path / "p" / "book.sqlite"
    store = Store.open(path)
    store.create("accounts", {"name": ACCOUNT})
    store.close()
    code = "import sys; from desktop.store import Store; print(Store.open(sys.argv[1]).account_count())"
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "1"


def test_the_strings_check_does_find_text_in_a_plain_store(tmp_path):
    """The control for the test above: the same check reads the names in a plain file."""
    if subprocess.run(["which", "strings"], capture_output=True).returncode:
        pytest.skip("binutils' strings is not installed")
    path = tmp_path / "book.sqlite"
    _plain_store(path, accounts=1)
    assert "Zebrafinch" in _strings(path)


def test_the_policy_is_read_through_the_provisioning_accessor(monkeypatch):
    """The adapter to issue 13's ``desktop.provisioning.policy_section("security")``."""
    import types

    from desktop import security_policy

    fake = types.ModuleType("desktop.provisioning")
    asked = []

    def policy_section(name):
        asked.append(name)
        return {"require_encryption": True, "lock_after_days": 30}

    fake.policy_section = policy_section  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.provisioning", fake)
    security_policy._provisioning_module.cache_clear()
    try:
        policy = SecurityPolicy.current()
    finally:
        security_policy._provisioning_module.cache_clear()
    assert asked == ["security"]
    assert policy == SecurityPolicy(require_encryption=True, lock_after_days=30)
    assert Protection.default(policy) == Protection(encrypt=True, require=True)


@pytest.mark.parametrize("encrypt", [False, True])
def test_a_new_store_sums_an_accounts_pipeline_from_its_own_opportunities(
    file_keyring, tmp_path, encrypt
):
    """SQLCipher's SQLite took v4's "empty" statistics at their word and ran the open-pipeline
    triggers through every open opportunity: a first sync quadratic in the book (v6)."""
    from desktop.schema import _OPEN_PIPELINE_V4

    store = Store.open(tmp_path / "new.sqlite", Protection(encrypt=encrypt))
    assert store.encrypted == encrypt
    sql = f"UPDATE accounts SET open_pipeline_cents = {_OPEN_PIPELINE_V4} WHERE id = ?"
    plan = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", ("x",))]
    store.close()
    assert any("opportunities_account (account_id=?)" in step for step in plan), plan


def test_asking_first_then_opening_reads_the_keyring_once(file_keyring, tmp_path, monkeypatch):
    """The window checks the key (``verify_key``) and then opens the store: one keyring read
    (a real keyring's is a D-Bus or Keychain round trip), and a forgotten key is not reused."""
    from desktop import credentials

    path = tmp_path / "book.sqlite"
    Store.open(path).close()
    reads = []
    load = credentials.load_secret
    monkeypatch.setattr(credentials, "load_secret", lambda name: reads.append(name) or load(name))
    protection.prepare(path, Protection(), verify_key=True)
    store = Store.open(path)
    assert store.encrypted and len(reads) == 1
    store.close()
    protection.prepare(path, Protection(), verify_key=True)
    protection.forget_key(path)
    with pytest.raises(StoreKeyMissing):
        Store.open(path)


def _encrypted_book(path: Path) -> None:
    store = Store.open(path)
    store.create("accounts", {"name": ACCOUNT})
    store.close()


def _counting_connections(monkeypatch) -> list[Path]:
    opened: list[Path] = []
    connect = cipher.connect_encrypted

    def counted(path, *args, **options):
        opened.append(Path(path))
        return connect(path, *args, **options)

    monkeypatch.setattr(cipher, "connect_encrypted", counted)
    return opened


def _window_opens(path: Path) -> Store:
    """What the window does before it shows the book (ui/store_guard.py, then Store.open)."""
    assert not protection.needs_encrypting(path, Protection())
    protection.prepare(path, Protection(), verify_key=True)
    return Store.open(path)


def test_the_window_opens_an_encrypted_file_once_its_key_check_included(
    file_keyring, tmp_path, monkeypatch
):
    """The connection that checked the key is the store's first: the window does not open,
    close and open the file again (each open of an encrypted file reads, decrypts and checks
    its pages afresh)."""
    path = tmp_path / "book.sqlite"
    _encrypted_book(path)
    opened = _counting_connections(monkeypatch)
    store = _window_opens(path)
    assert [hit.title for hit in store.search("zebrafinch")] == [ACCOUNT]
    assert opened == [path]
    store.close()


def test_reading_ahead_reads_the_key_and_opens_the_store_while_the_caller_goes_on(
    file_keyring, tmp_path, monkeypatch, caplog
):
    """``open_early`` (the app's start, while Qt loads): the keyring read happens on a thread,
    the caller is not held up by it, and the window's open then waits for it and uses it."""
    import threading

    from desktop import credentials

    path = tmp_path / "book.sqlite"
    _encrypted_book(path)
    readers: list[threading.Thread] = []
    key_read = threading.Event()
    load = credentials.load_secret

    def slow_keyring(name):
        readers.append(threading.current_thread())
        assert key_read.wait(10), "the caller was held up by the keyring read"
        return load(name)

    monkeypatch.setattr(credentials, "load_secret", slow_keyring)
    opened = _counting_connections(monkeypatch)
    caplog.set_level(logging.INFO, logger="desktop.protection")
    protection.open_early(path)
    key_read.set()  # reached only because open_early did not wait for the keyring
    store = _window_opens(path)
    assert len(readers) == 1 and readers[0] is not threading.current_thread()
    assert opened == [path]
    assert "opened it ahead of the window" in caplog.text  # the rep's log says so
    assert [hit.title for hit in store.search("zebrafinch")] == [ACCOUNT]
    store.close()


def test_reading_ahead_leaves_a_missing_key_or_a_failing_keyring_to_the_open(
    file_keyring, tmp_path, monkeypatch
):
    from desktop import credentials

    path = tmp_path / "book.sqlite"
    _encrypted_book(path)
    load = credentials.load_secret
    failures = iter([RuntimeError("the keyring daemon went away")])

    def failing_once(name):
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return load(name)

    monkeypatch.setattr(credentials, "load_secret", failing_once)
    protection.open_early(path)
    store = _window_opens(path)  # the open reads the key itself, and opens
    assert store.has_accounts()
    store.close()
    protection.forget_key(path)
    protection.open_early(path)
    with pytest.raises(StoreKeyMissing):
        protection.prepare(path, Protection(), verify_key=True)


def test_reading_ahead_a_file_that_cannot_be_read_leaves_it_to_the_window(file_keyring, tmp_path):
    """Before Qt, nothing may raise: the window's open meets the file and says what it is."""
    path = tmp_path / "book.sqlite"
    path.mkdir()
    (path / "something").write_text("x")
    protection.open_early(path)
    with pytest.raises(OSError):
        protection.prepare(path, Protection(), verify_key=True)


def test_a_store_set_aside_after_reading_ahead_is_not_the_one_that_opens(file_keyring, tmp_path):
    """The connection read ahead points at the file it opened: once that file is set aside (the
    rep chose a fresh copy), the store that opens is the new, empty one."""
    path = tmp_path / "book.sqlite"
    _encrypted_book(path)
    protection.open_early(path)
    kept = protection.set_aside(path)
    store = Store.open(path)
    assert not store.has_accounts()
    store.close()
    assert kept.exists()


def test_the_app_reads_ahead_the_profile_it_is_about_to_open(file_keyring, tmp_path, monkeypatch):
    import threading

    from desktop import credentials, paths
    from desktop.__main__ import build_parser, read_ahead

    base = tmp_path / "data"
    path = paths.store_path(base, "rep@crm.example.com")
    _encrypted_book(path)
    paths.remember_profile(base, "rep@crm.example.com")
    readers: list[threading.Thread] = []
    load = credentials.load_secret
    monkeypatch.setattr(
        credentials,
        "load_secret",
        lambda name: readers.append(threading.current_thread()) or load(name),
    )
    read_ahead(build_parser().parse_args(["--data-dir", str(base), "--demo"]))
    assert not readers  # the demo book is plain: nothing to read
    read_ahead(build_parser().parse_args(["--data-dir", str(base)]))
    store = _window_opens(path)
    assert store.has_accounts()
    assert len(readers) == 1 and readers[0] is not threading.current_thread()
    store.close()


def test_the_app_logs_to_its_file_before_it_reads_ahead(file_keyring, tmp_path, monkeypatch):
    """``fieldbook`` (desktop/__main__.py) sets up the rep's log before the read-ahead starts:
    a line the thread writes while Qt loads reaches the file."""
    import ui.app
    from desktop import logs, paths
    from desktop.__main__ import main

    base = tmp_path / "data"
    _encrypted_book(paths.store_path(base, "local"))
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    opened = []

    def window(args):  # the window's first step: the store, read ahead
        store = _window_opens(paths.store_path(base, "local"))
        opened.append(store.has_accounts())
        store.close()
        return 0

    monkeypatch.setattr(ui.app, "run", window)
    try:
        assert main(["--data-dir", str(base)]) == 0
    finally:
        logs.stop_logging()
    assert opened == [True]
    assert "opened it ahead of the window" in (tmp_path / "logs" / logs.LOG_FILE).read_text()
