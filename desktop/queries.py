"""The read queries the screens need, kept here so no widget writes SQL.

``BookQueries`` is mixed into ``Store``; every method reads through ``self.db``.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from . import entities as E
from .renewals import with_notice

_OPEN_STAGES_SQL = "(" + ",".join(f"'{s}'" for s in E.OPEN_STAGES) + ")"
_STAGE_ORDER_SQL = (
    "CASE stage " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(E.STAGES)) + " END"
)
_WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_CANDIDATES = 200  # matches read per table, newest first, before ranking


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


ACCOUNT_SORTS = {
    "name": "a.name COLLATE NOCASE",
    "city": "a.city COLLATE NOCASE",
    "industry": "a.industry COLLATE NOCASE",
    "owner": "a.owner COLLATE NOCASE",
    "mrr_cents": "a.mrr_cents",
    "tier": "CASE a.tier "
    + " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(E.TIERS))
    + " END",
    "health": "CASE a.health WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 END",
    "churn_risk": "CASE a.churn_risk "
    + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(reversed(E.CHURN_RISK)))
    + " END",
    "next_review": "a.next_review",
    "open_pipeline_cents": "open_pipeline_cents",
    "nps": "a.nps",
}

_PIPELINE_JOIN = f"""
    LEFT JOIN (
        SELECT account_id, SUM(COALESCE(amount_cents, 0)) AS open_pipeline_cents
        FROM opportunities WHERE stage IN {_OPEN_STAGES_SQL} GROUP BY account_id
    ) p ON p.account_id = a.id
