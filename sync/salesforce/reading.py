"""Reading Salesforce: rows to remote records, pull pages with their cursor, ids in scope.

The cursor holds, per table, the newest ``SystemModstamp`` pulled and the rows seen in the
overlap before it (id and a digest). A pull that is caught up asks ``queryAll`` for rows from
the overlap on, ``ORDER BY SystemModstamp, Id``, and leaves out rows seen unchanged: ties at
one second, and a row written twice (or deleted) within one second, are neither skipped nor
repeated. While catching up page after page (a first sync, a bulk load: thousands of rows a
second) it pages exactly on ``(SystemModstamp, Id)`` instead, so no page re-reads the one
before; the overlap is read again once it has caught up. Deleted
rows (``IsDeleted``) come as deletions; nothing depends on our clock. When the cursor is older than the recycle bin still covers (``getDeleted``'s
``earliestDateAvailable``), deletions may have been purged: the next reconciliation lists ids.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from typing import Any

from sync.connector import PullPage, RemoteDeletion, RemoteRecord

from . import mapping as M
from .rest import BadAnswer
from .session import SalesforceSession, parse_time, quote, soql_time

CURSOR_VERSION = 3
RECYCLE_BIN_DAYS = 14  # a day short of the 15 Salesforce keeps: check before it is too late
OVERLAP = dt.timedelta(seconds=2)  # SystemModstamp has one-second resolution: re-read two


def laptop_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _age(row: dict, tm: M.TableMap) -> tuple:
    """Which of two rows of one task is the newer: the one made later (a move creates the new
    row after the old one), then the one changed later, then the Event."""
    made = row.get("CreatedDate")
    return (
        parse_time(made) if isinstance(made, str) else dt.datetime.min.replace(tzinfo=dt.UTC),
        parse_time(row["LastModifiedDate"]),
        tm is M.EVENTS,
    )


def row_digest(row: dict) -> str:
    """What a row looked like when pulled: a row re-read in the overlap is sent again only if
    it changed (a second write, or a delete, within the same second)."""
    body = {k: v for k, v in row.items() if k != "attributes"}
    return hashlib.sha1(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()[:16]


def advance(mark: dict, rows: list[dict], paging: bool = False) -> dict:
    """The new mark: the newest stamp and the rows seen within the overlap before it; while
    ``paging``, the last row instead (rows come in (SystemModstamp, Id) order)."""
    stamps = [parse_time(mark["ts"])] if mark else []
    stamps += [parse_time(row["SystemModstamp"]) for row in rows]
    newest = max(stamps)
    if paging:
        return {"ts": newest.isoformat(), "after": rows[-1]["Id"], "seen": {}}
    seen = {} if mark.get("after") else dict(mark.get("seen", {}))
    floor = newest - OVERLAP
    for row, stamp in zip(rows, stamps[-len(rows) :], strict=True):
        if stamp >= floor:  # only the overlap second is re-read: only it needs a digest
            seen[row["Id"]] = [row_digest(row), row["SystemModstamp"]]
    kept = {i: v for i, v in seen.items() if parse_time(v[1]) >= floor}
    return {"ts": newest.isoformat(), "seen": kept}


def version_of(modified: str, values: dict[str, Any]) -> str:
    """``LastModifiedDate`` (the base of a conditional write) and a digest of the values, since
    two writes in one second share a ``LastModifiedDate``."""
    digest = hashlib.sha1(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()
    return f"{modified}|{digest[:12]}"


class SalesforceReading(SalesforceSession):
    """Pull, list_ids and fetch."""

    def select_fields(self, tm: M.TableMap) -> list[str]:
        names = list(M.SYSTEM_FIELDS)
        for f in tm.fields:
            if self.has(tm, f.theirs) and f.theirs not in names:
                names.append(f.theirs)
        for extra in (*tm.extra_read, "RecordTypeId"):  # the record type: its picklist values
            if self.has(tm, extra) and extra not in names:
                names.append(extra)
        return names

    def to_records(self, tm: M.TableMap, rows: list[dict]) -> list[RemoteRecord]:
        """Remote records of live rows; rows made in Salesforce get their client UUID claimed."""
        refs: dict[str, set[str]] = {}
        for f in tm.fields:
            if f.kind == M.REF and f.ref_table:
                for row in rows:
                    if isinstance(row.get(f.theirs), str):
                        refs.setdefault(f.ref_table, set()).add(row[f.theirs])
        uuid_of: dict[str, str] = {}
        for table, ids in refs.items():
            uuid_of.update(self.uuids(table, ids))
        records = []
        unclaimed: list[tuple[str, str]] = []
        for row in rows:
            if not isinstance(row.get("Id"), str) or not isinstance(
                row.get("LastModifiedDate"), str
            ):
                raise BadAnswer(f"a {tm.sobject} row without Id or LastModifiedDate")
            uuid_ = row.get(M.UUID_FIELD)
            if not uuid_:
                uuid_ = self.claim_uuid(row["Id"])
                if uuid_:
                    unclaimed.append((row["Id"], uuid_))
            if not isinstance(uuid_, str):
                raise BadAnswer(f"a {tm.sobject} row with a client UUID that is not text")
            self.remember(tm.table, uuid_, row["Id"])
            values = self.values_of(tm, row, uuid_of)
            records.append(
                RemoteRecord(tm.table, uuid_, version_of(row["LastModifiedDate"], values), values)
            )
        if unclaimed and tm.upsert:
            self.write_claims(tm, unclaimed)
        return records

    def values_of(self, tm: M.TableMap, row: dict, uuid_of: dict[str, str]) -> dict[str, Any]:
        currency = (
            row.get("CurrencyIsoCode") if isinstance(row.get("CurrencyIsoCode"), str) else None
        )
        values: dict[str, Any] = {}
        for f in tm.fields:
            if not self.has(tm, f.theirs):
                continue  # not in this org: kept in Fieldbook only
            raw = row.get(f.theirs)
            if f.kind == M.REF:
                values[f.ours] = uuid_of.get(raw) if isinstance(raw, str) else None
                if (
                    tm.table == "tasks"
                    and f.ours == "opportunity_id"
                    and raw
                    and not str(raw).startswith("006")
                ):
                    values[f.ours] = None  # WhatId names the account (or something else)
            elif tm.table == "contacts" and f.ours == "name":
                values["name"] = row.get("Name") or raw
            elif tm.table == "notes" and f.ours == "body":
                values["body"] = self.note_body(row)
            elif tm is M.EVENTS and f.ours == "due_date":
                day = raw or str(row.get("ActivityDateTime") or "")[:10] or None
                values["due_date"] = M.from_salesforce(f, day, None)
            else:
                try:
                    values[f.ours] = M.from_salesforce(f, raw, currency)
                except (ValueError, ArithmeticError):
                    raise BadAnswer(f"{tm.sobject}.{f.theirs} = {raw!r}") from None
        if tm is M.EVENTS:
            # Every Event is a meeting; one made in Salesforce (no Fieldbook status yet) is open.
            values["kind"] = M.MEETING
            values["status"] = values.get("status") or "open"
        return values

    def note_body(self, row: dict) -> str | None:
        """A version's text: a ContentVersion never changes, so each is read once."""
        if row["Id"] in self.bodies:
            return self.bodies[row["Id"]]
        inline = row.get(M.BODY_FIELD)
        if isinstance(inline, str) and inline:
            return inline  # written by Fieldbook with the version: the same text, no extra call
        url = row.get("VersionData")
        if not isinstance(url, str) or not url.startswith("/services/data/"):
            return None
        data = self.api.call("GET", url, raw=True)
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise BadAnswer("a note whose text is not UTF-8") from None
        self.bodies[row["Id"]] = text or None
        return text or None

    def write_claims(self, tm: M.TableMap, claims: list[tuple[str, str]]) -> None:
        """Write the derived client UUID to records made in Salesforce (idempotent)."""
        for start in range(0, len(claims), 200):
            chunk = claims[start : start + 200]
            self.api.call(
                "PATCH",
                "/composite/sobjects",
                body={
                    "allOrNone": False,
                    "records": [
                        {"attributes": {"type": tm.sobject}, "id": i, M.UUID_FIELD: u}
                        for i, u in chunk
                    ],
                },
            )

    # -- pull ------------------------------------------------------------------------------

    def pull(self, cursor: str | None, limit: int = 500) -> PullPage:
        state = json.loads(cursor) if cursor else None
        if not isinstance(state, dict) or state.get("v") != CURSOR_VERSION:
            state = {"v": CURSOR_VERSION, "t": {}}
        marks = {"t": dict(state["t"])}  # the marks as they were (checked after the queries)
        records: list[RemoteRecord] = []
        deletions: list[RemoteDeletion] = []
        remaining = max(1, limit)
        more = False
        for tm in self.sobject_maps():
            mark = state["t"].get(tm.cursor_key) or {}
            seen: dict[str, list] = mark.get("seen", {})
            where = self.where_scope(tm)
            if mark.get("after"):  # catching up, page after page: exactly after the last row
                ts = soql_time(parse_time(mark["ts"]))
                last = quote(mark["after"])
                where.append(f"(SystemModstamp > {ts} OR (SystemModstamp = {ts} AND Id > {last}))")
                seen = {}
            elif mark:  # caught up: read the overlap again, leave out what is unchanged
                since = parse_time(mark["ts"]) - OVERLAP
                where.append(f"SystemModstamp >= {soql_time(since)}")
            soql = f"select {', '.join(self.select_fields(tm))} from {tm.sobject}"
            if where:
                soql += " where " + " AND ".join(where)
            soql += f" order by SystemModstamp, Id limit {remaining + len(seen)}"
            rows = self.query(soql, all_rows=True, limit=remaining + len(seen))
            fresh: list[dict] = []
            for row in rows:
                if len(fresh) >= remaining:
                    break
                if not isinstance(row.get("SystemModstamp"), str) or not isinstance(
                    row.get("Id"), str
                ):
                    raise BadAnswer("a row without Id or SystemModstamp")
                before = seen.get(row["Id"])
                if before is None or before[0] != row_digest(row):
                    fresh.append(row)
            if fresh:
                # More to come, or nothing can still change at or before the newest stamp:
                # page on exactly by (SystemModstamp, Id), no overlap to read again.
                newest = parse_time(fresh[-1]["SystemModstamp"])
                paging = len(fresh) >= remaining or self._settled(newest)
                state["t"][tm.cursor_key] = advance(mark, fresh, paging=paging)
            elif rows and self._settled(parse_time(rows[-1]["SystemModstamp"])):
                final = rows[-1]  # the overlap, unchanged, and now in the past: stop reading it
                state["t"][tm.cursor_key] = {"ts": final["SystemModstamp"], "after": final["Id"]}
            elif mark.get("after") and not self._settled(parse_time(mark["ts"])):
                state["t"][tm.cursor_key] = {"ts": mark["ts"], "seen": {}}  # read the overlap again
            if fresh:
                gone = [
                    u
                    for r in fresh
                    if r.get("IsDeleted") and (u := r.get(M.UUID_FIELD) or self.claim_uuid(r["Id"]))
                ]
                if gone and len(self.maps(tm.table)) > 1:
                    # A task whose kind changed to or from meeting moved between Task and Event:
                    # its old row's deletion is no deletion while the other object holds it.
                    moved = self.sfids(tm.table, gone, fresh=True)
                    gone = [u for u in gone if u not in moved]
                for uuid_ in gone:
                    deletions.append(RemoteDeletion(tm.table, uuid_))
                    self.forget(tm.table, uuid_)
                live = [r for r in fresh if not r.get("IsDeleted")]
                if live and len(self.maps(tm.table)) > 1:
                    live = self._finish_moves(tm, live)
                records += self.to_records(tm, live)
                remaining -= len(fresh)
            if remaining <= 0:
                more = True
                break  # children wait until their parents are all pulled
        # After this pull's queries, so Salesforce's clock is fresh (not an answer from before
        # the laptop slept).
        self._check_recycle_bin(marks)
        return PullPage(records, deletions, json.dumps(state, separators=(",", ":")), more)

    def _finish_moves(self, tm: M.TableMap, rows: list[dict]) -> list[dict]:
        """Rows of tasks that are live on the other object too (a move between Task and Event
        whose delete never came): the newer row is the task, the older is deleted now."""
        wanted = {r[M.UUID_FIELD]: r for r in rows if r.get(M.UUID_FIELD)}
        stale: list[str] = []
        for other in self.maps(tm.table):
            if other is tm or not wanted:
                continue
            keys = sorted(wanted)
            found: list[dict] = []
            for start in range(0, len(keys), 200):  # a GET's URL stays short
                chunk = ", ".join(quote(u) for u in keys[start : start + 200])
                found += self.query(
                    f"select Id, {M.UUID_FIELD}, CreatedDate, LastModifiedDate "
                    f"from {other.sobject} where {M.UUID_FIELD} IN ({chunk})"
                )
            for twin in found:
                row = wanted.get(twin.get(M.UUID_FIELD))
                if row is None or not isinstance(twin.get("LastModifiedDate"), str):
                    continue
                newer = _age(twin, other) > _age(row, tm)
                stale.append(row["Id"] if newer else twin["Id"])
                if newer:
                    del wanted[twin[M.UUID_FIELD]]
        for start in range(0, len(stale), 200):
            self.api.call(
                "delete",
                "/composite/sobjects",
                params={"ids": ",".join(stale[start : start + 200]), "allOrNone": "false"},
            )
        return [r for r in rows if r["Id"] not in stale]

    def sobject_maps(self) -> list[M.TableMap]:
        """Every sObject this org syncs, parents first (Event after Task)."""
        return [tm for tm in M.SOBJECT_MAPS if tm in self.maps(tm.table)]

    def _settled(self, stamp: dt.datetime) -> bool:
        """Whether Salesforce's clock (the last answer's Date) is past ``stamp`` by the overlap:
        a later write gets a later SystemModstamp, so nothing at or before it can still come."""
        now = self.api.server_time
        return now is not None and now - stamp > OVERLAP

    def _check_recycle_bin(self, state: dict) -> None:
        """Whether a table's cursor is older than the recycle bin covers (then reconcile). The
        age is measured on Salesforce's clock (the last answer's ``Date``), which is the clock the
        recycle bin purges by; the laptop's only when no answer has come yet."""
        now = self.api.server_time or laptop_now()
        for tm in self.sobject_maps():
            mark = state["t"].get(tm.cursor_key)
            if not mark:
                continue
            since = parse_time(mark["ts"])
            if now - since < dt.timedelta(days=RECYCLE_BIN_DAYS):
                continue
            sobject = "ContentDocument" if tm.sobject == "ContentVersion" else tm.sobject
            body = self.api.call(
                "GET",
                f"/sobjects/{sobject}/deleted/",
                params={"start": soql_time(since), "end": soql_time(now)},
            )
            if not isinstance(body, dict) or not isinstance(body.get("earliestDateAvailable"), str):
                raise BadAnswer("getDeleted without earliestDateAvailable")
            if parse_time(body["earliestDateAvailable"]) > since:
                self.has_deletion_log = False

    # -- list_ids / fetch ------------------------------------------------------------------

    def list_ids(self, table: str) -> set[str]:
        out = set()
        for tm in self.maps(table):
            where = self.where_scope(tm)
            soql = f"select Id, {M.UUID_FIELD} from {tm.sobject}"
            if where:
                soql += " where " + " AND ".join(where)
            for row in self.query(soql):
                uuid_ = row.get(M.UUID_FIELD) or self.claim_uuid(row.get("Id"))
                if uuid_:
                    out.add(uuid_)
        if table == "accounts":  # the last table a reconciliation lists
            self.has_deletion_log = True
        return out

    def fetch_rows(self, table: str, ids: list[str]) -> list[dict]:
        """The rows of these records, from every sObject holding ``table`` (Task and Event)."""
        rows: list[dict] = []
        for tm in self.maps(table):
            rows += self._fetch_rows_of(tm, ids)
        return rows

    def _fetch_rows_of(self, tm: M.TableMap, ids: list[str]) -> list[dict]:
        table = tm.table
        rows: list[dict] = []
        for start in range(0, len(ids), 200):
            chunk = ids[start : start + 200]
            where = [f"{M.UUID_FIELD} IN ({', '.join(quote(u) for u in chunk)})"]
            derived = {self.claim_uuid(s): s for u, s in self._sfid.items() if u[0] == table}
            org_made = [derived[u] for u in chunk if u in derived]
            if org_made:
                where = [f"({where[0]} OR Id IN ({', '.join(quote(i) for i in org_made)}))"]
            where += self.where_scope(tm)
            rows += self.query(
                f"select {', '.join(self.select_fields(tm))} from {tm.sobject} "
                f"where {' AND '.join(where)}"
            )
        return rows

    def fetch(self, table: str, ids: list[str]) -> list[RemoteRecord]:
        return [rec for _, rec in self.records_of(table, self.fetch_rows(table, ids))]

    def records_of(self, table: str, rows: list[dict]) -> list[tuple[dict, RemoteRecord]]:
        """(row, record) for rows of any sObject holding ``table``, in the rows' order."""
        by_type: dict[str, list[dict]] = {}
        for row in rows:
            by_type.setdefault(row["attributes"].get("type"), []).append(row)
        out: list[tuple[dict, RemoteRecord]] = []
        for tm in self.maps(table):
            mine = by_type.get(tm.sobject, [])
            out += zip(mine, self.to_records(tm, mine), strict=True)
        return out

    def sobject_of(self, row: dict) -> M.TableMap:
        """The map of a fetched row (by its ``attributes.type``)."""
        kind = row["attributes"].get("type")
        for tm in M.SOBJECT_MAPS:
            if tm.sobject == kind:
                return tm
        raise BadAnswer(f"a row of an unexpected type {kind!r}")


def encode_body(text: str | None) -> str:
    return base64.b64encode((text or "").encode("utf-8")).decode()
