"""Sync speed against the Salesforce-dialect test server: first sync of a book, then a no-op.

    .venv/bin/python bench/bench_salesforce_sync.py [--accounts 60 5000]

The server runs in its own process (``tests/salesforce_server``), loaded directly with the demo
book (no HTTP: the bench measures the sync, not the loading). Fieldbook signs in through the
OAuth PKCE flow and syncs into a fresh store. Prints time, records/s, API calls, the share of
the time spent waiting on the server, and Fieldbook's own CPU share (this process's CPU time
over the wall time: mapping, engine, SQLite, JSON).
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
from desktop.store import Store
from sync.engine import SyncEngine
from sync.salesforce.auth import AuthFlow
from sync.salesforce.connector import SalesforceConnector
from sync.salesforce.demo import CONSUMER_KEY, approve_in_browser
from tests.salesforce_server.process import ServerProcess


def measure(label: str, engine: SyncEngine, connector: SalesforceConnector) -> None:
    rest = connector.rest
    waited = rest.seconds_waiting if rest else 0.0
    used = connector.api_usage()
    cpu, started = time.process_time(), time.perf_counter()
    report = engine.sync()
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu
    assert connector.rest is not None
    waited = connector.rest.seconds_waiting - waited
    after = connector.api_usage()
    calls = after[0] - (used[0] if used else 0) if after else 0
    records = report.pulled + report.pushed
    print(
        f"  {label:<10} {total:8.2f} s  {records:7d} records  {records / total:8.0f} records/s  "
        f"{calls:5d} API calls  waiting on server {100 * waited / total:5.1f} %  "
        f"Fieldbook CPU {100 * cpu / total:5.1f} %  ok={report.ok}"
    )


def run(accounts: int) -> None:
    server = ServerProcess()
    try:
        started = time.perf_counter()
        loaded = server.switch("load_demo_book", accounts=accounts)["records"]
        print(
            f"book of {accounts} accounts: {loaded} records (loaded in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        flow = AuthFlow(server.url, CONSUMER_KEY, 1717)
        server.switch("callback", url=flow.redirect_uri)
        flow.finish(approve_in_browser(flow.authorize_url()))
        with tempfile.TemporaryDirectory(prefix="fieldbook-bench-") as tmp:
            store = Store.open(Path(tmp) / "bench.sqlite")
            connector = SalesforceConnector(server.url, CONSUMER_KEY)
            engine = SyncEngine(store, connector)
            measure("first sync", engine, connector)
            # At once, the overlap (the last 2 s of changes) is read again; once Salesforce's
            # clock is past it, a no-op sync reads nothing but empty pages.
            measure("no-op sync", engine, connector)
            time.sleep(3)
            measure("no-op later", engine, connector)
            connector.close()
            store.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, nargs="+", default=[60, 5000])
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())  # never the machine's keyring
    for accounts in args.accounts:
        run(accounts)


if __name__ == "__main__":
    main()
