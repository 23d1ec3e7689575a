"""Pulled updates write only the columns that change (desktop/replica.update_rows): SQLite
rewrites every index over a column named in SET, even for an equal value, and each rewritten
page is encrypted and HMAC'd at commit in an encrypted store (issue 16)."""

from __future__ import annotations

from desktop import replica
from desktop.protection import Protection
from desktop.store import Store


def _account(store: Store, name: str, city: str) -> str:
    return store.create("accounts", {"name": name, "city": city, "industry": "Mining"})


def test_a_pulled_change_of_one_field_writes_only_that_column(tmp_path):
    store = Store.open(tmp_path / "book.sqlite", Protection(encrypt=False))
    a = _account(store, "Quarry North", "Leeds")
    b = _account(store, "Quarry South", "York")
    rows = {i: store.get("accounts", i) for i in (a, b)}
    theirs_a = {**rows[a], "city": "Bradford"}
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    with store.transaction():
        replica.update_rows(store.db, "accounts", [(a, theirs_a), (b, dict(rows[b]))])
    store.db.set_trace_callback(None)
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE ACCOUNTS SET")]
    assert any(s.startswith("UPDATE accounts SET city = ") for s in updates), updates
    assert not any("industry = " in s or "name = " in s for s in updates), updates
    assert store.get("accounts", a)["city"] == "Bradford"
    assert store.get("accounts", b)["city"] == "York"
    assert store.search("Bradford") and not store.search("Leeds")  # the full-text index too
    store.close()


def test_every_field_ends_as_the_crm_has_it_and_the_last_of_an_id_wins(tmp_path):
    store = Store.open(tmp_path / "book.sqlite", Protection(encrypt=False))
    a = _account(store, "Quarry North", "Leeds")
    mine = store.get("accounts", a)
    first = {**mine, "city": "Hull", "industry": "Energy"}
    last = {**mine, "city": "Ripon", "name": "Quarry North Ltd", "mrr_cents": 1200}
    with store.transaction():
        replica.update_rows(store.db, "accounts", [(a, first), (a, last)])
    row = store.get("accounts", a)
    assert (row["city"], row["name"], row["industry"], row["mrr_cents"]) == (
        "Ripon",
        "Quarry North Ltd",
        "Mining",
        1200,
    )
    assert row["updated_at"] >= mine["updated_at"]
    store.close()
