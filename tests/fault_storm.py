"""A storm of faults between Fieldbook and a real Tryton, then a clean sync and the tally.

Used by ``tests/e2e/test_fault_injection.py`` (bounded, in CI) and ``bench/bench_faults.py``
(the full storm). A seeded RNG picks, for each request through the loopback proxy, whether it
fails and how: the connection refused or reset, the answer dropped, cut mid-way or delayed past
the timeout, a 5xx, a 429 with seconds or with an HTTP date, a Wi-Fi page with status 200, JSON
of the wrong shape (wrong types, missing keys, null ids, a result list of the wrong length), an
empty lookup. The rep keeps editing meanwhile. Then the proxy turns clean, and the book must
have converged: nothing lost, nothing duplicated, no false conflict, nothing parked that the CRM
would accept, nothing held back, and the saved pull position and session still good.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import credentials, paths
from desktop import entities as E
from desktop.store import Store
from sync.engine import SyncEngine
from sync.tryton.connector import TrytonConnector
from tests.loopback_proxy import Fault, LoopbackProxy

KINDS = (
    "refuse",
    "reset",
    "drop_response",
    "cut_response",
    "delay",
    "http_5xx",
    "rate_limit_seconds",
    "rate_limit_date",
    "html_200",
    "wrong_types",
    "missing_keys",
    "null_ids",
    "wrong_length",
    "empty_lookup",
)
# Kinds that change what an answer says: only for answers Fieldbook can check (about its own
# records: UUID lookups, pulls, creates, the deletion log). A contact mechanism or an address is
# a sub-record no single answer can prove complete.
CHECKABLE = {"null_ids", "wrong_length", "empty_lookup"}
TALLIES: list[list[str]] = []  # printed at the end of a pytest run (tests/conftest.py)
READ_TIMEOUT = 0.5
DELAY = 0.8


class Clock:
    """The engine's clock, moved past backoffs instead of sleeping."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def skip(self, seconds: float = 7200) -> None:
        self.offset += seconds


def _method(body: bytes) -> str:
    try:
        return str(json.loads(body).get("method", "?"))
    except ValueError:
        return "?"


def _call_type(method: str) -> str:
    return method.rsplit(".", 1)[-1]


def _result_of(payload: bytes) -> Any:
    try:
        return json.loads(payload).get("result")
    except (ValueError, AttributeError):
        return None


def _with_result(payload: bytes, result: Any) -> bytes:
    data = json.loads(payload)
    data["result"] = result
    return json.dumps(data).encode()


@dataclass
class Chaos:
    """Decides the fault of each request; counts what it injected, per kind and call type."""

    rng: random.Random
    rate: float
    on: bool = True
    by_kind: Counter = field(default_factory=Counter)
    by_call: Counter = field(default_factory=Counter)
    budget: int = 20

    def needs_more(self) -> bool:
        return any(self.by_kind[k] < self.budget for k in KINDS)

    def __call__(self, body: bytes) -> Fault | None:
        if not self.on:
            return None
        method = _method(body)
        writing = any(w in method for w in (".create", ".write", ".delete", "db.login"))
        if self.rng.random() >= self.rate * (4 if writing else 1):  # writes are the rarer calls
            return None
        # The kinds still short of their budget are picked first, so every kind gets its share.
        short = [k for k in KINDS if self.by_kind[k] < self.budget] or list(KINDS)
        kind = self.rng.choice(short)
        checkable = b"fieldbook" in body and ("search_read" in method or "create" in method)
        if kind in CHECKABLE and not checkable:
            return None
        if kind == "empty_lookup" and "search_read" not in method:
            return None
        fault = self._fault(kind, method)
        if fault is not None:
            self.by_kind[kind] += 1
            self.by_call[_call_type(method)] += 1
        return fault

    def _fault(self, kind: str, method: str) -> Fault | None:
        if kind in ("refuse", "reset", "drop_response", "cut_response"):
            return Fault(kind)
        if kind == "delay":
            return Fault("delay", seconds=DELAY)
        if kind == "http_5xx":
            status = self.rng.choice((500, 502, 503))
            return Fault("status", status=status, forward=self.rng.random() < 0.5)
        if kind == "rate_limit_seconds":
            return Fault("status", status=429, headers=(("Retry-After", "3"),), forward=False)
        if kind == "rate_limit_date":
            when = email.utils.formatdate(time.time() + 3, usegmt=True)
            return Fault("status", status=429, headers=(("Retry-After", when),), forward=False)
        if kind == "html_200":
            page = b"<html><body><h1>Welcome to Hotel Wi-Fi</h1>Accept the terms</body></html>"
            return Fault(
                "status",
                status=200,
                headers=(("Content-Type", "text/html"),),
                body=page,
                forward=False,
            )
        if kind == "wrong_types":
            wrong = self.rng.choice(("abc", 42, {"x": 1}, [["x"]], [1, "2"]))
            return Fault("rewrite", rewrite=lambda p, w=wrong: _with_result(p, w))
        if kind == "missing_keys":
            return Fault("rewrite", rewrite=lambda p: b'{"id": 1}')
        if kind == "null_ids":

            def null_ids(p: bytes) -> bytes:
                result = _result_of(p)
                if isinstance(result, list) and result and isinstance(result[0], dict):
                    result[0]["id"] = None
                elif isinstance(result, list) and result:
                    result[0] = None
                else:
                    result = [{"id": None, "fieldbook_uuid": None}]
                return _with_result(p, result)

            return Fault("rewrite", rewrite=null_ids)
        if kind == "wrong_length":

            def shorter(p: bytes) -> bytes:
                result = _result_of(p)
                if isinstance(result, list) and result:
                    return _with_result(p, result[:-1])
                return _with_result(p, [{"id": 1}, {"id": 2}])  # more than there are

            return Fault("rewrite", rewrite=shorter)
        if kind == "empty_lookup":
            return Fault("rewrite", rewrite=lambda p: _with_result(p, []))
        raise AssertionError(kind)


