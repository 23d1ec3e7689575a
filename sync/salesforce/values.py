"""The values Salesforce is sent and the results it answers: our fields as the org's (picklists
checked, references resolved), per-record results mapped to outcomes.
"""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Collection
from typing import Any

from desktop import money
from sync.connector import (
    ErrorKind,
    Mutation,
    MutationResult,
    Outcome,
    Reason,
    Refusal,
    RemoteRecord,
)

from . import mapping as M
from .reading import SalesforceReading
from .rest import BadAnswer
from .session import parse_time

log = logging.getLogger(__name__)


def refers_to_missing(name: str) -> Refusal:
    return Refusal(
        Reason.REFERS_TO_MISSING,
        {"field": name},
        f"It refers to a record that is not in Salesforce: {name}.",
    )


def refused_result(m: Mutation, refused: Refusal) -> MutationResult:
    """A record refused before it was sent; one whose reference is missing counts as gone."""
    missing = refused.cause == Reason.REFERS_TO_MISSING
    return refused.result(m.op_id, ErrorKind.NOT_FOUND if missing else ErrorKind.INVALID)


COMPOSITE_MAX = 25
RETRY_CODES = {
    "UNABLE_TO_LOCK_ROW",
    "ALL_OR_NONE_OPERATION_ROLLED_BACK",
    "REQUEST_LIMIT_EXCEEDED",
    "SERVER_UNAVAILABLE",
}
GONE_CODES = {"ENTITY_IS_DELETED", "NOT_FOUND", "INVALID_CROSS_REFERENCE_KEY", "INVALID_ID_FIELD"}
LOCK_RETRY_AFTER = 5.0


def _http_date(modified: str) -> str:
    return email.utils.format_datetime(parse_time(modified), usegmt=True)


def check_results(body: Any, n: int) -> list[dict]:
    """An sObject Collections answer: one ``{id, success, errors}`` per record, in order."""
    if not isinstance(body, list) or len(body) != n:
        raise BadAnswer("a collection answer with the wrong number of results")
    for item in body:
        if not isinstance(item, dict) or not isinstance(item.get("success"), bool):
            raise BadAnswer("a collection result without 'success'")
        if item["success"] and not isinstance(item.get("id"), str):
            raise BadAnswer("a successful collection result without an id")
        if not isinstance(item.get("errors", []), list):
            raise BadAnswer("a collection result whose errors are not a list")
    return body


def outcome_of_errors(m: Mutation, errors: list, *, deleting: bool = False) -> MutationResult:
    """A failed record's result from its ``errors`` (``statusCode`` or ``errorCode``)."""
    first = errors[0] if errors and isinstance(errors[0], dict) else {}
    code = str(first.get("statusCode") or first.get("errorCode") or "UNKNOWN_EXCEPTION")
    message = str(first.get("message") or code)
    fields = first.get("fields") or []
    reason = f"{message} ({code}{': ' + ', '.join(map(str, fields)) if fields else ''})"
    if code in RETRY_CODES:
        return MutationResult(
            m.op_id,
            Outcome.RETRY,
            reason=reason,
            kind=ErrorKind.TRANSIENT,
            retry_after=LOCK_RETRY_AFTER,
        )
    if code in GONE_CODES and (m.op != "create" or code == "ENTITY_IS_DELETED"):
        if deleting:
            return MutationResult(m.op_id, Outcome.APPLIED)
        return MutationResult(m.op_id, Outcome.REJECTED, reason=reason, kind=ErrorKind.NOT_FOUND)
    return MutationResult(m.op_id, Outcome.REJECTED, reason=reason, kind=ErrorKind.INVALID)


