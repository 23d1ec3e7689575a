"""HTTP sessions that work inside companies: the OS trust store for TLS, the OS proxy honoured.

Corporate networks often inspect TLS with their own root certificate, installed by IT in the
OS trust store (Windows certificate store, macOS keychain, the distribution's CA bundle) but not
in certifi's bundle. ``http_session`` verifies through the OS trust store with ``truststore``;
certifi's roots are loaded on top (requests passes them) and are the whole store when truststore
is unavailable. Proxies come from the environment (``HTTPS_PROXY``, ``NO_PROXY``) and, through
``urllib.request.getproxies``, from the Windows registry and macOS system settings: requests'
``trust_env`` is kept on for that.
"""

from __future__ import annotations

import logging
import ssl
from typing import Any

import requests
from requests.adapters import HTTPAdapter

log = logging.getLogger(__name__)


def os_trust_context() -> ssl.SSLContext | None:
    """An SSL context that verifies with the OS trust store, or None (then certifi alone)."""
    try:
        import truststore
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        log.warning("truststore is not installed: TLS is verified with certifi's roots only")
        return None
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class _TrustStoreAdapter(HTTPAdapter):
    """Connection pools whose TLS context is the OS trust store's."""

    def __init__(self, context: ssl.SSLContext, **kwargs: Any):
        self._context = context
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._context
        return super().proxy_manager_for(proxy, **proxy_kwargs)


def http_session(verify: bool = True) -> requests.Session:
    """A requests session verifying TLS through the OS trust store (``verify=False``: no check,
    for a test server only) and honouring the OS and environment proxy settings."""
    session = requests.Session()
    session.trust_env = True  # proxies from the environment / OS, and NO_PROXY
    session.verify = verify
    if verify:
        context = os_trust_context()
        if context is not None:
            session.mount("https://", _TrustStoreAdapter(context))
    return session


__all__ = ["http_session", "os_trust_context"]
