"""Tryton's JSON-RPC over ``requests``: one session, timeouts, exact dates and decimals.

Tryton tags dates, datetimes and decimals as objects (``{"__class__": "Decimal", "decimal":
"125000.00"}``); they are turned into ``datetime``/``Decimal`` values and back exactly, never
through float. Failures become ``RpcError`` subclasses that the connector maps to its kinds.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import itertools
import json
import time
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import requests

from desktop import logs

from ..network import http_session

DEFAULT_TIMEOUT = (5.0, 60.0)  # (connect, read) seconds


class RpcError(Exception):
    """A failed call; ``message`` is fit for a user, with what to do."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class Unauthorized(RpcError):
    """The password or the session was refused (HTTP 401/403)."""


class RateLimited(RpcError):
    """Too many requests (HTTP 429)."""


class Unreachable(RpcError):
    """No answer: connection refused or dropped, timeout, DNS, 5xx."""

    reason = "unreachable"  # sync.connector.Reason


class TimedOut(Unreachable):
    """No answer in time."""

    reason = "timeout"


class TlsError(Unreachable):
    """The server's certificate could not be verified."""


class BadAddress(RpcError):
    """The URL or database name is wrong (not a Tryton server, 404)."""


class UnknownDatabase(BadAddress):
    """A Tryton server answers, but has no database of that name (HTTP 404)."""


class UserError(RpcError):
    """Tryton refused the values (UserError, UserWarning, AccessError...)."""


class Concurrency(RpcError):
    """The record changed on the server since the timestamp we sent."""


class ServerFault(RpcError):
    """An unexpected exception on the server (a bug or a bad request of ours): tried again
    later, and parked with its reason when it keeps failing."""


class Garbled(Unreachable):
    """An answer of a shape Tryton never sends: something on the way broke it."""

    reason = "bad_answer"


class CutShort(Garbled):
    """The answer broke off in the middle."""

    reason = "cut_short"


class Portal(Garbled):
    """A web page answered instead of the CRM: a hotel or airport Wi-Fi sign-in page."""

    reason = "portal"


GARBLED = (
    "The CRM's answer arrived incomplete or unreadable. Fieldbook keeps your changes and retries."
)
PORTAL = (
    "The network answered with a web page instead of the CRM (a Wi-Fi sign-in page?). Sign in "
    "to the network; Fieldbook keeps your changes and retries."
)


