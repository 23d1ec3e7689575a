"""A central CRM in memory, and its connector with switches to inject faults.

``MemoryCRM`` keeps records with versions (one monotonic counter), a change log stamped with a
server clock (set ``step`` to 0 to make every change share one timestamp, as happens with a
coarse ``write_date``), deletions (or none: ``has_deletion_log=False`` on the connector), and
referential rules like a real CRM (a child needs its parent; deleting a parent takes its children
and clears references to it). ``MemoryConnector`` speaks the connector interface to it and can
be told to lose answers, fail with 500s, answer 429 with Retry-After, time out, let the session
expire, or refuse given records. Fast enough for a 50k-account book.
"""

from __future__ import annotations

import bisect
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import entities as E
from desktop.ids import new_id

from .connector import (
    Connector,
    ConnectorError,
    ErrorKind,
    Mutation,
    MutationResult,
    Outcome,
    PullPage,
    RemoteDeletion,
    RemoteRecord,
)

_ORDER = {t: i for i, t in enumerate(E.TABLES)}


class MemoryCRM:
    """The server side: records, versions, a change log, and the rules a CRM enforces."""

    def __init__(self, *, start: float = 1_700_000_000.0, step: float = 1.0):
        self.records: dict[tuple[str, str], dict[str, Any]] = {}  # -> {"version", "values"}
        self.log: list[tuple[float, int, str, str]] = []  # (ts, seq, table, id), sorted
        self.latest: dict[tuple[str, str], int] = {}  # (table, id) -> seq of its last change
        self.deleted: set[tuple[str, str]] = set()
        self.seq = 0
        self.now = start
        self.step = step
        self.rejects: dict[tuple[str, str], str] = {}  # records the CRM refuses, with a reason
        self.reject_rules: list[Callable[[str, dict], str | None]] = []
        self.pushes: list[Mutation] = []  # every mutation received, for tests to inspect

    # -- changes ----------------------------------------------------------------------------

    def _stamp(self, table: str, row_id: str) -> str:
        self.seq += 1
        self.now += self.step
        self.log.append((self.now, self.seq, table, row_id))
        self.latest[(table, row_id)] = self.seq
        return str(self.seq)

    def _check(self, table: str, row_id: str, values: dict) -> str | None:
        """Why the CRM refuses these values, or None."""
        reason = self.rejects.get((table, row_id))
        if reason:
            return reason
        for rule in self.reject_rules:
            reason = rule(table, values)
            if reason:
                return reason
        entity = E.entity(table)
        for f in entity.fields:
            if f.required and values.get(f.name) in (None, ""):
                return f"{f.label} is required"
            if f.kind == E.REF and values.get(f.name) is not None:
                target = values[f.name]
                if (f.ref, target) not in self.records and not (
                    f.ref == table and target == row_id
                ):
                    return f"{f.label}: no such {E.entity(f.target).singular} on the server"
        return None

    def _held(self, table: str, row_id: str) -> RemoteRecord:
        record = self.record(table, row_id)
        if record is None:
            raise KeyError((table, row_id))
        return record

    def put(self, table: str, row_id: str, values: dict) -> RemoteRecord:
        """Create or overwrite a record without checks (seeding, tests)."""
        entity = E.entity(table)
        clean = {n: values.get(n) for n in entity.field_names}
        version = self._stamp(table, row_id)
        self.records[(table, row_id)] = {"version": version, "values": clean}
        self.deleted.discard((table, row_id))
        return self._held(table, row_id)

    def record(self, table: str, row_id: str) -> RemoteRecord | None:
        held = self.records.get((table, row_id))
        if held is None:
            return None
        return RemoteRecord(table, row_id, held["version"], dict(held["values"]))

    def create(self, table: str, values: dict, row_id: str | None = None) -> str:
        """Another user creates a record."""
        row_id = row_id or new_id()
        reason = self._check(table, row_id, values)
        if reason:
            raise ValueError(reason)
        self.put(table, row_id, values)
        return row_id

    def edit(self, table: str, row_id: str, values: dict) -> RemoteRecord:
        """Another user edits a record."""
        held = self.records[(table, row_id)]
        merged = {**held["values"], **values}
        held["values"] = merged
        held["version"] = self._stamp(table, row_id)
        return self._held(table, row_id)

    def delete(self, table: str, row_id: str) -> None:
        """Delete a record, its children (cascade) and references to it (nullify)."""
        if (table, row_id) not in self.records:
            return
        for child, ref in E.referrers(table):
            for (t, i), held in list(self.records.items()):
                if t != child.table or held["values"].get(ref.name) != row_id:
                    continue
                if (t, i) == (table, row_id):
                    continue
                if ref.on_delete == "cascade":
                    self.delete(t, i)
                else:
                    self.edit(t, i, {ref.name: None})
        self.records.pop((table, row_id), None)
        self.deleted.add((table, row_id))
        self._stamp(table, row_id)

    # -- what the connector asks ------------------------------------------------------------------

    def changes(self, cursor: str | None, limit: int, deletions: bool) -> PullPage:
        """Changes from ``cursor`` on, inclusive (an overlap the client de-duplicates)."""
        if cursor:
            at, number = cursor.split(":")
            start = bisect.bisect_left(self.log, (float(at), int(number), "", ""))
        else:
            start = 0
        records: list[RemoteRecord] = []
        gone: list[RemoteDeletion] = []
        last = cursor
        index = start
        taken = 0
        while index < len(self.log) and taken < limit:
            ts, seq, table, row_id = self.log[index]
            index += 1
            if self.latest.get((table, row_id)) != seq:
                continue  # a later change of the same record comes further on
            last = f"{ts!r}:{seq}"
            if cursor is None or last != cursor:
                taken += 1  # the overlapping first entry does not count against the limit
            held = self.records.get((table, row_id))
            if held is not None:
                records.append(RemoteRecord(table, row_id, held["version"], dict(held["values"])))
            elif deletions:
                gone.append(RemoteDeletion(table, row_id))
        return PullPage(records, gone, last or "", index < len(self.log))

    def apply(self, m: Mutation) -> MutationResult:
        """One mutation, as a CRM with optimistic concurrency would handle it."""
        self.pushes.append(m)
        key = (m.table, m.id)
        held = self.records.get(key)
        if m.op == "create":
            if held is not None:  # the client UUID is known: a retried create
                return MutationResult(m.op_id, Outcome.APPLIED, self.record(*key))
            reason = self._check(m.table, m.id, m.values)
            if reason:
                return MutationResult(
                    m.op_id, Outcome.REJECTED, reason=reason, kind=ErrorKind.INVALID
                )
            return MutationResult(m.op_id, Outcome.APPLIED, self.put(m.table, m.id, m.values))
        if held is None:
            if m.op == "delete":
                return MutationResult(m.op_id, Outcome.APPLIED)
            return MutationResult(
                m.op_id, Outcome.REJECTED, reason="deleted on the server", kind=ErrorKind.NOT_FOUND
            )
        if m.base_version is not None and m.base_version != held["version"]:
            return MutationResult(
                m.op_id, Outcome.CONFLICT, self.record(*key), kind=ErrorKind.CONFLICT
            )
        if m.op == "delete":
            self.delete(m.table, m.id)
            return MutationResult(m.op_id, Outcome.APPLIED)
        merged = {**held["values"], **m.values}
        reason = self._check(m.table, m.id, merged)
        if reason:
            return MutationResult(m.op_id, Outcome.REJECTED, reason=reason, kind=ErrorKind.INVALID)
        return MutationResult(m.op_id, Outcome.APPLIED, self.edit(m.table, m.id, m.values))

    def ids(self, table: str) -> set[str]:
        return {i for (t, i) in self.records if t == table}

    def snapshot(self) -> dict[str, dict[str, dict]]:
        """table -> id -> values, for comparing with a client."""
        out: dict[str, dict[str, dict]] = {t: {} for t in E.TABLES}
        for (t, i), held in self.records.items():
            out[t][i] = dict(held["values"])
        return out

    # -- persistence (the crash test keeps the CRM in a file) ------------------------------------

    def save(self, path: Path | str) -> None:
        """Write atomically: a crash leaves the old file or the new one."""
        data = {
            "records": [[t, i, h["version"], h["values"]] for (t, i), h in self.records.items()],
            "log": self.log,
            "latest": [[t, i, s] for (t, i), s in self.latest.items()],
            "deleted": sorted(self.deleted),
            "seq": self.seq,
            "now": self.now,
            "step": self.step,
        }
        tmp = f"{path}.tmp"
        with open(tmp, "w") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path | str) -> MemoryCRM:
        with open(path) as fh:
            data = json.load(fh)
        crm = cls(start=data["now"], step=data["step"])
        crm.records = {(t, i): {"version": v, "values": vals} for t, i, v, vals in data["records"]}
        crm.log = [tuple(e) for e in data["log"]]
        crm.latest = {(t, i): s for t, i, s in data["latest"]}
        crm.deleted = {tuple(d) for d in data["deleted"]}
        crm.seq = data["seq"]
        return crm


