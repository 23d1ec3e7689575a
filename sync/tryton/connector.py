"""The Tryton connector: our book of business over Tryton's JSON-RPC.

- Records are found by their client UUID (``fieldbook_uuid``, unique on the CRM), so a create
  whose answer was lost is recognised on retry instead of duplicated.
- Versions are Tryton's ``_timestamp``; an update or delete sends it back in the context, and
  Tryton's optimistic locking refuses it when the record moved on: that is a conflict.
- The pull cursor holds, per table, the last ``last_modified_at`` seen and the ids seen in the
  overlap window before it: each pull asks for ``>= mark - overlap`` and leaves the ids already
  seen out, so ties and late commits are caught and nothing is sent twice. Deletions come from
  our module's deletion log, by id; an archived party counts as deleted.
- Password and session token live only in the OS keyring (``desktop.credentials``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from typing import Any

from desktop import credentials, money
from desktop.entities import STAGE_PROBABILITY
from sync.connector import (
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
from sync.tryton import mapping as M
from sync.tryton import rpc as R

log = logging.getLogger(__name__)

OVERLAP = dt.timedelta(seconds=2)
CURSOR_VERSION = 1
MECHANISM_MODEL = "party.contact_mechanism"
ADDRESS_MODEL = "party.address"
DELETION_MODEL = "fieldbook.deletion"


def secret_key(url: str, database: str, login: str, what: str) -> str:
    """The keyring entry for the password or the session of one user on one CRM database."""
    return f"tryton:{login}@{R.normalize_url(url)}/{database}:{what}"


def _kind_of(exc: R.RpcError) -> ErrorKind:
    if isinstance(exc, R.Unauthorized):
        return ErrorKind.SIGN_IN
    if isinstance(exc, R.RateLimited):
        return ErrorKind.RATE_LIMITED
    if isinstance(exc, R.Unreachable):
        return ErrorKind.TRANSIENT
    if isinstance(exc, R.BadAddress):
        return ErrorKind.SIGN_IN  # the address or database needs the user's attention
    if isinstance(exc, R.Concurrency):
        return ErrorKind.CONFLICT
    return ErrorKind.INVALID


class SignInFailed(ConnectorError):
    """Signing in failed; ``cause`` says why, for a dialog to say what to do:
    ``password`` | ``unreachable`` | ``tls`` | ``address`` | ``server`` | ``keyring``."""

    def __init__(self, kind: ErrorKind, message: str, cause: str):
        super().__init__(kind, message)
        self.cause = cause


def _sign_in_cause(exc: R.RpcError) -> str:
    if isinstance(exc, R.Unauthorized):
        return "password"
    if isinstance(exc, R.TlsError):
        return "tls"
    if isinstance(exc, R.Unreachable):
        return "unreachable"
    if isinstance(exc, R.BadAddress):
        return "address"
    return "server"


def _connector_error(exc: R.RpcError) -> ConnectorError:
    return ConnectorError(_kind_of(exc), exc.message, retry_after=exc.retry_after)


class TrytonConnector(Connector):
    """A Tryton database with our module, as the sync engine sees it."""

    name = "Tryton"
    has_deletion_log = True
    max_batch = 100

    def __init__(
        self, url: str, database: str, login: str, *, timeout=R.DEFAULT_TIMEOUT, verify: bool = True
    ):
        self.url = R.normalize_url(url)
        self.database = database
        self.login = login
        self.rpc = R.TrytonRpc(self.url, database, timeout=timeout, verify=verify)
        self._signed_in = False
        self._company: int | None = None
        self._currency: int | None = None
        self._currency_code: str | None = None  # the company's: what a record without one is in
        self._id_of: dict[tuple[str, str], int] = {}
        self._uuid_of: dict[tuple[str, int], str] = {}
        self._country_ids: dict[str, int] = {}
        self._country_names: dict[int, str] = {}

    # -- credentials ---------------------------------------------------------------------

    @property
    def company_currency(self) -> str | None:
        """The ISO code of the CRM company's currency (known once signed in)."""
        return self._currency_code

    @property
    def password_key(self) -> str:
        return secret_key(self.url, self.database, self.login, "password")

    @property
    def session_key(self) -> str:
        return secret_key(self.url, self.database, self.login, "session")

    def sign_in_with_password(self, password: str, remember: bool = True) -> None:
        """Sign in with what the user typed; keeps password and session in the keyring only."""
        try:
            token = self.rpc.login(self.login, password)
        except R.RpcError as exc:
            kind = ErrorKind.SIGN_IN if isinstance(exc, R.Unauthorized) else _kind_of(exc)
            raise SignInFailed(kind, exc.message, _sign_in_cause(exc)) from None
        if remember:  # False: a one-off session (seeding a demo), nothing kept anywhere
            credentials.save_secret(self.password_key, password)
            credentials.save_secret(self.session_key, f"{self.rpc.user_id}:{token}")
        self._after_sign_in()

    def sign_in(self) -> None:
        stored = credentials.load_secret(self.session_key)
        if stored and ":" in stored:
            user_id, token = stored.split(":", 1)
            self.rpc.use_session(self.login, int(user_id), token)
            try:
                self._after_sign_in()
                return
            except ConnectorError as exc:
                if exc.kind != ErrorKind.SIGN_IN:
                    raise
        self.refresh()

    def refresh(self) -> None:
        password = credentials.load_secret(self.password_key)
        if not password:
            raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to the CRM again.")
        try:
            token = self.rpc.login(self.login, password)
        except R.Unauthorized:
            raise ConnectorError(
                ErrorKind.SIGN_IN, "The CRM refused the saved password. Sign in again."
            ) from None
        except R.RpcError as exc:
            raise _connector_error(exc) from None
        credentials.save_secret(self.session_key, f"{self.rpc.user_id}:{token}")
        self._after_sign_in()

    def forget_secrets(self) -> None:
        """Remove this user's password and session from the keyring."""
        credentials.forget_secret(self.session_key)
        credentials.forget_secret(self.password_key)
        self._signed_in = False

    def sign_out(self) -> None:
        """Forget the secrets, then end the session on the CRM (best effort)."""
        self.forget_secrets()
        self.rpc.logout()

    def _after_sign_in(self) -> None:
        companies = self._search_read("company.company", [], ["currency"], limit=1, context={})
        if companies:
            self._company = companies[0]["id"]
            self._currency = companies[0]["currency"]
            found = self._search_read(
                "currency.currency", [("id", "=", self._currency)], ["code"], context={}
            )
            self._currency_code = found[0]["code"] if found else None
        self._signed_in = True

    # -- low level -----------------------------------------------------------------------

    def _context(self, **extra: Any) -> dict:
        context: dict[str, Any] = {"active_test": False}
        if self._company:
            context["company"] = self._company
        context.update(extra)
        return context

    def _call(self, model: str, method: str, *params: Any) -> Any:
        """A call whose failure fails the whole operation (raised as ConnectorError)."""
        try:
            return self.rpc.model(model, method, *params)
        except R.RpcError as exc:
            raise _connector_error(exc) from None

    def _search_read(
        self,
        model: str,
        domain: list,
        fields: list[str],
        *,
        offset: int = 0,
        limit: int | None = None,
        order: list | None = None,
        context: dict | None = None,
    ) -> list[dict]:
        return self._call(
            model,
            "search_read",
            domain,
            offset,
            limit,
            order,
            fields,
            context if context is not None else self._context(),
        )

    # -- ids <-> client UUIDs ------------------------------------------------------------

    def _ids_for(self, model: str, uuids: Iterable[str], fresh: bool = False) -> dict[str, int]:
        uuids = {u for u in uuids if u}
        found = (
            {}
            if fresh
            else {u: self._id_of[(model, u)] for u in uuids if (model, u) in self._id_of}
        )
        missing = sorted(uuids - found.keys())
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            domain: list = [("fieldbook_uuid", "in", chunk)]
            fields = ["fieldbook_uuid"]
            if model == "party.party":
                fields.append("active")
            for row in self._search_read(model, domain, fields):
                if row.get("active") is False:
                    continue  # archived: deleted, as far as Fieldbook is concerned
                self._remember(model, row["id"], row["fieldbook_uuid"])
                found[row["fieldbook_uuid"]] = row["id"]
        return found

    def _uuids_for(self, model: str, ids: Iterable[int]) -> dict[int, str]:
        ids = {i for i in ids if i}
        found = {i: self._uuid_of[(model, i)] for i in ids if (model, i) in self._uuid_of}
        missing = sorted(ids - found.keys())
        if missing:
            for row in self._call(model, "read", missing, ["fieldbook_uuid"], self._context()):
                if row.get("fieldbook_uuid"):
                    self._remember(model, row["id"], row["fieldbook_uuid"])
                    found[row["id"]] = row["fieldbook_uuid"]
        return found

    def _remember(self, model: str, id_: int, uuid: str) -> None:
        self._id_of[(model, uuid)] = id_
        self._uuid_of[(model, id_)] = uuid

    def _country_id(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._country_ids:
            rows = self._search_read("country.country", [("name", "=", name)], ["name"], limit=1)
            if rows:
                self._country_ids[name] = rows[0]["id"]
            else:
                self._country_ids[name] = self._call(
                    "country.country", "create", [{"name": name}], self._context()
                )[0]
            self._country_names[self._country_ids[name]] = name
        return self._country_ids[name]

    def _country_name(self, id_: int | None) -> str | None:
        if not id_:
            return None
        if id_ not in self._country_names:
            rows = self._call("country.country", "read", [id_], ["name"], self._context())
            self._country_names[id_] = rows[0]["name"] if rows else None
        return self._country_names[id_]

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
                model = M.MODEL_OF[f.ref_table]
                refs.setdefault(model, set()).update(r[f.theirs] for r in rows if r[f.theirs])
            elif f.kind == M.RESOURCE:
                for r in rows:
                    model, _, id_ = (r[f.theirs] or ",").partition(",")
                    if model == M.MODEL_OF[f.ref_table] and id_.isdigit():
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
                    values[f.ours] = uuids.get(M.MODEL_OF[f.ref_table], {}).get(raw)
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
    def _advance(mark: dict | None, rows: list[dict]) -> dict:
        """The new mark: the newest stamp, and every id seen in the overlap window before it."""
        seen = {int(k): v for k, v in (mark or {}).get("seen", {}).items()} if mark else {}
        newest = dt.datetime.fromisoformat(mark["ts"]) if mark else None
        for row in rows:
            stamp = row["last_modified_at"]
            seen[row["id"]] = stamp.isoformat()
            if newest is None or stamp > newest:
                newest = stamp
        floor = newest - OVERLAP
        kept = {str(k): v for k, v in seen.items() if dt.datetime.fromisoformat(v) >= floor}
        return {"ts": newest.isoformat(), "seen": kept}

    # -- list_ids / fetch ----------------------------------------------------------------

    def list_ids(self, table: str) -> set[str]:
        tm = M.TABLE_MAPS[table]
        domain = [list(c) if isinstance(c, tuple) else c for c in tm.domain]
        context = self._context(active_test=True)
        rows = self._search_read(tm.model, domain, ["fieldbook_uuid"], context=context)
        return {r["fieldbook_uuid"] for r in rows if r["fieldbook_uuid"]}

    def fetch(self, table: str, ids: list[str]) -> list[RemoteRecord]:
        tm = M.TABLE_MAPS[table]
        out: list[RemoteRecord] = []
        for start in range(0, len(ids), 500):
            domain = [list(c) if isinstance(c, tuple) else c for c in tm.domain]
            domain.append(("fieldbook_uuid", "in", list(ids[start : start + 500])))
            rows = self._search_read(tm.model, domain, self._row_fields(tm))
            out += self._to_records(tm, [r for r in rows if r.get("active", True)])
        return out

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
                model = M.MODEL_OF[f.ref_table]
                target = self._ids_for(model, [value]).get(value) if value else None
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
        return MutationResult(m.op_id, Outcome.REJECTED, reason=reason, kind=kind)

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
                out.append(self._reject(m, "The CRM did not keep the record.", ErrorKind.NOT_FOUND))
        return out

    def _create_many(self, tm: M.TableMap, pending, results) -> dict[str, int]:
        """Create in one call; when the CRM refuses one, find which, one by one."""
        if not pending:
            return {}
        try:
            ids = self.rpc.model(tm.model, "create", [v for _, v, _ in pending], self._context())
            for (m, _, _), id_ in zip(pending, ids):
                self._remember(tm.model, id_, m.id)
            return {m.id: id_ for (m, _, _), id_ in zip(pending, ids)}
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
            return self._reject(m, "The record was deleted on the CRM.", ErrorKind.NOT_FOUND)
        values, unresolved = self._values(tm, m.values, id_, False)
        if unresolved:
            return self._reject(
                m,
                "It refers to a record that is not on the CRM: " + ", ".join(unresolved) + ".",
                ErrorKind.NOT_FOUND,
            )
        if values:
            refused = self._conditional(m, tm, id_, "write", [id_], values)
            if refused is not None:
                return refused
        record = self._record_now(tm, m.id)
        if record is None:
            return self._reject(m, "The record was deleted on the CRM.", ErrorKind.NOT_FOUND)
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
            return MutationResult(
                m.op_id,
                Outcome.CONFLICT,
                record=self._record_now(tm, m.id),
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
            return MutationResult(m.op_id, Outcome.APPLIED)  # already gone: nothing to do
        refused = self._conditional(m, tm, id_, "delete", [id_])
        if refused is not None:
            return refused
        self._id_of.pop((tm.model, m.id), None)
        self._uuid_of.pop((tm.model, id_), None)
        return MutationResult(m.op_id, Outcome.APPLIED)

    def close(self) -> None:
        self.rpc.close()


def sign_in(
    url: str, database: str, login: str, password: str, remember: bool = True
) -> TrytonConnector:
    """A connector signed in with what a user typed; SignInFailed says why it could not be."""
    try:
        connector = TrytonConnector(url, database, login)
    except R.RpcError as exc:
        raise SignInFailed(ErrorKind.SIGN_IN, exc.message, "address") from None
    if not database.strip() or not login.strip():
        raise SignInFailed(ErrorKind.SIGN_IN, "Enter the database and the user name.", "address")
    try:
        connector.sign_in_with_password(password, remember=remember)
    except credentials.KeyringUnavailable as exc:
        connector.close()
        raise SignInFailed(ErrorKind.SIGN_IN, str(exc), "keyring") from None
    except ConnectorError:
        connector.close()
        raise
    return connector
