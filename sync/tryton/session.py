"""A signed-in Tryton session: credentials, error mapping, low-level calls, id lookups.

The base of ``TrytonConnector`` (``sync/tryton/connector.py``); reading the CRM is in
``reading.py``, writing it in ``writing.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from desktop import credentials
from sync.connector import (
    Connector,
    ConnectorError,
    ErrorKind,
    Reason,
)
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
    if isinstance(exc, R.ServerFault):
        return ErrorKind.TRANSIENT  # a failure on the server: again later, parked if it stays
    return ErrorKind.INVALID


class SignInFailed(ConnectorError):
    """Signing in failed; ``cause`` says why, for a dialog to say what to do:
    ``password`` | ``unreachable`` | ``tls`` | ``address`` | ``database`` | ``module`` |
    ``server`` | ``keyring``."""

    def __init__(self, kind: ErrorKind, message: str, cause: str):
        super().__init__(kind, message)
        self.cause = cause


def _sign_in_cause(exc: R.RpcError) -> str:
    if isinstance(exc, R.Unauthorized):
        return "password"
    if isinstance(exc, R.TlsError):
        return "tls"
    if isinstance(exc, R.Portal | R.CutShort):
        return "unreachable"
    if isinstance(exc, R.Garbled):
        return "address"
    if isinstance(exc, R.Unreachable):
        return "unreachable"
    if isinstance(exc, R.UnknownDatabase):
        return "database"
    if isinstance(exc, R.BadAddress):
        return "address"
    return "server"


def garbled() -> ConnectorError:
    """The error of an answer of the wrong shape: passing, like a connection that broke."""
    return ConnectorError(ErrorKind.TRANSIENT, "", reason=Reason.BAD_ANSWER)


def _reason_of(exc: R.RpcError) -> Reason | None:
    if isinstance(exc, R.ServerFault):
        return Reason.SERVER_FAULT
    if isinstance(exc, R.RateLimited):
        return Reason.RATE_LIMITED
    name = getattr(exc, "reason", None)
    return Reason(name) if isinstance(exc, R.Unreachable) and name else None


def _connector_error(exc: R.RpcError) -> ConnectorError:
    reason = _reason_of(exc)
    # A failure we word ourselves carries no detail: the rep reads the reason's sentence.
    message = "" if isinstance(exc, R.Garbled | R.TimedOut | R.ServerFault) else exc.message
    if isinstance(exc, R.ServerFault):
        log.warning("the CRM failed on a request: %s", exc.message)  # for IT, not the screen
    return ConnectorError(_kind_of(exc), message, retry_after=exc.retry_after, reason=reason)


class TrytonSession(Connector):
    """Signing in, the keyring entries, low-level calls and the id <-> UUID lookups."""

    name = "Tryton"
    kind = "tryton"
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
        self._country_names: dict[int, str | None] = {}

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
        user_id, _, token = (stored or "").partition(":")
        if user_id.isdigit() and token:
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
            # The password that signed in before is refused: the user was deactivated (Tryton
            # answers a deactivated user and a changed password alike). Refused for good: the
            # app locks the copy until the rep signs in again (issue 16).
            raise ConnectorError(
                ErrorKind.SIGN_IN,
                "The CRM refused the saved password. Sign in again.",
                reason=Reason.REVOKED,
            ) from None
        except R.RpcError as exc:
            raise _connector_error(exc) from None
        credentials.save_secret(self.session_key, f"{self.rpc.user_id}:{token}")
        self._after_sign_in()

    @property
    def server_time(self) -> dt.datetime | None:
        """The CRM's clock (its last answer's ``Date``): days offline are counted on it."""
        return self.rpc.server_time

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

    def _rows(self, rows: Any) -> list[dict]:
        """``rows`` if they are what a read or search_read answers: records with integer ids."""
        if not isinstance(rows, list) or not all(
            isinstance(r, dict) and type(r.get("id")) is int for r in rows
        ):
            raise garbled()
        return rows

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
        rows = self._call(
            model,
            "search_read",
            domain,
            offset,
            limit,
            order,
            fields,
            context if context is not None else self._context(),
        )
        return self._rows(rows)

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
                uuid = row.get("fieldbook_uuid")
                if not isinstance(uuid, str) or uuid not in uuids:
                    raise garbled()  # an answer about records we did not ask for
                if row.get("active") is False:
                    continue  # archived: deleted, as far as Fieldbook is concerned
                self._remember(model, row["id"], uuid)
                found[uuid] = row["id"]
        return found

    def _uuids_for(self, model: str, ids: Iterable[int]) -> dict[int, str]:
        ids = {i for i in ids if i}
        found = {i: self._uuid_of[(model, i)] for i in ids if (model, i) in self._uuid_of}
        missing = sorted(ids - found.keys())
        if missing:
            context = self._context()
            rows = self._rows(self._call(model, "read", missing, ["fieldbook_uuid"], context))
            if sorted(r["id"] for r in rows) != missing:
                raise garbled()  # Tryton reads every id asked for, or fails: not this
            for row in rows:
                if isinstance(row.get("fieldbook_uuid"), str) and row["fieldbook_uuid"]:
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
                made = self._call("country.country", "create", [{"name": name}], self._context())
                if not isinstance(made, list) or len(made) != 1 or type(made[0]) is not int:
                    raise garbled()
                self._country_ids[name] = made[0]
            self._country_names[self._country_ids[name]] = name
        return self._country_ids[name]

    def _country_name(self, id_: int | None) -> str | None:
        if not id_:
            return None
        if id_ not in self._country_names:
            rows = self._call("country.country", "read", [id_], ["name"], self._context())
            self._country_names[id_] = rows[0]["name"] if rows else None
        return self._country_names[id_]
