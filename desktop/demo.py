"""The demo book of business: a deterministic, realistic book for a data-centre and network rep.

``generate_book`` invents accounts (groups and their subsidiaries) across the cities where
colocation, interconnection and network services are sold, with their people and reporting
lines, months of notes written the way a rep writes them, opportunities in every stage,
contracts with notice periods, tasks and a spread of health and churn risk. The same seed and
``today`` give the same book, byte for byte; dates are relative to ``today`` so the demo always
looks current. Names, places and note templates live in ``resources/demo/``.

``load_book`` puts a book into a store as if it had just been synced (no outbox rows), fast
enough for the 50,000-account benchmark store.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import entities as E
from .accounts import tier_for
from .demo_accounts import BookMaker
from .demo_base import DEMO_CURRENCY, DEMO_OWNER
from .store import Store


def generate_book(
    seed: int = 7,
    accounts: int = 60,
    today: dt.date | None = None,
    notes_per_account: int | None = None,
) -> dict[str, list[dict]]:
    """A book of business: table name -> records (with ``id``), parents before children.

    Values are in store form (integer cents, ISO dates and date-times). Deterministic for a
    given (seed, accounts, today, notes_per_account).
    """
    today = today or dt.date.today()
    return BookMaker(seed, today, notes_per_account).make(accounts)


def load_book(store: Store, book: dict[str, list[dict]]) -> None:
    """Insert ``book`` into ``store`` as if it had just been synced: no outbox rows.

    One transaction; listeners hear it as a sync change. Rows go in a table at a time through
    ``Store.insert_synced`` (one statement per table, which keeps full-text indexing fast).
    """
    db = store.db
    with store.transaction(origin="sync") as changes:
        # A big cache keeps the id and full-text indexes in memory while a large book goes in.
        previous_cache = db.execute("PRAGMA cache_size").fetchone()[0]
        db.execute("PRAGMA cache_size = -262144")
        try:
            for entity in E.ENTITIES:
                rows = book.get(entity.table) or []
                if not rows:
                    continue
                store.insert_synced(entity.table, ((r["id"], r) for r in rows))
                changes.tables.setdefault(entity.table, set()).update(r["id"] for r in rows)
        finally:
            db.execute(f"PRAGMA cache_size = {previous_cache}")


def ensure_demo_store(path: Path | str, seed: int = 7, today: dt.date | None = None) -> Store:
    """The store at ``path``, filled with the demo book on first use; quick when it exists."""
    from .protection import Protection

    store = Store.open(path, Protection.for_demo())  # made-up data: plain unless IT says
    if not store.has_accounts():
        load_book(store, generate_book(seed=seed, today=today))
    return store


__all__ = [
    "DEMO_CURRENCY",
    "DEMO_OWNER",
    "ensure_demo_store",
    "generate_book",
    "load_book",
    "tier_for",
]
