"""Every page of the accounts list is read from an index (issue 17).

``EXPLAIN QUERY PLAN`` of each list statement: the first page of every sort (both directions,
keyed rows and rows with an empty key), of every filter by name, and of the few-matches path
(which may sort, but only the rows an index found). A full ``SCAN accounts`` or a
``USE TEMP B-TREE FOR ORDER BY`` over the whole table fails the test. Results are checked
against a plain sort in Python, so a fast page is also a right one.
"""

from __future__ import annotations

import random

import pytest

from desktop import account_list
from desktop import entities as E
from desktop.account_list import SORT_KEYS, first_page_sql
from desktop.ids import new_id
from desktop.queries import AccountFilter

CITIES = ["Frankfurt", "Paris", "Zürich", "Madrid", "Tokyo", "São Paulo", None]
OWNERS = ["Alex Morgan", "Priya Raman", "Jonas Weber"]
WORDS = ["Kaito", "Capital", "Harbor", "Vantage", "Andes", "Nordic", "Pizza", "Zeta"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    from desktop.store import Store

    rng = random.Random(17)
    store = Store.open(tmp_path_factory.mktemp("plans") / "book.sqlite")
    rows = []
    for n in range(3000):
        rows.append(
            (
                new_id(),
                {
                    "name": f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n:04d}",
                    "city": rng.choice(CITIES),
                    "owner": rng.choice(OWNERS),
                    "industry": rng.choice(["Banking", "Retail", None]),
                    "type": rng.choice(["customer", "prospect", None]),
                    "tier": rng.choice([*E.TIERS, None]),
                    "health": rng.choice([*E.HEALTH, None]),
                    "churn_risk": rng.choice([*E.CHURN_RISK, None]),
                    "mrr_cents": rng.choice([None, rng.randrange(0, 10**8)]),
                    "nps": rng.choice([None, rng.randrange(-100, 101)]),
                    "next_review": rng.choice([None, f"2027-0{rng.randrange(1, 10)}-1{n % 10}"]),
                },
            )
        )
    with store.transaction():
        store.insert_synced("accounts", rows)
        opportunities = [
            (
                new_id(),
                {
                    "account_id": rows[n][0],
                    "name": f"Deal {n}",
                    "stage": rng.choice(E.STAGES),
                    "amount_cents": rng.randrange(0, 10**7),
                },
            )
            for n in range(0, 3000, 3)
        ]
        store.insert_synced("opportunities", opportunities)
        contracts = [
            (
                new_id(),
                {
                    "account_id": rows[n][0],
                    "number": f"C-{n}",
                    "start_date": "2026-01-01",
                    "end_date": f"2027-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}",
                    "notice_days": rng.choice([None, 30, 90]),
                    "status": rng.choice(["active", None, "expired"]),
                },
            )
            for n in range(0, 3000, 2)
        ]
        store.insert_synced("contracts", contracts)
        tasks = [
            (
                new_id(),
                {
                    "account_id": rows[n][0],
                    "subject": f"Call {n}",
                    "kind": rng.choice(["call", "meeting"]),
                    "status": rng.choice(["open", "done"]),
                    "due_date": f"2027-01-{rng.randrange(1, 28):02d}",
                },
            )
            for n in range(0, 3000, 2)
        ]
        store.insert_synced("tasks", tasks)
    store.db.execute("ANALYZE")
    yield store
    store.close()


def plan(store, sql: str, params: list) -> list[str]:
    return [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql, params)]


def assert_index_only(steps: list[str], may_sort_found_rows: bool = False) -> None:
    text = " | ".join(steps)
    for step in steps:
        if step.startswith("SCAN accounts") and "INDEX" not in step:
            pytest.fail(f"full table scan: {text}")
    if not may_sort_found_rows:
        assert "USE TEMP B-TREE FOR ORDER BY" not in text, text


def python_order(store, flt: AccountFilter, sort: str, descending: bool) -> list[str]:
    """The list order computed the slow, obvious way."""
    rows = [dict(r) for r in store.db.execute("SELECT * FROM accounts")]
    text = (flt.text or "").strip().lower()
    kept = [
        r
        for r in rows
        if all(not getattr(flt, c) or r[c] == getattr(flt, c) for c in account_list.FILTER_COLUMNS)
        and (not text or any(text in (r[c] or "").lower() for c in ("name", "city", "industry")))
    ]
    rank = {
        "tier": {v: i for i, v in enumerate(E.TIERS)},
        "health": {"red": 0, "amber": 1, "green": 2},
        "churn_risk": {v: i for i, v in enumerate(reversed(E.CHURN_RISK))},
    }

    def key_of(r):
        value = r[sort]
        if sort in rank:
            value = rank[sort].get(value)
        if isinstance(value, str):
            value = value.lower()
        return value

    keyed = [r for r in kept if key_of(r) is not None]
    empty = [r for r in kept if key_of(r) is None]
    keyed.sort(key=lambda r: (key_of(r), r["name"].lower(), r["id"]), reverse=descending)
    empty.sort(key=lambda r: (r["name"].lower(), r["id"]), reverse=descending)
    return [r["id"] for r in keyed + empty]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SORT_KEYS))
def test_every_sort_reads_its_index(book, sort, descending):
    for empty_part in [False] if sort == "name" else [False, True]:
        sql, params = first_page_sql(book.db, AccountFilter(), sort, descending, empty_part)
        steps = plan(book, sql, params)
        assert_index_only(steps)
        assert any(f"accounts_sort_{sort}" in step for step in steps), steps


