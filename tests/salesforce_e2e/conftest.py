"""The Salesforce-dialect test server for end-to-end tests: a fresh org per test on a free
port, and a sign-in that goes through the real OAuth PKCE flow (the browser step simulated by
a client that follows the authorize redirect)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from sync.salesforce.auth import AuthFlow, port_is_free
from sync.salesforce.connector import SalesforceConnector
from tests.salesforce_server import SalesforceServer

CONSUMER_KEY = "fieldbook-test-consumer-key"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser(authorize_url: str) -> dict[str, str]:
    """What a browser does: open the authorize page (the org's user approves at once) and land
    on the loopback redirect; returns the redirect's query."""
    reply = requests.get(authorize_url, allow_redirects=False, timeout=10)
    assert reply.status_code == 302, reply.text
    return {k: v[-1] for k, v in parse_qs(urlsplit(reply.headers["Location"]).query).items()}


def sign_in(server, port: int | None = None) -> None:
    """The OAuth PKCE flow against ``server`` (in a thread, or a process); tokens go to the
    (test) keyring."""
    port = port or 1717
    flow = AuthFlow(server.url, CONSUMER_KEY, port)
    if hasattr(server, "org"):
        server.org.callbacks.add(flow.redirect_uri)
    else:
        server.switch("callback", url=flow.redirect_uri)
    flow.finish(browser(flow.authorize_url()))


@pytest.fixture
def sf_server():
    server = SalesforceServer().start()
    yield server
    server.stop()


@pytest.fixture
def make_sf(sf_server):
    """A factory of connectors to the test org, signed in once through OAuth."""
    sign_in(sf_server)
    made = []

    def make(url: str | None = None, **kwargs) -> SalesforceConnector:
        connector = SalesforceConnector(url or sf_server.url, CONSUMER_KEY, **kwargs)
        made.append(connector)
        return connector

    yield make
    for connector in made:
        connector.close()


__all__ = ["CONSUMER_KEY", "browser", "free_port", "port_is_free", "sign_in"]
