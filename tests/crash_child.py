"""The child process of the crash-safety test: edits and syncs until it is killed.

``run(folder, seed)`` opens the client store ``folder/client.sqlite`` and the CRM kept in
``folder/crm.json`` (saved atomically after every call that changed it), then loops: a few local
edits, sometimes an edit by "another user" on the CRM, a sync. It also kills itself now and then
right after the CRM applied a push and before the answer is processed (a lost answer). A journal
(``folder/journal``) records what must survive: a line is written only after its change was
committed; a delete is announced before it is made.

The parent (tests/test_crash_safety.py) SIGKILLs this at random instants. Run standalone with
``python tests/crash_child.py FOLDER SEED`` to watch it (it then stops after 50 cycles).
"""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sync.engine as engine_module
from desktop.store import Store
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


def open_crm(folder: Path) -> MemoryCRM:
    path = folder / "crm.json"
    return MemoryCRM.load(path) if path.exists() else MemoryCRM()


def journal(folder: Path, *words: str) -> None:
    fd = os.open(folder / "journal", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (" ".join(words) + "\n").encode())
    finally:
        os.close(fd)


def run(folder: str | Path, seed: int, cycles: int | None = None, self_kill: float = 0.15) -> None:
    folder = Path(folder)
    rng = random.Random(seed)
    crm = open_crm(folder)
    crm_path = folder / "crm.json"

    def saved():
        crm.save(crm_path)
        if rng.random() < self_kill:  # applied on the CRM, answer never processed
            os.kill(os.getpid(), signal.SIGKILL)

    store = Store.open(folder / "client.sqlite")
    engine_module.PULL_LIMIT = rng.choice([2, 5, 500])  # kills between pages too
    connector = MemoryConnector(
        crm,
        max_batch=rng.choice([1, 3, 50]),
        has_deletion_log=rng.random() < 0.8,
        on_change=saved,
    )
    engine = SyncEngine(store, connector)
    n = 0
    while cycles is None or n < cycles:
        n += 1
        for _ in range(rng.randint(1, 4)):
            local_edit(store, rng, folder)
        if rng.random() < 0.3:
            remote_edit(crm, rng, folder, crm_path)
        if rng.random() < 0.1:
            connector.lose_next(1)
        engine.sync()
    store.close()


def _ids(store: Store, sql: str) -> list[str]:
    return [r[0] for r in store.db.execute(sql)]


def local_edit(store: Store, rng: random.Random, folder: Path) -> None:
    accounts = _ids(store, "SELECT id FROM accounts ORDER BY seq")
    choice = rng.random()
    if choice < 0.25 or not accounts:
        row_id = store.create("accounts", {"name": f"Local {rng.random():.12f}"})
        journal(folder, "create", "accounts", row_id, "-")
    elif choice < 0.45:
        account = rng.choice(accounts)
        table = rng.choice(["contacts", "notes", "tasks"])
        values = {
            "contacts": {"name": f"Contact {rng.random():.9f}"},
            "notes": {
                "kind": "call",
                "title": f"Note {rng.random():.9f}",
                "body": "x",
                "occurred_at": "2026-05-01T10:00:00",
            },
            "tasks": {"subject": f"Task {rng.random():.9f}", "status": "open"},
        }[table]
        row_id = store.create(table, {"account_id": account, **values})
        journal(folder, "create", table, row_id, account)
    elif choice < 0.75:
        store.update("accounts", rng.choice(accounts), {"city": f"City {rng.randint(1, 999)}"})
    elif choice < 0.85:
        notes = _ids(store, "SELECT id FROM notes")
        if notes:
            store.update("notes", rng.choice(notes), {"body": f"Body {rng.random():.6f}"})
    elif choice < 0.95:
        table = rng.choice(["notes", "tasks", "contacts"])
        rows = _ids(store, f"SELECT id FROM {table}")
        if rows:
            row_id = rng.choice(rows)
            journal(folder, "delete", table, row_id)
            store.delete(table, row_id)
    else:
        local = _ids(store, "SELECT id FROM accounts WHERE name LIKE 'Local %'")
        if local:
            row_id = rng.choice(local)
            journal(folder, "delete", "accounts", row_id)
            store.delete("accounts", row_id)


def remote_edit(crm: MemoryCRM, rng: random.Random, folder: Path, crm_path: Path) -> None:
    """Another user: creates accounts and edits the industry of accounts (never what we edit)."""
    remote = [
        i
        for (t, i), h in crm.records.items()
        if t == "accounts" and h["values"]["name"].startswith("Remote")
    ]
    if rng.random() < 0.5 or not remote:
        row_id = crm.create("accounts", {"name": f"Remote {rng.random():.12f}"})
        crm.save(crm_path)
        journal(folder, "create", "accounts", row_id, "-")
    else:
        crm.edit("accounts", rng.choice(remote), {"industry": f"Industry {rng.randint(1, 99)}"})
        crm.save(crm_path)


if __name__ == "__main__":
    run(Path(sys.argv[1]), int(sys.argv[2]), cycles=50, self_kill=0.0)
