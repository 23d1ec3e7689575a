"""The accounts list, a page at a time, every page read from an index.

A book can hold 150,000 accounts: listing every id to show the first hundred is what made the
list slow. Each sort has an index over (sort key, name, id) (the big-book migration in ``schema``), so a page is an
index walk that stops after ``limit`` rows, whatever the size of the book. Pages continue from
a cursor (the last row's sort key), not an offset, so the last page costs what the first does.

Rows whose sort key is empty come after the others in both directions, as a rep expects; they
are read as a second part of the walk, from the same index. How many accounts match is a
separate count (``match_count``), which the UI runs in the background.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from . import entities as E
from .validation import BAD_CHARS, MAX_TEXT


@dataclass
class AccountFilter:
    """What the accounts list is narrowed to; empty fields do not filter."""

    text: str = ""
    owner: str | None = None
    tier: str | None = None
    health: str | None = None
    churn_risk: str | None = None
    city: str | None = None
    industry: str | None = None
    type: str | None = None


def like_pattern(text: str) -> str:
    """A LIKE pattern that finds ``text`` anywhere, with ``%``, ``_`` and ``\\`` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


FILTER_COLUMNS = ("owner", "tier", "health", "churn_risk", "city", "industry", "type")
TRIGRAM_MIN = 3  # shortest text the trigram index can find; shorter text is matched with LIKE


def _rank(column: str, values: tuple[str, ...]) -> str:
    return (
        f"CASE {column} " + " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values)) + " END"
    )


