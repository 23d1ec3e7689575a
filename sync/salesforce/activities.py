"""Meetings as Events: a task of kind "meeting" lives on Salesforce's Event, every other task on
Task. A change of kind moves the record: upsert on the new object first, then delete the old
row, so a retry after a lost answer finds the new one (upsert on the client UUID) and the old
one already gone, and nothing is lost between the two calls.
"""

from __future__ import annotations

import datetime as dt

from sync.connector import (
    Mutation,
    MutationResult,
    Outcome,
    Reason,
    Refusal,
    RemoteRecord,
)

from . import mapping as M
from .notes import SalesforceNotes
from .session import parse_time, quote
from .values import check_results, outcome_of_errors, refused_result


class SalesforceActivities(SalesforceNotes):
    """Moves between Task and Event, and the times of an Event."""

    def timed_event(self, fields: dict, row: dict) -> Refusal | None:
        """A new date for an Event made in Salesforce with a time: the same time and duration
        on the new day (ActivityDate is derived for those)."""
        if "ActivityDate" not in fields or row.get("IsAllDayEvent"):
            return None
        day = fields.pop("ActivityDate")
        if not day:
            return Refusal(
                Reason.NEEDS_VALUE, {"field": "due_date"}, "due_date: a meeting needs a date."
            )
        began = row.get("ActivityDateTime")
        if not isinstance(began, str):
            return None
        start = parse_time(began)
        moved = dt.datetime.combine(dt.date.fromisoformat(day), start.time(), dt.UTC)
        fields["ActivityDateTime"] = moved.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
        if isinstance(row.get("DurationInMinutes"), int):
            fields["DurationInMinutes"] = row["DurationInMinutes"]
        return None

    def _move(
        self, m: Mutation, record: RemoteRecord, rows: list[dict], target: M.TableMap
    ) -> dict[str, MutationResult]:
        """A task whose kind changed to or from meeting: upsert it on the other object (all its
        values), then delete the old row. A retry after a lost answer upserts the same record
        again and finds the old row gone (or deletes it then)."""
        merged = {**record.values, **m.values}
        fields, refused = self._fields(target, merged, None, True)
        if refused:
            return {m.op_id: refused_result(m, refused)}
        fields[M.UUID_FIELD] = m.id
        old = [r["Id"] for r in rows if self.sobject_of(r) is not target]
        item = self._upsert_one(target, fields)
        codes = {e.get("statusCode") for e in item.get("errors") or [] if isinstance(e, dict)}
        if not item["success"] and "DUPLICATE_VALUE" in codes and old:
            # An org whose unique index on the client UUID spans Task and Event: the old row
            # goes first (the rep's copy holds every value until the upsert is answered).
            failed = self._delete_ids(m, old)
            if failed:
                return {m.op_id: failed}
            old = []
            item = self._upsert_one(target, fields)
        if not item["success"]:
            return {m.op_id: outcome_of_errors(m, item.get("errors") or [])}
        self.remember(m.table, m.id, item["id"])
        failed = self._delete_ids(m, old) if old else None
        return {m.op_id: failed} if failed else {}

    def _upsert_one(self, tm: M.TableMap, fields: dict) -> dict:
        body = self.api.call(
            "PATCH",
            f"/composite/sobjects/{tm.sobject}/{M.UUID_FIELD}",
            body={"allOrNone": False, "records": [{"attributes": {"type": tm.sobject}, **fields}]},
        )
        [item] = check_results(body, 1)
        return item

    def _delete_ids(self, m: Mutation, ids: list[str]) -> MutationResult | None:
        """Delete these rows; None when they are gone (now or before), else the failure."""
        body = self.api.call(
            "delete", "/composite/sobjects", params={"ids": ",".join(ids), "allOrNone": "false"}
        )
        for item in check_results(body, len(ids)):
            if not item["success"]:
                outcome = outcome_of_errors(m, item.get("errors") or [], deleting=True)
                if outcome.outcome != Outcome.APPLIED:
                    return outcome
        return None

    def drop_elsewhere(self, tm: M.TableMap, uuids: list[str]) -> None:
        """Delete live rows of these records on the other objects of the table (a create
        retried after the rep changed its kind: the first attempt made it on the other one)."""
        for other in self.maps(tm.table):
            if other is tm:
                continue
            for start in range(0, len(uuids), 200):
                chunk = uuids[start : start + 200]
                rows = self.query(
                    f"select Id from {other.sobject} where {M.UUID_FIELD} IN "
                    f"({', '.join(quote(u) for u in chunk)})"
                )
                ids = [r["Id"] for r in rows if isinstance(r.get("Id"), str)]
                if ids:
                    self.api.call(
                        "delete",
                        "/composite/sobjects",
                        params={"ids": ",".join(ids), "allOrNone": "false"},
                    )
