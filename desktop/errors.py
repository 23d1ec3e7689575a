"""Errors the core names by kind and parameters, never by an English sentence.

The core raises ``FieldbookError(kind, **params)`` (or a subclass), and keeps an ``ErrorInfo``
where an error must outlive the moment (``sync_state.last_error``, as JSON). ``ui/errors.py``
turns the kind and parameters into a translated sentence that says what happened and what to
do; a script prints ``str(info)``.

The kinds are listed here, so the UI's wording and the core's raising meet in one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# -- the kinds ----------------------------------------------------------------------------------
NOT_FOUND = "not_found"  # table: the record is gone (deleted here, or by a sync)
KEYRING_UNAVAILABLE = "keyring_unavailable"  # no OS keyring can hold the secret
SIGN_IN_NEEDED = "sign_in_needed"  # crm: the CRM refused the session; changes are kept
CRM_UNREACHABLE = "crm_unreachable"  # crm, detail: network down, timeout, server error
CRM_RATE_LIMITED = "crm_rate_limited"  # crm, retry_after: the CRM asks us to wait
CRM_REFUSED = "crm_refused"  # crm, detail: the CRM refused the values
CRM_CONFLICT = "crm_conflict"  # crm, detail: changed on the CRM meanwhile
CRM_NOT_FOUND = "crm_not_found"  # crm, detail: gone from the CRM, or out of the rep's scope
CRM_FAILED = "crm_failed"  # crm, detail: any other failure of a whole call
SYNC_RUNNING = "sync_running"  # a cycle is running already
SYNC_CANCELLED = "sync_cancelled"  # the rep (or closing the window) stopped the cycle
SCHEMA_TOO_NEW = "schema_too_new"  # found, known: the data file is from a newer Fieldbook
NOTHING_TO_UNDO = "nothing_to_undo"  # what an undo would bring back is gone or changed
STORE_KEY_MISSING = "store_key_missing"  # path: the encrypted copy's key is not in the keyring
STORE_ENCRYPTION_UNAVAILABLE = "store_encryption_unavailable"  # IT requires it; no keyring here
STORE_PLAIN = "store_plain"  # a warning: no keyring keeps a key here, so the copy is not encrypted
STORE_LOCKED = "store_locked"  # reason (revoked / offline), days: the copy is locked (issue 16)
ACCESS_REVOKED = "access_revoked"  # crm: the CRM refused the sign-in for good (a deactivated
#                                    user, a dead refresh token); not a network or password slip
# Why one outbox operation waits or was refused (``outbox.last_error``, as JSON):
OP_WAITS_FOR_CONFLICT = "op_waits_for_conflict"  # a conflict on a record it would take along
OP_WAITS_FOR_RECORD = "op_waits_for_record"  # table, crm: a record it refers to is not there yet
OP_REFUSED = "op_refused"  # the CRM refused this record's change and gave no reason
OP_RETRY_LATER = "op_retry_later"  # detail: the CRM asked for this record again later
OP_GAVE_UP = "op_gave_up"  # attempts, detail: failed on its own that often; parked (issue 12)
MESSAGE = "message"  # text: an older file's plain-text error, shown as it was stored
UNEXPECTED = "unexpected"  # type, detail: a bug; the UI offers the details

# ConnectorError kinds (sync.connector.ErrorKind values) as our kinds.
_CONNECTOR_KINDS = {
    "sign_in": SIGN_IN_NEEDED,
    "transient": CRM_UNREACHABLE,
    "rate_limited": CRM_RATE_LIMITED,
    "invalid": CRM_REFUSED,
    "conflict": CRM_CONFLICT,
    "not_found": CRM_NOT_FOUND,
}


@dataclass(frozen=True)
class ErrorInfo:
    """An error as data: its kind and the parameters its sentence needs."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, "params": self.params}, sort_keys=True, default=str)

    @classmethod
    def from_json(cls, text: str | None) -> ErrorInfo | None:
        """Read what ``to_json`` wrote; an older plain-text error becomes a ``MESSAGE``."""
        if not text:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("kind"), str):
            params = data.get("params")
            return cls(data["kind"], params if isinstance(params, dict) else {})
        return cls(MESSAGE, {"text": text})

    @classmethod
    def of(cls, exc: BaseException, **extra: Any) -> ErrorInfo:
        """The kind and parameters of any exception (``extra`` fills parameters it lacks)."""
        if isinstance(exc, FieldbookError):
            return cls(exc.kind, {**extra, **exc.params})
        kind = getattr(exc, "kind", None)
        kind = getattr(kind, "value", kind)
        if isinstance(kind, str) and kind in _CONNECTOR_KINDS:  # a ConnectorError
            params = {**extra, "detail": getattr(exc, "message", str(exc))}
            retry_after = getattr(exc, "retry_after", None)
            if retry_after is not None:
                params["retry_after"] = retry_after
            reason = getattr(exc, "reason", None)
            reason = getattr(reason, "value", reason)
            if isinstance(reason, str):  # how the call failed, more precisely than the kind
                params["reason"] = reason
            if kind == "sign_in" and reason == "revoked":  # refused for good (issue 16)
                return cls(ACCESS_REVOKED, params)
            return cls(_CONNECTOR_KINDS[kind], params)
        return cls(UNEXPECTED, {**extra, "type": type(exc).__name__, "detail": str(exc)})

    def __str__(self) -> str:  # for logs and the command line, not for the window
        if self.kind == MESSAGE:
            return str(self.params.get("text", ""))
        shown = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return f"{self.kind} ({shown})" if shown else self.kind


class FieldbookError(Exception):
    """A failure with a kind and parameters; ``ui/errors.py`` words it for people."""

    kind: str = UNEXPECTED

    def __init__(self, kind: str | None = None, **params: Any):
        self.kind = kind or type(self).kind
        self.params = params
        super().__init__(str(self.info))

    @property
    def info(self) -> ErrorInfo:
        return ErrorInfo(self.kind, dict(self.params))
