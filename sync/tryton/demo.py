"""The demo CRM: a local Tryton seeded with the demo book of business, started with the app.

Seeding takes a while, so the seeded database is cached under the data folder (keyed by the
Tryton and module versions and the book's seed and size); the demo's own database is a copy of
it that lives on between runs, so what a rep changed in the demo is still there next time and
a second start takes seconds.
"""

from __future__ import annotations

import logging
import socket
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop import credentials
from desktop.entities import BY_TABLE, TABLES
from desktop.ids import new_id
from sync.connector import Mutation, Outcome
from sync.tryton.connector import TrytonConnector, secret_key

from . import server as crm_server

log = logging.getLogger(__name__)


def book_mutations(book: dict[str, list[dict]]) -> list[Mutation]:
    """Creates for a whole book, parents first, and a parent account before its subsidiaries."""
    out: list[Mutation] = []
    for table in TABLES:
        rows = list(book.get(table, ()))
        fields = set(BY_TABLE[table].field_names)
        self_refs = [f.name for f in BY_TABLE[table].refs() if f.ref == table]
        placed: set[str] = set()
        ids = {r["id"] for r in rows}
        while rows:
            ready = [
                r
                for r in rows
                if all(not r.get(f) or r[f] in placed or r[f] not in ids for f in self_refs)
            ]
            if not ready:  # a cycle: break it by placing the rest as they come
                ready = rows
            for r in ready:
                values = {k: v for k, v in r.items() if k in fields}
                out.append(Mutation(new_id(), table, r["id"], "create", values))
                placed.add(r["id"])
            rows = [r for r in rows if r["id"] not in placed]
    return out


def seed_book(connector: TrytonConnector, book: dict[str, list[dict]]) -> int:
    """Load ``book`` into the CRM; returns the number of records. Raises if any is refused."""
    mutations = book_mutations(book)
    results = connector.seed(mutations)
    refused = [r for r in results if r.outcome != Outcome.APPLIED]
    if refused:
        raise crm_server.CrmServerError(
            f"The CRM refused {len(refused)} demo records; first: {refused[0].reason}"
        )
    return len(mutations)


def _default_book(seed: int, accounts: int) -> dict[str, list[dict]]:
    from desktop.demo import generate_book

    return generate_book(seed=seed, accounts=accounts)


def build_seeded(
    cache_dir: Path,
    seed: int = 7,
    accounts: int = 60,
    book_factory: Callable[[int, int], dict] | None = None,
) -> Path:
    """The demo database file, seeded once and cached."""
    cache_dir = Path(cache_dir)
    template = crm_server.build_template(cache_dir)
    target = cache_dir / f"{template.stem}-demo-s{seed}-a{accounts}.sqlite"
    if target.exists():
        return target
    started = time.monotonic()
    book = (book_factory or _default_book)(seed, accounts)
    with tempfile.TemporaryDirectory(prefix="fieldbook-demo-seed-") as tmp:
        server = crm_server.start_copy(template, Path(tmp))
        try:
            connector = TrytonConnector(server.url, server.database, crm_server.ADMIN_USER)
            connector.sign_in_with_password(crm_server.ADMIN_PASSWORD, remember=False)
            count = seed_book(connector, book)
            waited = connector.rpc.seconds_waiting
            connector.close()
        finally:
            server.stop()
        crm_server.snapshot(Path(tmp) / f"{server.database}.sqlite", target)
    log.info(
        "seeded the demo CRM with %d records in %.1f s (%.1f s waiting on Tryton)",
        count,
        time.monotonic() - started,
        waited,
    )
    return target


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        # As the server binds: connections of the last run in TIME_WAIT do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class DemoCrm:
    """The running demo CRM and how to sign in to it (the password is in the keyring)."""

    url: str
    database: str
    user: str
    password_key: str
    server: crm_server.CrmServer

    def connector(self) -> TrytonConnector:
        """A connector for the demo; its ``sign_in`` finds the password in the keyring."""
        return TrytonConnector(self.url, self.database, self.user)

    def stop(self) -> None:
        self.server.stop()


def start_demo_crm(
    data_dir: Path,
    seed: int = 7,
    accounts: int = 60,
    book_factory: Callable[[int, int], dict] | None = None,
) -> DemoCrm:
    """Start the demo CRM (seeding and caching it on first use) and keep its password in the
    keyring; call ``stop()`` when the app quits."""
    data_dir = Path(data_dir)
    live = data_dir / "demo-crm"
    if not (live / f"{crm_server.DATABASE}.sqlite").exists():
        seeded = build_seeded(data_dir / "crm-cache", seed, accounts, book_factory)
        crm_server.copy_database(seeded, live)
    # The same port as last time when it is free, so the demo's address (and with it the
    # profile and keyring entry) stays the same from one run to the next.
    port_file = live / "port"
    previous = int(port_file.read_text()) if port_file.exists() else 0
    port = previous if previous and _port_is_free(previous) else crm_server.free_port()
    server = crm_server.CrmServer(folder=live, port=port).start()
    port_file.write_text(str(server.port))
    if previous and previous != server.port:
        old = f"http://127.0.0.1:{previous}"
        credentials.forget_secret(
            secret_key(old, server.database, crm_server.ADMIN_USER, "password")
        )
        credentials.forget_secret(
            secret_key(old, server.database, crm_server.ADMIN_USER, "session")
        )
    key = secret_key(server.url, server.database, crm_server.ADMIN_USER, "password")
    credentials.save_secret(key, crm_server.ADMIN_PASSWORD)
    return DemoCrm(server.url, server.database, crm_server.ADMIN_USER, key, server)
