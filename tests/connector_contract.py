"""What every connector must do, as a reusable test class.

Subclass ``ConnectorContract`` in a test module and give it a ``make_connector`` fixture that
returns a factory: each call gives a new connector (a separate client) to the same CRM, already
able to sign in. Records are made with fresh client UUIDs and only those are checked, so a CRM
that already holds data is fine::

    class TestMemoryConnector(ConnectorContract):
        @pytest.fixture
        def make_connector(self):
            crm = MemoryCRM()
            return lambda: MemoryConnector(crm)
"""

from __future__ import annotations

import pytest

from desktop import entities as E
from desktop.ids import new_id
from desktop.store import Store
from sync.connector import (
    Connector,
    ConnectorError,
    ErrorKind,
    FieldAccess,
    Mutation,
    Outcome,
    PullPage,
)
from sync.engine import SyncEngine


def full_values(table: str, refs: dict[str, str], n: int = 1) -> dict:
    """A value for every field of ``table``, each kind exercised (refs from ``refs``)."""
    tag = f"{n} Ünïcode ✓"
    samples = {
        "accounts": {
            "name": f"Contract Account {tag}",
            "parent_id": refs.get("parent"),
            "industry": "Logistics",
            "segment": "Mid-market",
            "type": "customer",
            "owner": "Rep One",
            "website": "https://example.com",
            "phone": "+1 555 0100",
            "street": "1 Main St",
            "city": "Lyon",
            "country": "France",
            "mrr_cents": 1234567,
            "annual_revenue_cents": 98765432100,
            "currency": "EUR",
            "tier": "growth",
            "health": "amber",
            "health_reason": "Slow adoption",
            "churn_risk": "medium",
            "churn_reason": "Budget review",
            "nps": -20,
            "next_review": "2027-02-28",
            "description": "Line one\nLine two — with a dash",
        },
        "contacts": {
            "account_id": refs.get("accounts"),
            "name": f"Ann Contract {n}",
            "title": "CFO",
            "email": f"ann{n}@example.com",
            "phone": "+1 555 0101",
            "reports_to_id": None,
            "role": "economic_buyer",
            "stance": "supporter",
            "last_contacted": "2026-10-01",
        },
        "opportunities": {
            "account_id": refs.get("accounts"),
            "name": f"Renewal {tag}",
            "type": "renewal",
            "stage": "negotiation",
            "amount_cents": 4800000,
            "mrr_cents": 400000,
            "currency": "JPY",
            "close_date": "2026-12-15",
            "probability": 80,
            "forecast_category": "commit",
            "next_step": "Send the order form",
            "competitor": "Rival Inc",
        },
        "contracts": {
            "account_id": refs.get("accounts"),
            "number": f"CT-{new_id()[:8]}",
            "start_date": "2026-01-01",
            "term_months": 12,
            "end_date": "2026-12-31",
            "notice_days": 90,
            "auto_renew": 1,
            "mrr_cents": 400000,
            "currency": "CHF",
            "status": "active",
        },
        "notes": {
            "account_id": refs.get("accounts"),
            "contact_id": refs.get("contacts"),
            "opportunity_id": refs.get("opportunities"),
            "kind": "business_review",
            "title": f"QBR {tag}",
            "body": "Agenda:\n- usage\n- renewal\n\nAll good.",
            "occurred_at": "2026-09-30T14:30:00",
            "author": "Rep One",
        },
        "tasks": {
            "account_id": refs.get("accounts"),
            "contact_id": refs.get("contacts"),
            "opportunity_id": refs.get("opportunities"),
            "subject": f"Call back {tag}",
            "kind": "call",
            "due_date": "2026-11-30",
            "priority": "high",
            "status": "open",
        },
    }
    values = samples[table]
    assert set(values) == set(E.entity(table).field_names), table
    return values


def _push_one(connector: Connector, mutation: Mutation):
    [result] = connector.push([mutation])
    assert result.op_id == mutation.op_id
    return result


def _create(table: str, values: dict) -> Mutation:
    return Mutation(new_id(), table, new_id(), "create", dict(values))


def _drain(connector: Connector, cursor: str | None = None) -> tuple[str | None, PullPage]:
    """Pull until no more; return the last cursor and everything seen (in one page object)."""
    seen = PullPage([], [], cursor or "", False)
    for _ in range(100_000):
        page = connector.pull(cursor, 200)
        assert isinstance(page.cursor, str)
        seen.records += page.records
        seen.deletions += page.deletions
        cursor = page.cursor or cursor
        if not page.more:
            return cursor, seen
    raise AssertionError("pull never ended")


