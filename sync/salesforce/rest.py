"""Salesforce REST over ``requests``: one session with our timeouts, the limits header read on
every answer, error bodies turned into ``ConnectorError`` kinds, a 401 refreshed once.

Why ``requests`` and not simple-salesforce: simple-salesforce raises its own exceptions from
inside its call helpers (``SalesforceExpiredSession`` and friends) after reading the reply,
which hides ``Retry-After`` and ``Sforce-Limit-Info`` from our mapping, and it has no
sObject Collections upsert or ``/composite`` with per-subrequest headers of its own; we would
go around it for every call the connector makes. See ``docs/salesforce.md``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import requests

from sync.connector import ConnectorError, ErrorKind

log = logging.getLogger(__name__)

API_VERSION = "v60.0"
DEFAULT_TIMEOUT = (10.0, 60.0)  # connect, read
SLOW_DOWN_AT = 0.9  # share of the daily API calls after which we pace ourselves
_LIMIT = re.compile(r"api-usage=(\d+)/(\d+)")


@dataclass
class Limits:
    """What the last answer's ``Sforce-Limit-Info`` said."""

    used: int | None = None
    max: int | None = None

    @property
    def near(self) -> bool:
        return bool(self.used is not None and self.max and self.used >= self.max * SLOW_DOWN_AT)


class BadAnswer(ConnectorError):
    """An answer that is not what Salesforce documents: never written, reported."""

    def __init__(self, what: str):
        super().__init__(ErrorKind.TRANSIENT, f"Salesforce sent an unexpected answer: {what}")


def loads(data: bytes | str) -> Any:
    """JSON with numbers as Decimal, so amounts keep their exact digits."""
    try:
        return json.loads(data, parse_float=Decimal)
    except ValueError:
        raise BadAnswer("not JSON") from None


def retry_after(response: requests.Response, default: float = 30.0) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(1.0, float(value))
    except ValueError:
        return default


def error_code(body: Any) -> tuple[str, str]:
    """``(errorCode, message)`` of a REST error body: an array (documented) or one object."""
    if isinstance(body, list) and body and isinstance(body[0], dict):
        body = body[0]
    if isinstance(body, dict):
        code = body.get("errorCode") or body.get("error") or ""
        message = body.get("message") or body.get("error_description") or code
        return str(code), str(message)
    return "", ""


def api_limits(body: Any) -> Limits:
    """The daily API calls from a ``/limits`` answer (``DailyApiRequests``)."""
    daily = body.get("DailyApiRequests") if isinstance(body, dict) else None
    if not isinstance(daily, dict) or not all(
        isinstance(daily.get(k), int) for k in ("Max", "Remaining")
    ):
        raise BadAnswer("limits without DailyApiRequests")
    return Limits(daily["Max"] - daily["Remaining"], daily["Max"])


def limit_info(header: str) -> Limits | None:
    """``Sforce-Limit-Info: api-usage=USED/MAX``."""
    m = _LIMIT.search(header or "")
    return Limits(int(m.group(1)), int(m.group(2))) if m else None


class Rest:
    """Calls to one org's instance with one access token; ``on_expired`` refreshes it."""

    def __init__(
        self,
        instance_url: str,
        access_token: str,
        *,
        on_expired: Callable[[], str] | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        verify: bool | str = True,
        session: requests.Session | None = None,
    ):
        self.instance_url = instance_url.rstrip("/")
        self.access_token = access_token
        self.on_expired = on_expired
        self.timeout = timeout
        self.http = session or requests.Session()
        self.http.verify = verify
        self.limits = Limits()
        self.seconds_waiting = 0.0
        self.server_time: dt.datetime | None = None  # the last answer's Date header

    @property
    def base(self) -> str:
        return f"/services/data/{API_VERSION}"

    def close(self) -> None:
        self.http.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        params: dict | None = None,
        body: Any = None,
        headers: dict | None = None,
        raw: bool = False,
    ) -> Any:
        """One REST call; ``path`` relative to the API base or absolute from the instance."""
        if not path.startswith("/services/"):
            path = self.base + path
        refreshed = False
        while True:
            if self.limits.near:
                time.sleep(0.2)  # near the daily limit: pace ourselves, never spend the rest
            sent = {"Authorization": f"Bearer {self.access_token}", "Accept": "application/json"}
            sent.update(headers or {})
            data = None
            if body is not None:
                data = json.dumps(body, default=_json_default).encode()
                sent["Content-Type"] = "application/json"
            started = time.monotonic()
            try:
                response = self.http.request(
                    method,
                    self.instance_url + path,
                    params=params,
                    data=data,
                    headers=sent,
                    timeout=self.timeout,
                    allow_redirects=False,
                )
            except requests.exceptions.SSLError:
                raise ConnectorError(
                    ErrorKind.TRANSIENT, "The Salesforce certificate could not be verified."
                ) from None
            except requests.RequestException as exc:
                raise ConnectorError(
                    ErrorKind.TRANSIENT, f"Salesforce is not reachable ({type(exc).__name__})."
                ) from None
            finally:
                self.seconds_waiting += time.monotonic() - started
            self._read_limits(response)
            self.server_time = _date_of(response) or self.server_time
            if response.status_code == 401 and not refreshed and self.on_expired is not None:
                self.access_token = self.on_expired()  # raises SIGN_IN when it cannot
                refreshed = True
                continue
            return self._answer(response, raw)

    def _read_limits(self, response: requests.Response) -> None:
        limits = limit_info(response.headers.get("Sforce-Limit-Info", ""))
        if limits is not None:
            self.limits = limits

    def _answer(self, response: requests.Response, raw: bool) -> Any:
        status = response.status_code
        if 200 <= status < 300:
            if raw:
                return response.content
            return loads(response.content) if response.content else None
        body = loads(response.content) if response.content else None
        code, message = error_code(body)
        if status == 401:
            raise ConnectorError(ErrorKind.SIGN_IN, "Sign in to Salesforce again.")
        if status == 503 or code in ("REQUEST_LIMIT_EXCEEDED", "SERVER_UNAVAILABLE"):
            raise ConnectorError(
                ErrorKind.RATE_LIMITED,
                "Salesforce asks us to slow down (API limit).",
                retry_after=retry_after(response),
            )
        if status >= 500:
            raise ConnectorError(ErrorKind.TRANSIENT, f"Salesforce error {status}: {message}")
        if status == 404:
            raise ConnectorError(ErrorKind.NOT_FOUND, message or "not found")
        if status == 412:
            raise ConnectorError(ErrorKind.CONFLICT, message or "changed meanwhile")
        raise ConnectorError(ErrorKind.INVALID, f"{code}: {message}" if code else message)


def _date_of(response: requests.Response) -> dt.datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(response.headers.get("Date", ""))
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else None


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot send {type(value).__name__}")
