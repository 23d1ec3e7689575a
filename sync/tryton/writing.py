"""Writing Tryton: pushes of creates (idempotent on the client UUID), conditional updates
and deletes, with one result per mutation."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from desktop import money
from desktop.entities import STAGE_PROBABILITY
from sync.connector import (
    ConnectorError,
    ErrorKind,
    Mutation,
    MutationResult,
    Outcome,
    Reason,
    RemoteRecord,
)
from sync.tryton import mapping as M
from sync.tryton import rpc as R

from .reading import TrytonReading
from .session import ADDRESS_MODEL, DELETION_MODEL, MECHANISM_MODEL, _connector_error, garbled

log = logging.getLogger(__name__)


class TrytonWriting(TrytonReading):
    """Push and seed."""

    # -- push ----------------------------------------------------------------------------

    def push(self, mutations: list[Mutation]) -> list[MutationResult]:
        """Apply in order. A lost connection fails the call when nothing was applied yet;
        otherwise the rest are returned as 'retry later'."""
        results: list[MutationResult] = []
        i = 0
        try:
            while i < len(mutations):
                m = mutations[i]
                if m.op == "create":
                    j = i + 1
                    while (
                        j < len(mutations)
                        and j - i < self.max_batch
                        and mutations[j].op == "create"
                        and mutations[j].table == m.table
                    ):
                        j += 1
                    results += self._push_creates(mutations[i:j])
                    i = j
                elif m.op == "update":
                    results.append(self._push_update(m))
                    i += 1
                elif m.op == "delete":
                    results.append(self._push_delete(m))
                    i += 1
                else:
                    results.append(
                        MutationResult(
                            m.op_id,
                            Outcome.REJECTED,
                            reason=f"unknown operation {m.op!r}",
                            kind=ErrorKind.INVALID,
                        )
                    )
                    i += 1
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
                    not_tried=True,
                )
                for m in mutations[len(results) :]
            ]
        return results

    def _record_now(self, tm: M.TableMap, uuid: str) -> RemoteRecord | None:
        found = self.fetch(tm.table, [uuid])
        return found[0] if found else None

    def _values(
        self, tm: M.TableMap, values: dict[str, Any], party_id: int | None, creating: bool
    ) -> tuple[dict[str, Any], list[str]]:
        """Tryton values for ours, and the references not found on the CRM."""
        out: dict[str, Any] = dict(tm.fixed) if creating else {}
        unresolved: list[str] = []
        mech: dict[str, Any] = {}
        addr: dict[str, Any] = {}
        currency = self._currency_of(tm, values, None if creating else party_id)
        for name, value in values.items():
            try:
                f = tm.field(name)
            except KeyError:
                continue  # a local-only column such as timestamps
            if f.kind in (M.REF, M.RESOURCE):
                model = f.ref_model
                target = self._ids_for(model, [value]).get(value) if value else None
                if value and target is None:  # look once more: an answer emptied on the way
                    target = self._ids_for(model, [value], fresh=True).get(value)
                if value and target is None:
                    unresolved.append(name)
                    continue
                if f.kind == M.RESOURCE:
                    out[f.theirs] = f"{model},{target}" if target else None
                else:
                    out[f.theirs] = target
            elif f.kind == M.MECHANISM:
                mech[f.theirs] = value or None
            elif f.kind == M.ADDRESS:
                addr[f.theirs] = self._country_id(value) if f.theirs == "country" else value or None
            else:
                out[f.theirs] = M.to_tryton(f.kind, value, currency)
        if mech or addr:
            out.update(self._sub_actions(party_id, mech, addr))
        if tm.model == "sale.opportunity" and creating:
            out.setdefault("company", self._company)
            out.setdefault("currency", self._currency)
            out.setdefault("start_date", dt.date.today())
            if out.get("conversion_probability") is None:
                stage = values.get("stage") or "prospecting"
                out["conversion_probability"] = STAGE_PROBABILITY.get(stage, 0) / 100
        return out, unresolved

    def _currency_of(self, tm: M.TableMap, values: dict[str, Any], record_id: int | None) -> str:
        """The currency ``values``' amounts are in: theirs, else the record's on the CRM, else the
        company's (an edit of an amount alone does not name its currency)."""
        if values.get("currency"):
            return str(values["currency"])
        if record_id and M.has_currency(tm) and any(tm.kind_of(n) == M.CENTS for n in values):
            rows = self._search_read(tm.model, [("id", "=", record_id)], ["fieldbook_currency"])
            if rows and rows[0].get("fieldbook_currency"):
                return str(rows[0]["fieldbook_currency"])
        return self._currency_code or money.DEFAULT_CURRENCY

    def _sub_actions(self, party_id: int | None, mech: dict, addr: dict) -> dict[str, Any]:
        """One2Many actions that set a party's contact mechanisms and first address."""
        out: dict[str, Any] = {}
        mechanisms: list = []
        existing: dict[str, int] = {}
        if party_id and mech:
            for row in self._search_read(
                MECHANISM_MODEL,
                [("party", "=", party_id), ("type", "in", list(mech))],
                ["type"],
                order=[("sequence", "ASC"), ("id", "ASC")],
                context={},
            ):
                existing.setdefault(row["type"], row["id"])
        creates = []
        for kind, value in mech.items():
            if kind in existing:
                if value:
                    mechanisms.append(["write", [existing[kind]], {"value": value}])
                else:
                    mechanisms.append(["delete", [existing[kind]]])
            elif value:
                creates.append({"type": kind, "value": value})
        if creates:
            mechanisms.append(["create", creates])
        if mechanisms:
            out["contact_mechanisms"] = mechanisms
        if addr:
            first = None
            if party_id:
                rows = self._search_read(
                    ADDRESS_MODEL,
                    [("party", "=", party_id)],
                    ["id"],
                    order=[("sequence", "ASC"), ("id", "ASC")],
                    limit=1,
                    context={},
                )
                first = rows[0]["id"] if rows else None
            out["addresses"] = [["write", [first], addr]] if first else [["create", [addr]]]
        return out

    def _reject(self, m: Mutation, exc: R.RpcError | str, kind=ErrorKind.INVALID):
        reason = exc if isinstance(exc, str) else exc.message
        if isinstance(exc, R.ServerFault):
            # A failure on the server is no refusal of the values: again later (the engine
            # parks it with this reason when it keeps failing).
            return MutationResult(
                m.op_id, Outcome.RETRY, reason=reason, kind=ErrorKind.TRANSIENT, retry_after=None
            )
        return MutationResult(m.op_id, Outcome.REJECTED, reason=reason, kind=kind)

    def _find_again(self, tm: M.TableMap, m: Mutation) -> int | MutationResult | None:
        """After a lookup by UUID found nothing: the record's id when a second look finds it,
        None when the CRM's deletion log (or archive) says it is gone, or a RETRY result when
        nothing confirms it either way (an answer lost or emptied on the way is not trusted)."""
        logged = self._search_read(
            DELETION_MODEL, [("record_uuid", "=", m.id)], ["model"], limit=1, context={}
        )
        if logged:
            return None
        fields = ["fieldbook_uuid"] + (["active"] if tm.archivable else [])
        rows = self._search_read(tm.model, [("fieldbook_uuid", "=", m.id)], fields, limit=1)
        if rows and rows[0].get("fieldbook_uuid") == m.id:
            if rows[0].get("active") is False:
                return None  # archived: deleted, as far as Fieldbook is concerned
            self._remember(tm.model, rows[0]["id"], m.id)
            return int(rows[0]["id"])
        if m.base_version is None:
            # Never seen on the CRM (a create whose answer may have been lost): two lookups
            # that agree it is not there are believed.
            return None
        # The CRM had it (the change names its version): only its deletion log or its archive
        # says it is gone; an empty answer alone is asked again.
        return self._again_later(m)

    def seed(self, mutations: list[Mutation]) -> list[MutationResult]:
        """Creates without reading the records back: for loading a demo or bench book."""
        out: list[MutationResult] = []
        for start in range(0, len(mutations), self.max_batch):
            group = mutations[start : start + self.max_batch]
            for table in dict.fromkeys(m.table for m in group):
                out += self._push_creates([m for m in group if m.table == table], read_back=False)
        return out

    def _push_creates(self, group: list[Mutation], read_back: bool = True) -> list[MutationResult]:
        tm = M.TABLE_MAPS[group[0].table]
        existing = self._ids_for(tm.model, [m.id for m in group], fresh=True)
        in_group = {m.id for m in group}
        results: dict[str, MutationResult] = {}
        pending: list[tuple[Mutation, dict, dict]] = []
        for m in group:
            if m.id in existing:
                continue  # created by an earlier try whose answer was lost
            deferred = {
                k: v
                for k, v in m.values.items()
                if v in in_group and k in {f.ours for f in tm.fields if f.kind == M.REF}
            }
            values, unresolved = self._values(
                tm, {k: v for k, v in m.values.items() if k not in deferred}, None, True
            )
            if unresolved:
                results[m.op_id] = self._reject(
                    m,
                    "It refers to a record that is not on the CRM: " + ", ".join(unresolved) + ".",
                    ErrorKind.NOT_FOUND,
                )
                continue
            values["fieldbook_uuid"] = m.id
            pending.append((m, values, deferred))
        created = self._create_many(tm, pending, results)
        refused = [m for m, _, _ in pending if m.op_id in results]
        if refused:
            # A create refused because the UUID is already there (the lookup above came back
            # empty on the way): it is ours, made by an earlier try. Read it back like one.
            there = self._ids_for(tm.model, [m.id for m in refused], fresh=True)
            for m in refused:
                if m.id in there:
                    del results[m.op_id]
        for m, _, deferred in pending:
            if deferred and m.id in created:
                fix, unresolved = self._values(tm, deferred, created[m.id], False)
                try:
                    self.rpc.model(tm.model, "write", [created[m.id]], fix, self._context())
                except R.Unreachable as exc:
                    raise _connector_error(exc) from None
                except R.RpcError as exc:
                    log.warning("reference of %s not set: %s", m.id, exc.message)
        if not read_back:
            return [results.get(m.op_id) or MutationResult(m.op_id, Outcome.APPLIED) for m in group]
        records = {
            r.id: r for r in self.fetch(tm.table, [m.id for m in group if m.op_id not in results])
        }
        out = []
        for m in group:
            if m.op_id in results:
                out.append(results[m.op_id])
            elif m.id in records:
                out.append(MutationResult(m.op_id, Outcome.APPLIED, record=records[m.id]))
            else:
                # Created (or found), then not read back: an answer lost or emptied on the way.
                out.append(self._again_later(m))
        return out

    @staticmethod
    def _again_later(m: Mutation) -> MutationResult:
        """The CRM's answer left out a record it holds (a lost or lagging read): ask again."""
        return MutationResult(
            m.op_id, Outcome.RETRY, kind=ErrorKind.TRANSIENT, cause=Reason.NOT_SHOWN
        )

    def _create_many(self, tm: M.TableMap, pending, results) -> dict[str, int]:
        """Create in one call; when the CRM refuses one, find which, one by one."""
        if not pending:
            return {}
        try:
            ids = self.rpc.model(tm.model, "create", [v for _, v, _ in pending], self._context())
            if not isinstance(ids, list) or any(type(i) is not int for i in ids):
                raise garbled()
            if len(ids) != len(pending):  # never pair a UUID with another record's id
                raise garbled()  # an id list of the wrong length: never pair a UUID wrongly
            for (m, _, _), id_ in zip(pending, ids, strict=True):
                self._remember(tm.model, id_, m.id)
            return {m.id: id_ for (m, _, _), id_ in zip(pending, ids, strict=True)}
        except (R.Unauthorized, R.Unreachable, R.RateLimited, R.BadAddress) as exc:
            raise _connector_error(exc) from None
        except R.RpcError:
            created = {}
            for m, values, _ in pending:
                try:
                    created[m.id] = self.rpc.model(tm.model, "create", [values], self._context())[0]
                    self._remember(tm.model, created[m.id], m.id)
                except (R.Unauthorized, R.Unreachable, R.RateLimited, R.BadAddress) as exc:
                    raise _connector_error(exc) from None
                except R.RpcError as exc:
                    results[m.op_id] = self._reject(m, exc)
            return created

    def _push_update(self, m: Mutation) -> MutationResult:
        tm = M.TABLE_MAPS[m.table]
        id_ = self._ids_for(tm.model, [m.id], fresh=True).get(m.id)
        if id_ is None:
            again = self._find_again(tm, m)
            if isinstance(again, MutationResult):
                return again
            if again is None:
                return self._reject(m, "The record was deleted on the CRM.", ErrorKind.NOT_FOUND)
            id_ = again
        values, unresolved = self._values(tm, m.values, id_, False)
        if unresolved:  # the record is there; what it refers to is not: a refusal, no deletion
            return self._reject(
                m,
                "It refers to a record that is not on the CRM: " + ", ".join(unresolved) + ".",
                ErrorKind.INVALID,
            )
        if values:
            refused = self._conditional(m, tm, id_, "write", [id_], values)
            if refused is not None:
                return refused
        record = self._record_now(tm, m.id)
        if record is None:  # written a moment ago: an empty read-back is not a deletion
            return self._again_later(m)
        return MutationResult(m.op_id, Outcome.APPLIED, record=record)

    def _conditional(self, m: Mutation, tm, id_: int, method: str, *args) -> MutationResult | None:
        """Call ``method`` only if the record is still at the mutation's base version (Tryton's
        optimistic lock); the refusal as a result, or None when it went through."""
        context = self._context()
        if m.base_version:
            context["_timestamp"] = {f"{tm.model},{id_}": m.base_version}
        try:
            self.rpc.model(tm.model, method, *args, context)
        except R.Concurrency:
            record = self._record_now(tm, m.id)
            if record is None:
                # The lock refused because the record is there and changed: an empty read of
                # it now is a lost answer, not a deletion (nor a delete done).
                return self._again_later(m)
            return MutationResult(
                m.op_id,
                Outcome.CONFLICT,
                record=record,
                reason="Changed on the CRM meanwhile.",
                kind=ErrorKind.CONFLICT,
            )
        except (R.Unauthorized, R.Unreachable, R.RateLimited, R.BadAddress) as exc:
            raise _connector_error(exc) from None
        except R.RpcError as exc:
            return self._reject(m, exc)
        return None

    def _push_delete(self, m: Mutation) -> MutationResult:
        tm = M.TABLE_MAPS[m.table]
        id_ = self._ids_for(tm.model, [m.id], fresh=True).get(m.id)
        if id_ is None:
            again = self._find_again(tm, m)
            if isinstance(again, MutationResult):
                return again
            if again is None:
                return MutationResult(m.op_id, Outcome.APPLIED)  # already gone: nothing to do
            id_ = again
        refused = self._conditional(m, tm, id_, "delete", [id_])
        if refused is not None:
            return refused
        self._id_of.pop((tm.model, m.id), None)
        self._uuid_of.pop((tm.model, id_), None)
        return MutationResult(m.op_id, Outcome.APPLIED)
