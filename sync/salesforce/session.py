"""A signed-in Salesforce org: tokens from the keyring, refresh, describe, SOQL, id lookups.

The base of ``SalesforceConnector`` (``connector.py``); reading is in ``reading.py``, writing in
``writing.py``. Every answer is checked against the documented shape before it is used.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Iterable
from typing import Any

import requests

from sync.connector import Connector, ConnectorError, ErrorKind, Reason

from . import auth
from . import mapping as M
from . import picklists as P
from .rest import DEFAULT_TIMEOUT, BadAnswer, Rest

NAMESPACE = uuid.UUID("6f1c9d2e-6b55-4f5b-9a7e-4b1d0c5f2a11")  # client UUIDs of org-made rows


def quote(value: str) -> str:
    """A SOQL string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def soql_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.lru_cache(maxsize=8192)
def parse_time(text: str) -> dt.datetime:
    """Salesforce's ``2026-01-01T10:00:00.000+0000``."""
    if not isinstance(text, str):
        raise BadAnswer("a timestamp is not text")
    try:
        fixed = text.replace("Z", "+00:00")
        if fixed[-5] in "+-" and fixed[-3] != ":":
            fixed = fixed[:-2] + ":" + fixed[-2:]
        moment = dt.datetime.fromisoformat(fixed)
    except (ValueError, IndexError):
        raise BadAnswer(f"a timestamp {text!r}") from None
    return moment.replace(tzinfo=moment.tzinfo or dt.UTC).astimezone(dt.UTC)


def check_page(body: Any) -> list[dict]:
    """The records of a query page, validated: ``{totalSize, done, records[, nextRecordsUrl]}``."""
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise BadAnswer("a query page without records")
    if not isinstance(body.get("done"), bool):
        raise BadAnswer("a query page without 'done'")
    if not body["done"] and not isinstance(body.get("nextRecordsUrl"), str):
        raise BadAnswer("a query page that is not done and has no next page")
    for row in body["records"]:
        if not isinstance(row, dict) or not isinstance(row.get("attributes"), dict):
            raise BadAnswer("a query row without attributes")
    return body["records"]


def describe_fields(body: Any, sobject: str) -> dict[str, dict]:
    """The fields of a ``describe`` answer by name, validated."""
    if not isinstance(body, dict) or not isinstance(body.get("fields"), list):
        raise BadAnswer(f"describe of {sobject}")
    fields: dict[str, dict] = {}
    for f in body["fields"]:
        if not isinstance(f, dict) or not isinstance(f.get("name"), str):
            raise BadAnswer(f"a field of {sobject} without a name")
        if not isinstance(f.get("picklistValues", []), list):
            raise BadAnswer(f"{sobject}.{f['name']}: picklist values that are not a list")
        fields[f["name"]] = f
    return fields


