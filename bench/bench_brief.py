"""How long a trip pack takes: 20 account briefs composed and written to one PDF.

    .venv/bin/python bench/bench_brief.py [--accounts 20] [--book 60]

Uses the demo book (desktop/demo.py) when it is there, else a built-in generator of realistic
accounts. Prints compose and PDF times; the target is a few seconds for 20 accounts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QGuiApplication

from desktop.brief import compose_brief
from desktop.store import Store

TODAY = dt.date(2026, 11, 22)


def fill_store(store: Store, accounts: int) -> None:
    try:
        from desktop import demo
    except ImportError:
        demo = None
    if demo is not None:
        try:
            book = demo.generate_book(seed=7, accounts=accounts, today=TODAY)
        except Exception as exc:  # noqa: BLE001 (a broken demo must not stop the bench)
            print(f"demo book unavailable ({exc}); using the built-in generator")
        else:
            demo.load_book(store, book)
            print("book: desktop/demo.py")
            return
    rng = random.Random(7)
    cities = ["Osaka", "Athens", "Lyon", "Chicago", "Berlin"]
    with store.transaction():
        for i in range(accounts):
            a = store.create(
                "accounts",
                {
                    "name": f"Account {i} 株式会社",
                    "city": rng.choice(cities),
                    "type": "customer",
                    "tier": "enterprise",
                    "health": rng.choice(["green", "amber", "red"]),
                    "mrr_cents": rng.randint(1, 90) * 100_000,
                    "nps": rng.randint(-50, 80),
                },
            )
            contacts = []
            for j in range(rng.randint(3, 8)):
                contacts.append(
                    store.create(
                        "contacts",
                        {
                            "account_id": a,
                            "name": f"Contact {j} Παπαδόπουλος",
                            "role": rng.choice(
                                ["champion", "economic_buyer", "influencer", "user"]
                            ),
                            "stance": rng.choice(["supporter", "neutral", "detractor"]),
                            "last_contacted": (
                                TODAY - dt.timedelta(days=rng.randint(0, 120))
                            ).isoformat(),
                        },
                    )
                )
            for j in range(rng.randint(1, 5)):
                store.create(
                    "opportunities",
                    {
                        "account_id": a,
                        "name": f"Deal {j}",
                        "type": "upsell",
                        "stage": "proposal",
                        "amount_cents": rng.randint(1, 500) * 100_000,
                        "close_date": (
                            TODAY + dt.timedelta(days=rng.randint(-20, 120))
                        ).isoformat(),
                    },
                )
            for j in range(rng.randint(1, 3)):
                store.create(
                    "contracts",
                    {
                        "account_id": a,
                        "number": f"C-{i}-{j}",
                        "start_date": "2025-01-01",
                        "end_date": (TODAY + dt.timedelta(days=rng.randint(10, 400))).isoformat(),
                        "notice_days": 60,
                        "status": "active",
                    },
                )
            for j in range(rng.randint(5, 30)):
                store.create(
                    "notes",
                    {
                        "account_id": a,
                        "kind": "meeting",
                        "title": f"Meeting {j}",
                        "body": "Discussed the roadmap; they mentioned an escalation.\nMore text.",
                        "occurred_at": (
                            dt.datetime(2026, 11, 1) - dt.timedelta(days=j * 7)
                        ).isoformat(),
                    },
                )
            for j in range(rng.randint(0, 6)):
                store.create(
                    "tasks",
                    {
                        "account_id": a,
                        "subject": f"Follow up {j}",
                        "status": "open",
                        "due_date": (TODAY + dt.timedelta(days=rng.randint(-10, 20))).isoformat(),
                    },
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=20, help="briefs in the trip pack")
    parser.add_argument("--book", type=int, default=60, help="accounts in the store")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QGuiApplication(sys.argv)  # noqa: F841 (fonts need an application)
    from ui.brief_export import export_trip_pack
    from ui.brief_pages import write_pdf  # noqa: F401 (imported for a warm start)

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "book.sqlite")
        started = time.perf_counter()
        fill_store(store, max(args.book, args.accounts))
        print(f"store filled in {time.perf_counter() - started:.2f} s")
        ids = store.account_ids()[: args.accounts]

        compose = []
        for _ in range(args.runs):
            t = time.perf_counter()
            for account_id in ids:
                compose_brief(store, account_id, today=TODAY)
            compose.append(time.perf_counter() - t)
        print(f"compose {len(ids)} briefs: median {statistics.median(compose) * 1000:.0f} ms")

        totals, pages = [], 0
        for run in range(args.runs):
            path = Path(tmp) / f"trip-{run}.pdf"
            t = time.perf_counter()
            pages = export_trip_pack(store, ids, path, today=TODAY)
            totals.append(time.perf_counter() - t)
        size = path.stat().st_size / 1024
        print(
            f"trip pack of {len(ids)} accounts: {pages} pages, {size:.0f} KiB, "
            f"median {statistics.median(totals):.2f} s (runs: "
            + ", ".join(f"{x:.2f}" for x in totals)
            + ")"
        )
        store.close()


if __name__ == "__main__":
    main()
