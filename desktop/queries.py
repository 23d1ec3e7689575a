"""The read queries the screens need, kept here so no widget writes SQL.

``BookQueries`` is mixed into ``Store``; every method reads through ``self.db``.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from . import account_list
from .account_list import AccountFilter, like_pattern
from .book_lists import OPEN_STAGES_SQL, BookLists, row_dict, with_deadline

__all__ = ["AccountFilter", "BookQueries", "SearchHit", "fts_query", "like_pattern"]

_WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_CANDIDATES = 200  # matches read per table, newest first, before ranking


@dataclass
class SearchHit:
    """One search result: which record, how to title it, and the account it belongs to."""

    table: str
    id: str
    title: str
    subtitle: str
    account_id: str | None
    score: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def fts_query(text: str, prefix: bool = True) -> str | None:
    """An FTS5 query matching every word the user typed, the last one as a prefix.

    Each word is quoted, so FTS syntax typed by a user (``"``, ``AND``, ``*``, ``-``, ``(``)
    is searched for as text, never interpreted. Returns None when nothing searchable is left.
    """
    words = _WORD.findall(text or "")[:16]
    words = [w[:64] for w in words]
    if not words:
        return None
    parts = [f'"{w}"' for w in words]
    if prefix:
        parts[-1] += "*"
    return " ".join(parts)


class BookQueries(BookLists):
    """Read queries over the book of business. Needs ``self.db``."""

    @property
    def db(self) -> sqlite3.Connection:
        """The connection the queries run on (``Store`` gives each thread its own)."""
        raise NotImplementedError

    # -- accounts list -------------------------------------------------------------------------

    def account_ids(
        self,
        flt: AccountFilter | None = None,
        sort: str = "name",
        descending: bool = False,
        limit: int | None = None,
    ) -> list[str]:
        """Ids of the accounts matching ``flt`` in list order (at most ``limit``).

        Screens page with ``account_page``; this is for short lists and scripts.
        """
        flt = flt or AccountFilter()
        ids: list[str] = []
        cursor = None
        while True:
            want = 5000 if limit is None else min(5000, limit - len(ids))
            page = account_list.page(self.db, flt, sort, descending, cursor, want)
            ids += page.ids
            cursor = page.next
            if cursor is None or (limit is not None and len(ids) >= limit):
                return ids

    def account_page(
        self,
        flt: AccountFilter,
        sort: str = "name",
        descending: bool = False,
        after: Any = None,
        limit: int = 100,
    ) -> Any:
        """One page of the accounts list (``account_list.Page``), read from an index."""
        return account_list.page(self.db, flt, sort, descending, after, limit)

    def account_match_count(self, flt: AccountFilter) -> int:
        """How many accounts match: may read a whole index, so the UI runs it in the background."""
        return account_list.match_count(self.db, flt)

    def account_position(
        self, flt: AccountFilter, sort: str, descending: bool, account_id: str
    ) -> int | None:
        """Where ``account_id`` is in the list, or None when the filter hides it."""
        return account_list.position(self.db, flt, sort, descending, account_id)

    def account_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        """Account records for the list, in the order of ``ids``, with open pipeline and parent."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"""
                SELECT a.*, parent.name AS parent_name FROM accounts a
                LEFT JOIN accounts parent ON parent.id = a.parent_id
                WHERE a.id IN ({marks})"""
            for row in self.db.execute(sql, chunk):
                data = dict(row)
                data.pop("seq", None)
                data["open_pipeline_cents"] = data["open_pipeline_cents"] or 0
                found[data["id"]] = data
        return [found[i] for i in ids if i in found]

    def last_known_title(self, table: str, row_id: str) -> str:
        """A record's title as stored, else as last seen from the CRM (one deleted here)."""
        from .sync_review import title

        return title(self.db, table, row_id)

    def account_count(self) -> int:
        """How many accounts: walks a whole index (for a big book, not on the way to a window)."""
        return self.db.execute("SELECT count(*) FROM accounts").fetchone()[0]

    def has_accounts(self) -> bool:
        """Whether the book holds any account: one index page, whatever the book's size."""
        return bool(self.db.execute("SELECT EXISTS (SELECT 1 FROM accounts)").fetchone()[0])

    def distinct_values(self, column: str) -> list[str]:
        """Values present in an account column, for filter pickers (city, owner, industry...).

        For a column with its filter index, one index seek per value ("the next value after
        this one"): a hundred cities of a 150,000-account book cost a millisecond, not a walk
        of every account.
        """
        if column not in ("city", "owner", "industry", "country", "segment"):
            raise ValueError(f"cannot list values of {column!r}")
        if column in account_list.FILTER_COLUMNS:
            values: list[str] = []
            sql = f"SELECT min({column}) FROM accounts WHERE {column} > ?"
            value = self.db.execute(sql, ("",)).fetchone()[0]
            while value is not None:
                values.append(value)
                value = self.db.execute(sql, (value,)).fetchone()[0]
            return sorted(values, key=lambda v: (v.casefold(), v))
        sql = (
            f"SELECT DISTINCT {column} FROM accounts WHERE {column} IS NOT NULL AND {column} != ''"
            f" ORDER BY {column} COLLATE NOCASE"
        )
        return [r[0] for r in self.db.execute(sql)]

    def account_names(self, ids: list[str] | None = None) -> dict[str, str]:
        """id -> name for ``ids`` (or all accounts)."""
        if ids is None:
            return {r[0]: r[1] for r in self.db.execute("SELECT id, name FROM accounts")}
        out: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(f"SELECT id, name FROM accounts WHERE id IN ({marks})", chunk):
                out[r[0]] = r[1]
        return out

    # -- one account and what belongs to it ----------------------------------------------------

    def child_accounts(self, account_id: str) -> list[dict[str, Any]]:
        sql = "SELECT * FROM accounts WHERE parent_id = ? ORDER BY name COLLATE NOCASE"
        return [row_dict(r) for r in self.db.execute(sql, (account_id,))]

    def contacts_of(self, account_id: str) -> list[dict[str, Any]]:
        sql = """
            SELECT c.*, m.name AS reports_to_name FROM contacts c
            LEFT JOIN contacts m ON m.id = c.reports_to_id
            WHERE c.account_id = ? ORDER BY c.name COLLATE NOCASE"""
        return [row_dict(r) for r in self.db.execute(sql, (account_id,))]

    def notes_of(self, account_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The account's notes, newest first."""
        sql = """
            SELECT n.*, c.name AS contact_name, o.name AS opportunity_name FROM notes n
            LEFT JOIN contacts c ON c.id = n.contact_id
            LEFT JOIN opportunities o ON o.id = n.opportunity_id
            WHERE n.account_id = ? ORDER BY n.occurred_at DESC, n.seq DESC"""
        params: list[Any] = [account_id]
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [row_dict(r) for r in self.db.execute(sql, params)]

    def opportunities_of(self, account_id: str) -> list[dict[str, Any]]:
        sql = f"""SELECT * FROM opportunities WHERE account_id = ?
                  ORDER BY stage IN {OPEN_STAGES_SQL} DESC, close_date, name"""
        return [row_dict(r) for r in self.db.execute(sql, (account_id,))]

    def contracts_of(self, account_id: str, today: dt.date | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM contracts WHERE account_id = ? ORDER BY end_date, number"
        return [with_deadline(row_dict(r), today) for r in self.db.execute(sql, (account_id,))]

    def tasks_of(self, account_id: str, include_closed: bool = True) -> list[dict[str, Any]]:
        sql = """SELECT t.*, c.name AS contact_name FROM tasks t
                 LEFT JOIN contacts c ON c.id = t.contact_id WHERE t.account_id = ?"""
        if not include_closed:
            sql += " AND t.status = 'open'"
        sql += " ORDER BY t.status != 'open', t.due_date IS NULL, t.due_date, t.subject"
        return [row_dict(r) for r in self.db.execute(sql, (account_id,))]

    # -- search --------------------------------------------------------------------------------

    def search(self, text: str, per_table: int = 8) -> list[SearchHit]:
        """Accounts, contacts, opportunities and notes matching what the user typed.

        Never raises on user input. Each table reads at most ``SEARCH_CANDIDATES`` matches,
        newest first, and ranks those by relevance, so a word found in every note stays fast.
        """
        query = fts_query(text)
        if query is None:
            return []
        hits: list[SearchHit] = []
        for table in ("accounts", "contacts", "opportunities", "notes"):
            hits.extend(self._search_table(table, query, per_table))
        return hits

    def _search_table(self, table: str, query: str, limit: int) -> list[SearchHit]:
        fts = f"{table}_fts"
        newest = (
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC"
            f" LIMIT {SEARCH_CANDIDATES}"
        )
        try:
            # The last word as typed first: a finished word's index is read newest-first and
            # stops at the limit, whereas a prefix that no prefix index covers ("next"*) merges
            # every matching term's whole list, ~50 ms for a word in every note.
            exact = query[:-1] if query.endswith("*") else query
            seqs = [r[0] for r in self.db.execute(newest, (exact,))]
            if len(seqs) < SEARCH_CANDIDATES and exact != query:
                seqs = [r[0] for r in self.db.execute(newest, (query,))]
            if len(seqs) < SEARCH_CANDIDATES:
                # Few matches: bm25's statistics are cheap to gather, so rank by relevance.
                score = dict(
                    self.db.execute(
                        f"SELECT rowid, bm25({fts}) FROM {fts} WHERE {fts} MATCH ?", (query,)
                    ).fetchall()
                )
                seqs = sorted(seqs, key=lambda s: (score.get(s, 0.0), -s))[:limit]
            else:
                # A word in nearly every record: the newest matches. bm25 would read the word's
                # whole index (hundreds of milliseconds on 500,000 notes) to rank them.
                score = {}
                seqs = seqs[:limit]
        except sqlite3.OperationalError:
            return []  # a query FTS cannot parse finds nothing rather than failing the screen
        if not seqs:
            return []
        marks = ",".join("?" * len(seqs))
        if table == "accounts":
            sql = f"SELECT seq, id, name AS title, city AS sub, id AS account_id FROM accounts WHERE seq IN ({marks})"
        elif table == "contacts":
            sql = f"""SELECT c.seq, c.id, c.name AS title,
                        COALESCE(c.title || ' · ', '') || a.name AS sub, c.account_id
                      FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.seq IN ({marks})"""
        elif table == "opportunities":
            sql = f"""SELECT o.seq, o.id, o.name AS title, a.name || ' · ' || o.stage AS sub,
                        o.account_id FROM opportunities o JOIN accounts a ON a.id = o.account_id
                      WHERE o.seq IN ({marks})"""
        else:
            sql = f"""SELECT n.seq, n.id, n.title AS title,
                        a.name || ' · ' || substr(n.occurred_at, 1, 10) AS sub, n.account_id
                      FROM notes n JOIN accounts a ON a.id = n.account_id WHERE n.seq IN ({marks})"""
        rows = {r["seq"]: r for r in self.db.execute(sql, seqs)}
        return [
            SearchHit(
                table,
                rows[s]["id"],
                rows[s]["title"] or "",
                rows[s]["sub"] or "",
                rows[s]["account_id"],
                score.get(s, 0.0),
            )
            for s in seqs
            if s in rows
        ]
