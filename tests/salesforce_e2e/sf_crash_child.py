"""The child of the Salesforce crash test: edits and syncs with the test server until killed.

Like ``tests/crash_child.py`` but the CRM is the Salesforce-dialect server in its own process:
a few local edits, sometimes another user's edit in the org (records made in Salesforce, with
no client UUID yet), a sync. It also kills itself now and then right after the org answered a
write and before the answer is processed (a lost answer).
"""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path

import requests

import sync.engine as engine_module
from desktop.store import Store
from sync.engine import SyncEngine
from sync.salesforce.connector import SalesforceConnector
from sync.salesforce.session import SalesforceSession
from tests.crash_child import journal, local_edit

CONSUMER_KEY = "fieldbook-test-consumer-key"


def run(folder: str | Path, seed: int, url: str, self_kill: float = 0.12) -> None:
    folder = Path(folder)
    rng = random.Random(seed)
    store = Store.open(folder / "client.sqlite")
    engine_module.PULL_LIMIT = rng.choice([2, 5, 500])  # kills between pages too
    connector = SalesforceConnector(url, CONSUMER_KEY)
    connector.max_batch = rng.choice([1, 3, 200])

    def lost_answer(response, *args, **kwargs):
        if response.request.method in ("POST", "PATCH", "DELETE") and rng.random() < self_kill:
            os.kill(os.getpid(), signal.SIGKILL)  # applied in the org, answer never processed
        return response

    connector.http.hooks["response"].append(lost_answer)
    engine = SyncEngine(store, connector)
    while True:
        for _ in range(rng.randint(1, 4)):
            local_edit(store, rng, folder)
        if rng.random() < 0.3:
            remote_edit(url, rng, folder)
        engine.sync()


def remote_edit(url: str, rng: random.Random, folder: Path) -> None:
    """Another user: creates accounts in Salesforce and edits their industry."""
    found = requests.post(f"{url}/_test/find", json={"sobject": "Account"}, timeout=30).json()
    remote = [r for r in found if (r.get("Name") or "").startswith("Remote")]
    if rng.random() < 0.5 or not remote:
        name = f"Remote {rng.random():.12f}"
        made = requests.post(
            f"{url}/_test/create",
            json={"sobject": "Account", "values": {"Name": name}},
            timeout=30,
        ).json()
        journal(folder, "create", "accounts", SalesforceSession.claim_uuid(made["id"]) or "", "-")
    else:
        requests.post(
            f"{url}/_test/edit",
            json={
                "id": rng.choice(remote)["Id"],
                "values": {"Industry": f"I {rng.randint(1, 99)}"},
            },
            timeout=30,
        )
