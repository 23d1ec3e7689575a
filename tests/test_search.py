"""Search never fails on what a rep types, matches prefixes, and ranks sensibly."""

from __future__ import annotations

import pytest

from desktop.queries import SEARCH_CANDIDATES, fts_query

HOSTILE = [
    '"',
    "'",
    "AND",
    "OR",
    "NOT",
    "*",
    "-",
    "(",
    ")",
    "()",
    "a AND",
    "NEAR(a b)",
    "^x",
    "x:y",
    "col:val",
    '"unbalanced',
    "a OR OR b",
    "😀",
    "🚀 rocket",
    "x" * 1000,
    "word " * 300,
    "",
    "   ",
    "\x00",
    "%",
    "_",
    "\\",
    "ä ö ü",
    "Zürich",
    "東京",
    "-- DROP TABLE accounts;",
]


@pytest.fixture
def book(store):
    a = store.create(
        "accounts", {"name": "Helvetia Data AG", "city": "Zürich", "industry": "Banking"}
    )
    b = store.create(
        "accounts", {"name": "Tokyo Interconnect", "city": "東京", "industry": "Cloud"}
    )
    store.create(
        "contacts",
        {"account_id": a, "name": "Dana Scully", "title": "CFO", "email": "dana@helvetia.example"},
    )
    store.create(
        "opportunities",
        {
            "account_id": b,
            "name": "Cross-connect bundle",
            "stage": "proposal",
            "next_step": "Send pricing",
        },
    )
    store.create(
        "notes",
        {
            "account_id": a,
            "kind": "meeting",
            "title": "Budget review",
            "body": "Power density concerns in rack row C",
            "occurred_at": "2026-10-01T10:00",
        },
    )
    return store, a, b


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_returns_results_or_nothing(book, text):
    store, _, _ = book
    assert isinstance(store.search(text), list)


def test_prefix_matching_as_you_type(book):
    store, a, _ = book
    for typed in ("h", "he", "hel", "helv", "helvetia d"):
        hits = store.search(typed)
        if len(typed) > 1:
            assert a in [h.id for h in hits], typed


def test_each_kind_is_found_by_its_fields(book):
    store, a, b = book
    assert [h.table for h in store.search("scully")] == ["contacts"]
    assert [h.table for h in store.search("density")] == ["notes"]
    assert [h.table for h in store.search("pricing")] == ["opportunities"]
    assert [h.id for h in store.search("zurich")] == [a]  # diacritics folded
    assert b in [h.id for h in store.search("東京")]
    assert store.search("banking")[0].id == a


def test_quotes_and_operators_are_searched_as_words(book):
    store, a, _ = book
    assert [h.id for h in store.search('"helvetia') if h.table == "accounts"] == [a]
    assert [h.id for h in store.search("helvetia AND")] == []  # 'and' is just a word here
    assert store.search("NOT") == []


def test_search_follows_edits_and_deletes(book):
    store, a, _ = book
    store.update("accounts", a, {"name": "Alpenglow Systems"})
    assert store.search("helvetia") == [] or all(
        h.table != "accounts" for h in store.search("helvetia")
    )
    assert [h.id for h in store.search("alpenglow")] == [a]
    store.delete("accounts", a)
    assert store.search("alpenglow") == []
    assert store.search("density") == []


def test_a_word_in_every_note_reads_a_capped_number_of_matches(store):
    a = store.create("accounts", {"name": "Busy"})
    with store.transaction():
        for i in range(SEARCH_CANDIDATES + 50):
            store.create(
                "notes",
                {
                    "account_id": a,
                    "kind": "call",
                    "title": f"Call {i}",
                    "body": "customer update",
                    "occurred_at": "2026-01-01T10:00",
                },
            )
    hits = store.search("customer", per_table=5)
    assert len(hits) == 5
    newest = store.db.execute("SELECT max(seq) FROM notes").fetchone()[0]
    oldest_candidate = newest - SEARCH_CANDIDATES + 1
    seqs = [
        store.db.execute("SELECT seq FROM notes WHERE id = ?", (h.id,)).fetchone()[0] for h in hits
    ]
    assert min(seqs) >= oldest_candidate


def test_fts_query_quotes_every_word():
    assert fts_query('acme "data" -center*') == '"acme" "data" "center"*'
    assert fts_query("*** --- ()") is None
    assert fts_query("x" * 1000) == '"' + "x" * 64 + '"*'
