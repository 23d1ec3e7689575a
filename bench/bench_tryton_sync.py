"""Sync speed against a real Tryton on 127.0.0.1: first sync of a book, then a no-op sync.

    .venv/bin/python bench/bench_tryton_sync.py [--accounts 60 5000] [--cache DIR]

Each book is seeded once into a cached Tryton database (slow the first time: it goes through
the connector's batched creates), then copied for every run. Prints time, records/s and the
share of the wall time with a request to the server in flight versus none (the sync waiting on
Fieldbook alone: mapping, engine, SQLite; the engine asks for the next page while it writes
the current one, see sync/lookahead.py), and Fieldbook's own CPU time (its process, HTTP client
work included) as a share of the wall time. The issue's targets: < 20 % of the time in
Fieldbook, >= 2,450 records/s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring

from desktop.credentials import MemoryKeyring
from desktop.demo import generate_book
from desktop.store import Store
from sync.engine import SyncEngine
from sync.tryton import server as crm_server
from sync.tryton.connector import TrytonConnector
from sync.tryton.demo import build_seeded


def book_factory(seed: int, accounts: int) -> dict:
    return generate_book(seed=seed, accounts=accounts)


def measure(label: str, engine: SyncEngine, connector: TrytonConnector) -> None:
    calls, waited = connector.rpc.calls, connector.rpc.seconds_waiting
    started, cpu_started = time.perf_counter(), time.process_time()
    report = engine.sync()
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    waited = connector.rpc.seconds_waiting - waited
    calls = connector.rpc.calls - calls
    records = report.pulled + report.pushed
    rate = records / total if total else 0.0
    print(
        f"  {label:<12} {total:8.2f} s  {records:7d} records  {rate:8.0f} records/s  "
        f"{calls:5d} calls  a request in flight {100 * waited / total:5.1f} %  "
        f"none in flight (Fieldbook on the critical path) {100 * (total - waited) / total:5.1f} % "
        f"(target < 20 %)  Fieldbook CPU {100 * cpu / total:5.1f} % of the wall time  "
        f"ok={report.ok}"
    )


def run(accounts: int, cache: Path) -> None:
    started = time.perf_counter()
    seeded = build_seeded(cache, seed=7, accounts=accounts, book_factory=book_factory)
    prepared = time.perf_counter() - started
    print(f"book of {accounts} accounts (seeded database ready in {prepared:.1f} s)")
    with tempfile.TemporaryDirectory(prefix="fieldbook-bench-") as tmp:
        server = crm_server.start_copy(seeded, Path(tmp) / "crm")
        try:
            connector = TrytonConnector(server.url, server.database, crm_server.ADMIN_USER)
            connector.sign_in_with_password(crm_server.ADMIN_PASSWORD)
            store = Store.open(Path(tmp) / "store" / "book.sqlite")
            engine = SyncEngine(store, connector)
            measure("first sync", engine, connector)
            measure("no-op sync", engine, connector)
            store.close()
            connector.close()
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, nargs="+", default=[60, 5000])
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fieldbook-test-cache"
    )
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    for accounts in args.accounts:
        run(accounts, args.cache)


if __name__ == "__main__":
    main()
