"""Encryption on next to off, in one run (issue 16): ``bench/bench_store.py --encryption``.

The cached plain store is copied twice: once encrypted in place (the migration a rep's first
start of the new version runs, timed), once plain with ``VACUUM INTO``, which lays the file out
afresh as ``sqlcipher_export`` does, so neither twin gains from a compacted layout. Both open
through ``desktop.transaction.connect``: the same page cache and pragmas, only the key differs.
Each figure is measured on both files, alternating plain and encrypted so a busy neighbour
slows both alike:

- open (``bench/store_open.py``): the app's start, Qt included, with the store's key and first
  connection read ahead while Qt loads, as ``fieldbook`` does; for information, the window's
  open once Qt is up, and the store opened with nothing before it (with and without its keyring
  read); with the bench's file keyring and, where GNOME Keyring runs, with a Secret Service;
  then, in the same process and for information (no target: the accounts list counts in the
  background), the count of every account: a cold walk of a whole index, where every page is
  decrypted and checked once;
- search p95: every rare, common and prefix term of bench_store together, each query's median
  over four rounds after a first one that reads the pages in, then the p95 over the queries;
  and a "first pass": the same searches on a new connection, when no page of the encrypted
  file is decrypted in its page cache yet (each query's median over five such connections,
  the variants taking turns; both files are read through first, so neither waits for the
  disk);
- list page p95: the accounts list's first page (ids by name, then the 100 rows);
- edit rate: ``create_many`` of notes, 100 per call, rolled back (best of the rounds);
- first sync apply rate: a first sync of a book from the in-memory CRM into a new store.

Targets: every throughput >= 70% of the plain one, every latency <= 1.4x the plain one.
The keyring is a file keyring in ``bench/out`` (``desktop.credentials.FileKeyring``), shared
with the child processes: the bench never touches the machine's keyring. A real OS keyring
(Secret Service over D-Bus, the macOS Keychain, Windows' Credential Manager) is slower than
this file: the figures ending in ", GNOME" are measured with GNOME's Secret Service, in a D-Bus
session of their own (``bench/store_open.py``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import store_open

from desktop import entities as E
from desktop import protection
from desktop.credentials import TEST_KEYRING_ENV, FileKeyring
from desktop.protection import Protection
from desktop.queries import AccountFilter
from desktop.store import Store

PLAIN = Protection(encrypt=False)
ENCRYPTED = Protection(encrypt=True)
PLAIN_, NO_KEY, ENCRYPTED_ = "plain", "no key", "encrypted"
# "no key" is a control, not a product mode: the plain twin opened through SQLCipher's own
# SQLite (3.53; the stdlib's is 3.40), so "encrypted / no key" is what the cipher alone costs
# and "no key / plain" what the newer SQLite changes (faster FTS5 writes, other plans).
VARIANTS = (PLAIN_, NO_KEY, ENCRYPTED_)


@contextlib.contextmanager
def _sqlite_of(variant: str) -> Iterator[None]:
    """Connections made meanwhile for a plain store use SQLCipher's SQLite when ``variant`` is
    the control (a connection keeps the module it was made with)."""
    if variant != NO_KEY:
        yield
        return
    import sqlcipher3

    from desktop import transaction

    saved = transaction.sqlite3
    transaction.sqlite3 = types.SimpleNamespace(  # type: ignore[assignment]
        connect=sqlcipher3.connect, Row=sqlcipher3.Row
    )
    try:
        yield
    finally:
        transaction.sqlite3 = saved


def _open_store(path: Path, variant: str) -> Store:
    with _sqlite_of(variant):
        store = Store.open(path, ENCRYPTED if variant == ENCRYPTED_ else PLAIN)
        store.db  # this thread's connection, made now  # noqa: B018
    assert store.encrypted == (variant == ENCRYPTED_)
    return store


MAX_LATENCY_RATIO = 1.4
FIRST_PASSES = 5
SEARCH_ROUNDS = 4
MIN_THROUGHPUT_RATIO = 0.70


def use_bench_keyring(folder: Path) -> None:
    path = folder / "bench-keyring.json"
    os.environ[TEST_KEYRING_ENV] = str(path)
    os.environ["PYTHON_KEYRING_BACKEND"] = "desktop.credentials.FileKeyring"
    keyring.set_keyring(FileKeyring(path))


def encrypted_copy(plain: Path) -> tuple[Path, float | None]:
    """The encrypted twin of ``plain`` (made when missing or older) and the seconds it took."""
    target = plain.with_name(plain.stem + "-encrypted.sqlite")
    fresh = target.exists() and target.stat().st_mtime >= plain.stat().st_mtime
    if fresh and protection.load_key(target) is not None:
        return target, None
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(plain, target)
    started = time.perf_counter()
    key = protection.load_key(target) or protection.create_key(target)
    protection.encrypt_in_place(target, key)
    return target, time.perf_counter() - started


def plain_copy(plain: Path) -> Path:
    """The plain twin: ``VACUUM INTO`` writes every table and index afresh, as the encrypting
    export does, so both twins have the same layout (the cached store has its build's)."""
    target = plain.with_name(plain.stem + "-plain.sqlite")
    if target.exists() and target.stat().st_mtime >= plain.stat().st_mtime:
        return target
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    db = sqlite3.connect(str(plain))
    try:
        db.execute("VACUUM INTO ?", (str(target),))
    finally:
        db.close()
    return target


def _p95(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _search_ms(store: Store, queries: list[str]) -> list[float]:
    """The ms of searching for every query once, in turn."""
    times = []
    for query in queries:
        started = time.perf_counter()
        store.search(query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p95_of_medians(rounds: list[list[float]]) -> float:
    """The p95 over the queries of each query's median ms across rounds: a moment the machine
    was busy slows one query of one round, not the tail of the figure."""
    medians = sorted(statistics.median(times) for times in zip(*rounds, strict=True))
    return medians[min(len(medians) - 1, round(0.95 * (len(medians) - 1)))]


def _edit_rate(store: Store, count: int, rounds: int, note_values) -> float:
    account_ids = [r[0] for r in store.db.execute("SELECT id FROM accounts LIMIT 200")]
    values = [note_values(account_ids[i % len(account_ids)], i) for i in range(count)]
    best = float("inf")

    class Rollback(Exception):
        pass

    for _ in range(rounds):
        try:
            with store.transaction():
                started = time.perf_counter()
                for start in range(0, count, 100):
                    store.create_many("notes", values[start : start + 100])
                best = min(best, time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
    return count / best


def _first_sync_rates(folder: Path, accounts: int, rounds: int = 3) -> dict[str, float]:
    """Records/s of a first sync into a new store, each variant in turn; the best
    of ``rounds`` each (a write-heavy figure: the one most sensitive to a busy neighbour)."""
    from desktop.demo import generate_book
    from sync.engine import SyncEngine
    from sync.memory import MemoryConnector, MemoryCRM

    book = generate_book(seed=3, accounts=accounts)
    crm = MemoryCRM()
    for entity in E.ENTITIES:
        for row in book.get(entity.table) or []:
            crm.put(entity.table, row["id"], row)
    total = sum(len(rows) for rows in book.values())
    best = dict.fromkeys(VARIANTS, 0.0)
    for n in range(rounds):
        for variant in VARIANTS:
            path = folder / f"sync-{variant.replace(' ', '-')}-{n}.sqlite"
            store = _open_store(path, variant)
            started = time.perf_counter()
            report = SyncEngine(store, MemoryConnector(crm)).sync()
            elapsed = time.perf_counter() - started
            assert report.ok and report.pulled == total, report.errors
            store.close()
            protection.forget_key(path)  # the bench keyring keeps only the cached twin's key
            best[variant] = max(best[variant], total / elapsed)
    return best


def _read_through(path: Path) -> None:
    with open(path, "rb") as file:
        while file.read(1 << 22):
            pass


def compare(plain_path: Path, root: Path, terms: dict[str, list[str]], args, note_values) -> bool:
    """Print the figures and ratios; True when every target is met."""
    use_bench_keyring(plain_path.parent)
    encrypted_path, took = encrypted_copy(plain_path)
    plain_path = plain_copy(plain_path)
    size = plain_path.stat().st_size / 1e6
    if took is not None:
        print(f"\nencrypting the {size:.0f} MB store (the first start's migration): {took:.1f} s")
    queries = [q for kind in terms.values() for q in kind]
    for path in (plain_path, encrypted_path):  # both in the OS cache: no twin pays for a disk
        _read_through(path)
    figures: dict[str, dict[str, float]] = {variant: {} for variant in VARIANTS}
    paths = {PLAIN_: plain_path, NO_KEY: plain_path, ENCRYPTED_: encrypted_path}
    stores = {variant: _open_store(paths[variant], variant) for variant in VARIANTS}
    for variant, named in store_open.figures(paths, root).items():
        figures[variant].update(named)
    print("  opened each (new processes)", flush=True)
    first_passes: dict[str, list[list[float]]] = {variant: [] for variant in VARIANTS}
    for _ in range(FIRST_PASSES):  # each on a new connection: an empty page cache
        for variant in VARIANTS:
            fresh = _open_store(paths[variant], variant)
            first_passes[variant].append(_search_ms(fresh, queries))
            fresh.close()
    for variant, passes in first_passes.items():
        figures[variant]["search p95 ms, first pass"] = _p95_of_medians(passes)
    searches: dict[str, list[list[float]]] = {variant: [] for variant in VARIANTS}
    for n in range(SEARCH_ROUNDS + 1):  # the variants take turns in every round
        print(f"  round {n + 1} of list and search", flush=True)
        for variant, store in stores.items():

            def first_page(store=store):
                page = store.account_page(AccountFilter(), "name", False, None, 100)
                return store.account_rows(page.ids)

            page = _p95(first_page, args.runs)
            if n:  # the first round reads the pages in: the first pass above says what it costs
                searches[variant].append(_search_ms(store, queries))
            seen = figures[variant]
            seen["list page p95 ms"] = min(seen.get("list page p95 ms", 1e9), page)
    for variant, rounds in searches.items():
        figures[variant]["search p95 ms"] = _p95_of_medians(rounds)
    # The edits after every read: each round is rolled back, and a rollback drops the pages it
    # changed from the page cache, which the next round's searches would read afresh.
    for n in range(3):
        print(f"  round {n + 1} of edits", flush=True)
        for variant, store in stores.items():
            edits = _edit_rate(store, args.edits, max(2, args.rounds // 2), note_values)
            seen = figures[variant]
            seen["edit rate /s"] = max(seen.get("edit rate /s", 0.0), edits)
    for store in stores.values():
        store.close()
    print("  first syncs", flush=True)
    with tempfile.TemporaryDirectory(dir=plain_path.parent) as tmp:
        rates = _first_sync_rates(Path(tmp), args.sync_accounts)
        for variant, rate in rates.items():
            figures[variant]["first sync apply /s"] = rate

    print(f"\nencryption on vs off ({args.sync_accounts} accounts for the first sync):")
    print(
        f"  {'figure':32s} {'plain':>9s} {'no key':>9s} {'encrypted':>9s}  ratio   target"
        "      cipher alone (encrypted / no key)"
    )
    ok = True
    for name in figures[PLAIN_]:
        plain, control, encrypted = (figures[v][name] for v in VARIANTS)
        values = f"{plain:9.1f} {control:9.1f} {encrypted:9.1f}"
        kind = name.removesuffix(store_open.SECRET_SERVICE)
        if kind in store_open.NO_RATIO:
            print(f"  {name:32s} {values}")
            continue
        if kind in store_open.INFORMATION:
            print(
                f"  {name:32s} {values}  {encrypted / plain:4.2f}x  {store_open.INFORMATION[kind]}"
            )
            continue
        ratio, alone = encrypted / plain, encrypted / control
        if name.endswith("/s"):
            met = ratio >= MIN_THROUGHPUT_RATIO
            target = f">= {MIN_THROUGHPUT_RATIO:.0%}"
            shown, shown_alone = f"{ratio:5.0%}", f"{alone:5.0%}"
        else:
            met = ratio <= MAX_LATENCY_RATIO
            target = f"<= {MAX_LATENCY_RATIO}x"
            shown, shown_alone = f"{ratio:4.2f}x", f"{alone:4.2f}x"
        ok &= met
        print(
            f"  {name:32s} {values}  {shown}  {target:7s} {'met   ' if met else 'MISSED'}"
            f" {shown_alone}"
        )
    return ok
