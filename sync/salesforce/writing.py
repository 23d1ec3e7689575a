"""Writing Salesforce: idempotent creates (upsert on the client UUID), conditional updates
through ``/composite`` with ``If-Unmodified-Since``, compare-then-delete; one result per
mutation, partial failures mapped record by record. Values and results are in ``values.py``,
notes in ``notes.py``, meetings (Event) and kind changes in ``activities.py``.
"""

from __future__ import annotations

import logging

from sync.connector import (
    ConnectorError,
    ErrorKind,
    Mutation,
    MutationResult,
    Outcome,
    RemoteRecord,
)

from . import mapping as M
from .activities import SalesforceActivities
from .rest import BadAnswer
from .values import (
    COMPOSITE_MAX,
    GONE_CODES,
    LOCK_RETRY_AFTER,
    RETRY_CODES,
    _http_date,
    check_results,
    outcome_of_errors,
    refused_result,
)

log = logging.getLogger(__name__)

__all__ = [
    "GONE_CODES",
    "LOCK_RETRY_AFTER",
    "RETRY_CODES",
    "SalesforceWriting",
    "check_results",
    "outcome_of_errors",
]


class SalesforceWriting(SalesforceActivities):
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

    def _creates(self, group: list[Mutation]) -> list[MutationResult]:
        by_map: dict[str, list[Mutation]] = {}
        for m in group:  # tasks: meetings are Events, the rest Tasks
            by_map.setdefault(self.map_for(m.table, m.values).sobject, []).append(m)
        done: dict[str, MutationResult] = {}
        for tm in self.maps(group[0].table):
            if tm.sobject in by_map:
                for r in self._creates_on(tm, by_map[tm.sobject]):
                    done[r.op_id] = r
        return [done[m.op_id] for m in group]

    def _creates_on(self, tm: M.TableMap, group: list[Mutation]) -> list[MutationResult]:
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
                results[m.op_id] = refused_result(m, refused)
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
        made = [m.id for m, _, _ in pending if m.op_id not in results]
        if made and len(self.maps(tm.table)) > 1:
            self.drop_elsewhere(tm, made)  # a create retried after its kind changed
        return self._applied(tm, group, results)

    def _write_deferred(self, tm: M.TableMap, fixes: list[tuple[Mutation, dict]]) -> None:
        records = []
        for m, deferred in fixes:
            fields, refused = self._fields(tm, deferred, None, False)
            if refused:
                log.warning("reference of %s not set: %s", m.id, refused.text)
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

    def _current(self, table: str, ids: list[str]) -> dict[str, list[tuple[RemoteRecord, dict]]]:
        """The live rows of these records: one each, or two for a task caught half-way through
        a move between Task and Event (the old row first)."""
        live = [r for r in self.fetch_rows(table, ids) if not r.get("IsDeleted")]
        out: dict[str, list[tuple[RemoteRecord, dict]]] = {}
        for row, record in self.records_of(table, live):
            out.setdefault(record.id, []).append((record, row))
        return out

    def _updates(self, group: list[Mutation]) -> list[MutationResult]:
        table = group[0].table
        current = self._current(table, [m.id for m in group])
        results: dict[str, MutationResult] = {}
        writes: dict[str, list[tuple[Mutation, dict, dict]]] = {}  # sObject -> (m, fields, row)
        for m in group:
            found = current.get(m.id)
            if not found:
                results[m.op_id] = MutationResult(
                    m.op_id,
                    Outcome.REJECTED,
                    reason="The record was deleted in Salesforce.",
                    kind=ErrorKind.NOT_FOUND,
                )
                continue
            if len(found) > 1:  # a move under way: compared with the row it started from
                goal = self.map_for(table, {**found[0][0].values, **m.values}).sobject
                found.sort(key=lambda f: self.sobject_of(f[1]).sobject == goal)
            record, row = found[0]
            if m.base_version and record.version != m.base_version:
                results[m.op_id] = self._conflict(m, record)
                continue
            tm = self.sobject_of(row)
            target = self.map_for(table, {**record.values, **m.values})
            if target is not tm or len(found) > 1:
                results.update(self._move(m, record, [r for _, r in found], target))
                continue
            rt = row.get("RecordTypeId") if isinstance(row.get("RecordTypeId"), str) else None
            fields, refused = self._fields(tm, m.values, record.values, False, record_type=rt)
            if not refused and tm is M.EVENTS:
                refused = self.timed_event(fields, row)
            if refused:
                results[m.op_id] = refused_result(m, refused)
                continue
            if tm.table == "notes" and "body" in m.values:
                results.update(self._new_note_version(m, record, row, fields))
                continue
            if fields:
                writes.setdefault(tm.sobject, []).append((m, fields, row))
        for tm in self.maps(table):
            mine = writes.get(tm.sobject, [])
            for start in range(0, len(mine), COMPOSITE_MAX):
                results.update(self._conditional_writes(tm, mine[start : start + COMPOSITE_MAX]))
        return self._applied(M.TABLE_MAPS[table], group, results)

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

    def _deletes(self, group: list[Mutation]) -> list[MutationResult]:
        """Salesforce deletes are not conditional: compare with the base version first (what
        changes between that read and the delete is lost to the delete)."""
        tm = M.TABLE_MAPS[group[0].table]
        current = self._current(tm.table, [m.id for m in group])
        results: dict[str, MutationResult] = {}
        targets: list[tuple[Mutation, str]] = []
        for m in group:
            found = current.get(m.id)
            if not found:
                results[m.op_id] = MutationResult(m.op_id, Outcome.APPLIED)  # already gone
                continue
            record, _ = found[0]
            if m.base_version and record.version != m.base_version:
                results[m.op_id] = self._conflict(m, record)
                continue
            for _, row in found:  # both rows of a task caught half-way through a move
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
            failed: set[str] = set()
            for (m, _), item in zip(targets, check_results(body, len(targets)), strict=True):
                if not item["success"]:
                    outcome = outcome_of_errors(m, item.get("errors") or [], deleting=True)
                    if outcome.outcome != Outcome.APPLIED:
                        results[m.op_id] = outcome
                        failed.add(m.op_id)
            for m, _ in targets:
                if m.op_id not in failed:
                    results[m.op_id] = MutationResult(m.op_id, Outcome.APPLIED)
                    self.forget(tm.table, m.id)
        return [results[m.op_id] for m in group]
