"""The Tryton connector: our book of business over Tryton's JSON-RPC.

In parts: ``session.py`` (sign-in, errors, low-level calls, ids), ``reading.py`` (pull),
``writing.py`` (push); ``TrytonConnector`` is all three.

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

from desktop import credentials
from sync.connector import (
    ConnectorError,
    ErrorKind,
)
from sync.tryton import rpc as R

from .session import (
    ADDRESS_MODEL,
    CURSOR_VERSION,
    DELETION_MODEL,
    MECHANISM_MODEL,
    OVERLAP,
    SignInFailed,
    secret_key,
)
from .writing import TrytonWriting


class TrytonConnector(TrytonWriting):
    """A Tryton database with our module, as the sync engine sees it."""

    def close(self) -> None:
        self.rpc.close()

    def has_our_module(self) -> bool:
        """Whether the ``fieldbook`` module is activated on this database (signed in)."""
        try:
            fields = self.rpc.model("party.party", "fields_get", ["fieldbook_uuid"], {})
        except R.UserError:
            return False
        except R.ServerFault:  # no party model at all: not a CRM database of ours
            return False
        return isinstance(fields, dict) and "fieldbook_uuid" in fields

    def is_tryton_server(self) -> bool:
        """Whether a Tryton server answers at the address (whatever the database)."""
        try:
            reply = self.rpc.http.post(
                self.url + "/rpc/",
                data=R.dumps({"method": "common.server.version", "params": [], "id": 0}),
                timeout=self.rpc.timeout,
            )
            return reply.status_code == 200 and isinstance(R.loads(reply.content), dict)
        except Exception:  # noqa: BLE001 - any failure means "not a Tryton server here"
            return False


def connect(url: str, database: str, login: str) -> TrytonConnector:
    """A remembered connection: it signs in from the keyring when the engine first syncs."""
    return TrytonConnector(url, database, login)


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
        if not connector.has_our_module():
            connector.forget_secrets()
            raise SignInFailed(
                ErrorKind.SIGN_IN,
                f"The Fieldbook module is not activated on the database {database!r}.",
                "module",
            )
    except credentials.KeyringUnavailable as exc:
        connector.close()
        raise SignInFailed(ErrorKind.SIGN_IN, str(exc), "keyring") from None
    except SignInFailed as exc:
        if exc.cause == "database" and not connector.is_tryton_server():
            exc.cause = "address"
        connector.close()
        raise
    except ConnectorError:
        connector.close()
        raise
    return connector


__all__ = [
    "ADDRESS_MODEL",
    "CURSOR_VERSION",
    "DELETION_MODEL",
    "MECHANISM_MODEL",
    "OVERLAP",
    "SignInFailed",
    "TrytonConnector",
    "connect",
    "secret_key",
    "sign_in",
]
