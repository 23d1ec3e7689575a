"""The rep's default scope: what they own, plus the accounts they own and those accounts'
children, as SOQL the test org parses (a semi-join where Salesforce allows one)."""

from __future__ import annotations

import pytest

from sync.connector import ConnectorError
from sync.salesforce.connector import from_settings
from tests.salesforce_e2e.test_salesforce_journeys import profiles  # noqa: F401 (fixture)
from tests.salesforce_server import soql
from tests.salesforce_server.org import USER_ID

OTHER = "005000000000002AAA"  # another user of the org


def _made(sf_server, sobject: str, **values) -> str:
    return sf_server.switch("create", sobject=sobject, values=values)["id"]


def _uuid_of(sf_server, sfid: str) -> str:
    return sf_server.org.records[sfid]["Fieldbook_UUID__c"]


def test_the_default_scope_is_the_reps_accounts_and_their_children(profiles, sf_server):  # noqa: F811
    mine = _made(sf_server, "Account", Name="Mine")
    theirs = _made(sf_server, "Account", Name="Theirs", OwnerId=OTHER)
    on_mine = _made(
        sf_server,
        "Contact",
        LastName="Other's contact on my account",
        AccountId=mine,
        OwnerId=OTHER,
    )
    on_theirs = _made(
        sf_server,
        "Contact",
        LastName="Other's contact on other's account",
        AccountId=theirs,
        OwnerId=OTHER,
    )
    opp_theirs = _made(
        sf_server,
        "Opportunity",
        Name="Not mine",
        AccountId=theirs,
        StageName="Prospecting",
        CloseDate="2026-12-31",
        OwnerId=OTHER,
    )
    task_mine = _made(
        sf_server,
        "Task",
        Subject="Call on my account",
        WhatId=mine,
        Status="Not Started",
        OwnerId=OTHER,
    )
    task_theirs = _made(
        sf_server,
        "Task",
        Subject="Call on theirs",
        WhatId=theirs,
        Status="Not Started",
        OwnerId=OTHER,
    )
    a = profiles("rep-a")
    assert a.sync().ok
    pulled = {
        table: {row["id"] for row in a.store.db.execute(f"select id from {table}").fetchall()}
        for table in ("accounts", "contacts", "opportunities", "tasks")
    }
    uuid = a.connector.claim_uuid
    assert uuid(mine) in pulled["accounts"] and uuid(theirs) not in pulled["accounts"]
    assert uuid(on_mine) in pulled["contacts"]  # someone else's contact on the rep's account
    assert uuid(on_theirs) not in pulled["contacts"]  # someone else's, on an account not theirs
    assert uuid(opp_theirs) not in pulled["opportunities"]
    assert uuid(task_mine) in pulled["tasks"] and uuid(task_theirs) not in pulled["tasks"]


def test_scope_soql_is_the_exact_statement_and_the_org_parses_it(make_sf, sf_server):
    connector = make_sf()
    connector.sign_in()
    me = f"'{USER_ID}'"
    assert connector.scope_soql("accounts") == f"select Id from Account where OwnerId = {me}"
    assert connector.scope_soql("contacts") == (
        f"select Id from Contact where (OwnerId = {me} OR Account.OwnerId = {me})"
    )
    assert connector.scope_soql("notes") == (
        "select Id from ContentVersion where IsLatest = TRUE AND FirstPublishLocationId IN "
        f"(SELECT Id FROM Account WHERE OwnerId = {me})"
    )
    assert connector.scope_soql("tasks").splitlines() == [
        f"select Id from Task where (OwnerId = {me} OR Account.OwnerId = {me})",
        f"select Id from Event where (OwnerId = {me} OR Account.OwnerId = {me})",
    ]
    for table in ("accounts", "contacts", "opportunities", "contracts", "notes", "tasks"):
        for statement in connector.scope_soql(table).splitlines():
            soql.parse(statement)  # parsed, semi-join and all
            assert isinstance(connector.query(statement), list)


def test_the_org_refuses_a_semi_join_under_or_as_salesforce_does(make_sf):
    connector = make_sf()
    connector.sign_in()
    with pytest.raises(ConnectorError) as refused:
        connector.query(
            f"select Id from Contact where OwnerId = '{USER_ID}' OR AccountId IN "
            f"(SELECT Id FROM Account WHERE OwnerId = '{USER_ID}')"
        )
    assert "OR" in refused.value.message or "MALFORMED_QUERY" in str(refused.value)


def test_an_explicit_scope_overrides_the_default(make_sf, sf_server):
    _made(sf_server, "Account", Name="Theirs", OwnerId=OTHER)
    connector = from_settings(
        {
            "salesforce_login_url": sf_server.url,
            "salesforce_consumer_key": "fieldbook-test-consumer-key",
            "salesforce_record_scope": '{"Account": "Name = \'Theirs\'", "Contact": ""}',
        }
    )
    make_sf()  # signs in
    connector.sign_in()
    try:
        assert connector.scope_soql("accounts") == "select Id from Account where (Name = 'Theirs')"
        assert connector.scope_soql("contacts") == "select Id from Contact"  # everything visible
        assert len(connector.list_ids("accounts")) == 1
    finally:
        connector.close()