@dataclass
class Tally:
    seed: int
    faults: Counter
    calls: Counter
    cycles: int
    ops: int
    lost: int
    duplicated: int
    false_conflicts: int
    wrongly_parked: int
    quarantined: int
    position_ok: bool
    session_ok: bool
    seconds: float
    problems: list[str]

    def lines(self) -> list[str]:
        out = [f"fault storm, seed {self.seed}: {sum(self.faults.values())} faults, "
               f"{self.cycles} cycles, {self.ops} edits, {self.seconds:.1f} s"]  # fmt: skip
        out.append("  faults per kind: " + ", ".join(f"{k}={self.faults[k]}" for k in KINDS))
        out.append(
            "  faults per call: " + ", ".join(f"{k}={v}" for k, v in sorted(self.calls.items()))
        )
        out.append(
            f"  lost={self.lost} duplicated={self.duplicated} "
            f"false_conflicts={self.false_conflicts} wrongly_parked={self.wrongly_parked} "
            f"quarantined={self.quarantined} position_ok={self.position_ok} "
            f"session_ok={self.session_ok}"
        )
        out += [f"  problem: {p}" for p in self.problems[:20]]
        return out


class Rep:
    """One Fieldbook profile editing its book and syncing through the proxy."""

    def __init__(self, base: Path, url: str, database: str, rng: random.Random):
        self.store = Store.open(paths.store_path(base, "storm"))
        self.connector = TrytonConnector(url, database, "admin", timeout=(2.0, READ_TIMEOUT))
        self.clock = Clock()
        self.engine = SyncEngine(self.store, self.connector, clock=self.clock)
        self.rng = rng
        self.edits = 0
        self.n = 0

    def _name(self, what: str) -> str:
        self.n += 1
        return f"{what} {self.n}"

    def edit(self) -> None:
        """A few edits of the kinds a rep makes: new accounts with children, updates, deletes."""
        s, rng = self.store, self.rng
        accounts = [r[0] for r in s.db.execute("SELECT id FROM accounts")]
        choice = rng.random()
        if choice < 0.3 or len(accounts) < 3:
            a = s.create("accounts", {"name": self._name("Account"), "tier": "growth"})
            s.create("contacts", {"account_id": a, "name": self._name("Contact")})
            s.create(
                "notes",
                {
                    "account_id": a,
                    "kind": "call",
                    "title": self._name("Note"),
                    "occurred_at": "2026-11-02T10:00:00",
                },
            )
            self.edits += 3
        elif choice < 0.8:
            a = rng.choice(accounts)
            s.update(
                "accounts",
                a,
                {"health": rng.choice(E.HEALTH), "description": self._name("Description")},
            )
            for (c,) in s.db.execute("SELECT id FROM contacts WHERE account_id = ?", (a,)):
                s.update("contacts", c, {"title": self._name("Title")})
                self.edits += 1
            self.edits += 1
        elif len(accounts) > 3:
            s.delete("accounts", rng.choice(accounts))
            self.edits += 1

    def sync(self):
        return self.engine.sync()

    def close(self) -> None:
        self.connector.close()
        self.store.close()


def _crm_book(connector: TrytonConnector) -> tuple[dict[str, dict[str, dict]], int]:
    """table -> id -> values on the CRM, and how many UUIDs it holds more than once."""
    book: dict[str, dict[str, dict]] = {}
    duplicated = 0
    for table in ("accounts", "contacts", "notes"):
        ids = sorted(connector.list_ids(table))
        records = connector.fetch(table, ids)
        counts = Counter(r.id for r in records)
        duplicated += sum(n - 1 for n in counts.values() if n > 1)
        book[table] = {r.id: r.values for r in records}
    return book, duplicated


