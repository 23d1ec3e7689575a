"""Writing notes: ContentNote takes no upsert, so a create searches on the client UUID first; a
new text is a new ContentVersion of the same ContentDocument.
"""

from __future__ import annotations

from sync.connector import (
    Mutation,
    MutationResult,
    RemoteRecord,
)

from . import mapping as M
from .reading import encode_body
from .values import (
    SalesforceValues,
    check_results,
    outcome_of_errors,
    refers_to_missing,
    refused_result,
)


class SalesforceNotes(SalesforceValues):
    """Note creates and new versions."""

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
                refused = refers_to_missing("account_id")
            if refused:
                results[m.op_id] = refused_result(m, refused)
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
