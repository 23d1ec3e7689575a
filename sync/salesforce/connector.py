"""The Salesforce connector: our book of business over the Salesforce REST API.

In parts: ``auth.py`` (OAuth PKCE sign-in, tokens in the keyring), ``rest.py`` (calls, limits,
errors), ``session.py`` (describe, queries, ids), ``reading.py`` (pull), ``writing.py`` (push),
``mapping.py`` (our fields <-> Salesforce's). ``SalesforceConnector`` is all of them.
"""

from __future__ import annotations

from typing import Any

from .auth import DEFAULT_PORT, AuthFlow, LoopbackReceiver, SignInFailed, login_host, secret_key
from .writing import SalesforceWriting

KIND = "salesforce"
DISPLAY_NAME = "Salesforce"
SETTINGS = ("salesforce_login_url", "salesforce_consumer_key", "salesforce_port")


class SalesforceConnector(SalesforceWriting):
    """A Salesforce org with Fieldbook's fields, as the sync engine sees it."""


def from_settings(settings: dict[str, Any]) -> SalesforceConnector | None:
    """The connector for saved settings (login URL and consumer key), or None when unset."""
    login = settings.get("salesforce_login_url")
    key = settings.get("salesforce_consumer_key")
    if not (login and key):
        return None
    return SalesforceConnector(str(login), str(key))


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
    "login_host",
    "secret_key",
]
