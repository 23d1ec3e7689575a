"""The one small interface between the sync engine and a central CRM.

A connector speaks the CRM's protocol and maps its fields to ours. Values cross this interface
in the store's own form (see ``desktop.entities``): money as integer cents, dates as ISO text,
references as the client UUIDs of the referred records, enumerations as our choice names. Every
record on the CRM carries its client UUID, so a create can be retried without duplicating it.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from desktop.crm_fields import FieldAccess


class ErrorKind(str, enum.Enum):
    """The few kinds a CRM's errors are turned into; the engine acts on the kind alone."""

    SIGN_IN = "sign_in"  # credentials refused or session dead after a refresh: ask the user
    RATE_LIMITED = "rate_limited"  # back off for ``retry_after`` seconds
    TRANSIENT = "transient"  # network down, timeout, 5xx: retry later with backoff
    CONFLICT = "conflict"  # the record changed on the server since the base version
    INVALID = "invalid"  # the CRM refuses the values: park the operation with the reason
    NOT_FOUND = "not_found"  # deleted on the server, or no longer visible to this user


class Reason(str, enum.Enum):
    """How a call failed, more precisely than its kind: picks the sentence the rep reads
    (``ui/errors.py`` REASONS), so a cut-short body or a Wi-Fi sign-in page is never shown as
    a Python message."""

    UNREACHABLE = "unreachable"  # no connection
    TIMEOUT = "timeout"  # no answer in time
    CUT_SHORT = "cut_short"  # the answer broke off
    BAD_ANSWER = "bad_answer"  # an answer of the wrong shape: nothing of it was used
    PORTAL = "portal"  # a web page answered (a captive portal)
    SERVER_FAULT = "server_fault"  # an exception on the CRM's side
    RATE_LIMITED = "rate_limited"
    REVOKED = "revoked"  # the saved password is refused: access was taken away (issue 16)
    NOT_SHOWN = "not_shown"  # one record the CRM holds was missing from its answer: asked again
    # Why a connector refuses one record before sending it (params in MutationResult.params):
    NO_SUCH_CHOICE = "no_such_choice"  # field, value, choices, record_type: not in this org
    NO_CRM_CHOICE = "no_crm_choice"  # field, value: ours has no counterpart in the CRM
    READ_ONLY = "read_only"  # field: the CRM does not let this user change it
    NEEDS_VALUE = "needs_value"  # field: the CRM needs a value there (a meeting's date)
    REFERS_TO_MISSING = "refers_to_missing"  # field: the record it refers to is not in the CRM


class ConnectorError(Exception):
    """A failure of a whole call (not of one record in a batch)."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        retry_after: float | None = None,
        reason: Reason | None = None,
    ):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retry_after = retry_after
        self.reason = reason


@dataclass
class RemoteRecord:
    """A record as the CRM holds it now."""

    table: str
    id: str  # the client UUID
    version: str  # opaque; compared only for equality, passed back as a mutation's base
    values: dict[str, Any]


@dataclass
class RemoteDeletion:
    table: str
    id: str


@dataclass
class PullPage:
    """One page of changes. The engine stores ``cursor`` in the same transaction as the page."""

    records: list[RemoteRecord]
    deletions: list[RemoteDeletion]
    cursor: str
    more: bool


@dataclass
class Mutation:
    """One outbox operation, as pushed."""

    op_id: str
    table: str
    id: str
    op: str  # create | update | delete
    values: dict[str, Any]  # create: every field; update: the changed fields; delete: {}
    base_version: str | None = None  # the server version the edit was made against
    base: dict[str, Any] = field(default_factory=dict)  # the values the edit replaced


class Outcome(str, enum.Enum):
    APPLIED = "applied"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    RETRY = "retry"


@dataclass
class MutationResult:
    """What became of one mutation; ``record`` is the server's record after it (or now)."""

    op_id: str
    outcome: Outcome
    record: RemoteRecord | None = None
    reason: str | None = None
    kind: ErrorKind | None = None
    retry_after: float | None = None
    not_tried: bool = False  # RETRY because the call failed before this one was tried
    cause: Reason | None = None  # why, in words of ours (``reason`` is the CRM's own words)
    params: dict[str, Any] = field(default_factory=dict)  # what the cause's sentence names


