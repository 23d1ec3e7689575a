"""Every answer of a connector is checked before anything of it is written or saved.

Nothing from the network is trusted (DESIGN.md, "Credentials and security"): a pulled page,
each record in it, and each push result are checked here for what the engine relies on (ids,
types, enumerations, dates, references) with the store's own validators
(``desktop.validation``). A page or a batch of results of the wrong shape is a passing failure
of the whole call (``ConnectorError`` TRANSIENT: retried with backoff, the saved pull position
untouched). One bad record does not stop its page: it is held back (``desktop.quarantine``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from desktop import entities as E
from desktop.validation import BAD_CHARS, MAX_REF, ValidationError, check_stored

from .connector import (
    ConnectorError,
    ErrorKind,
    Mutation,
    MutationResult,
    Outcome,
    PullPage,
    Reason,
    RemoteDeletion,
    RemoteRecord,
)

UNREADABLE = (
    "The CRM's answer arrived incomplete or unreadable. Fieldbook keeps your changes and retries."
)
MAX_CURSOR = 5_000_000  # characters of an opaque cursor: far above any real one
MAX_VERSION = 200


def unreadable(detail: str = "") -> ConnectorError:
    """The error for an answer of the wrong shape (a passing failure, like a broken line)."""
    return ConnectorError(ErrorKind.TRANSIENT, detail, reason=Reason.BAD_ANSWER)


def valid_id(value: Any) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_REF
        and value.strip() == value
        and not BAD_CHARS.search(value)
    )


def _valid_version(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_VERSION and not BAD_CHARS.search(value)


@dataclass
class Refused:
    """A pulled record that failed its checks, with why (for the quarantine)."""

    table: str
    row_id: str
    version: str | None
    reason: str
    values: Any


def screen_record(record: Any) -> RemoteRecord | Refused:
    """The record in the store's form, or why it is held back."""
    table = getattr(record, "table", None)
    if table not in E.TABLES:
        return Refused("?", "", None, f"unknown table {str(table)[:40]!r}", None)
    row_id: Any = getattr(record, "id", None)
    version: Any = getattr(record, "version", None)
    values = getattr(record, "values", None)
    shown_version = version if _valid_version(version) else None
    if not valid_id(row_id):
        return Refused(str(table), "", shown_version, "the record has no valid id", values)
    shown_id = str(row_id)
    table = str(table)
    if not _valid_version(version):
        return Refused(table, shown_id, None, "the record has no valid version", values)
    if not isinstance(values, dict):
        return Refused(table, shown_id, shown_version, "the record has no values", None)
    entity = E.entity(table)
    try:
        clean = check_stored(entity, values)
    except ValidationError as exc:
        # The reason as {field: message} (JSON): the outbox words each in the rep's language.
        return Refused(table, shown_id, shown_version, json.dumps(exc.errors), values)
    return RemoteRecord(table, shown_id, str(version), clean)


def screen_page(page: Any) -> tuple[PullPage, list[Refused]]:
    """A page whose records all passed, and the refused ones; a page of the wrong shape raises."""
    if not isinstance(page, PullPage):
        raise unreadable("not a page")
    if not isinstance(page.cursor, str) or len(page.cursor) > MAX_CURSOR:
        raise unreadable("no position")
    if BAD_CHARS.search(page.cursor) or not isinstance(page.more, bool):
        raise unreadable("no position")
    if not isinstance(page.records, list) or not isinstance(page.deletions, list):
        raise unreadable("no records")
    records: list[RemoteRecord] = []
    refused: list[Refused] = []
    for record in page.records:
        screened = screen_record(record)
        if isinstance(screened, Refused):
            refused.append(screened)
        else:
            records.append(screened)
    deletions: list[RemoteDeletion] = []
    for d in page.deletions:
        if getattr(d, "table", None) in E.TABLES and valid_id(getattr(d, "id", None)):
            deletions.append(RemoteDeletion(d.table, d.id))
        # A deletion without a valid id names nothing we hold: nothing to do.
    return PullPage(records, deletions, page.cursor, page.more), refused


def screen_ids(ids: Any) -> set[str]:
    """The ids a ``list_ids`` answered, or a passing failure when they are not ids."""
    if not isinstance(ids, (set, frozenset, list, tuple)):
        raise unreadable("no id list")
    if not all(valid_id(i) for i in ids):
        raise unreadable("an id that is none")
    return set(ids)


def _valid_retry_after(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if math.isnan(value) or value < 0:
        return None
    return float(min(value, 86_400.0))


def screen_results(mutations: list[Mutation], results: Any) -> list[MutationResult]:
    """One checked result per mutation, in order; a batch answered wrongly raises.

    A result's record must be the mutation's own record and pass the record checks; otherwise
    that one result is "retry later" (the CRM is asked again, nothing of it is written).
    """
    if not isinstance(results, list) or len(results) != len(mutations):
        raise unreadable("an answer for each change was expected")
    out: list[MutationResult] = []
    for m, r in zip(mutations, results, strict=True):
        if not isinstance(r, MutationResult) or r.op_id != m.op_id:
            raise unreadable("answers out of order")
        if not isinstance(r.outcome, Outcome):
            raise unreadable("an answer of no kind")
        retry_later = MutationResult(
            m.op_id,
            Outcome.RETRY,
            reason=UNREADABLE,
            kind=ErrorKind.TRANSIENT,
            cause=Reason.BAD_ANSWER,
        )
        record = r.record
        if record is not None:
            screened = screen_record(record)
            if isinstance(screened, Refused) or (screened.table, screened.id) != (m.table, m.id):
                out.append(retry_later)
                continue
            record = screened
        kind = r.kind if isinstance(r.kind, ErrorKind) or r.kind is None else None
        reason = r.reason if isinstance(r.reason, str) else None
        if reason is not None:
            reason = BAD_CHARS.sub("", reason)[:1000]
        out.append(
            MutationResult(
                m.op_id,
                r.outcome,
                record,
                reason,
                kind,
                _valid_retry_after(r.retry_after),
                r.not_tried is True,
                r.cause if isinstance(r.cause, Reason) else None,
                _valid_params(r.params),
            )
        )
    return out


def _valid_params(params: Any) -> dict[str, Any]:
    """The words a refusal names (a field, a value, the org's choices), as short plain text."""
    if not isinstance(params, dict):
        return {}
    out: dict[str, Any] = {}
    for name, value in list(params.items())[:10]:
        if isinstance(name, str) and (value is None or isinstance(value, (str, int, float))):
            out[name] = BAD_CHARS.sub("", value)[:1000] if isinstance(value, str) else value
    return out


__all__ = [
    "UNREADABLE",
    "Refused",
    "screen_ids",
    "screen_page",
    "screen_record",
    "screen_results",
    "unreadable",
    "valid_id",
]
