"""The Salesforce connector: our book of business over the Salesforce REST API.

In parts: ``auth.py`` (OAuth PKCE sign-in, tokens in the keyring), ``rest.py`` (calls, limits,
errors), ``session.py`` (describe, queries, ids), ``reading.py`` (pull), ``writing.py`` (push),
``mapping.py`` (our fields <-> Salesforce's). ``SalesforceConnector`` is all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from desktop import credentials, provisioning
from desktop.crm_fields import FieldAccess

from . import auth
from . import mapping as M
from .auth import DEFAULT_PORT, AuthFlow, LoopbackReceiver, SignInFailed, login_host, secret_key
from .writing import SalesforceWriting

SIGN_IN_TIMEOUT = 300.0  # seconds the browser has to come back

KIND = "salesforce"
DISPLAY_NAME = "Salesforce"
SETTINGS = ("salesforce_login_url", "salesforce_consumer_key", "salesforce_port")
RECORD_SCOPE = "salesforce_record_scope"  # optional: {sObject: SOQL condition} (settings, IT)


class SalesforceConnector(SalesforceWriting):
    """A Salesforce org with Fieldbook's fields, as the sync engine sees it."""

    @property
    def user_id(self) -> str:
        """The signed-in user's Salesforce Id (from the identity URL), for the profile name."""
        tokens = self.tokens or auth.load_tokens(self.login_url, self.consumer_key)
        return tokens.user_id if tokens else "salesforce"

    kind = KIND

    def field_access(self) -> FieldAccess:
        """From describe (read at sign-in): our fields this org lacks, those this user may not
        change, and the SOQL that selects the rep's records of each table."""
        if not self._describe:  # not signed in: saying "everything missing" would be wrong
            raise RuntimeError("describe has not been read: sign in first")
        tables = list(M.TABLE_MAPS)
        return FieldAccess.of(
            KIND,
            {t: self.missing_fields(t) for t in tables},
            {t: self.read_only_fields(t) for t in tables},
            {t: self.scope_soql(t) for t in tables},
        )

    def forget_secrets(self) -> None:
        """Remove the tokens from the keyring (the refresh token stays in memory for
        ``end_session``)."""
        if self.tokens is None:
            self.tokens = auth.load_tokens(self.login_url, self.consumer_key)
        auth.forget_tokens(self.login_url, self.consumer_key)

    def end_session(self) -> None:
        """Revoke the refresh token on Salesforce (best effort; off the GUI thread)."""
        token = self.tokens.refresh_token if self.tokens else None
        if token:
            auth.revoke(self.login_url, token, self.timeout, self.verify)
        self.tokens = None


def from_settings(settings: dict[str, Any]) -> SalesforceConnector | None:
    """The connector for saved settings (login URL and consumer key), or None when unset."""
    login = settings.get("salesforce_login_url")
    key = settings.get("salesforce_consumer_key")
    if not (login and key):
        return None
    return SalesforceConnector(str(login), str(key), scope=record_scope(settings))


def record_scope(settings: dict[str, Any]) -> dict[str, str] | None:
    """An explicit scope (``salesforce_record_scope``: sObject -> SOQL condition, as a mapping
    or its JSON text), which overrides the default per object; None when unset or malformed.
    IT's preset (``crm.salesforce_record_scope``) applies unless the rep's setting replaces
    it; a locked preset always applies."""
    raw = (
        provisioning.load()
        .with_options("crm", salesforce_record_scope=settings.get(RECORD_SCOPE) or None)
        .get("crm", RECORD_SCOPE)
    )
    if isinstance(raw, str) and raw.strip():
        try:
            raw = json.loads(raw)
        except ValueError:
            return None
    if not isinstance(raw, dict):
        return None
    return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}


def settings_of(connector: SalesforceConnector, port: int = DEFAULT_PORT) -> dict[str, str]:
    """What to save (never a secret) so ``from_settings`` makes this connector again."""
    return {
        "salesforce_login_url": connector.login_url,
        "salesforce_consumer_key": connector.consumer_key,
        "salesforce_port": str(port),
    }


def sign_in_with_browser(
    login_url: str,
    consumer_key: str,
    port: int,
    open_browser: Callable[[str], None],
    cancelled: Callable[[], bool] = lambda: False,
    timeout: float = SIGN_IN_TIMEOUT,
) -> SalesforceConnector:
    """The whole sign-in: listen on the loopback port, have the browser open the authorize
    page, take the redirect, exchange the code (PKCE), keep the tokens in the keyring, read
    describe. ``open_browser`` is called once the port listens. SignInFailed says why not."""
    flow = AuthFlow(login_url, consumer_key, port)
    receiver = LoopbackReceiver(port)
    try:
        open_browser(flow.authorize_url())
        redirect = receiver.wait(timeout, cancelled)
    finally:
        receiver.close()
    try:
        flow.finish(redirect)
    except credentials.KeyringUnavailable as exc:
        raise SignInFailed(str(exc), "keyring") from None
    connector = SalesforceConnector(flow.login_url, flow.consumer_key)
    try:
        connector.sign_in()
    except Exception:
        connector.close()
        raise
    return connector


__all__ = [
    "DEFAULT_PORT",
    "DISPLAY_NAME",
    "KIND",
    "SETTINGS",
    "AuthFlow",
    "LoopbackReceiver",
    "SalesforceConnector",
    "SignInFailed",
    "from_settings",
    "record_scope",
    "settings_of",
    "sign_in_with_browser",
    "login_host",
    "secret_key",
]