class ConnectorContract:
    """The behaviour the engine relies on; run against every connector."""

    @pytest.fixture
    def make_connector(self):  # pragma: no cover - each subclass provides it
        raise NotImplementedError

    @pytest.fixture
    def connector(self, make_connector):
        connector = make_connector()
        connector.sign_in()
        yield connector
        connector.close()

    @pytest.fixture
    def other(self, make_connector):
        """Another user of the same CRM."""
        connector = make_connector()
        connector.sign_in()
        yield connector
        connector.close()

    @pytest.fixture
    def book(self, connector):
        """One record of every entity on the CRM, created through the connector: table -> id."""
        ids: dict[str, str] = {}
        for table in E.TABLES:
            m = _create(table, full_values(table, ids))
            result = _push_one(connector, m)
            assert result.outcome == Outcome.APPLIED, (table, result.reason)
            ids[table] = m.id
        return ids

    # -- creates ------------------------------------------------------------------------------

    def test_every_entity_round_trips_every_field(self, connector):
        ids: dict[str, str] = {}
        for table in E.TABLES:
            values = full_values(table, ids)
            m = _create(table, values)
            result = _push_one(connector, m)
            assert result.outcome == Outcome.APPLIED, (table, result.reason)
            assert result.record is not None and result.record.id == m.id
            assert isinstance(result.record.version, str) and result.record.version
            assert result.record.values == values, table
            ids[table] = m.id
            [fetched] = connector.fetch(table, [m.id])
            assert fetched.values == values and fetched.version == result.record.version

    def test_a_create_carries_the_client_uuid_and_a_retry_does_not_duplicate(self, connector):
        m = _create("accounts", full_values("accounts", {}))
        first = _push_one(connector, m)
        again = _push_one(connector, Mutation(new_id(), "accounts", m.id, "create", m.values))
        assert first.outcome == again.outcome == Outcome.APPLIED
        assert again.record.id == m.id
        assert m.id in connector.list_ids("accounts")
        assert len(connector.fetch("accounts", [m.id])) == 1
        everyone = connector.fetch("accounts", sorted(connector.list_ids("accounts")))
        assert [r.id for r in everyone if r.values["name"] == m.values["name"]] == [m.id]

    def test_a_batch_answers_each_mutation_in_order_and_parents_go_first(self, connector):
        account = _create("accounts", full_values("accounts", {}))
        contact = _create("contacts", full_values("contacts", {"accounts": account.id}))
        bad = _create("contacts", full_values("contacts", {"accounts": new_id()}, 2))
        note = _create(
            "notes", full_values("notes", {"accounts": account.id, "contacts": contact.id})
        )
        batch = [account, contact, bad, note]
        assert len(batch) <= connector.max_batch
        results = connector.push(batch)
        assert [r.op_id for r in results] == [m.op_id for m in batch]
        outcomes = [r.outcome for r in results]
        assert outcomes[:2] == [Outcome.APPLIED, Outcome.APPLIED] and outcomes[3] == Outcome.APPLIED
        assert outcomes[2] == Outcome.REJECTED  # refers to an account the CRM does not have
        assert results[2].kind in (ErrorKind.INVALID, ErrorKind.NOT_FOUND)
        assert results[2].reason
        assert bad.id not in connector.list_ids("contacts")

    # -- updates and deletes -------------------------------------------------------------------

    def test_updates_are_conditional_on_the_base_version(self, connector, other, book):
        [current] = connector.fetch("accounts", [book["accounts"]])
        result = _push_one(
            connector,
            Mutation(
                new_id(),
                "accounts",
                current.id,
                "update",
                {"city": "Paris"},
                current.version,
                {"city": current.values["city"]},
            ),
        )
        assert result.outcome == Outcome.APPLIED
        assert result.record.values["city"] == "Paris"
        assert result.record.version != current.version
        assert result.record.values["name"] == current.values["name"]
        # Another user's write with the old version is refused, with the server's values.
        stale = _push_one(
            other,
            Mutation(
                new_id(),
                "accounts",
                current.id,
                "update",
                {"city": "Rome"},
                current.version,
                {"city": current.values["city"]},
            ),
        )
        assert stale.outcome == Outcome.CONFLICT
        assert stale.record is not None and stale.record.values["city"] == "Paris"
        assert stale.record.version == result.record.version
        [now] = connector.fetch("accounts", [current.id])
        assert now.values["city"] == "Paris"

    def test_an_update_of_a_deleted_record_says_not_found(self, connector, other, book):
        [current] = connector.fetch("tasks", [book["tasks"]])
        assert (
            _push_one(
                other, Mutation(new_id(), "tasks", current.id, "delete", {}, current.version)
            ).outcome
            == Outcome.APPLIED
        )
        result = _push_one(
            connector,
            Mutation(
                new_id(),
                "tasks",
                current.id,
                "update",
                {"status": "done"},
                current.version,
                {"status": "open"},
            ),
        )
        assert result.kind == ErrorKind.NOT_FOUND or (
            result.outcome == Outcome.CONFLICT and result.record is None
        )

    def test_deletes_are_idempotent_and_travel(self, connector, other, book):
        cursor, _ = _drain(other)
        [note] = connector.fetch("notes", [book["notes"]])
        m = Mutation(new_id(), "notes", note.id, "delete", {}, note.version)
        assert _push_one(connector, m).outcome == Outcome.APPLIED
        again = _push_one(connector, Mutation(new_id(), "notes", note.id, "delete", {}))
        assert again.outcome == Outcome.APPLIED or again.kind == ErrorKind.NOT_FOUND
        assert connector.fetch("notes", [note.id]) == []
        assert note.id not in connector.list_ids("notes")
        if other.has_deletion_log:
            _, seen = _drain(other, cursor)
            assert ("notes", note.id) in {(d.table, d.id) for d in seen.deletions}

    # -- pull ------------------------------------------------------------------------------------

    def test_pull_pages_end_and_bring_what_changed_since_the_cursor(self, connector, other, book):
        cursor, everything = _drain(other)
        seen = {(r.table, r.id) for r in everything.records}
        assert {(t, i) for t, i in book.items()} <= seen
        [current] = connector.fetch("contacts", [book["contacts"]])
        updated = _push_one(
            connector,
            Mutation(
                new_id(),
                "contacts",
                current.id,
                "update",
                {"title": "CEO"},
                current.version,
                {"title": current.values["title"]},
            ),
        )
        new = _create("accounts", full_values("accounts", {}, 3))
        _push_one(connector, new)
        _, since = _drain(other, cursor)
        latest = {(r.table, r.id): r for r in since.records}
        assert latest[("contacts", current.id)].values["title"] == "CEO"
        assert latest[("contacts", current.id)].version == updated.record.version
        assert ("accounts", new.id) in latest
        for record in since.records:
            assert set(record.values) == set(E.entity(record.table).field_names)

    def test_list_ids_and_fetch_skip_what_is_missing(self, connector, book):
        for table, row_id in book.items():
            assert row_id in connector.list_ids(table)
        missing = new_id()
        found = connector.fetch("accounts", [book["accounts"], missing])
        assert [r.id for r in found] == [book["accounts"]]

    def test_a_full_batch_is_accepted(self, connector):
        batch = [
            _create("accounts", full_values("accounts", {}, i)) for i in range(connector.max_batch)
        ]
        results = connector.push(batch)
        assert [r.outcome for r in results] == [Outcome.APPLIED] * len(batch)

    def test_refresh_renews_the_session(self, connector):
        connector.refresh()
        connector.pull(None, 1)

    def test_errors_come_as_connector_errors_with_a_kind(self):
        error = ConnectorError(ErrorKind.RATE_LIMITED, "slow down", retry_after=3)
        assert error.kind == ErrorKind.RATE_LIMITED and error.retry_after == 3

    def test_field_access_names_only_our_fields_and_what_the_records_leave_out(self, connector):
        """``field_access``: what the CRM lacks or keeps read-only, in our names; a field it
        lacks is left out of the records it answers with (never sent as empty)."""
        access = connector.field_access()
        assert isinstance(access, FieldAccess)
        for said in (access.missing, access.read_only):
            for table, names in said.items():
                assert table in E.TABLES and set(names) <= set(E.entity(table).field_names)
        assert all(isinstance(text, str) and text for text in access.scope.values())
        assert access.crm == connector.kind
        for table, names in access.missing.items():
            if table == "accounts":
                result = _push_one(connector, _create(table, full_values(table, {})))
                assert result.record is not None
                assert not set(names) & set(result.record.values)

    # -- the engine on top ----------------------------------------------------------------------

    def test_two_clients_converge_through_the_engine(self, make_connector, tmp_path):
        stores = [Store.open(tmp_path / f"client{i}.sqlite") for i in range(2)]
        engines = [SyncEngine(s, make_connector()) for s in stores]
        try:
            ids: dict[str, str] = {}
            for table in E.TABLES:
                ids[table] = stores[0].create(table, full_values(table, ids, 7))
            assert engines[0].sync().ok
            assert engines[1].sync().ok
            for table, row_id in ids.items():
                assert stores[1].get(table, row_id) is not None, table
            stores[1].update("accounts", ids["accounts"], {"city": "Oslo"})
            stores[0].update("accounts", ids["accounts"], {"phone": "+47 1"})
            stores[0].update("notes", ids["notes"], {"body": "From client 0"})
            for engine in engines + engines:
                assert engine.sync().ok
            for table, row_id in ids.items():
                a, b = stores[0].get(table, row_id), stores[1].get(table, row_id)
                fields = E.entity(table).field_names
                assert {f: a[f] for f in fields} == {f: b[f] for f in fields}, table
            account = stores[1].get("accounts", ids["accounts"])
            assert (account["city"], account["phone"]) == ("Oslo", "+47 1")
            stores[0].delete("accounts", ids["accounts"])
            assert engines[0].sync().ok and engines[1].sync().ok
            assert stores[1].get("accounts", ids["accounts"]) is None
            assert stores[1].get("notes", ids["notes"]) is None
        finally:
            for s in stores:
                s.close()
