"""The Tryton connector against a real Tryton: every field round-trips, creates are idempotent,
the cursor misses nothing and repeats nothing, stale writes are conflicts, errors get kinds."""

from __future__ import annotations

import pytest

from desktop.ids import new_id
from sync.connector import ConnectorError, ErrorKind, Mutation, Outcome
from sync.tryton import server as crm_server
from sync.tryton.connector import TrytonConnector

ACCOUNT = {
    "name": "Acme Freight",
    "industry": "Logistics",
    "segment": "Enterprise",
    "type": "customer",
    "owner": "Dana Reyes",
    "website": "https://acme.example",
    "phone": "+33 4 78 00 00 00",
    "street": "12 quai Perrache",
    "city": "Lyon",
    "country": "France",
    "mrr_cents": 5_250_001,
    "annual_revenue_cents": 123_456_789_01,
    "tier": "strategic",
    "health": "amber",
    "health_reason": "Slow onboarding",
    "churn_risk": "medium",
    "churn_reason": "New CFO reviews vendors",
    "nps": -12,
    "next_review": "2027-02-28",
    "description": "Freight forwarder.\nTwo sites.",
}


def create(table, values, id_=None):
    id_ = id_ or new_id()
    return Mutation(new_id(), table, id_, "create", values)


def pull_all(connector, cursor=None, limit=500):
    records, deletions = [], []
    while True:
        page = connector.pull(cursor, limit)
        records += page.records
        deletions += page.deletions
        cursor = page.cursor
        if not page.more:
            return records, deletions, cursor


def book(parent_id):
    contact = new_id()
    opportunity = new_id()
    return [
        create(
            "contacts",
            {
                "account_id": parent_id,
                "name": "Mira Kowalski",
                "title": "CFO",
                "email": "mira@acme.example",
                "phone": "+1 555 0100",
                "role": "economic_buyer",
                "stance": "neutral",
                "last_contacted": "2026-11-02",
            },
            contact,
        ),
        create(
            "contacts",
            {
                "account_id": parent_id,
                "name": "Lee Park",
                "title": "Controller",
                "reports_to_id": contact,
                "role": "champion",
                "stance": "supporter",
            },
        ),
        create(
            "opportunities",
            {
                "account_id": parent_id,
                "name": "Fleet upsell",
                "type": "upsell",
                "stage": "negotiation",
                "amount_cents": 9_999_999,
                "mrr_cents": 83_333,
                "close_date": "2027-01-15",
                "probability": 80,
                "forecast_category": "commit",
                "next_step": "Send MSA",
                "competitor": "Globex",
            },
            opportunity,
        ),
        create(
            "contracts",
            {
                "account_id": parent_id,
                "number": "CT-2026-001",
                "start_date": "2026-01-01",
                "term_months": 12,
                "end_date": "2026-12-31",
                "notice_days": 90,
                "auto_renew": 1,
                "mrr_cents": 500_000,
                "status": "active",
            },
        ),
        create(
            "notes",
            {
                "account_id": parent_id,
                "contact_id": contact,
                "opportunity_id": opportunity,
                "kind": "meeting",
                "title": "QBR",
                "body": "Talked renewals — and price: €€.",
                "occurred_at": "2026-11-20T09:30:00",
                "author": "Dana Reyes",
            },
        ),
        create(
            "tasks",
            {
                "account_id": parent_id,
                "contact_id": contact,
                "opportunity_id": opportunity,
                "subject": "Send the MSA",
                "kind": "email",
                "due_date": "2026-11-30",
                "priority": "high",
                "status": "open",
            },
        ),
    ]


def test_every_field_of_every_table_round_trips(tryton):
    account = create("accounts", dict(ACCOUNT))
    sent = [account] + book(account.id)
    results = tryton.push(sent)
    assert [r.outcome for r in results] == [Outcome.APPLIED] * len(sent)

    other = signed_in_connector_for(tryton)
    records, deletions, _ = pull_all(other)
    by_id = {r.id: r for r in records}
    assert deletions == []
    for m in sent:
        assert by_id[m.id].table == m.table
        for name, value in m.values.items():
            assert by_id[m.id].values[name] == value, (m.table, name)


def signed_in_connector_for(connector: TrytonConnector) -> TrytonConnector:
    """A second client of the same CRM, with an empty id cache."""
    fresh = TrytonConnector(connector.url, connector.database, connector.login)
    fresh.sign_in()
    return fresh


def test_a_create_retried_after_a_lost_answer_is_not_duplicated(tryton):
    account = create("accounts", {"name": "Once Only"})
    first = tryton.push([account])
    again = tryton.push([account])
    assert first[0].outcome == again[0].outcome == Outcome.APPLIED
    assert again[0].record.version == first[0].record.version
    count = tryton.rpc.model(
        "party.party", "search_count", [("fieldbook_uuid", "=", account.id)], {}
    )
    assert count == 1


def test_pull_delivers_ties_and_later_edits_exactly_once(tryton):
    # Created in one call: one transaction, the same timestamp for all of them.
    accounts = [create("accounts", {"name": f"Tie {i}"}) for i in range(7)]
    assert {r.outcome for r in tryton.push(accounts)} == {Outcome.APPLIED}

    records, _, cursor = pull_all(tryton, limit=2)
    names = sorted(r.values["name"] for r in records if r.table == "accounts")
    assert names == sorted(f"Tie {i}" for i in range(7))

    assert pull_all(tryton, cursor)[0] == []

    # An edit made in Tryton itself (as a Tryton user would) comes through once.
    party_id = tryton.rpc.model(
        "party.party", "search", [("fieldbook_uuid", "=", accounts[3].id)], 0, 1, None, {}
    )[0]
    tryton.rpc.model("party.party", "write", [party_id], {"health": "red"}, {})
    records, _, cursor = pull_all(tryton, cursor)
    assert [(r.id, r.values["health"]) for r in records] == [(accounts[3].id, "red")]
    assert pull_all(tryton, cursor)[0] == []


