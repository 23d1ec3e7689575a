"""The kinds of CRM Fieldbook connects to: one registry for the window, the command line and IT.

Adding a CRM is one ``register(...)`` line (the Salesforce connector adds its own). Each kind
says what a rep types to connect (``fields``), how to sign in with it, and how to rebuild a
remembered connection from the address, database and user saved in the profile's store (nothing
secret: the password and session are in the OS keyring).

Nothing here imports the CRM *server* packages: the client needs only ``requests``. Connector
modules are imported when a kind is used, so importing the registry is cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEFAULT_KIND = "tryton"

# Store preferences of a connected profile (nothing secret).
KIND_PREFERENCE = "crm_kind"
URL_PREFERENCE = "crm_url"
DATABASE_PREFERENCE = "crm_database"
USER_PREFERENCE = "crm_user"
CONNECTION_PREFERENCES = (URL_PREFERENCE, DATABASE_PREFERENCE, USER_PREFERENCE)


@dataclass(frozen=True)
class CrmKind:
    """One kind of CRM. ``module`` holds ``sign_in(url, database, user, password)`` and
    ``connect(url, database, user)`` (a remembered connection, not yet signed in)."""

    key: str
    label: str  # English; the window shows it through tr() (ui/crm_kinds.py)
    module: str
    fields: tuple[str, ...] = ("url", "database", "user", "password")
    # Signs in in the system browser (OAuth): from the window only, not the command line; the
    # module offers SETTINGS and from_settings(dict) for the remembered connection instead.
    browser_sign_in: bool = False
    url_setting: str = ""  # a browser kind's saved setting that holds its address

    def _module(self) -> Any:
        return importlib.import_module(self.module)

    def sign_in(self, url: str, database: str, user: str, password: str) -> Any:
        """A signed-in connector; the password and session go to the keyring only."""
        return self._module().sign_in(url, database, user, password)

    def test(self, url: str, database: str, user: str, password: str) -> None:
        """Sign in once and out again, keeping nothing; raises what ``sign_in`` would."""
        self._module().sign_in(url, database, user, password, remember=False).close()

    def connect(self, url: str, database: str, user: str) -> Any:
        """The remembered connection (signs in from the keyring when the engine first syncs)."""
        return self._module().connect(url, database, user)

    def from_settings(self, preference: Callable[[str], str | None]) -> Any:
        """A browser-signed-in kind's remembered connector from its saved settings, or None."""
        module = self._module()
        return module.from_settings({k: preference(k) for k in module.SETTINGS})

    def importable(self) -> str:
        """The connector's module name, once imported (raises ImportError when it cannot be)."""
        return self._module().__name__


KINDS: dict[str, CrmKind] = {}


def register(kind: CrmKind) -> CrmKind:
    KINDS[kind.key] = kind
    return kind


register(CrmKind("tryton", "Tryton", "sync.tryton.connector"))
register(
    CrmKind(
        "salesforce",
        "Salesforce",
        "sync.salesforce.connector",
        ("url",),
        browser_sign_in=True,
        url_setting="salesforce_login_url",
    )
)


def kind(key: str | None) -> CrmKind:
    """The registered kind ``key`` (Tryton when none is saved); KeyError for an unknown one."""
    return KINDS[key or DEFAULT_KIND]


def remembered_connection(preference: Callable[[str], str | None]) -> Any:
    """The connector a profile's saved preferences describe, or None (not connected)."""
    for browser_kind in (k for k in KINDS.values() if k.browser_sign_in):
        found = browser_kind.from_settings(preference)
        if found is not None:
            return found
    url, database, user = (preference(k) for k in CONNECTION_PREFERENCES)
    if not (url and user):
        return None
    chosen = kind(preference(KIND_PREFERENCE))
    if "database" in chosen.fields and not database:
        return None
    return chosen.connect(url, database or "", user)


def connected_to(preference: Callable[[str], str | None]) -> tuple[str, str] | None:
    """(kind, address) of the CRM a profile's saved preferences name, or None (not connected).
    Reads only the saved preferences: nothing is imported or signed in."""
    for browser_kind in (k for k in KINDS.values() if k.browser_sign_in and k.url_setting):
        url = preference(browser_kind.url_setting)
        if url:
            return browser_kind.key, url
    url = preference(URL_PREFERENCE)
    if not url:
        return None
    return preference(KIND_PREFERENCE) or DEFAULT_KIND, url


def connection_preferences(kind_key: str, connector: Any) -> dict[str, str]:
    """What a profile remembers of a signed-in connector (address, database, user, kind)."""
    return {
        KIND_PREFERENCE: kind_key,
        URL_PREFERENCE: connector.url,
        DATABASE_PREFERENCE: getattr(connector, "database", "") or "",
        USER_PREFERENCE: connector.login,
    }
