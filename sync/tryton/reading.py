"""Reading Tryton: rows to remote records, pull pages with their cursor, ids in scope."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sync.connector import (
    PullPage,
    RemoteDeletion,
    RemoteRecord,
)
from sync.tryton import mapping as M

from .session import (
    ADDRESS_MODEL,
    CURSOR_VERSION,
    DELETION_MODEL,
    MECHANISM_MODEL,
    OVERLAP,
    TrytonSession,
    garbled,
)


class TrytonReading(TrytonSession):
    """Pull, list_ids and fetch."""

    # -- Tryton rows -> remote records ---------------------------------------------------

    def _row_fields(self, tm: M.TableMap) -> list[str]:
        fields = tm.stored() + ["fieldbook_uuid", "_timestamp", "last_modified_at"]
        if tm.archivable:
            fields.append("active")
        return fields

    def _to_records(self, tm: M.TableMap, rows: list[dict]) -> list[RemoteRecord]:
        rows = [r for r in rows if r.get("fieldbook_uuid")]
        for row in rows:
            self._remember(tm.model, row["id"], row["fieldbook_uuid"])
        refs: dict[str, set[int]] = {}
        for f in tm.fields:
            if f.kind == M.REF:
                model = f.ref_model
                refs.setdefault(model, set()).update(r[f.theirs] for r in rows if r[f.theirs])
            elif f.kind == M.RESOURCE:
                for r in rows:
                    model, _, id_ = (r[f.theirs] or ",").partition(",")
                    if model == f.ref_model and id_.isdigit():
                        refs.setdefault(model, set()).add(int(id_))
        uuids = {model: self._uuids_for(model, ids) for model, ids in refs.items()}
        extras = self._party_extras(tm, [r["id"] for r in rows])
        records = []
        for row in rows:
            values: dict[str, Any] = {}
            currency = row.get("fieldbook_currency") or self._currency_code
            if M.has_currency(tm) and not row.get("fieldbook_currency"):
                row = {**row, "fieldbook_currency": currency}
            for f in tm.fields:
                raw = row.get(f.theirs)
                if f.kind == M.REF:
                    values[f.ours] = uuids.get(f.ref_model, {}).get(raw) if raw else None
                elif f.kind == M.RESOURCE:
                    model, _, id_ = (raw or ",").partition(",")
                    values[f.ours] = uuids.get(model, {}).get(int(id_)) if id_.isdigit() else None
                elif f.kind in (M.MECHANISM, M.ADDRESS):
                    values[f.ours] = extras.get(row["id"], {}).get(f.ours)
                else:
                    values[f.ours] = M.from_tryton(f.kind, raw, currency)
            records.append(
                RemoteRecord(tm.table, row["fieldbook_uuid"], str(row["_timestamp"]), values)
            )
        return records

    def _party_extras(self, tm: M.TableMap, ids: list[int]) -> dict[int, dict[str, Any]]:
        """Phone, e-mail, website and address of parties, read in one call each."""
        mech = {f.theirs: f.ours for f in tm.fields if f.kind == M.MECHANISM}
        addr = [f for f in tm.fields if f.kind == M.ADDRESS]
        out: dict[int, dict[str, Any]] = {i: {} for i in ids}
        if not ids:
            return out
        if mech:
            rows = self._search_read(
                MECHANISM_MODEL,
                [("party", "in", ids), ("type", "in", list(mech))],
                ["party", "type", "value"],
                order=[("sequence", "ASC"), ("id", "ASC")],
                context={},
            )
            for row in rows:
                out[row["party"]].setdefault(mech[row["type"]], row["value"] or None)
        if addr:
            rows = self._search_read(
                ADDRESS_MODEL,
                [("party", "in", ids)],
                ["party", "street", "city", "country"],
                order=[("sequence", "ASC"), ("id", "ASC")],
                context={},
            )
            for row in rows:
                if "city" in out[row["party"]]:
                    continue  # the first address is the account's
                out[row["party"]]["street"] = row["street"] or None
                out[row["party"]]["city"] = row["city"] or None
                out[row["party"]]["country"] = self._country_name(row["country"])
        return out

    # -- pull ----------------------------------------------------------------------------

    def _initial_cursor(self) -> dict:
        last = self._search_read(
            DELETION_MODEL, [], ["id"], limit=1, order=[("id", "DESC")], context={}
        )
        return {"v": CURSOR_VERSION, "del": last[0]["id"] if last else 0, "t": {}}

    def pull(self, cursor: str | None, limit: int = 500) -> PullPage:
        state = json.loads(cursor) if cursor else None
        if not state or state.get("v") != CURSOR_VERSION:
            state = self._initial_cursor()
        records: list[RemoteRecord] = []
        deletions: list[RemoteDeletion] = []
        remaining = max(1, limit)
        more = False
        for tm in M.TABLE_MAPS.values():
            mark = state["t"].get(tm.table)
            domain: list = [list(c) if isinstance(c, tuple) else c for c in tm.domain]
            if mark:
                since = dt.datetime.fromisoformat(mark["ts"])
                seen = [int(i) for i in mark["seen"]]
                domain += [
                    ("last_modified_at", ">=", since - OVERLAP),
                    ["OR", ("last_modified_at", ">", since), ("id", "not in", seen)],
                ]
            rows = self._search_read(
                tm.model,
                domain,
                self._row_fields(tm),
                limit=remaining,
                order=[("last_modified_at", "ASC"), ("id", "ASC")],
            )
            if rows:
                self._check_rows(rows)
                state["t"][tm.table] = self._advance(mark, rows)
                live = [r for r in rows if r.get("active", True)]
                gone = [r for r in rows if not r.get("active", True) and r["fieldbook_uuid"]]
                records += self._to_records(tm, live)
                deletions += [RemoteDeletion(tm.table, r["fieldbook_uuid"]) for r in gone]
                remaining -= len(rows)
            if remaining <= 0:
                more = True
                break  # children wait until their parents are all pulled
        if not more:
            rows = self._search_read(
                DELETION_MODEL,
                [("id", ">", state["del"])],
                ["model", "record_uuid"],
                limit=remaining,
                order=[("id", "ASC")],
                context={},
            )
            for row in rows:
                for table in M.TABLES_OF_MODEL.get(row["model"], ()):
                    deletions.append(RemoteDeletion(table, row["record_uuid"]))
                state["del"] = row["id"]
            more = len(rows) >= remaining
        return PullPage(records, deletions, json.dumps(state, separators=(",", ":")), more)

    @staticmethod
    def _check_rows(rows: list[dict]) -> None:
        """Rows a pull may move its mark over: stamps are datetimes, UUIDs text or empty.
        Anything else is a broken answer, and nothing of it reaches the saved position."""
        for row in rows:
            uuid = row.get("fieldbook_uuid")
            if not isinstance(row.get("last_modified_at"), dt.datetime) or not (
                uuid is None or uuid is False or isinstance(uuid, str)
            ):
                raise garbled()
            if "_timestamp" in row and not isinstance(row["_timestamp"], (str, int, float)):
                raise garbled()

    @staticmethod
    def _advance(mark: dict | None, rows: list[dict]) -> dict:
        """The new mark: the newest stamp, and every id seen in the overlap window before it."""
        seen = {int(k): v for k, v in (mark or {}).get("seen", {}).items()} if mark else {}
        newest = dt.datetime.fromisoformat(mark["ts"]) if mark else None
        for row in rows:
            stamp = row["last_modified_at"]
            seen[row["id"]] = stamp.isoformat()
            if newest is None or stamp > newest:
                newest = stamp
        if newest is None:  # only called with rows: one of them is the newest
            raise ValueError("no rows to advance the mark over")
        floor = newest - OVERLAP
        kept = {str(k): v for k, v in seen.items() if dt.datetime.fromisoformat(v) >= floor}
        return {"ts": newest.isoformat(), "seen": kept}

    # -- list_ids / fetch ----------------------------------------------------------------

    def list_ids(self, table: str) -> set[str]:
        tm = M.TABLE_MAPS[table]
        domain = [list(c) if isinstance(c, tuple) else c for c in tm.domain]
        context = self._context(active_test=True)
        rows = self._search_read(tm.model, domain, ["fieldbook_uuid"], context=context)
        uuids = [r.get("fieldbook_uuid") for r in rows]
        if not all(u is None or u is False or isinstance(u, str) for u in uuids):
            raise garbled()
        return {u for u in uuids if isinstance(u, str) and u}

    def fetch(self, table: str, ids: list[str]) -> list[RemoteRecord]:
        tm = M.TABLE_MAPS[table]
        out: list[RemoteRecord] = []
        for start in range(0, len(ids), 500):
            domain = [list(c) if isinstance(c, tuple) else c for c in tm.domain]
            domain.append(("fieldbook_uuid", "in", list(ids[start : start + 500])))
            rows = self._search_read(tm.model, domain, self._row_fields(tm))
            out += self._to_records(tm, [r for r in rows if r.get("active", True)])
        return out