def test_a_record_made_in_tryton_gets_a_client_id_and_is_pulled(tryton):
    _, _, cursor = pull_all(tryton)
    tryton.rpc.model("party.party", "create", [{"name": "Walk-in Ltd"}], {})
    records, _, _ = pull_all(tryton, cursor)
    assert [r.values["name"] for r in records] == ["Walk-in Ltd"]
    assert len(records[0].id) >= 32


def test_a_stale_update_is_a_conflict_with_the_servers_values(tryton):
    account = create("accounts", {"name": "Initech", "tier": "growth"})
    base = tryton.push([account])[0].record
    moved = tryton.push(
        [
            Mutation(
                new_id(),
                "accounts",
                account.id,
                "update",
                {"tier": "enterprise"},
                base_version=base.version,
            )
        ]
    )[0]
    assert moved.outcome == Outcome.APPLIED
    stale = tryton.push(
        [
            Mutation(
                new_id(),
                "accounts",
                account.id,
                "update",
                {"tier": "standard"},
                base_version=base.version,
            )
        ]
    )[0]
    assert stale.outcome == Outcome.CONFLICT
    assert stale.kind == ErrorKind.CONFLICT
    assert stale.record.values["tier"] == "enterprise"
    assert stale.record.version == moved.record.version


def test_deletions_in_tryton_and_archiving_are_pulled(tryton):
    account = create("accounts", {"name": "Doomed"})
    archived = create("accounts", {"name": "Archived"})
    task = create("tasks", {"account_id": account.id, "subject": "Call", "status": "open"})
    tryton.push([account, archived, task])
    _, _, cursor = pull_all(tryton)

    ids = {
        u: tryton.rpc.model(model, "search", [("fieldbook_uuid", "=", u)], 0, 1, None, {})[0]
        for model, u in (("fieldbook.task", task.id), ("party.party", archived.id))
    }
    tryton.rpc.model("fieldbook.task", "delete", [ids[task.id]], {})
    tryton.rpc.model("party.party", "write", [ids[archived.id]], {"active": False}, {})
    _, deletions, _ = pull_all(tryton, cursor)
    assert {(d.table, d.id) for d in deletions} == {("tasks", task.id), ("accounts", archived.id)}
    assert tryton.list_ids("accounts") == {account.id}
    assert tryton.list_ids("tasks") == set()
    assert tryton.fetch("accounts", [account.id, archived.id])[0].id == account.id
    assert len(tryton.fetch("accounts", [account.id, archived.id])) == 1


def test_values_tryton_refuses_are_rejected_with_its_reason(tryton):
    good = create("accounts", {"name": "Fine"})
    bad = create("accounts", {"name": "Bad NPS", "nps": 500})
    results = tryton.push([good, bad])
    assert results[0].outcome == Outcome.APPLIED
    assert results[1].outcome == Outcome.REJECTED
    assert results[1].kind == ErrorKind.INVALID
    assert "NPS" in results[1].reason or "nps" in results[1].reason.lower()


def test_an_orphan_child_is_rejected_as_not_found(tryton):
    orphan = create(
        "notes",
        {
            "account_id": new_id(),
            "kind": "call",
            "title": "Hi",
            "occurred_at": "2026-11-20T09:30:00",
        },
    )
    result = tryton.push([orphan])[0]
    assert result.outcome == Outcome.REJECTED
    assert result.kind == ErrorKind.NOT_FOUND


def test_a_wrong_password_asks_to_sign_in(tryton_server):
    connector = TrytonConnector(tryton_server.url, tryton_server.database, "admin")
    with pytest.raises(ConnectorError) as caught:
        connector.sign_in_with_password("not the password")
    assert caught.value.kind == ErrorKind.SIGN_IN


def test_a_dead_session_is_refreshed_from_the_keyring(tryton):
    from desktop import credentials

    credentials.save_secret(tryton.session_key, f"{tryton.rpc.user_id}:deadbeef")
    again = TrytonConnector(tryton.url, tryton.database, tryton.login)
    again.sign_in()  # the stored session is refused; the stored password opens a new one
    assert again.list_ids("accounts") == set()
    assert credentials.load_secret(tryton.session_key) != f"{tryton.rpc.user_id}:deadbeef"

    credentials.forget_secret(tryton.password_key)
    tryton.rpc.use_session("admin", tryton.rpc.user_id, "deadbeef")
    with pytest.raises(ConnectorError) as caught:
        tryton.list_ids("accounts")
    assert caught.value.kind == ErrorKind.SIGN_IN
    with pytest.raises(ConnectorError) as caught:
        tryton.refresh()
    assert caught.value.kind == ErrorKind.SIGN_IN


def test_a_stopped_server_is_a_transient_error(tryton, tryton_server):
    tryton_server.stop()
    with pytest.raises(ConnectorError) as caught:
        tryton.pull(None)
    assert caught.value.kind == ErrorKind.TRANSIENT
    tryton_server.start()
    assert tryton.pull(None).records == []


def test_the_demo_admin_constants_match_the_template(tryton_server):
    connector = TrytonConnector(tryton_server.url, crm_server.DATABASE, crm_server.ADMIN_USER)
    connector.sign_in_with_password(crm_server.ADMIN_PASSWORD)
    assert connector._company is not None
