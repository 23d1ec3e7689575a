"""Push: the rep's offline edits reach the CRM.

Creates go parents first (in waves: a child waits until its parent is on the server), deletes
children first, updates in between, each conditional on the base version. Operations are
finished by ``op_id``: an edit made while a push is in flight is a new operation and survives
it. A rejected operation is parked with its reason; it blocks its own row and the creates of
rows that refer to it. Transient failures and rate limits back off per operation
(``outbox.next_attempt_at``, so it survives a restart).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from desktop import entities as E
from desktop import errors as FE
from desktop import outbox
from desktop.errors import ErrorInfo
from desktop.store import ORIGIN_SYNC, Changes

from .connector import ConnectorError, ErrorKind, Mutation, MutationResult, Outcome, RemoteRecord
from .core import MAX_ATTEMPTS, MAX_PUSH_ROUNDS, ORDER
from .merge import changed_elsewhere, same
from .report import SyncProgress, SyncReport
from .screening import screen_results
from .subtree import SubtreePart


@dataclass
class Planned:
    """A mutation about to be pushed, with the operations it finishes."""

    mutation: Mutation
    op_ids: list[str]
    echoes: dict[str, list[Any]]


class PushPart(SubtreePart):
    """Planning, batches, applying the results, rebasing."""

    def _push_all(self, report: SyncReport) -> bool:
        """Push due operations; return whether anything reached the server."""
        pushed_any = False
        self._push_total = self._write(lambda: outbox.pending_row_count(self.db))
        for _ in range(MAX_PUSH_ROUNDS):
            again = False
            attempted: set[tuple[str, str]] = set()  # each row once per round
            for phase in ("create", "update", "delete"):
                if phase == "delete":
                    self._check_subtrees(report)  # no delete goes before its subtree is safe
                while True:
                    self._check_cancel(report)
                    batch: list[Planned] = self._write(partial(self._plan, phase, attempted))
                    if not batch:
                        break  # creates come in waves: children once their parents are in
                    attempted.update((p.mutation.table, p.mutation.id) for p in batch)
                    again |= self._push_batch(batch, report)
                    pushed_any = True
            if not again:
                break
        return pushed_any

    def _plan(self, phase: str, attempted: set[tuple[str, str]]) -> list[Planned]:
        """The next batch of mutations of ``phase`` (create | update | delete) that may go now."""
        db = self.db
        now = self.clock()
        by_row: dict[tuple[str, str], list[outbox.Operation]] = {}
        for op in outbox.operations(db):
            by_row.setdefault((op.table, op.row_id), []).append(op)
        blocked_kinds = outbox.open_record_conflict_rows(db)
        held_parents = self._waiting_deletes() if phase == "delete" else set()
        planned: list[Planned] = []
        finish_now: list[str] = []
        waits: list[tuple[list[str], str]] = []
        rows = list(by_row.items())
        if phase == "delete":
            rows.sort(key=lambda kv: (-ORDER[kv[0][0]], -kv[1][0].seq))
        else:
            rows.sort(key=lambda kv: (ORDER[kv[0][0]], kv[1][0].seq))
        for (table, row_id), row_ops in rows:
            if (table, row_id) in attempted:
                continue
            if any(o.state == "parked" for o in row_ops) or (table, row_id) in blocked_kinds:
                continue
            if any(o.next_attempt_at is not None and o.next_attempt_at > now for o in row_ops):
                continue
            kinds = {o.op for o in row_ops}
            op_ids = [o.op_id for o in row_ops]
            echoes = outbox.echoes(row_ops)
            base_row = self._base(table, row_id)
            if "delete" in kinds:
                if phase != "delete":
                    continue
                if (table, row_id) in held_parents:
                    # Deleting it on the CRM would take along a record someone changed there,
                    # which the rep has not decided about yet.
                    waits.append((op_ids, ErrorInfo(FE.OP_WAITS_FOR_CONFLICT).to_json()))
                    continue
                create = next((o for o in row_ops if o.op == "create"), None)
                if create is not None and create.attempts == 0 and base_row is None:
                    finish_now.extend(op_ids)  # never left this machine: nothing to undo there
                    continue
                version, base = base_row if base_row else (None, {})
                mutation = Mutation(op_ids[-1], table, row_id, "delete", {}, version, base)
            elif "create" in kinds:
                if phase != "create":
                    continue
                row = self.store.get(table, row_id)
                if row is None:
                    finish_now.extend(op_ids)
                    continue
                values = {n: row.get(n) for n in E.entity(table).field_names}
                waiting = self._waiting_for(table, values, row_id)
                if waiting:
                    waits.append((op_ids, waiting))
                    continue
                mutation = Mutation(op_ids[-1], table, row_id, "create", values, None, {})
            else:
                if phase != "update":
                    continue
                row = self.store.get(table, row_id)
                if row is None or base_row is None:
                    finish_now.extend(op_ids)
                    continue
                version, base = base_row
                dirty = {n for o in row_ops for n in o.changes}
                values = {n: row.get(n) for n in sorted(dirty) if not same(row.get(n), base.get(n))}
                if not values:
                    finish_now.extend(op_ids)  # the edits were undone or the server has them
                    continue
                waiting = self._waiting_for(table, values, row_id)
                if waiting:
                    waits.append((op_ids, waiting))
                    continue
                mutation = Mutation(
                    op_ids[-1],
                    table,
                    row_id,
                    "update",
                    values,
                    version,
                    {n: base.get(n) for n in values},
                )
            if phase == "delete" and planned and planned[0].mutation.table != table:
                break  # one table per batch: a child's conflict is known before its parent goes
            planned.append(Planned(mutation, op_ids, echoes))
            if len(planned) >= max(1, self.connector.max_batch):
                break
        if finish_now or waits:
            with self.store.transaction(origin=ORIGIN_SYNC) as changes:
                self._finish(finish_now)
                for ids, reason in waits:
                    outbox.note_error(db, ids, reason)
                changes.outbox = True
        return planned

    def _waiting_for(self, table: str, values: dict, row_id: str) -> str | None:
        """Why a mutation must wait for a record it refers to, or None when it may go."""
        for ref in E.entity(table).refs():
            target = values.get(ref.name)
            if target is None or (ref.target == table and target == row_id):
                continue
            if not outbox.is_synced(self.db, ref.target, target):
                params = {"table": ref.target, "crm": self.connector.name}
                return ErrorInfo(FE.OP_WAITS_FOR_RECORD, params).to_json()
        return None

    def _push_batch(self, batch: list[Planned], report: SyncReport) -> bool:
        mutations = [p.mutation for p in batch]
        self._progress(
            SyncProgress(
                "push",
                report.pushed,
                max(self._push_total, report.pushed),
                f"Sending {len(mutations)} changes",
            )
        )
        try:
            results = screen_results(mutations, self._call(self.connector.push, mutations))
        except ConnectorError as error:
            if error.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED):
                ids = [i for p in batch for i in p.op_ids]
                message, after = ErrorInfo.of(error).to_json(), error.retry_after
                self._write(lambda: self._backoff_ops(ids, message, after))
                self._network_failed(error)
            if error.kind == ErrorKind.INVALID and len(batch) == 1:
                ids, message = batch[0].op_ids, ErrorInfo.of(error).to_json()
                self._write(lambda: self._park(ids, message))
                report.rejected += 1
                return False
            raise
        return self._write(lambda: self._apply_results(batch, results, report))

    def _apply_results(
        self, batch: list[Planned], results: list[MutationResult], report: SyncReport
    ) -> bool:
        conflicted = False
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            changes.outbox = True
            changes.sync_state = True
            for planned, result in zip(batch, results, strict=True):
                m = planned.mutation
                kind = result.kind
                if result.outcome == Outcome.APPLIED or (
                    m.op == "delete"
                    and (
                        kind == ErrorKind.NOT_FOUND
                        or (result.outcome == Outcome.CONFLICT and result.record is None)
                    )
                ):
                    self._finish(planned.op_ids)
                    report.pushed += 1
                    if m.op == "delete":
                        outbox.drop_base(self.db, m.table, m.id)
                    elif result.record is not None:
                        self._rebase(m.table, m.id, result.record, changes)
                    changes.add(m.table, m.id)
                elif result.outcome == Outcome.CONFLICT and result.record is not None:
                    conflicted = True
                    self._push_conflict(planned, result.record, changes, report)
                elif (
                    result.outcome == Outcome.REJECTED
                    and kind == ErrorKind.NOT_FOUND
                    and m.op == "create"
                    and self._refs_all_synced(m)
                ):
                    # "Refers to a record not on the CRM" while each record it refers to is
                    # synced here: a lookup that came back empty, not a refusal. Again later,
                    # parked with the reason if it keeps failing.
                    self._backoff_ops(
                        planned.op_ids,
                        _retry_later(result),
                        result.retry_after,
                        True,
                    )
                elif kind == ErrorKind.NOT_FOUND or result.outcome == Outcome.CONFLICT:
                    # An update to a record deleted on the server meanwhile.
                    self._add_deleted_remotely(m.table, m.id, report)
                elif result.outcome == Outcome.REJECTED:
                    refusal = _refusal(result, m.table)
                    self._park(planned.op_ids, refusal.to_json())
                    report.rejected += 1
                    report.add_problem(refusal)
                else:  # RETRY: its own failure, unless the call broke off before it
                    self._backoff_ops(
                        planned.op_ids,
                        _retry_later(result),
                        result.retry_after,
                        not result.not_tried,
                    )
        return conflicted

    def _refs_all_synced(self, m) -> bool:
        targets = [
            (ref.target, m.values[ref.name])
            for ref in E.entity(m.table).refs()
            if m.values.get(ref.name) and m.values[ref.name] != m.id
        ]
        return bool(targets) and all(outbox.is_synced(self.db, t, i) for t, i in targets)

    def _push_conflict(
        self, planned: Planned, record: RemoteRecord, changes: Changes, report: SyncReport
    ) -> None:
        """The server moved on since our base: merge, and push what is left next round."""
        m = planned.mutation
        fields = E.entity(m.table).field_names
        theirs = self._answered(m.table, m.id, record, agreed_first=True)
        if m.op == "delete":
            base_row = self._base(m.table, m.id)
            base = base_row[1] if base_row else {}
            ops = self._ops(m.table, m.id)
            if changed_elsewhere(fields, base, theirs, planned.echoes):
                self._finish([o.op_id for o in ops if o.op_id in planned.op_ids])
                outbox.add_conflict(
                    self.db, m.table, m.id, None, "deleted_locally", base, None, theirs
                )
                report.conflicts += 1
            outbox.put_base(self.db, m.table, m.id, record.version, theirs)
            return
        self._merge_pulled(m.table, m.id, record.version, theirs, changes, report)

    def _rebase(self, table: str, row_id: str, record: RemoteRecord, changes: Changes) -> None:
        """After an applied push: the server's record is the new base; later edits stay."""
        row = self.store.get(table, row_id)
        theirs = self._answered(table, row_id, record, agreed_first=False, row=row)
        outbox.put_base(self.db, table, row_id, record.version, theirs)
        if row is None:
            return
        keep = {n for o in self._ops(table, row_id) for n in o.changes}
        keep |= {name for name, _, _ in outbox.field_conflicts(self.db, table, row_id)}
        keep |= self._refs_gone_here(table, theirs)
        take = {n: theirs[n] for n in theirs if n not in keep and not same(row.get(n), theirs[n])}
        if take:
            self._write_row(table, row_id, take, True, changes)

    def _answered(
        self,
        table: str,
        row_id: str,
        record: RemoteRecord,
        agreed_first: bool,
        row: dict | None = None,
    ) -> dict:
        """The answered record's value of every field. A field the CRM left out (one the org
        lacks: "kept in Fieldbook only") is not one it emptied: after our own write it is what
        the row holds (what we sent); against someone else's change, what we last agreed on."""
        fields = E.entity(table).field_names
        theirs = {n: record.values.get(n) for n in fields}
        left_out = [n for n in fields if n not in record.values]
        if not left_out:
            return theirs
        agreed = outbox.base(self.db, table, row_id) if agreed_first else None
        if agreed:
            kept = agreed[1]
        else:
            kept = row if row is not None else (self.store.get(table, row_id) or {})
        for name in left_out:
            theirs[name] = kept.get(name)
        return theirs

    def _park(self, op_ids: list[str], reason: str) -> None:
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            outbox.park(self.db, op_ids, reason)
            changes.outbox = True

    def _backoff_ops(
        self, op_ids: list[str], reason: str, retry_after: float | None, own: bool = False
    ) -> None:
        """Try again later; ``own``: the CRM answered, and this change itself failed (counted:
        past ``MAX_ATTEMPTS`` such failures it is parked, so a poisoned change cannot hold the
        watchdog forever; a network failure of the whole call never parks anything)."""
        with self.store.transaction(origin=ORIGIN_SYNC) as changes:
            for op_id in op_ids:
                attempts = outbox.attempts_of(self.db, op_id)
                if attempts is None:
                    continue
                if own and outbox.own_failure(self.db, op_id) >= MAX_ATTEMPTS:
                    # The same change failed again and again: park it with the reason, so the
                    # rest keeps flowing and the rep sees it (retry or discard in the outbox).
                    last = ErrorInfo.from_json(reason)
                    detail = str(last.params.get("detail") or "") if last else reason
                    gave_up = ErrorInfo(FE.OP_GAVE_UP, {"attempts": MAX_ATTEMPTS, "detail": detail})
                    outbox.park(self.db, [op_id], gave_up.to_json())
                    continue
                at = self.clock() + self._backoff(attempts + 1, retry_after)
                outbox.back_off(self.db, op_id, attempts + 1, at, reason)
            changes.outbox = True


def _retry_later(result: MutationResult) -> str:
    """Why an operation is asked again: our reason when the connector gave one, and the
    CRM's own words (shown after it) when it said any."""
    if result.cause is not None:  # our reason: worded by the UI, in the rep's language
        return ErrorInfo(FE.OP_RETRY_LATER, {"reason": result.cause.value}).to_json()
    params = {"detail": result.reason or ""}
    return ErrorInfo(FE.OP_RETRY_LATER, params).to_json()


def _refusal(result: MutationResult, table: str) -> ErrorInfo:
    """Why a record was refused (its ``outbox.last_error``): the connector's cause, worded by
    the UI, or the CRM's own words, when there are any."""
    if result.cause is not None:
        params = {**result.params, "reason": result.cause.value, "table": table}
        params["detail"] = result.reason or ""  # the connector's English, for the log
        return ErrorInfo(FE.CRM_REFUSED, params)
    if result.reason:
        return ErrorInfo(FE.CRM_REFUSED, {"detail": result.reason})
    return ErrorInfo(FE.OP_REFUSED)