class MemoryConnector(Connector):
    """The connector interface over a MemoryCRM, with fault switches for tests."""

    name = "the test CRM"

    def __init__(
        self,
        crm: MemoryCRM,
        *,
        has_deletion_log: bool = True,
        max_batch: int = 50,
        on_change: Callable[[], None] | None = None,
    ):
        self.crm = crm
        self.has_deletion_log = has_deletion_log
        self.max_batch = max_batch
        self.on_change = on_change  # called after the CRM changed (e.g. to save it)
        self.session = False
        self.refresh_fails = False
        self.sign_in_fails = False
        self.refreshes = 0
        self.calls: list[str] = []
        self.during_push: Callable[[list[Mutation]], None] | None = None
        self._faults: list[tuple[str, float | None, str | None]] = []

    # -- fault switches ----------------------------------------------------------------------------

    # ``call`` limits a fault to one kind of call ("pull", "push", "list_ids", "fetch").

    def fail_next(self, n: int = 1, call: str | None = None) -> None:
        """The next n calls fail before reaching the CRM (HTTP 500)."""
        self._faults += [("fail", None, call)] * n

    def rate_limit_next(self, n: int = 1, retry_after: float = 30.0, call: str | None = None):
        """The next n calls are refused with 429 and Retry-After."""
        self._faults += [("rate", retry_after, call)] * n

    def lose_next(self, n: int = 1, call: str | None = "push") -> None:
        """The next n pushes reach the CRM and are applied, but the answer is lost."""
        self._faults += [("lose", None, call)] * n

    def timeout_next(self, n: int = 1, call: str | None = "push") -> None:
        """The next n pushes time out after the CRM applied them (the worse case)."""
        self._faults += [("timeout", None, call)] * n

    def clear_faults(self) -> None:
        self._faults.clear()

    def expire_session(self) -> None:
        self.session = False

    # -- the interface -----------------------------------------------------------------------------

    def sign_in(self) -> None:
        self.calls.append("sign_in")
        if self.sign_in_fails:
            raise ConnectorError(ErrorKind.SIGN_IN, "user name or password refused")
        self.session = True

    def refresh(self) -> None:
        self.calls.append("refresh")
        self.refreshes += 1
        if self.refresh_fails:
            raise ConnectorError(ErrorKind.SIGN_IN, "session expired")
        self.session = True

    def _enter(self, call: str) -> str | None:
        self.calls.append(call)
        if not self.session:
            raise ConnectorError(ErrorKind.SIGN_IN, "session expired")
        index = next((i for i, f in enumerate(self._faults) if f[2] is None or f[2] == call), None)
        if index is None:
            return None
        kind, value, _ = self._faults.pop(index)
        if kind == "fail":
            raise ConnectorError(ErrorKind.TRANSIENT, "HTTP 500 Internal Server Error")
        if kind == "rate":
            raise ConnectorError(
                ErrorKind.RATE_LIMITED, "HTTP 429 Too Many Requests", retry_after=value
            )
        return kind  # lose / timeout: raised after the CRM applied the call

    def _leave(self, fault: str | None) -> None:
        if fault == "lose":
            raise ConnectorError(ErrorKind.TRANSIENT, "connection reset; the answer was lost")
        if fault == "timeout":
            raise ConnectorError(ErrorKind.TRANSIENT, "timed out waiting for the CRM")

    def pull(self, cursor: str | None, limit: int = 500) -> PullPage:
        fault = self._enter("pull")
        page = self.crm.changes(cursor, limit, self.has_deletion_log)
        self._leave(fault)
        return page

    def push(self, mutations: list[Mutation]) -> list[MutationResult]:
        fault = self._enter("push")
        if len(mutations) > self.max_batch:
            raise ConnectorError(ErrorKind.INVALID, "batch too large")
        if self.during_push is not None:
            self.during_push(mutations)
        results = [self.crm.apply(_copy(m)) for m in mutations]
        if self.on_change is not None:
            self.on_change()
        self._leave(fault)
        return results

    def list_ids(self, table: str) -> set[str]:
        fault = self._enter("list_ids")
        ids = self.crm.ids(table)
        self._leave(fault)
        return ids

    def fetch(self, table: str, ids: list[str]) -> list[RemoteRecord]:
        fault = self._enter("fetch")
        found = [r for r in (self.crm.record(table, i) for i in ids) if r is not None]
        self._leave(fault)
        return found


def _copy(m: Mutation) -> Mutation:
    return Mutation(m.op_id, m.table, m.id, m.op, dict(m.values), m.base_version, dict(m.base))