# The sort key of each column, written over the ``accounts`` table with no alias: the same text
# is used in the index (the big-book migration) and in the queries, which is what lets SQLite match them.
SORT_KEYS: dict[str, str] = {
    "name": "name COLLATE NOCASE",
    "city": "city COLLATE NOCASE",
    "industry": "industry COLLATE NOCASE",
    "owner": "owner COLLATE NOCASE",
    "mrr_cents": "mrr_cents",
    "tier": _rank("tier", E.TIERS),
    "health": _rank("health", ("red", "amber", "green")),
    "churn_risk": _rank("churn_risk", tuple(reversed(E.CHURN_RISK))),
    "next_review": "next_review",
    "open_pipeline_cents": "open_pipeline_cents",
    "nps": "nps",
}


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: which part of the walk (keyed rows, then empty keys) and the last row."""

    empty_part: bool
    key: Any
    name: str
    id: str


@dataclass
class Page:
    ids: list[str]
    next: Cursor | None  # None: nothing after this page


SMALL = 2000  # matches few enough to read them all and sort them (a millisecond or two)


def _equalities(flt: AccountFilter) -> list[tuple[str, str]]:
    return [(c, getattr(flt, c)) for c in FILTER_COLUMNS if getattr(flt, c)]


def _text(flt: AccountFilter) -> str:
    return (flt.text or "").strip()


def _unmatchable(flt: AccountFilter) -> bool:
    """True when no stored account can match: text longer than any field holds, or with a
    character the store never holds (validation refuses control characters and lone
    surrogates), which SQLite could not even be asked about."""
    text = _text(flt)
    values = [text, *(v for _, v in _equalities(flt))]
    return len(text) > MAX_TEXT or any(BAD_CHARS.search(v) for v in values if v)


def _trigram_query(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _where(flt: AccountFilter, trigram: bool = True) -> tuple[list[str], list[Any]]:
    """Conditions for ``flt``. Text is matched with LIKE (the meaning a rep sees); with
    ``trigram`` the trigram index first narrows the rows to those that can match."""
    clauses: list[str] = []
    params: list[Any] = []
    if _unmatchable(flt):
        return ["0"], []
    for column, value in _equalities(flt):
        clauses.append(f"{column} = ?")
        params.append(value)
    text = _text(flt)
    if text:
        if trigram and len(text) >= TRIGRAM_MIN:
            clauses.append(
                "seq IN (SELECT rowid FROM accounts_trigram WHERE accounts_trigram MATCH ?)"
            )
            params.append(_trigram_query(text))
        pattern = like_pattern(text)
        clauses.append(
            "(name LIKE ? ESCAPE '\\' OR city LIKE ? ESCAPE '\\' OR industry LIKE ? ESCAPE '\\')"
        )
        params += [pattern, pattern, pattern]
    return clauses, params


def _few_matches(db: sqlite3.Connection, flt: AccountFilter) -> bool:
    """True when the filter keeps fewer than ``SMALL`` accounts, found without reading more
    than that many entries of the trigram or a filter index (text of one or two letters is
    looked for in the name index, which also holds city and industry)."""
    if _unmatchable(flt):
        return True
    text = _text(flt)
    if len(text) >= TRIGRAM_MIN:
        sql = (
            "SELECT count(*) FROM (SELECT rowid FROM accounts_trigram"
            " WHERE accounts_trigram MATCH ? LIMIT ?)"
        )
        return db.execute(sql, (_trigram_query(text), SMALL)).fetchone()[0] < SMALL
    clauses, params = _where(flt, trigram=False)
    if not clauses:
        return False
    source = "accounts INDEXED BY accounts_sort_name" if text else "accounts"
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {' AND '.join(clauses)} LIMIT ?)"
    return db.execute(sql, [*params, SMALL]).fetchone()[0] < SMALL


def _source(db: sqlite3.Connection, flt: AccountFilter, sort: str) -> tuple[str, bool, bool]:
    """How a page is read: ``(FROM clause, use the trigram index, sort what was found)``.

    Few matches: find them all (trigram, the most selective filter index, or the name index
    for short text) and sort them. Many: walk the sort's index, or the filter's index when
    sorting by name, checking each row; matches are dense, so the walk stops after a page.
    """
    equalities = _equalities(flt)
    text = _text(flt)
    if (equalities or text) and _few_matches(db, flt):
        if len(text) >= TRIGRAM_MIN:
            return "accounts NOT INDEXED", True, True
        if text:
            return "accounts INDEXED BY accounts_sort_name", False, True
        return "accounts", False, True
    if sort == "name" and equalities:
        return f"accounts INDEXED BY accounts_by_{equalities[0][0]}", False, False
    return f"accounts INDEXED BY accounts_sort_{sort}", False, False


def page(
    db: sqlite3.Connection,
    flt: AccountFilter,
    sort: str = "name",
    descending: bool = False,
    after: Cursor | None = None,
    limit: int = 100,
) -> Page:
    """Up to ``limit`` account ids in list order, starting after ``after``."""
    sort = sort if sort in SORT_KEYS else "name"
    source, trigram, gather = _source(db, flt, sort)
    ids: list[str] = []
    last: Cursor | None = None
    parts = [False] if sort == "name" else [False, True]
    for empty_part in parts:
        if after is not None and after.empty_part and not empty_part:
            continue
        want = limit - len(ids)
        sql, params = _page_sql(flt, sort, descending, empty_part, after, source, trigram, gather)
        rows = db.execute(sql, [*params, want + 1]).fetchall()
        more = len(rows) > want
        for row_id, value, name in rows[:want]:
            ids.append(row_id)
            last = Cursor(empty_part, value, name, row_id)
        if more:
            return Page(ids, last)
        after = None  # the next part starts from its beginning
    return Page(ids, None)


def _page_sql(flt, sort, descending, empty_part, after, source, trigram, gather):
    key = SORT_KEYS[sort]
    # Found rows are sorted (a unary + keeps SQLite from walking the sort's index instead).
    by = f"+{key}" if gather else key
    name_by = "+name COLLATE NOCASE" if gather else "name COLLATE NOCASE"
    clauses, params = _where(flt, trigram)
    direction = "DESC" if descending else "ASC"
    compare = "<" if descending else ">"
    if empty_part:
        clauses.append(f"{key} IS NULL")
        order = f"{name_by} {direction}, id {direction}"
        if after is not None:
            clauses.append(f"(name COLLATE NOCASE, id) {compare} (?, ?)")
            params += [after.name, after.id]
    else:
        if sort != "name":
            clauses.append(f"{key} IS NOT NULL")
        order = f"{by} {direction}, {name_by} {direction}, id {direction}"
        if after is not None:
            clauses.append(f"({key}, name COLLATE NOCASE, id) {compare} (?, ?, ?)")
            params += [after.key, after.name, after.id]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return f"SELECT id, {key}, name FROM {source}{where} ORDER BY {order} LIMIT ?", params


def first_page_sql(
    db: sqlite3.Connection,
    flt: AccountFilter,
    sort: str,
    descending: bool,
    empty_part: bool = False,
) -> tuple[str, list]:
    """The statement behind a first page, with its parameters (for ``EXPLAIN QUERY PLAN``)."""
    source, trigram, gather = _source(db, flt, sort)
    sql, params = _page_sql(flt, sort, descending, empty_part, None, source, trigram, gather)
    return sql, [*params, 101]


def match_count(db: sqlite3.Connection, flt: AccountFilter) -> int:
    """How many accounts match ``flt``: may read a whole index, so call it in the background."""
    clauses, params = _where(flt)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return db.execute(f"SELECT count(*) FROM accounts{where}", params).fetchone()[0]


def position(
    db: sqlite3.Connection, flt: AccountFilter, sort: str, descending: bool, account_id: str
) -> int | None:
    """The row ``account_id`` has in the list (0-based), or None when the filter hides it."""
    key = SORT_KEYS.get(sort, SORT_KEYS["name"])
    clauses, params = _where(flt)
    where = " AND ".join(clauses) if clauses else "1"
    row = db.execute(
        f"SELECT {key}, name FROM accounts WHERE id = ? AND {where}", [account_id, *params]
    ).fetchone()
    if row is None:
        return None
    value, name = row
    ahead_op = ">" if descending else "<"
    if value is None:  # every keyed row comes first, then the empty ones ahead of it by name
        ahead = (
            f"{key} IS NOT NULL OR ({key} IS NULL AND (name COLLATE NOCASE, id) {ahead_op} (?, ?))"
        )
        ahead_params = [name, account_id]
    else:
        ahead = f"{key} IS NOT NULL AND ({key}, name COLLATE NOCASE, id) {ahead_op} (?, ?, ?)"
        ahead_params = [value, name, account_id]
    sql = f"SELECT count(*) FROM accounts WHERE {where} AND ({ahead})"
    return db.execute(sql, [*params, *ahead_params]).fetchone()[0]
