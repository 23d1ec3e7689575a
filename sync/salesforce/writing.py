"""Writing Salesforce: idempotent creates (upsert on the client UUID), conditional updates
through ``/composite`` with ``If-Unmodified-Since``, compare-then-delete; one result per
mutation, partial failures mapped record by record.
"""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Collection
from typing import Any

from desktop import money
from sync.connector import (
    ConnectorError,
    ErrorKind,
    Mutation,
    MutationResult,
    Outcome,
    RemoteRecord,
)

from . import mapping as M
from .reading import SalesforceReading, encode_body
from .rest import BadAnswer
from .session import parse_time

log = logging.getLogger(__name__)

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


class SalesforceWriting(SalesforceReading):
    """Push."""

    def push(self, mutations: list[Mutation]) -> list[MutationResult]:
        results: list[MutationResult] = []
        i = 0
        try:
            while i < len(mutations):
                m = mutations[i]
                j = i + 1
                while (
                    j < len(mutations)
                    and j - i < self.max_batch
                    and mutations[j].op == m.op
                    and mutations[j].table == m.table
                ):
                    j += 1
                group = mutations[i:j]
                if m.op == "create":
                    results += self._creates(group)
                elif m.op == "update":
                    results += self._updates(group)
                elif m.op == "delete":
                    results += self._deletes(group)
                else:
                    results += [
                        MutationResult(
                            g.op_id,
                            Outcome.REJECTED,
                            reason=f"unknown operation {g.op!r}",
                            kind=ErrorKind.INVALID,
                        )
                        for g in group
                    ]
                i = j
        except ConnectorError as exc:
            if exc.kind == ErrorKind.SIGN_IN or not results:
                raise
            results += [
                MutationResult(
                    m.op_id,
                    Outcome.RETRY,
                    reason=exc.message,
                    kind=exc.kind,
                    retry_after=exc.retry_after,
                )
                for m in mutations[len(results) :]
            ]
        return results

    # -- values ----------------------------------------------------------------------------

    def _fields(
        self,
        tm: M.TableMap,
        values: dict[str, Any],
        current: dict[str, Any] | None,
        creating: bool,
        deferred: Collection[str] = (),
    ) -> tuple[dict[str, Any], str | None]:
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
                allowed = self.picklist(tm, f.theirs) if f.kind == M.ENUM else None
                theirs = M.to_salesforce(f, value, currency, allowed)
                if f.kind == M.ENUM and value and theirs is None:
                    return {}, f"{name}: {value!r} has no Salesforce value."
                if theirs is not None and allowed is not None and theirs not in allowed:
                    return {}, (
                        f"{name}: your Salesforce has no value {theirs!r} "
                        f"(it has: {', '.join(sorted(allowed))})."
                    )
            if f.ours == "body" and tm.table == "notes":
                continue  # the note's text travels as a new version
            if tm.table == "tasks" and f.ours == "account_id":
                continue  # derived by Salesforce from WhatId
            if not self.writable(tm, f.theirs, creating):
                if f.read_only_ok or (f.theirs == "FirstPublishLocationId" and not creating):
                    continue
                return {}, f"{name}: read-only in your Salesforce."
            out[f.theirs] = theirs
        for name, uuid_ in refs.items():
            f = tm.field(name)
            assert f is not None and f.ref_table is not None
            sfid = self.sfids(f.ref_table, [uuid_]).get(uuid_)
            if sfid is None:
                return {}, f"It refers to a record that is not in Salesforce: {name}."
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
                return {}, "It refers to a record that is not in Salesforce: account_id."
            out["WhatId"] = sfid
        if tm.table == "contacts" and "name" in values:
            out["FirstName"] = None
        return out, None

    # -- creates ---------------------------------------------------------------------------

    def _creates(self, group: list[Mutation]) -> list[MutationResult]:
        tm = M.TABLE_MAPS[group[0].table]
        if not tm.upsert:
            return self._note_creates(group)
        results: dict[str, MutationResult] = {}
        in_group = {m.id for m in group}
        self_refs = {f.ours for f in tm.fields if f.kind == M.REF and f.ref_table == tm.table}
        pending: list[tuple[Mutation, dict, dict]] = []
        for m in group:
            deferred = {k: v for k, v in m.values.items() if k in self_refs and v in in_group}
            fields, refused = self._fields(tm, m.values, None, True, set(deferred))
            if refused:
                kind = ErrorKind.NOT_FOUND if "refers to" in refused else ErrorKind.INVALID
                results[m.op_id] = MutationResult(
                    m.op_id, Outcome.REJECTED, reason=refused, kind=kind
                )
                continue
            fields[M.UUID_FIELD] = m.id
            pending.append((m, fields, deferred))
        if pending:
            body = self.api.call(
                "PATCH",
                f"/composite/sobjects/{tm.sobject}/{M.UUID_FIELD}",
                body={
                    "allOrNone": False,
                    "records": [{"attributes": {"type": tm.sobject}, **f} for _, f, _ in pending],
                },
            )
            for (m, _, _), item in zip(pending, check_results(body, len(pending)), strict=True):
                if item["success"]:
                    self.remember(tm.table, m.id, item["id"])
                else:
                    results[m.op_id] = outcome_of_errors(m, item.get("errors") or [])
        fixes = [(m, d) for m, _, d in pending if d and m.op_id not in results]
        if fixes:
            self._write_deferred(tm, fixes)
        return self._applied(tm, group, results)

    def _write_deferred(self, tm: M.TableMap, fixes: list[tuple[Mutation, dict]]) -> None:
        records = []
        for m, deferred in fixes:
            fields, refused = self._fields(tm, deferred, None, False)
            if refused:
                log.warning("reference of %s not set: %s", m.id, refused)
                continue
            records.append(
                {"attributes": {"type": tm.sobject}, "id": self._sfid[(tm.table, m.id)], **fields}
            )
        if records:
            body = self.api.call(
                "PATCH", "/composite/sobjects", body={"allOrNone": False, "records": records}
            )
            for item in check_results(body, len(records)):
                if not item["success"]:
                    log.warning("reference not set: %s", item.get("errors"))

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

    def _note_creates(self, group: list[Mutation]) -> list[MutationResult]:
        """ContentNote takes no upsert: search on the client UUID before creating, so a retry
        after a lost answer finds the note instead of making a second one."""
        tm = M.NOTES
        existing = self.sfids("notes", [m.id for m in group], fresh=True)
        results: dict[str, MutationResult] = {}
        pending: list[tuple[Mutation, dict]] = []
        for m in group:
            if m.id in existing:
                continue
            fields, refused = self._fields(tm, m.values, None, True)
            if not refused and not fields.get("FirstPublishLocationId"):
                refused = "It refers to a record that is not in Salesforce: account_id."
            if refused:
                kind = ErrorKind.NOT_FOUND if "refers to" in refused else ErrorKind.INVALID
                results[m.op_id] = MutationResult(
                    m.op_id, Outcome.REJECTED, reason=refused, kind=kind
                )
                continue
            fields.update(
                {
                    M.UUID_FIELD: m.id,
                    "PathOnClient": f"{m.id}.snote",
                    "VersionData": encode_body(m.values.get("body")),
                }
            )
            if self.has(tm, M.BODY_FIELD):
                fields[M.BODY_FIELD] = m.values.get("body") or None
            pending.append((m, fields))
        if pending:
            body = self.api.call(
                "POST",
                "/composite/sobjects",
                body={
                    "allOrNone": False,
                    "records": [{"attributes": {"type": tm.sobject}, **f} for _, f in pending],
                },
            )
            for (m, _), item in zip(pending, check_results(body, len(pending)), strict=True):
                if item["success"]:
                    self.remember("notes", m.id, item["id"])
                    self.bodies[item["id"]] = m.values.get("body") or None
                else:
                    results[m.op_id] = outcome_of_errors(m, item.get("errors") or [])
        return self._applied(tm, group, results)

    # -- updates ---------------------------------------------------------------------------

    def _current(self, table: str, ids: list[str]) -> dict[str, tuple[RemoteRecord, dict]]:
        tm = M.TABLE_MAPS[table]
        rows = self.fetch_rows(table, ids)
        live = [r for r in rows if not r.get("IsDeleted")]
        records = self.to_records(tm, live)
        return {rec.id: (rec, row) for rec, row in zip(records, live, strict=True)}

    def _updates(self, group: list[Mutation]) -> list[MutationResult]:
        tm = M.TABLE_MAPS[group[0].table]
        current = self._current(tm.table, [m.id for m in group])
        results: dict[str, MutationResult] = {}
        writes: list[tuple[Mutation, dict, dict]] = []  # (mutation, fields, row)
        for m in group:
            found = current.get(m.id)
            if found is None:
                results[m.op_id] = MutationResult(
                    m.op_id,
                    Outcome.REJECTED,
                    reason="The record was deleted in Salesforce.",
                    kind=ErrorKind.NOT_FOUND,
                )
                continue
            record, row = found
            if m.base_version and record.version != m.base_version:
                results[m.op_id] = self._conflict(m, record)
                continue
            fields, refused = self._fields(tm, m.values, record.values, False)
            if refused:
                kind = ErrorKind.NOT_FOUND if "refers to" in refused else ErrorKind.INVALID
                results[m.op_id] = MutationResult(
                    m.op_id, Outcome.REJECTED, reason=refused, kind=kind
                )
                continue
            if tm.table == "notes" and "body" in m.values:
                results.update(self._new_note_version(m, record, row, fields))
                continue
            if fields:
                writes.append((m, fields, row))
        for start in range(0, len(writes), COMPOSITE_MAX):
            results.update(self._conditional_writes(tm, writes[start : start + COMPOSITE_MAX]))
        return self._applied(tm, group, results)

    def _conflict(self, m: Mutation, record: RemoteRecord | None) -> MutationResult:
        return MutationResult(
            m.op_id,
            Outcome.CONFLICT,
            record=record,
            reason="Changed in Salesforce meanwhile.",
            kind=ErrorKind.CONFLICT,
        )

    def _conditional_writes(self, tm: M.TableMap, writes) -> dict[str, MutationResult]:
        """PATCH each record unless it changed since its ``LastModifiedDate`` (412)."""
        if not writes:
            return {}
        subrequests = [
            {
                "method": "PATCH",
                "url": f"{self.api.base}/sobjects/{tm.sobject}/{row['Id']}",
                "referenceId": f"r{n}",
                "body": fields,
                "httpHeaders": {"If-Unmodified-Since": _http_date(row["LastModifiedDate"])},
            }
            for n, (_, fields, row) in enumerate(writes)
        ]
        body = self.api.call(
            "POST", "/composite", body={"allOrNone": False, "compositeRequest": subrequests}
        )
        answers = body.get("compositeResponse") if isinstance(body, dict) else None
        if not isinstance(answers, list) or len(answers) != len(writes):
            raise BadAnswer("a composite answer with the wrong number of results")
        results: dict[str, MutationResult] = {}
        moved = []
        for (m, _, _), answer in zip(writes, answers, strict=True):
            status = answer.get("httpStatusCode") if isinstance(answer, dict) else None
            if not isinstance(status, int):
                raise BadAnswer("a composite result without a status")
            if 200 <= status < 300:
                continue
            if status == 412:
                moved.append(m)
            elif status == 404:
                results[m.op_id] = MutationResult(
                    m.op_id,
                    Outcome.REJECTED,
                    reason="The record was deleted in Salesforce.",
                    kind=ErrorKind.NOT_FOUND,
                )
            else:
                errors = answer.get("body") if isinstance(answer.get("body"), list) else []
                results[m.op_id] = outcome_of_errors(m, errors)
        if moved:
            now = {r.id: r for r in self.fetch(tm.table, [m.id for m in moved])}
            for m in moved:
                results[m.op_id] = self._conflict(m, now.get(m.id))
        return results

    def _new_note_version(self, m: Mutation, record: RemoteRecord, row: dict, fields: dict):
        """A note's new text is a new ContentVersion of its ContentDocument."""
        tm = M.NOTES
        merged_fields, _ = self._fields(tm, {**record.values, **m.values}, None, True)
        merged_fields.pop("FirstPublishLocationId", None)
        merged_fields.update(
            {
                M.UUID_FIELD: m.id,
                "ContentDocumentId": row.get("ContentDocumentId"),
                "PathOnClient": f"{m.id}.snote",
                "VersionData": encode_body({**record.values, **m.values}.get("body")),
                "ReasonForChange": "Fieldbook",
            }
        )
        if self.has(tm, M.BODY_FIELD):
            merged_fields[M.BODY_FIELD] = {**record.values, **m.values}.get("body") or None
        body = self.api.call(
            "POST",
            "/composite/sobjects",
            body={
                "allOrNone": False,
                "records": [{"attributes": {"type": tm.sobject}, **merged_fields}],
            },
        )
        [item] = check_results(body, 1)
        if not item["success"]:
            return {m.op_id: outcome_of_errors(m, item.get("errors") or [])}
        self.remember("notes", m.id, item["id"])
        self.bodies[item["id"]] = {**record.values, **m.values}.get("body") or None
        return {}

    # -- deletes ---------------------------------------------------------------------------

    def _deletes(self, group: list[Mutation]) -> list[MutationResult]:
        """Salesforce deletes are not conditional: compare with the base version first (what
        changes between that read and the delete is lost to the delete)."""
        tm = M.TABLE_MAPS[group[0].table]
        current = self._current(tm.table, [m.id for m in group])
        results: dict[str, MutationResult] = {}
        targets: list[tuple[Mutation, str]] = []
        for m in group:
            found = current.get(m.id)
            if found is None:
                results[m.op_id] = MutationResult(m.op_id, Outcome.APPLIED)  # already gone
                continue
            record, row = found
            if m.base_version and record.version != m.base_version:
                results[m.op_id] = self._conflict(m, record)
                continue
            target = row.get("ContentDocumentId") if tm.table == "notes" else row["Id"]
            if not isinstance(target, str):
                raise BadAnswer(f"a {tm.sobject} row without its id")
            targets.append((m, target))
        if targets:
            body = self.api.call(
                "delete",
                "/composite/sobjects",
                params={"ids": ",".join(t for _, t in targets), "allOrNone": "false"},
            )
            for (m, _), item in zip(targets, check_results(body, len(targets)), strict=True):
                if item["success"]:
                    results[m.op_id] = MutationResult(m.op_id, Outcome.APPLIED)
                    self.forget(tm.table, m.id)
                else:
                    results[m.op_id] = outcome_of_errors(m, item.get("errors") or [], deleting=True)
        return [results[m.op_id] for m in group]
