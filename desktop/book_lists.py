"""The lists that run across the whole book: pipeline, renewals, Today's tasks and reviews.

Each reads its first rows from an index (``limit``) and counts in SQL, so a 150,000-account
book costs what a 60-account one does. ``BookLists`` is mixed into ``BookQueries``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from . import entities as E
from .accounts import REVIEW_SOON_DAYS
from .renewals import NOTICE_SOON_DAYS, with_notice

OPEN_STAGES_SQL = "(" + ",".join(f"'{s}'" for s in E.OPEN_STAGES) + ")"
_STAGE_ORDER_SQL = (
    "CASE stage " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(E.STAGES)) + " END"
)
# The notice deadline of a contract row ``c``; the same text as the index on it (the big-book migration).
_DEADLINE_SQL = "date(c.end_date, '-' || COALESCE(c.notice_days, 0) || ' days')"


class BookLists:
    """Queries across the book. Needs ``self.db``."""

    @property
    def db(self) -> sqlite3.Connection:
        raise NotImplementedError

    def open_opportunities(
        self, owner: str | None = None, stage: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Open opportunities ordered by stage (earliest first) then close date, with account.

        With ``stage`` and ``limit``, the first ``limit`` of one stage, read from the index of
        open opportunities (a page of the pipeline, whatever the size of the book).
        """
        sql = f"""
            SELECT o.*, a.name AS account_name, a.owner AS account_owner FROM opportunities o
            JOIN accounts a ON a.id = o.account_id
            WHERE o.stage IN {OPEN_STAGES_SQL}"""
        params: list[Any] = []
        if owner:
            sql += " AND a.owner = ?"
            params.append(owner)
        if stage is not None and limit is not None:
            # Dated deals first by close date, then undated ones by name: two index walks
            # (CROSS JOIN: opportunities first, whatever the planner guesses from the stats).
            sql = sql.replace("JOIN accounts a", "CROSS JOIN accounts a")
            sql += " AND o.stage = ?"
            params.append(stage)
            dated = sql + " AND o.close_date IS NOT NULL ORDER BY o.close_date, o.name LIMIT ?"
            rows = [row_dict(r) for r in self.db.execute(dated, [*params, limit])]
            if len(rows) < limit:
                undated = sql + " AND o.close_date IS NULL ORDER BY o.name LIMIT ?"
                rows += [
                    row_dict(r) for r in self.db.execute(undated, [*params, limit - len(rows)])
                ]
            return rows
        sql += f" ORDER BY {_STAGE_ORDER_SQL}, o.close_date IS NULL, o.close_date, o.name"
        return [row_dict(r) for r in self.db.execute(sql, params)]

    def opportunities_by_stage(
        self, owner: str | None = None, limit: int | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """Open opportunities per stage; with ``limit``, only the first ``limit`` of each."""
        if limit is not None:
            return {stage: self.open_opportunities(owner, stage, limit) for stage in E.OPEN_STAGES}
        grouped: dict[str, list[dict[str, Any]]] = {stage: [] for stage in E.OPEN_STAGES}
        for opp in self.open_opportunities(owner):
            grouped[opp["stage"]].append(opp)
        return grouped

    def pipeline_totals(self, owner: str | None = None) -> dict[str, tuple[int, int]]:
        """(count, amount in cents) of the open opportunities in each stage."""
        totals = {stage: (0, 0) for stage in E.OPEN_STAGES}
        if owner:
            sql = f"""SELECT o.stage, count(*), SUM(COALESCE(o.amount_cents, 0))
                      FROM opportunities o JOIN accounts a ON a.id = o.account_id
                      WHERE o.stage IN {OPEN_STAGES_SQL} AND a.owner = ? GROUP BY o.stage"""
            rows = self.db.execute(sql, (owner,))
        else:
            sql = f"""SELECT stage, count(*), SUM(COALESCE(amount_cents, 0)) FROM opportunities
                      WHERE stage IN {OPEN_STAGES_SQL} GROUP BY stage"""
            rows = self.db.execute(sql)
        for stage, count, amount in rows:
            totals[stage] = (count, amount or 0)
        return totals

    def contracts_by_notice_deadline(
        self,
        within_days: int | None = None,
        today: dt.date | None = None,
        passed_within_days: int | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Active contracts by notice deadline: upcoming ones soonest first, then passed ones
        (most recently passed first) while the contract is still running.

        ``within_days`` keeps deadlines up to that many days ahead; ``passed_within_days``
        keeps passed deadlines only that recent (None: all, 0: none); ``limit`` the first that
        many, read from the deadline index however many contracts the book holds.
        """
        today = today or dt.date.today()
        upcoming_until = (
            (today + dt.timedelta(days=within_days)).isoformat()
            if within_days is not None
            else None
        )
        passed_since = (
            (today - dt.timedelta(days=passed_within_days)).isoformat()
            if passed_within_days is not None
            else None
        )
        rows = self._deadlines(today, today.isoformat(), upcoming_until, False, limit)
        if limit is None or len(rows) < limit:
            rest = None if limit is None else limit - len(rows)
            rows += self._deadlines(today, passed_since, None, True, rest)
        return rows

    def _deadlines(self, today, since, until, passed, limit) -> list[dict[str, Any]]:
        """One direction of ``contracts_by_notice_deadline``: deadlines from ``since`` up to
        ``until`` ahead (or, ``passed``, before today and since ``since``), nearest first."""
        sql = f"""
            SELECT c.*, a.name AS account_name, a.owner AS account_owner,
                   {_DEADLINE_SQL} AS deadline
            FROM contracts c CROSS JOIN accounts a ON a.id = c.account_id
            WHERE c.end_date >= ? AND COALESCE(c.status, 'active') = 'active'"""
        params: list[Any] = [today.isoformat()]
        if passed:
            sql += f" AND {_DEADLINE_SQL} < ?"
            params.append(today.isoformat())
            if since is not None:
                sql += f" AND {_DEADLINE_SQL} >= ?"
                params.append(since)
            order = f"{_DEADLINE_SQL} DESC, c.end_date"
        else:
            sql += f" AND {_DEADLINE_SQL} >= ?"
            params.append(since)
            if until is not None:
                sql += f" AND {_DEADLINE_SQL} <= ?"
                params.append(until)
            order = f"{_DEADLINE_SQL}, c.end_date"
        # Ties on (deadline, end date) go by account name: read past the limit to the end of
        # the last tie, then sort the ties in Python, so a page costs an index walk.
        sql += f" ORDER BY {order}"
        found = [row_dict(r) for r in self.db.execute(sql, params)] if limit is None else []
        if limit is not None:
            cursor = self.db.execute(sql, params)
            for r in cursor:
                row = row_dict(r)
                if len(found) >= limit and (row["deadline"], row["end_date"]) != (
                    found[-1]["deadline"],
                    found[-1]["end_date"],
                ):
                    break
                found.append(row)
            cursor.close()
        found.sort(key=lambda c: (c["deadline"], c["end_date"], c["account_name"]))
        if passed:
            found.sort(key=lambda c: c["deadline"], reverse=True)  # stable: ties keep their order
        found = found[:limit] if limit is not None else found
        return [with_deadline(c, today) for c in found]

    def renewal_counts(
        self, today: dt.date | None = None, soon_days: int = NOTICE_SOON_DAYS
    ) -> tuple[int, int]:
        """(active contracts still running, those whose notice is due within ``soon_days`` or
        passed): the renewals summary, counted in SQL."""
        today = today or dt.date.today()
        sql = f"""SELECT count(*), SUM({_DEADLINE_SQL} <= ?) FROM contracts c
                  WHERE c.end_date >= ? AND COALESCE(c.status, 'active') = 'active'"""
        soon = (today + dt.timedelta(days=soon_days)).isoformat()
        total, urgent = self.db.execute(sql, (soon, today.isoformat())).fetchone()
        return total, urgent or 0

    def tasks_due(
        self,
        until: dt.date | None = None,
        kind: str | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        skip_meetings_from: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Open tasks due on or before ``until`` (overdue ones included unless ``since``);
        ``skip_meetings_from`` leaves out meetings on or after that day (they are meetings, not
        tasks); ``limit`` keeps the first that many."""
        sql, params = self._tasks_due_sql(
            "t.*, a.name AS account_name, c.name AS contact_name",
            until,
            kind,
            since,
            skip_meetings_from,
        )
        sql += " ORDER BY t.due_date, t.priority = 'high' DESC, t.subject"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [row_dict(r) for r in self.db.execute(sql, params)]

    def tasks_due_count(
        self, until: dt.date | None = None, skip_meetings_from: dt.date | None = None
    ) -> int:
        """How many open tasks ``tasks_due`` would list without a limit."""
        sql, params = self._tasks_due_sql("count(*)", until, None, None, skip_meetings_from)
        return self.db.execute(sql, params).fetchone()[0]

    def _tasks_due_sql(self, columns, until, kind, since, skip_meetings_from):
        until = until or dt.date.today()
        sql = f"""
            SELECT {columns} FROM tasks t
            JOIN accounts a ON a.id = t.account_id LEFT JOIN contacts c ON c.id = t.contact_id
            WHERE t.status = 'open' AND t.due_date IS NOT NULL AND t.due_date <= ?"""
        params: list[Any] = [until.isoformat()]
        if since:
            sql += " AND t.due_date >= ?"
            params.append(since.isoformat())
        if kind:
            sql += " AND t.kind = ?"
            params.append(kind)
        if skip_meetings_from:
            sql += " AND NOT (COALESCE(t.kind, '') = 'meeting' AND t.due_date >= ?)"
            params.append(skip_meetings_from.isoformat())
        return sql, params

    def reviews_due(
        self, within_days: int = REVIEW_SOON_DAYS, today: dt.date | None = None, limit: int = -1
    ) -> list[dict[str, Any]]:
        """Accounts whose next business review falls between today and ``within_days`` ahead
        (the first ``limit``; all when negative), read from the review-date index."""
        today = today or dt.date.today()
        sql = """SELECT * FROM accounts WHERE next_review BETWEEN ? AND ?
                 ORDER BY next_review, name COLLATE NOCASE, id LIMIT ?"""
        end = today + dt.timedelta(days=within_days)
        params = (today.isoformat(), end.isoformat(), limit)
        return [row_dict(r) for r in self.db.execute(sql, params)]

    def recent_notes(self, limit: int = 20) -> list[dict[str, Any]]:
        sql = """SELECT n.*, a.name AS account_name FROM notes n
                 JOIN accounts a ON a.id = n.account_id
                 ORDER BY n.occurred_at DESC, n.seq DESC LIMIT ?"""
        return [row_dict(r) for r in self.db.execute(sql, (limit,))]


def row_dict(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data.pop("seq", None)
    return data


def with_deadline(contract: dict[str, Any], today: dt.date | None) -> dict[str, Any]:
    with_notice(contract, today or dt.date.today())
    contract.pop("deadline", None)
    return contract