@pytest.mark.parametrize("column", account_list.FILTER_COLUMNS)
def test_every_filter_by_name_reads_an_index(book, column, monkeypatch):
    value = book.db.execute(
        f"SELECT {column} FROM accounts WHERE {column} IS NOT NULL LIMIT 1"
    ).fetchone()
    if value is None:
        pytest.skip(f"no account has a {column}")
    flt = AccountFilter(**{column: value[0]})
    monkeypatch.setattr(account_list, "SMALL", 5)  # many matches: walk the filter's index
    sql, params = first_page_sql(book.db, flt, "name", False)
    assert_index_only(plan(book, sql, params))
    monkeypatch.setattr(account_list, "SMALL", 10**6)  # few matches: found by an index, sorted
    sql, params = first_page_sql(book.db, flt, "mrr_cents", True)
    steps = plan(book, sql, params)
    assert_index_only(steps, may_sort_found_rows=True)
    assert any(step.startswith("SEARCH accounts USING") for step in steps), steps


def test_text_filter_finds_rare_text_through_the_trigram_index(book, monkeypatch):
    monkeypatch.setattr(account_list, "SMALL", 10**6)
    sql, params = first_page_sql(book.db, AccountFilter(text="Pizza"), "name", False)
    steps = plan(book, sql, params)
    assert_index_only(steps, may_sort_found_rows=True)
    assert any("accounts_trigram" in step for step in steps), steps


@pytest.mark.parametrize(
    "flt",
    [
        AccountFilter(),
        AccountFilter(city="Zürich"),
        AccountFilter(owner="Priya Raman", tier="growth"),
        AccountFilter(text="pizza"),
        AccountFilter(text="zz"),
        AccountFilter(text="0042"),
        AccountFilter(text="Nothing like this"),
        AccountFilter(text='%_"\\'),
    ],
    ids=repr,
)
@pytest.mark.parametrize("sort", ["name", "mrr_cents", "tier", "open_pipeline_cents", "city"])
@pytest.mark.parametrize("small", [5, 10**6])
def test_pages_walked_to_the_end_give_the_plain_order(book, flt, sort, small, monkeypatch):
    monkeypatch.setattr(account_list, "SMALL", small)
    for descending in (False, True):
        expected = python_order(book, flt, sort, descending)
        got, cursor = [], None
        while True:
            page = book.account_page(flt, sort, descending, cursor, 97)
            got += page.ids
            cursor = page.next
            if cursor is None:
                break
        assert got == expected
        assert book.account_match_count(flt) == len(expected)
        for row in (0, len(expected) // 2, len(expected) - 1) if expected else ():
            assert book.account_position(flt, sort, descending, expected[row]) == row


def test_open_pipeline_follows_opportunity_changes(book):
    account = book.db.execute(
        "SELECT id FROM accounts WHERE open_pipeline_cents IS NULL LIMIT 1"
    ).fetchone()[0]
    deal = book.create(
        "opportunities",
        {"account_id": account, "name": "New deal", "stage": "proposal", "amount_cents": 1234},
    )
    assert book.get("accounts", account)["open_pipeline_cents"] == 1234
    book.update("opportunities", deal, {"amount_cents": 2000})
    assert book.get("accounts", account)["open_pipeline_cents"] == 2000
    book.update("opportunities", deal, {"stage": "closed_won"})
    assert book.get("accounts", account)["open_pipeline_cents"] is None


def test_book_wide_lists_read_a_page_from_an_index(book):
    """Pipeline, renewals, Today: the first rows come from an index walk, not a sort of all."""
    import datetime as dt

    today = dt.date(2027, 1, 15)
    statements = []
    real_execute = book.db.execute

    class Recorder:
        def __init__(self, db):
            self.db = db

        def execute(self, sql, params=()):
            statements.append((sql, list(params)))
            return real_execute(sql, params)

        def __getattr__(self, name):
            return getattr(self.db, name)

    book._local.db = Recorder(real_execute.__self__)
    try:
        book.open_opportunities(stage="proposal", limit=20)
        book.contracts_by_notice_deadline(today=today, limit=50)
        book.reviews_due(30, today, limit=20)
        book.tasks_due(until=today, limit=60, skip_meetings_from=today)
    finally:
        book._local.db = real_execute.__self__
    for sql, params in statements:
        steps = plan(book, sql, params)
        text = " | ".join(steps)
        assert "USE TEMP B-TREE FOR ORDER BY" not in text, (sql, text)
        for step in steps:
            for table in ("accounts", "opportunities", "contracts", "tasks"):
                if step.startswith(f"SCAN {table}") and "INDEX" not in step:
                    pytest.fail(f"full scan of {table}: {text}")


@pytest.mark.parametrize("column", ["city", "owner", "industry"])
def test_picker_values_are_found_by_index_seeks(book, column):
    plain = [
        r[0]
        for r in book.db.execute(
            f"SELECT DISTINCT {column} FROM accounts WHERE {column} IS NOT NULL"
            f" AND {column} != '' ORDER BY {column} COLLATE NOCASE"
        )
    ]
    assert book.distinct_values(column) == plain
    steps = plan(book, f"SELECT min({column}) FROM accounts WHERE {column} > ?", [""])
    assert any(f"accounts_by_{column}" in step for step in steps), steps