@dataclass(frozen=True)
class Refusal:
    """A record a connector will not send, and why: a cause the UI words, and English for logs."""

    cause: Reason
    params: dict[str, Any]
    text: str

    def result(self, op_id: str, kind: ErrorKind) -> MutationResult:
        return MutationResult(
            op_id,
            Outcome.REJECTED,
            reason=self.text,
            kind=kind,
            cause=self.cause,
            params=dict(self.params),
        )


class Connector(ABC):
    """A central CRM as the engine sees it."""

    name: str = "CRM"
    kind: str = ""  # the CRM's kind in ``sync/kinds.py`` ("tryton", "salesforce"); "" in tests
    has_deletion_log: bool = True  # False: deletions are found by ``list_ids`` reconciliation
    max_batch: int = 50

    @abstractmethod
    def sign_in(self) -> None:
        """Open a session with stored credentials; ConnectorError(SIGN_IN) when refused."""

    @abstractmethod
    def refresh(self) -> None:
        """Renew an expired session once; ConnectorError(SIGN_IN) when that is not possible."""

    @abstractmethod
    def pull(self, cursor: str | None, limit: int = 500) -> PullPage:
        """Changes and deletions since ``cursor`` (None: everything), parents before children.

        Each record carries every field of its entity. Pages may overlap (compare with >= on
        the server's own (timestamp, id) and repeat a little): the engine skips a record whose
        version it already has. A child may come a page before its parent; the engine holds it.
        With ``has_deletion_log`` False, ``deletions`` may stay empty.
        """

    @abstractmethod
    def push(self, mutations: list[Mutation]) -> list[MutationResult]:
        """Apply mutations in order; one result per mutation, in the same order.

        What the engine expects of each result (the contract suite in
        ``tests/connector_contract.py`` checks it):

        - create: APPLIED with the server record. A create whose client UUID the CRM already
          holds (a retry after a lost answer) is APPLIED with the record as it is, not a copy.
          Refused values or a missing referred record: REJECTED, kind INVALID, with a reason.
        - update: conditional on ``base_version`` when given. Server moved on: CONFLICT with
          the server's current ``record``. Record gone: REJECTED (or CONFLICT) with kind
          NOT_FOUND and no record. Otherwise APPLIED with the record after the write.
        - delete: conditional like an update; a record already gone is APPLIED (or NOT_FOUND).
        - RETRY with ``retry_after`` for one record the CRM wants again later.
        A failure of the whole call is a ConnectorError (TRANSIENT, RATE_LIMITED, SIGN_IN ...).
        ``Mutation.op_id`` is stable across retries of the same pending change.
        """

    @abstractmethod
    def list_ids(self, table: str) -> set[str]:
        """Every client UUID of ``table`` in this user's scope on the CRM."""

    @abstractmethod
    def fetch(self, table: str, ids: list[str]) -> list[RemoteRecord]:
        """The current server records for ``ids`` (missing ones are left out)."""

    def field_access(self) -> FieldAccess:
        """Which of our fields this CRM lacks (kept in Fieldbook only) or this user may not
        change (field-level security, computed), and the statement that selects the rep's
        records of each table (``scope``, for the rep and IT to read). Asked after a successful
        sync, when the session is open; the engine keeps the answer in the store for forms opened
        offline (``desktop/crm_fields.py``). A CRM that has every field and lets the rep edit
        them all keeps this default: nothing missing, everything editable, no scope shown."""
        return FieldAccess.of(crm=self.kind)

    def close(self) -> None:
        """Release network resources."""