class SalesforceValues(SalesforceReading):
    """Values to write, and what came of a write."""

    def _fields(
        self,
        tm: M.TableMap,
        values: dict[str, Any],
        current: dict[str, Any] | None,
        creating: bool,
        deferred: Collection[str] = (),
        record_type: str | None = None,
    ) -> tuple[dict[str, Any], Refusal | None]:
        """Salesforce fields for ours, or the reason they cannot be written."""
        out: dict[str, Any] = {}
        merged = {**(current or {}), **values}
        currency = merged.get("currency") or money.DEFAULT_CURRENCY
        refs: dict[str, str] = {}
        for name, value in values.items():
            f = tm.field(name)
            if f is None or not self.has(tm, f.theirs) or name in deferred:
                continue  # local-only, or not in this org: kept in Fieldbook
            if f.kind == M.REF:
                if value:
                    refs[name] = value
                    continue
                theirs = None
            else:
                allowed = self.picklist(tm, f.theirs, record_type) if f.kind == M.ENUM else None
                theirs = M.to_salesforce(f, value, currency, allowed)
                if f.kind == M.ENUM and value and theirs is None:
                    return {}, Refusal(
                        Reason.NO_CRM_CHOICE,
                        {"field": name, "value": value},
                        f"{name}: {value!r} has no Salesforce value.",
                    )
                if theirs is not None and allowed is not None and theirs not in allowed:
                    rt = self.picklists.name(
                        tm.sobject, record_type or self.picklists.default(tm.sobject)
                    )
                    where = f"record type {rt!r} in your Salesforce" if rt else "your Salesforce"
                    choices = ", ".join(sorted(allowed))
                    return {}, Refusal(
                        Reason.NO_SUCH_CHOICE,
                        {"field": name, "value": theirs, "choices": choices, "record_type": rt},
                        f"{name}: {where} has no value {theirs!r} (it has: {choices}).",
                    )
            if f.ours == "body" and tm.table == "notes":
                continue  # the note's text travels as a new version
            if tm.table == "tasks" and f.ours == "account_id":
                continue  # derived by Salesforce from WhatId
            if not self.writable(tm, f.theirs, creating):
                if f.read_only_ok or (f.theirs == "FirstPublishLocationId" and not creating):
                    continue
                return {}, Refusal(
                    Reason.READ_ONLY, {"field": name}, f"{name}: read-only in your Salesforce."
                )
            out[f.theirs] = theirs
        for name, uuid_ in refs.items():
            f = tm.field(name)
            assert f is not None and f.ref_table is not None
            sfid = self.sfids(f.ref_table, [uuid_]).get(uuid_)
            if sfid is None:
                return {}, refers_to_missing(name)
            if tm.table == "tasks" and name == "account_id":
                continue
            if tm.table == "notes" and name == "account_id" and not creating:
                continue
            out[f.theirs] = sfid
        if tm.table == "tasks" and ({"account_id", "opportunity_id"} & values.keys()):
            what = merged.get("opportunity_id") or merged.get("account_id")
            table = "opportunities" if merged.get("opportunity_id") else "accounts"
            sfid = self.sfids(table, [what]).get(what) if what else None
            if what and sfid is None:
                return {}, refers_to_missing("account_id")
            out["WhatId"] = sfid
        if tm is M.EVENTS:
            if (creating or "due_date" in values) and not merged.get("due_date"):
                return {}, Refusal(
                    Reason.NEEDS_VALUE,
                    {"field": "due_date"},
                    "due_date: a meeting needs a date to be an Event in Salesforce.",
                )
            if creating:
                out["IsAllDayEvent"] = True  # our tasks have a day, not a time
        if tm.table == "contacts" and "name" in values:
            out["FirstName"] = None
        return out, None

    def _applied(
        self, tm: M.TableMap, group: list[Mutation], results: dict[str, MutationResult]
    ) -> list[MutationResult]:
        wanted = [m.id for m in group if m.op_id not in results]
        records = {r.id: r for r in self.fetch(tm.table, wanted)} if wanted else {}
        out = []
        for m in group:
            if m.op_id in results:
                out.append(results[m.op_id])
            elif m.id in records:
                out.append(MutationResult(m.op_id, Outcome.APPLIED, record=records[m.id]))
            else:
                out.append(
                    MutationResult(
                        m.op_id,
                        Outcome.REJECTED,
                        reason="Salesforce did not keep the record.",
                        kind=ErrorKind.NOT_FOUND,
                    )
                )
        return out

    def _conflict(self, m: Mutation, record: RemoteRecord | None) -> MutationResult:
        return MutationResult(
            m.op_id,
            Outcome.CONFLICT,
            record=record,
            reason="Changed in Salesforce meanwhile.",
            kind=ErrorKind.CONFLICT,
        )
