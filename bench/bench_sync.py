"""How fast the sync engine moves a book: first sync, incremental sync, no-op sync.

    .venv/bin/python bench/bench_sync.py [--accounts 50000]

The CRM is the in-memory one (``sync.memory``), so the figures are the engine's and SQLite's
cost, not a network's. The first sync is compared with the raw SQLite insert rate of the same
rows into the same schema (full-text triggers included) in one transaction: the ratio is what
the engine's bookkeeping (base snapshots, merge checks, orphan checks, pages) costs on top.

``--encryption on|off``: every store of the run SQLCipher-encrypted or plain (the key in a file
keyring in the run's temporary folder, never the machine's); run both one after the other to
compare. Without it, stores are what ``Protection.default()`` says on this machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import entities as E
from desktop.clock import now_iso
from desktop.ids import new_id
from desktop.protection import Protection
from desktop.store import Store
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


def simple_book(accounts: int, seed: int = 7) -> dict[str, list[dict]]:
    """A plain book (used when desktop.demo cannot make one): ~10 records per account."""
    rng = random.Random(seed)
    book: dict[str, list[dict]] = {t: [] for t in E.TABLES}
    for n in range(accounts):
        a = new_id()
        book["accounts"].append(
            {
                "id": a,
                "name": f"Account {n}",
                "city": rng.choice(["Lyon", "Oslo", "Austin", "Pune"]),
                "tier": "growth",
                "mrr_cents": n * 100,
                "description": "A customer since 2019.\nRenews in spring.",
            }
        )
        contacts = []
        for c in range(2):
            contacts.append(new_id())
            book["contacts"].append(
                {
                    "id": contacts[-1],
                    "account_id": a,
                    "name": f"Person {n}-{c}",
                    "email": f"p{n}.{c}@example.com",
                }
            )
        opp = new_id()
        book["opportunities"].append(
            {
                "id": opp,
                "account_id": a,
                "name": f"Deal {n}",
                "stage": "proposal",
                "amount_cents": 100_000,
            }
        )
        book["contracts"].append(
            {
                "id": new_id(),
                "account_id": a,
                "number": f"C-{n}",
                "start_date": "2026-01-01",
                "term_months": 12,
            }
        )
        for k in range(4):
            book["notes"].append(
                {
                    "id": new_id(),
                    "account_id": a,
                    "contact_id": contacts[0],
                    "kind": "call",
                    "title": f"Call {k}",
                    "body": "Talked about the renewal and the new site. " * 3,
                    "occurred_at": "2026-03-01T10:00:00",
                }
            )
        book["tasks"].append(
            {"id": new_id(), "account_id": a, "subject": "Follow up", "status": "open"}
        )
    return book


def make_book(accounts: int) -> tuple[dict[str, list[dict]], str]:
    try:
        from desktop.demo import generate_book

        return generate_book(accounts=accounts), "desktop.demo.generate_book"
    except Exception as error:  # noqa: BLE001 - the demo generator is optional here
        print(f"(desktop.demo unavailable: {error!r}; using a plain generated book)")
        return simple_book(accounts), "bench.simple_book"


def raw_insert_rate(book, folder: Path, protection=None) -> tuple[float, int]:
    """Rows per second for plain executemany INSERTs of the book, one transaction."""
    store = Store.open(folder / "raw.sqlite", protection)
    db = store.db
    stamp = now_iso()
    total = 0
    started = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    for entity in E.ENTITIES:
        rows = book.get(entity.table) or []
        fields = entity.field_names
        cols = ", ".join(("id", "created_at", "updated_at", *fields))
        marks = ", ".join("?" * (len(fields) + 3))
        db.executemany(
            f"INSERT INTO {entity.table} ({cols}) VALUES ({marks})",
            ((r["id"], stamp, stamp, *[r.get(f) for f in fields]) for r in rows),
        )
        total += len(rows)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    store.close()
    return total / elapsed, total


def bulk_insert_rate(book, folder: Path, protection=None) -> float | None:
    """Rows per second of desktop.demo.load_book (staging table + INSERT ... SELECT)."""
    try:
        from desktop.demo import load_book
    except ImportError:
        return None
    store = Store.open(folder / "bulk.sqlite", protection)
    total = sum(len(rows) for rows in book.values())
    started = time.perf_counter()
    load_book(store, book)
    elapsed = time.perf_counter() - started
    store.close()
    return total / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--encryption", choices=("on", "off"), help="encrypt every store or none")
    args = parser.parse_args()

    started = time.perf_counter()
    book, source = make_book(args.accounts)
    total = sum(len(rows) for rows in book.values())
    print(
        f"book: {args.accounts} accounts, {total} records ({source}),"
        f" made in {time.perf_counter() - started:.1f} s"
    )

    crm = MemoryCRM()
    for entity in E.ENTITIES:
        for row in book.get(entity.table) or []:
            crm.put(entity.table, row["id"], row)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        protection = None
        if args.encryption:
            from store_encryption import use_bench_keyring

            use_bench_keyring(folder)
            protection = Protection(encrypt=args.encryption == "on")
        raw_rate, _ = raw_insert_rate(book, folder, protection)
        bulk_rate = bulk_insert_rate(book, folder, protection)

        store = Store.open(folder / "client.sqlite", protection)
        print(f"store: {'encrypted' if store.encrypted else 'plain'}")
        engine = SyncEngine(store, MemoryConnector(crm))
        t0 = time.perf_counter()
        report = engine.sync()
        first = time.perf_counter() - t0
        assert report.ok and report.pulled == total, report
        rate = total / first
        print(f"first sync:       {total} records in {first:.2f} s = {rate:,.0f} records/s")
        print(f"raw SQLite insert: {raw_rate:,.0f} rows/s -> sync/raw ratio {rate / raw_rate:.2f}")
        if bulk_rate:
            print(
                f"bulk SQLite load (INSERT...SELECT): {bulk_rate:,.0f} rows/s"
                f" -> sync/bulk ratio {rate / bulk_rate:.2f}"
            )

        t0 = time.perf_counter()
        report = engine.sync()
        noop = time.perf_counter() - t0
        assert report.ok and report.pulled == 0
        print(f"no-op sync:       {noop * 1000:.1f} ms")

        rng = random.Random(1)
        accounts = [r["id"] for r in book["accounts"]]
        for n in range(args.changes):
            crm.edit("accounts", rng.choice(accounts), {"city": f"Remote city {n}"})
        t0 = time.perf_counter()
        report = engine.sync()
        pull_inc = time.perf_counter() - t0
        assert report.ok, report.errors
        print(f"incremental pull: {args.changes} remote changes in {pull_inc * 1000:.1f} ms")

        for n in range(args.changes):
            store.update("accounts", rng.choice(accounts), {"phone": f"+1 555 {n:04d}"})
        t0 = time.perf_counter()
        report = engine.sync()
        push_inc = time.perf_counter() - t0
        assert report.ok and store.pending_count() == 0, report.errors
        print(
            f"incremental push: {args.changes} local changes in {push_inc * 1000:.1f} ms"
            f" ({report.pushed} mutations)"
        )
        store.close()


if __name__ == "__main__":
    main()
