"""The Salesforce demo: the Salesforce-dialect test server (``tests/salesforce_server``, a
source checkout only) in its own process, seeded with the demo book and signed in to through
the real OAuth PKCE flow (the demo org approves at once), tokens in the keyring.

``./run-demo --salesforce`` uses it. The demo org lives in memory: each start seeds it anew.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests

from desktop.entities import BY_TABLE, TABLES
from desktop.ids import new_id
from sync.connector import Mutation, Outcome

from .auth import AuthFlow
from .connector import SalesforceConnector

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
CONSUMER_KEY = "fieldbook-test-consumer-key"  # the demo org's connected app (not a secret)
DEMO_PORT = 1717


class DemoOrgError(RuntimeError):
    """The demo org did not start or refused the demo book."""


def book_mutations(book: dict[str, list[dict]]) -> list[Mutation]:
    """Creates for a whole book, parents first."""
    out = []
    for table in TABLES:
        fields = set(BY_TABLE[table].field_names)
        for row in book.get(table, ()):
            values = {k: v for k, v in row.items() if k in fields}
            out.append(Mutation(new_id(), table, row["id"], "create", values))
    return out


def seed(connector: SalesforceConnector, book: dict[str, list[dict]]) -> int:
    """Push ``book`` into the org in batches; returns the number of records."""
    mutations = book_mutations(book)
    for start in range(0, len(mutations), connector.max_batch):
        results = connector.push(mutations[start : start + connector.max_batch])
        refused = [r for r in results if r.outcome != Outcome.APPLIED]
        if refused:
            raise DemoOrgError(f"the demo org refused {len(refused)}: {refused[0].reason}")
    return len(mutations)


def approve_in_browser(authorize_url: str) -> dict[str, str]:
    """The demo org's user approves at once: follow the authorize page to its redirect."""
    reply = requests.get(authorize_url, allow_redirects=False, timeout=10)
    if reply.status_code != 302:
        raise DemoOrgError(f"the demo org did not approve the sign-in ({reply.status_code})")
    return {k: v[-1] for k, v in parse_qs(urlsplit(reply.headers["Location"]).query).items()}


@dataclass
class DemoOrg:
    url: str
    process: subprocess.Popen

    def connector(self) -> SalesforceConnector:
        """A connector for the demo org; its ``sign_in`` finds the tokens in the keyring."""
        return SalesforceConnector(self.url, CONSUMER_KEY)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_server(port: int = 0) -> DemoOrg:
    if not (ROOT / "tests" / "salesforce_server").is_dir():
        raise DemoOrgError("the Salesforce demo needs a source checkout (tests/salesforce_server)")
    callback = f"http://localhost:{DEMO_PORT}/OauthRedirect"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.salesforce_server",
            "--port",
            str(port),
            "--callback",
            callback,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("READY "):
        process.kill()
        raise DemoOrgError(f"the demo org did not start: {line!r}")
    return DemoOrg(line.split(" ", 1)[1], process)


def sign_in(org: DemoOrg) -> SalesforceConnector:
    """The OAuth PKCE flow against the demo org; tokens go to the keyring."""
    flow = AuthFlow(org.url, CONSUMER_KEY, DEMO_PORT)
    flow.finish(approve_in_browser(flow.authorize_url()))
    connector = org.connector()
    connector.sign_in()
    return connector


def start_demo_org(data_dir: Path, seed_: int = 7, accounts: int = 60) -> DemoOrg:
    """Start the demo org, sign in to it and seed it with the demo book; ``stop()`` on quit."""
    from desktop.demo import generate_book

    started = time.monotonic()
    org = start_server()
    try:
        connector = sign_in(org)
        count = seed(connector, generate_book(seed=seed_, accounts=accounts))
        connector.close()
    except Exception:
        org.stop()
        raise
    log.info("seeded the demo org with %d records in %.1f s", count, time.monotonic() - started)
    return org