class SalesforceSession(Connector):
    """Signing in, tokens in the keyring, describe, queries and id <-> client UUID lookups."""

    name = "Salesforce"
    max_batch = 200  # sObject Collections take up to 200 records a call

    def __init__(
        self,
        login_url: str,
        consumer_key: str,
        *,
        scope: dict[str, str] | None = None,
        timeout=DEFAULT_TIMEOUT,
        verify: bool | str = True,
    ):
        self.login_url = auth.login_host(login_url)
        self.consumer_key = consumer_key
        # sObject -> SOQL condition of the rep's scope (settings, IT); others: default_scope
        self.scope = dict(scope or {})
        self.timeout = timeout
        self.verify = verify
        self.http = requests.Session()
        self.rest: Rest | None = None
        self.tokens: auth.Tokens | None = None
        self._describe: dict[str, dict[str, dict]] = {}
        self.picklists = P.Picklists()  # record types and their picklist values
        self._sfid: dict[tuple[str, str], str] = {}  # (table, uuid) -> Salesforce Id
        self._uuid: dict[str, str] = {}  # Salesforce Id -> uuid
        # False for one sync when the recycle bin no longer covers a cursor: the engine then
        # reconciles ids (list_ids of every table, accounts last, sets it back).
        self.has_deletion_log = True
        self.bodies: dict[str, str | None] = {}  # ContentVersion Id -> text (versions never change)

    # -- sign-in ---------------------------------------------------------------------------

    def sign_in(self) -> None:
        tokens = auth.load_tokens(self.login_url, self.consumer_key)
        if tokens is None:
            raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to Salesforce.")
        self._use(tokens)
        self._load_describe()

    def _use(self, tokens: auth.Tokens) -> None:
        self.tokens = tokens
        if self.rest is None:
            self.rest = Rest(
                tokens.instance_url,
                tokens.access_token,
                on_expired=self._renew,
                timeout=self.timeout,
                verify=self.verify,
                session=self.http,
            )
        else:
            self.rest.instance_url = tokens.instance_url
            self.rest.access_token = tokens.access_token

    def _renew(self) -> str:
        self.refresh()
        if self.tokens is None:
            raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to Salesforce again.")
        return self.tokens.access_token

    def refresh(self) -> None:
        stored = auth.load_tokens(self.login_url, self.consumer_key)
        refresh = (stored.refresh_token if stored else None) or (
            self.tokens.refresh_token if self.tokens else None
        )
        if not refresh:
            raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to Salesforce again.")
        try:
            body = auth.token_request(
                self.login_url,
                {
                    "grant_type": "refresh_token",
                    "refresh_token": refresh,
                    "client_id": self.consumer_key,
                },
                self.timeout,
                self.verify,
            )
        except auth.SignInFailed as exc:
            if exc.cause == "denied":
                # invalid_grant on a refresh: the token was revoked, the user deactivated or the
                # app removed. Refused for good, so the app locks the copy (issue 16).
                raise ConnectorError(
                    ErrorKind.SIGN_IN, "Sign in to Salesforce again.", reason=Reason.REVOKED
                ) from None
            if exc.kind == ErrorKind.SIGN_IN:
                raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to Salesforce again.") from None
            raise ConnectorError(exc.kind, exc.message) from None
        tokens = auth.parse_token_reply(body, previous_refresh=refresh)
        auth.save_tokens(self.login_url, self.consumer_key, tokens)
        self._use(tokens)

    def sign_out(self) -> None:
        """Revoke the refresh token on Salesforce (best effort), then forget the tokens."""
        stored = auth.load_tokens(self.login_url, self.consumer_key)
        token = stored.refresh_token if stored else None
        if token:
            auth.revoke(self.login_url, token, self.timeout, self.verify)
        auth.forget_tokens(self.login_url, self.consumer_key)
        self.tokens = None

    def close(self) -> None:
        self.http.close()

    @property
    def api(self) -> Rest:
        if self.rest is None:
            raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to Salesforce.")
        return self.rest

    def api_usage(self) -> tuple[int, int] | None:
        """API calls today, from the last ``Sforce-Limit-Info``: (used, max)."""
        limits = self.rest.limits if self.rest else None
        if limits is None or limits.used is None or limits.max is None:
            return None
        return limits.used, limits.max

    # -- describe --------------------------------------------------------------------------

    def _load_describe(self) -> None:
        for tm in M.SOBJECT_MAPS:
            if tm.sobject in self._describe:
                continue
            body = self.api.call("GET", f"/sobjects/{tm.sobject}/describe")
            fields = describe_fields(body, tm.sobject)
            if tm is M.EVENTS and M.UUID_FIELD not in fields:
                continue  # Fieldbook's Activity fields not on Event: meetings stay Tasks
            if M.UUID_FIELD not in fields or "SystemModstamp" not in fields:
                raise ConnectorError(
                    ErrorKind.INVALID,
                    f"{tm.sobject} has no field {M.UUID_FIELD}: ask your Salesforce admin to "
                    "deploy Fieldbook's fields (docs/salesforce.md).",
                )
            self._describe[tm.sobject] = fields
            self.picklists.types[tm.sobject] = P.record_type_infos(body, tm.sobject)
            for rt in self.picklists.needs_values(tm.sobject):
                answer = self.api.call(
                    "GET", f"/ui-api/object-info/{tm.sobject}/picklist-values/{rt}"
                )
                self.picklists.values[(tm.sobject, rt)] = P.picklist_values(answer)

    def maps(self, table: str) -> tuple[M.TableMap, ...]:
        """The sObjects holding ``table`` in this org (tasks: Task, and Event when it carries
        Fieldbook's fields)."""
        return tuple(
            tm for tm in M.maps_of(table) if tm.sobject in self._describe or tm is not M.EVENTS
        )

    def map_for(self, table: str, values: dict[str, Any]) -> M.TableMap:
        """Where a record of ``table`` with these values lives (a meeting: an Event)."""
        if table == "tasks" and values.get("kind") == M.MEETING and M.EVENTS in self.maps(table):
            return M.EVENTS
        return M.TABLE_MAPS[table]

    def has(self, tm: M.TableMap, theirs: str) -> bool:
        return theirs in self._describe.get(tm.sobject, {})

    def writable(self, tm: M.TableMap, theirs: str, creating: bool) -> bool:
        f = self._describe.get(tm.sobject, {}).get(theirs)
        return bool(f and f.get("createable" if creating else "updateable"))

    def picklist(
        self, tm: M.TableMap, theirs: str, record_type: str | None = None
    ) -> set[str] | None:
        """The values a picklist takes: those of the record's record type (a create: the
        user's default one) where the object has record types, else describe's active ones."""
        f = self._describe.get(tm.sobject, {}).get(theirs)
        if not f or f.get("type") != "picklist":
            return None
        by_type = self.picklists.allowed(tm.sobject, theirs, record_type)
        if by_type is not None:
            return by_type
        return {p.get("value") for p in f.get("picklistValues") or [] if p.get("active", True)}

    def missing_fields(self, table: str) -> list[str]:
        """Our fields this org lacks (kept in Fieldbook only: "not in your Salesforce")."""
        tm = M.TABLE_MAPS[table]
        return [f.ours for f in tm.fields if not self.has(tm, f.theirs)]

    def read_only_fields(self, table: str) -> list[str]:
        """Our fields this user may not edit in this org (field-level security, computed)."""
        tm = M.TABLE_MAPS[table]
        special = {"account_id"} if table == "tasks" else set()
        return [
            f.ours
            for f in tm.fields
            if self.has(tm, f.theirs)
            and f.ours not in special
            and f.theirs not in ("VersionData", "LastName")
            and not self.writable(tm, f.theirs, False)
        ]

    # -- queries ---------------------------------------------------------------------------

    def query(self, soql: str, all_rows: bool = False, limit: int | None = None) -> list[dict]:
        """Every row of a query, following ``nextRecordsUrl`` (up to ``limit`` rows)."""
        body = self.api.call("GET", "/queryAll" if all_rows else "/query", params={"q": soql})
        rows = list(check_page(body))
        while not body["done"] and (limit is None or len(rows) < limit):
            body = self.api.call("GET", body["nextRecordsUrl"])
            rows += check_page(body)
        return rows

    def me(self) -> str:
        """The signed-in user's Id, from the identity URL of the token answer (``id``)."""
        tokens = self.tokens or auth.load_tokens(self.login_url, self.consumer_key)
        if tokens is None or not tokens.user_id.startswith("005"):
            raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to Salesforce.")
        return tokens.user_id

    def default_scope(self, sobject: str) -> str:
        """The rep's records by default: what they own, plus the accounts they own and those
        accounts' children. Salesforce refuses a semi-join under OR ("Semi join sub-selects are
        not allowed with the 'OR' operator"), so children are matched through the parent's
        owner (``Account.OwnerId``); notes, which have no account lookup of their own, by a
        semi-join on the account they are published to (joined by AND: allowed)."""
        me = quote(self.me())
        if sobject == "Account":
            return f"OwnerId = {me}"
        if sobject == "ContentVersion":
            return f"FirstPublishLocationId IN (SELECT Id FROM Account WHERE OwnerId = {me})"
        return f"(OwnerId = {me} OR Account.OwnerId = {me})"

    def where_scope(self, tm: M.TableMap) -> list[str]:
        """The conditions of the rep's scope: an explicit one per object (settings, IT
        provisioning; an empty one means every record the user can see) overrides the default."""
        conditions = []
        if tm.sobject == "ContentVersion":
            conditions.append("IsLatest = TRUE")
        if tm.sobject in self.scope:
            if self.scope[tm.sobject].strip():
                conditions.append(f"({self.scope[tm.sobject]})")
        else:
            conditions.append(self.default_scope(tm.sobject))
        return conditions

    def scope_soql(self, table: str) -> str:
        """The statement that selects the rep's records of ``table`` (shown to the rep / IT);
        tasks in an org with meetings on Event: the Task statement, a line break, the Event one."""
        statements = []
        for tm in self.maps(table):
            where = " AND ".join(self.where_scope(tm))
            statements.append(f"select Id from {tm.sobject}" + (f" where {where}" if where else ""))
        return "\n".join(statements)

    # -- ids <-> client UUIDs --------------------------------------------------------------

    def remember(self, table: str, uuid_: str, sfid: str) -> None:
        self._sfid[(table, uuid_)] = sfid
        self._uuid[sfid] = uuid_

    def forget(self, table: str, uuid_: str) -> None:
        sfid = self._sfid.pop((table, uuid_), None)
        if sfid:
            self._uuid.pop(sfid, None)

    def sfids(self, table: str, uuids: Iterable[str], fresh: bool = False) -> dict[str, str]:
        """Salesforce Ids of the live records with these client UUIDs (missing ones left out)."""
        wanted = {u for u in uuids if u}
        found = (
            {} if fresh else {u: self._sfid[(table, u)] for u in wanted if (table, u) in self._sfid}
        )
        for tm in self.maps(table):
            self._sfids_of(tm, sorted(wanted - found.keys()), wanted, found)
        if fresh:
            for u in wanted - found.keys():
                self.forget(table, u)
        return found

    def _sfids_of(self, tm: M.TableMap, missing: list[str], wanted: set, found: dict) -> None:
        table = tm.table
        for start in range(0, len(missing), 200):
            chunk = missing[start : start + 200]
            where = [f"{M.UUID_FIELD} IN ({', '.join(quote(u) for u in chunk)})"]
            where += self.where_scope(tm)
            rows = self.query(
                f"select Id, {M.UUID_FIELD} from {tm.sobject} where {' AND '.join(where)}"
            )
            for row in rows:
                if isinstance(row.get("Id"), str) and row.get(M.UUID_FIELD) in wanted:
                    self.remember(table, row[M.UUID_FIELD], row["Id"])
                    found[row[M.UUID_FIELD]] = row["Id"]

    def uuids(self, table: str, sfids: Iterable[str]) -> dict[str, str]:
        """Client UUIDs of Salesforce records of ``table`` by Id (missing ones left out)."""
        tm = M.TABLE_MAPS[table]
        wanted = {i for i in sfids if i}
        found = {i: self._uuid[i] for i in wanted if i in self._uuid}
        missing = sorted(wanted - found.keys())
        for start in range(0, len(missing), 200):
            chunk = missing[start : start + 200]
            rows = self.query(
                f"select Id, {M.UUID_FIELD} from {tm.sobject} "
                f"WHERE Id IN ({', '.join(quote(i) for i in chunk)})"
            )
            for row in rows:
                uuid_ = row.get(M.UUID_FIELD) or self.claim_uuid(row.get("Id"))
                if uuid_:
                    self.remember(table, uuid_, row["Id"])
                    found[row["Id"]] = uuid_
        return found

    @staticmethod
    def claim_uuid(sfid: Any) -> str | None:
        """The client UUID of a record made in Salesforce (none yet): derived from its Id, so
        every client gives it the same one; the connector writes it back."""
        if not isinstance(sfid, str) or len(sfid) not in (15, 18):
            return None
        return str(uuid.uuid5(NAMESPACE, sfid[:15]))
