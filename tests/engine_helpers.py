"""Shared pieces of the sync engine tests: one record of every entity, snapshots, a fake clock."""

from __future__ import annotations

from desktop import entities as E
from desktop.store import Store


class FakeClock:
    """A clock the test moves by hand (backoff and retry times are read from it)."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def one_of_each(store: Store, name: str = "Acme") -> dict[str, str]:
    """Create an account and one record of every child entity; return table -> id."""
    ids = {"accounts": store.create("accounts", {"name": name, "city": "Lyon", "tier": "growth"})}
    a = ids["accounts"]
    ids["contacts"] = store.create(
        "contacts", {"account_id": a, "name": "Ann Lee", "role": "champion"}
    )
    ids["opportunities"] = store.create(
        "opportunities",
        {"account_id": a, "name": "Renewal 2027", "stage": "proposal", "amount_cents": 1_200_000},
    )
    ids["contracts"] = store.create(
        "contracts",
        {
            "account_id": a,
            "number": "C-1",
            "start_date": "2026-01-01",
            "term_months": 12,
            "notice_days": 60,
        },
    )
    ids["notes"] = store.create(
        "notes",
        {
            "account_id": a,
            "contact_id": ids["contacts"],
            "kind": "meeting",
            "title": "QBR",
            "body": "Went well.",
            "occurred_at": "2026-03-01T10:00:00",
        },
    )
    ids["tasks"] = store.create(
        "tasks", {"account_id": a, "subject": "Send deck", "status": "open", "priority": "high"}
    )
    return ids


def client_snapshot(store: Store) -> dict[str, dict[str, dict]]:
    """table -> id -> field values, as the CRM snapshot has them."""
    out: dict[str, dict[str, dict]] = {}
    for entity in E.ENTITIES:
        cols = ", ".join(entity.field_names)
        out[entity.table] = {
            row[0]: dict(zip(entity.field_names, row[1:], strict=True))
            for row in store.db.execute(f"SELECT id, {cols} FROM {entity.table}")
        }
    return out


def creates_received(crm, table: str, row_id: str) -> int:
    return sum(1 for m in crm.pushes if m.op == "create" and (m.table, m.id) == (table, row_id))