"""


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


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class BookQueries:
    """Read queries over the book of business. Needs ``self.db``."""

    @property
    def db(self) -> sqlite3.Connection:
        """The connection the queries run on (``Store`` gives each thread its own)."""
        raise NotImplementedError

    # -- accounts list -------------------------------------------------------------------------

    def _account_where(self, flt: AccountFilter) -> tuple[str, list[Any]]:
        clauses, params = [], []
        for column in ("owner", "tier", "health", "churn_risk", "city", "industry", "type"):
            value = getattr(flt, column)
            if value:
                clauses.append(f"a.{column} = ?")
                params.append(value)
        text = (flt.text or "").strip()
        if text:
            pattern = _like_pattern(text)
            clauses.append(
                "(a.name LIKE ? ESCAPE '\\' OR a.city LIKE ? ESCAPE '\\'"
                " OR a.industry LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def account_ids(
        self, flt: AccountFilter | None = None, sort: str = "name", descending: bool = False
    ) -> list[str]:
        """Ids of the accounts matching ``flt``, sorted in SQL (ties broken by name)."""
        flt = flt or AccountFilter()
        where, params = self._account_where(flt)
        order = ACCOUNT_SORTS.get(sort, ACCOUNT_SORTS["name"])
        direction = "DESC" if descending else "ASC"
        join = _PIPELINE_JOIN if sort == "open_pipeline_cents" else ""
        if sort == "name":  # NOT NULL and indexed: let SQLite walk the index
            ordering = f"{order} {direction}, a.id"
        else:
            ordering = f"{order} IS NULL, {order} {direction}, a.name COLLATE NOCASE, a.id"
        sql = f"SELECT a.id FROM accounts a {join} {where} ORDER BY {ordering}"
        return [r[0] for r in self.db.execute(sql, params)]

    def account_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        """Account records for the list, in the order of ``ids``, with open pipeline and parent."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"""
                SELECT a.*, parent.name AS parent_name,
                    (SELECT SUM(COALESCE(amount_cents, 0)) FROM opportunities o
                     WHERE o.account_id = a.id AND o.stage IN {_OPEN_STAGES_SQL})
                        AS open_pipeline_cents
                FROM accounts a LEFT JOIN accounts parent ON parent.id = a.parent_id
                WHERE a.id IN ({marks})"""
            for row in self.db.execute(sql, chunk):
                data = dict(row)
                data.pop("seq", None)
                data["open_pipeline_cents"] = data["open_pipeline_cents"] or 0
                found[data["id"]] = data
        return [found[i] for i in ids if i in found]

    def account_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM accounts").fetchone()[0]

    def distinct_values(self, column: str) -> list[str]:
        """Values present in an account column, for filter pickers (city, owner, industry...)."""
        if column not in ("city", "owner", "industry", "country", "segment"):
            raise ValueError(f"cannot list values of {column!r}")
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
        return [_row(r) for r in self.db.execute(sql, (account_id,))]

    def contacts_of(self, account_id: str) -> list[dict[str, Any]]:
        sql = """
            SELECT c.*, m.name AS reports_to_name FROM contacts c
            LEFT JOIN contacts m ON m.id = c.reports_to_id
            WHERE c.account_id = ? ORDER BY c.name COLLATE NOCASE"""
        return [_row(r) for r in self.db.execute(sql, (account_id,))]

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
        return [_row(r) for r in self.db.execute(sql, params)]

    def opportunities_of(self, account_id: str) -> list[dict[str, Any]]:
        sql = f"""SELECT * FROM opportunities WHERE account_id = ?
                  ORDER BY stage IN {_OPEN_STAGES_SQL} DESC, close_date, name"""
        return [_row(r) for r in self.db.execute(sql, (account_id,))]

    def contracts_of(self, account_id: str, today: dt.date | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM contracts WHERE account_id = ? ORDER BY end_date, number"
        return [_with_deadline(_row(r), today) for r in self.db.execute(sql, (account_id,))]

    def tasks_of(self, account_id: str, include_closed: bool = True) -> list[dict[str, Any]]:
        sql = """SELECT t.*, c.name AS contact_name FROM tasks t
                 LEFT JOIN contacts c ON c.id = t.contact_id WHERE t.account_id = ?"""
        if not include_closed:
            sql += " AND t.status = 'open'"
        sql += " ORDER BY t.status != 'open', t.due_date IS NULL, t.due_date, t.subject"
        return [_row(r) for r in self.db.execute(sql, (account_id,))]

    # -- across the book -----------------------------------------------------------------------

    def open_opportunities(self, owner: str | None = None) -> list[dict[str, Any]]:
        """Open opportunities ordered by stage (earliest first) then close date, with account."""
        sql = f"""
            SELECT o.*, a.name AS account_name, a.owner AS account_owner FROM opportunities o
            JOIN accounts a ON a.id = o.account_id
            WHERE o.stage IN {_OPEN_STAGES_SQL}"""
        params: list[Any] = []
        if owner:
            sql += " AND a.owner = ?"
            params.append(owner)
        sql += f" ORDER BY {_STAGE_ORDER_SQL}, o.close_date IS NULL, o.close_date, o.name"
        return [_row(r) for r in self.db.execute(sql, params)]

    def opportunities_by_stage(self, owner: str | None = None) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {stage: [] for stage in E.OPEN_STAGES}
        for opp in self.open_opportunities(owner):
            grouped[opp["stage"]].append(opp)
        return grouped

    def contracts_by_notice_deadline(
        self,
        within_days: int | None = None,
        today: dt.date | None = None,
        passed_within_days: int | None = None,
    ) -> list[dict[str, Any]]:
        """Active contracts by notice deadline: upcoming ones soonest first, then passed ones
        (most recently passed first) while the contract is still running.

        ``within_days`` keeps deadlines up to that many days ahead; ``passed_within_days``
        keeps passed deadlines only that recent (None: all, 0: none).
        """
        today = today or dt.date.today()
        sql = """
            SELECT c.*, a.name AS account_name, a.owner AS account_owner,
                   date(c.end_date, '-' || COALESCE(c.notice_days, 0) || ' days') AS deadline
            FROM contracts c JOIN accounts a ON a.id = c.account_id
            WHERE c.end_date IS NOT NULL AND COALESCE(c.status, 'active') = 'active'
              AND c.end_date >= ?"""
        params: list[Any] = [today.isoformat()]
        if within_days is not None:
            sql += " AND deadline <= ?"
            params.append((today + dt.timedelta(days=within_days)).isoformat())
        if passed_within_days is not None:
            sql += " AND deadline >= ?"
            params.append((today - dt.timedelta(days=passed_within_days)).isoformat())
        sql += """ ORDER BY deadline < :today,
                   CASE WHEN deadline < :today THEN julianday(:today) - julianday(deadline)
                        ELSE julianday(deadline) END,
                   c.end_date, a.name"""
        sql = sql.replace(":today", f"'{today.isoformat()}'")
        return [_with_deadline(_row(r), today) for r in self.db.execute(sql, params)]

    def tasks_due(
        self, until: dt.date | None = None, kind: str | None = None, since: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """Open tasks due on or before ``until`` (overdue ones included unless ``since``)."""
        until = until or dt.date.today()
        sql = """
            SELECT t.*, a.name AS account_name, c.name AS contact_name FROM tasks t
            JOIN accounts a ON a.id = t.account_id LEFT JOIN contacts c ON c.id = t.contact_id
            WHERE t.status = 'open' AND t.due_date IS NOT NULL AND t.due_date <= ?"""
        params: list[Any] = [until.isoformat()]
        if since:
            sql += " AND t.due_date >= ?"
            params.append(since.isoformat())
        if kind:
            sql += " AND t.kind = ?"
            params.append(kind)
        sql += " ORDER BY t.due_date, t.priority = 'high' DESC, t.subject"
        return [_row(r) for r in self.db.execute(sql, params)]

    def reviews_due(
        self, within_days: int = 30, today: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """Accounts whose next business review falls between today and ``within_days`` ahead."""
        today = today or dt.date.today()
        sql = """SELECT * FROM accounts WHERE next_review BETWEEN ? AND ?
                 ORDER BY next_review, name COLLATE NOCASE"""
        end = today + dt.timedelta(days=within_days)
        return [_row(r) for r in self.db.execute(sql, (today.isoformat(), end.isoformat()))]

    def recent_notes(self, limit: int = 20) -> list[dict[str, Any]]:
        sql = """SELECT n.*, a.name AS account_name FROM notes n
                 JOIN accounts a ON a.id = n.account_id
                 ORDER BY n.occurred_at DESC, n.seq DESC LIMIT ?"""
        return [_row(r) for r in self.db.execute(sql, (limit,))]

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


def _row(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data.pop("seq", None)
    return data


def _with_deadline(contract: dict[str, Any], today: dt.date | None) -> dict[str, Any]:
    with_notice(contract, today or dt.date.today())
    contract.pop("deadline", None)
    return contract