def _local_book(store: Store) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    for table in ("accounts", "contacts", "notes"):
        names = E.entity(table).field_names
        cols = ", ".join(names)
        out[table] = {
            row[0]: dict(zip(names, row[1:], strict=True))
            for row in store.db.execute(f"SELECT id, {cols} FROM {table}")
        }
    return out


def storm(
    base: Path,
    server,
    seed: int,
    budget: int,
    *,
    rate: float = 0.12,
    max_seconds: float = 150.0,
) -> Tally:
    """Edit and sync through faults until every kind was injected ``budget`` times (or time
    runs out), then sync clean and count what went wrong."""
    started = time.perf_counter()
    rng = random.Random(seed)
    chaos = Chaos(random.Random(seed + 1), rate, budget=budget, on=False)
    problems: list[str] = []
    cycles = 0
    with LoopbackProxy(server.port) as proxy:
        proxy.chaos = chaos
        # Signed in as the dialog does it (password and session to the keyring), then the storm.
        TrytonConnector(proxy.url, server.database, "admin").sign_in_with_password("admin")
        rep = Rep(base, proxy.url, server.database, rng)
        chaos.on = True
        try:
            while chaos.needs_more() and time.perf_counter() - started < max_seconds:
                if rng.random() < 0.6:
                    rep.edit()
                rep.sync()  # may fail: that is the point
                cycles += 1
                rep.clock.skip(rng.choice((5, 60, 7200)))
            chaos.on = False
            for _ in range(8):
                rep.clock.skip()
                report = rep.sync()
                cycles += 1
                if report.ok and rep.store.pending_count() == 0:
                    break
            status = rep.engine.status()
            if not report.ok:
                problems.append("the clean sync failed: " + "; ".join(report.errors))
            parked = status.parked
            pending = rep.store.pending_count()
            if pending - parked:
                problems.append(f"{pending - parked} changes still waiting after the clean sync")
            for item in rep.engine.outbox_items():
                problems.append(f"{item.state}: {item.table} {item.op}: {item.last_error}")
            false_conflicts = status.conflicts  # nobody else edits: any conflict is false
            for c in rep.engine.conflicts():
                base, theirs = c.base or {}, c.theirs or {}
                moved = {n: (base.get(n), theirs.get(n)) for n in set(base) | set(theirs)
                         if isinstance(base, dict) and isinstance(theirs, dict)
                         and base.get(n) != theirs.get(n)}  # fmt: skip
                problems.append(f"conflict: {c.kind} on {c.table} {c.field}: {moved}")
            quarantined = status.held_back
            for h in rep.engine.held_back():
                problems.append(f"held back: {h.table} {h.row_id}: {h.reason}")
            crm, duplicated = _crm_book(rep.connector)
            local = _local_book(rep.store)
            lost = 0
            for table, rows in local.items():
                for row_id, values in rows.items():
                    theirs = crm[table].get(row_id)
                    if theirs is None:
                        lost += 1
                        problems.append(f"lost: {table} {row_id} is not on the CRM")
                        continue
                    differs = [n for n, v in values.items() if theirs.get(n) != v]
                    if differs:
                        lost += 1
                        problems.append(f"lost: {table} {row_id} differs in {differs}")
                for row_id in crm[table].keys() - rows.keys():
                    lost += 1  # on the CRM but not here: a delete that never went, or a pull
                    problems.append(f"not here: {table} {row_id}")
            # The saved position still works: a change made on the CRM arrives.
            account = next(iter(local["accounts"]), None)
            position_ok = True
            if account is not None:
                rpc = rep.connector.rpc
                [party] = rpc.model(
                    "party.party", "search", [("fieldbook_uuid", "=", account)], 0, 1, None, {}
                )
                rpc.model("party.party", "write", [party], {"name": "Renamed on the CRM"}, {})
                rep.clock.skip()
                rep.sync()
                position_ok = rep.store.get("accounts", account)["name"] == "Renamed on the CRM"
            session_ok = False
            stored = credentials.load_secret(rep.connector.session_key) or ""
            user_id, _, token = stored.partition(":")
            if user_id.isdigit() and token:
                # Sign in from the session alone: the password is not asked for.
                credentials.forget_secret(rep.connector.password_key)
                fresh = TrytonConnector(proxy.url, server.database, "admin")
                try:
                    fresh.sign_in()
                    session_ok = bool(fresh.list_ids("accounts"))
                finally:
                    fresh.close()
        finally:
            rep.close()
    tally = Tally(
        seed,
        chaos.by_kind,
        chaos.by_call,
        cycles,
        rep.edits,
        lost,
        duplicated,
        false_conflicts,
        parked,
        quarantined,
        position_ok,
        session_ok,
        time.perf_counter() - started,
        problems,
    )
    TALLIES.append(tally.lines())
    return tally