def retry_after(header: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date (RFC 9110);
    None when it is missing or unreadable."""
    if not header:
        return None
    text = header.strip()
    if text.isdigit():
        return float(min(int(text), 86_400))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, min(seconds, 86_400.0))


def _decode(obj: dict) -> Any:
    kind = obj.get("__class__")
    if kind is None:
        return obj
    if kind == "Decimal":
        return Decimal(obj["decimal"])
    if kind == "date":
        return dt.date(obj["year"], obj["month"], obj["day"])
    if kind == "datetime":
        return dt.datetime(
            obj["year"],
            obj["month"],
            obj["day"],
            obj["hour"],
            obj["minute"],
            obj["second"],
            obj.get("microsecond", 0),
        )
    if kind == "time":
        return dt.time(obj["hour"], obj["minute"], obj["second"], obj.get("microsecond", 0))
    if kind == "timedelta":
        return dt.timedelta(seconds=obj["seconds"])
    if kind == "bytes":
        return base64.b64decode(obj["base64"])
    return obj


class _Encoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return {"__class__": "Decimal", "decimal": str(o)}
        if isinstance(o, dt.datetime):
            return {
                "__class__": "datetime",
                "year": o.year,
                "month": o.month,
                "day": o.day,
                "hour": o.hour,
                "minute": o.minute,
                "second": o.second,
                "microsecond": o.microsecond,
            }
        if isinstance(o, dt.date):
            return {"__class__": "date", "year": o.year, "month": o.month, "day": o.day}
        if isinstance(o, (set, frozenset, tuple)):
            return list(o)
        return super().default(o)


def dumps(value: Any) -> str:
    return json.dumps(value, cls=_Encoder, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    return json.loads(text, object_hook=_decode)


def _session_of(result: Any) -> tuple[int, str]:
    """The user id and token of a login answer; Garbled when it is not one (never stored)."""
    if not isinstance(result, (list, tuple)) or len(result) < 2:
        raise Garbled(GARBLED)
    user_id, token = result[0], result[1]
    if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
        raise Garbled(GARBLED)
    if not isinstance(token, str) or not 0 < len(token) <= 4096 or not token.isprintable():
        raise Garbled(GARBLED)
    return user_id, token


def normalize_url(url: str) -> str:
    """``https://crm.example.com/`` from what a user typed; BadAddress when it is no URL."""
    url = (url or "").strip()
    if url and "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise BadAddress("This is not a server address. Enter it like https://crm.example.com.")
    return url.rstrip("/")


def _server_date(header: str | None) -> dt.datetime | None:
    """An HTTP ``Date`` header as an aware datetime; None when absent or unreadable."""
    if not header:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class TrytonRpc:
    """A JSON-RPC client for one Tryton database, reusing its HTTP connections."""

    def __init__(self, url: str, database: str, timeout=DEFAULT_TIMEOUT, verify: bool = True):
        self.url = normalize_url(url)
        self.database = database
        self.timeout = timeout
        self.http = http_session(verify)  # OS trust store and proxy (sync/network.py)
        self.http.headers["Content-Type"] = "application/json"
        self._ids = itertools.count(1)
        self.login_name: str | None = None
        self.user_id: int | None = None
        self.calls = 0
        self.seconds_waiting = 0.0  # time spent in HTTP round trips, for the bench
        self.server_time: dt.datetime | None = None  # the last answer's Date (issue 16)

    @property
    def endpoint(self) -> str:
        return f"{self.url}/{self.database}/rpc/"

    # -- session -------------------------------------------------------------------------

    def login(self, login: str, password: str) -> str:
        """Open a session; returns its token (the caller keeps it in the keyring only)."""
        self.http.headers.pop("Authorization", None)
        logs.redact(password)  # whatever logs a call or an error, the password stays out
        result = self.call("common.db.login", login, {"password": password}, "en")
        user_id, token = _session_of(result)
        self.use_session(login, user_id, token)
        return token

    def use_session(self, login: str, user_id: int, token: str) -> None:
        self.login_name, self.user_id = login, user_id
        raw = f"{login}:{user_id}:{token}".encode()
        header = base64.b64encode(raw).decode()
        logs.redact(token, header)
        self.http.headers["Authorization"] = "Session " + header

    def logout(self) -> None:
        try:
            self.call("common.db.logout")
        except RpcError:
            pass
        self.http.headers.pop("Authorization", None)

    # -- calls ---------------------------------------------------------------------------

    def call(self, method: str, *params: Any) -> Any:
        body = dumps({"method": method, "params": list(params), "id": next(self._ids)})

        started = time.perf_counter()
        try:
            reply = self.http.post(self.endpoint, data=body, timeout=self.timeout)
        except requests.exceptions.SSLError as exc:
            raise TlsError(
                "The server's security certificate could not be verified. Check the address, "
                "or ask IT whether the certificate is valid."
            ) from exc
        except requests.exceptions.InvalidURL as exc:
            raise BadAddress("This is not a server address.") from exc
        except requests.Timeout as exc:
            raise TimedOut(
                "The CRM did not answer in time. Fieldbook keeps your changes and retries."
            ) from exc
        except requests.ConnectionError as exc:
            if "IncompleteRead" in str(exc) or "Connection broken" in str(exc):
                raise CutShort(GARBLED) from exc
            raise Unreachable(
                "The CRM server cannot be reached. Check your connection; Fieldbook keeps your "
                "changes and retries."
            ) from exc
        except requests.exceptions.ChunkedEncodingError as exc:  # a body cut short
            raise CutShort(GARBLED) from exc
        except requests.RequestException as exc:  # a broken encoding, anything else on the way
            raise Garbled(GARBLED) from exc
        finally:
            self.calls += 1
            self.seconds_waiting += time.perf_counter() - started
        return self._result(reply)

    def _result(self, reply: requests.Response) -> Any:
        status = reply.status_code
        self.server_time = _server_date(reply.headers.get("Date")) or self.server_time
        if status in (401, 403):
            raise Unauthorized("The CRM refused the user name or password, or the session ended.")
        if status == 429:
            wait = retry_after(reply.headers.get("Retry-After"))
            raise RateLimited(
                "The CRM asks to slow down.", retry_after=60.0 if wait is None else wait
            )
        if status == 404:
            raise UnknownDatabase(
                f"No Tryton database named {self.database!r} at this address. Check the "
                "address and the database name."
            )
        if status >= 500:
            raise Unreachable(
                f"The CRM server had a problem (HTTP {status}); Fieldbook retries later.",
                retry_after=retry_after(reply.headers.get("Retry-After")),
            )
        if status in (400, 422):
            raise ServerFault(f"The CRM could not understand a request (HTTP {status}).")
        if status != 200:
            raise BadAddress(f"This address does not answer like a Tryton server (HTTP {status}).")
        content = reply.content
        kind = reply.headers.get("Content-Type", "")
        if "html" in kind or content.lstrip()[:1] == b"<":
            raise Portal(PORTAL)
        try:
            data = loads(content)
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            raise Garbled(GARBLED) from exc
        if not isinstance(data, dict) or ("result" not in data and "error" not in data):
            raise Garbled(GARBLED)
        if "error" in data and data["error"] is not None:
            raise self._error(data["error"])
        return data.get("result")

    @staticmethod
    def _error(error: Any) -> RpcError:
        name = error[0] if isinstance(error, (list, tuple)) and error else str(error)
        args = error[1] if isinstance(error, (list, tuple)) and len(error) > 1 else None
        if name == "ConcurrencyException":
            return Concurrency("The record was changed on the CRM in the meantime.")
        if name in ("UserError", "UserWarning"):
            parts = args if isinstance(args, (list, tuple)) else [args]
            if name == "UserWarning":
                parts = parts[1:]
            text = " ".join(str(p) for p in parts[:2] if p and isinstance(p, str)).strip()
            return UserError(text or "The CRM refused the values.")
        if name == "LoginException":
            return Unauthorized("The CRM asks to sign in again.")
        return ServerFault(f"The CRM failed on this request: {str(name)[:300]}")

    # -- model helpers -------------------------------------------------------------------

    def model(self, model: str, method: str, *params: Any) -> Any:
        return self.call(f"model.{model}.{method}", *params)

    def close(self) -> None:
        self.http.close()
