"""Issue 12: two clients against the real Tryton, racing (both push at the same moment, inside
Tryton's optimistic-lock window), and delete-versus-edit of an account with children."""

from __future__ import annotations

import threading

from tests.e2e.test_tryton_journeys import crm_values, profiles  # noqa: F401 - the fixture


def _seed(a, b) -> dict[str, str]:
    account = a.store.create("accounts", {"name": "Initech", "city": "Austin"})
    ids = {
        "accounts": account,
        "contacts": a.store.create("contacts", {"account_id": account, "name": "Bill L."}),
        "notes": a.store.create(
            "notes",
            {
                "account_id": account,
                "contact_id": None,
                "kind": "meeting",
                "title": "TPS reports",
                "occurred_at": "2026-11-03T09:00:00",
            },
        ),
    }
    assert a.sync().ok and b.sync().ok
    assert b.store.get("contacts", ids["contacts"]) is not None
    return ids


def test_two_clients_pushing_at_once_merge_different_fields(profiles):  # noqa: F811
    a, b = profiles("rep-a"), profiles("rep-b")
    ids = _seed(a, b)
    account = ids["accounts"]
    a.store.update("accounts", account, {"city": "Dallas"})
    b.store.update("accounts", account, {"industry": "Software"})
    barrier = threading.Barrier(2)
    reports = {}

    def push(p, name):
        barrier.wait()
        reports[name] = p.sync()

    threads = [threading.Thread(target=push, args=(p, n)) for p, n in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for p in (a, b, a, b):
        p.clock.skip()
        assert p.sync().ok
    values = crm_values(a.connector, "accounts", account)
    assert (values["city"], values["industry"]) == ("Dallas", "Software")
    for p in (a, b):
        row = p.store.get("accounts", account)
        assert (row["city"], row["industry"]) == ("Dallas", "Software")
        assert p.engine.conflicts() == [] and p.store.pending_count() == 0


def test_delete_versus_edit_keeps_the_account_with_its_children_on_every_side(profiles):  # noqa: F811
    a, b = profiles("rep-a"), profiles("rep-b")
    ids = _seed(a, b)
    account = ids["accounts"]
    b.store.update("accounts", account, {"name": "Initech (renamed)"})
    assert b.sync().ok
    a.store.delete("accounts", account)  # with its contact and note
    report = a.sync()
    assert report.ok, report.errors
    # Nothing of the subtree went: the account's conflict came first.
    for table, row_id in ids.items():
        assert crm_values(a.connector, table, row_id) is not None, table
    [conflict] = a.engine.conflicts()
    assert conflict.kind == "deleted_locally" and conflict.row_id == account
    a.engine.resolve(conflict.id, "theirs")  # keep it
    for p in (a, b, a):
        p.clock.skip()
        assert p.sync().ok
    for p in (a, b):
        assert p.store.get("accounts", account)["name"] == "Initech (renamed)"
        assert p.store.get("contacts", ids["contacts"]) is not None
        assert p.store.get("notes", ids["notes"]) is not None
        assert p.store.pending_count() == 0 and p.engine.conflicts() == []
    for table, row_id in ids.items():
        assert crm_values(a.connector, table, row_id) is not None, table
