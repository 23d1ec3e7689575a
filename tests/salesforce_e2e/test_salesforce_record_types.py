"""Picklists per record type: an org whose Opportunity has two record types with different
stages. Values are checked against the record's record type (a create: the user's default),
a value the record type lacks refuses that record only, naming the field and the value."""

from __future__ import annotations

import pytest

from sync.salesforce import picklists as P
from tests.salesforce_e2e.test_salesforce_journeys import crm_values, profiles  # noqa: F401

NEW_BUSINESS = "012000000000011AAA"
RENEWAL = "012000000000012AAA"
TYPES = [
    {
        "id": NEW_BUSINESS,
        "name": "New Business",
        "developerName": "New_Business",
        "default": True,
        "values": {"StageName": ["Prospecting", "Qualification", "Closed Won", "Closed Lost"]},
    },
    {
        "id": RENEWAL,
        "name": "Renewal",
        "developerName": "Renewal",
        "default": False,
        "values": {"StageName": ["Negotiation/Review", "Closed Won", "Closed Lost"]},
    },
]


@pytest.fixture
def org_with_record_types(sf_server):
    sf_server.switch("record_types", sobject="Opportunity", types=TYPES)
    return sf_server


def test_values_are_checked_per_record_type(profiles, org_with_record_types):  # noqa: F811
    sf_server = org_with_record_types
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Vandelay"})
    assert a.sync().ok
    sfid = sf_server.sfid("Account", account)
    renewal = sf_server.switch(
        "create",
        sobject="Opportunity",
        values={
            "Name": "Renewal 2027",
            "AccountId": sfid,
            "StageName": "Negotiation/Review",
            "CloseDate": "2027-01-31",
            "RecordTypeId": RENEWAL,
        },
    )["id"]
    assert a.sync().ok
    assert a.connector.picklists.default("Opportunity") == NEW_BUSINESS
    renewal_id = a.connector.uuids("opportunities", [renewal])[renewal]
    assert a.store.get("opportunities", renewal_id)["stage"] == "negotiation"

    # A create takes the user's default record type (New Business): its stages only.
    fine = a.store.create(
        "opportunities",
        {
            "account_id": account,
            "name": "New logo",
            "stage": "qualification",
            "close_date": "2026-12-31",
        },
    )
    lacking = a.store.create(
        "opportunities",
        {
            "account_id": account,
            "name": "Odd one",
            "stage": "negotiation",
            "close_date": "2026-12-31",
        },
    )
    # The renewal (its own record type) may not go to Prospecting, though the org has it.
    a.store.update("opportunities", renewal_id, {"stage": "prospecting"})
    report = a.sync()
    assert report.rejected == 2  # two records refused, the rest of the batch went through
    assert sf_server.count("Opportunity", fine) == 1
    [row] = sf_server.switch("find", sobject="Opportunity", where={"Fieldbook_UUID__c": fine})
    assert row["RecordTypeId"] == NEW_BUSINESS
    errors = {i.row_id: i.last_error for i in a.engine.outbox_items()}
    assert "stage" in errors[lacking] and "Negotiation/Review" in errors[lacking]
    assert "New Business" in errors[lacking]
    assert "stage" in errors[renewal_id] and "'Prospecting'" in errors[renewal_id]
    assert "Renewal" in errors[renewal_id]
    from ui.errors import describe  # what the rep reads in the outbox

    assert describe(errors[renewal_id]).startswith(
        "Your CRM does not offer “Prospecting” for Stage on the record type “Renewal”."
    )
    assert crm_values(a.connector, "opportunities", renewal_id)["stage"] == "negotiation"

    # A value the record type has goes through.
    a.store.update("opportunities", renewal_id, {"stage": "closed_won"})
    items = [i.op_id for i in a.engine.outbox_items() if i.row_id == renewal_id]
    a.engine.retry(items)
    a.sync()
    assert crm_values(a.connector, "opportunities", renewal_id)["stage"] == "closed_won"


def test_the_org_refuses_a_value_the_record_type_lacks(make_sf, org_with_record_types):
    """The test org enforces it too, so the connector's check is not the only guard."""
    sf_server = org_with_record_types
    from tests.salesforce_server.org import RecordError

    account = sf_server.switch("create", sobject="Account", values={"Name": "A"})["id"]
    with pytest.raises(RecordError) as refused:
        sf_server.org.create(
            "Opportunity",
            {
                "Name": "x",
                "AccountId": account,
                "StageName": "Prospecting",
                "CloseDate": "2026-12-31",
                "RecordTypeId": RENEWAL,
            },
        )
    assert refused.value.code == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"


def test_record_type_and_picklist_answers_are_read():
    describe = {
        "recordTypeInfos": [
            {
                "available": True,
                "defaultRecordTypeMapping": True,
                "master": False,
                "name": "New Business",
                "recordTypeId": NEW_BUSINESS,
            },
            {
                "available": False,
                "defaultRecordTypeMapping": False,
                "master": True,
                "name": "Master",
                "recordTypeId": P.MASTER,
            },
        ]
    }
    types = P.record_type_infos(describe, "Opportunity")
    assert [t.id for t in types] == [NEW_BUSINESS, P.MASTER]
    picks = P.Picklists({"Opportunity": types})
    assert picks.needs_values("Opportunity") == [NEW_BUSINESS]
    assert picks.default("Opportunity") == NEW_BUSINESS
    collection = {
        "eTag": "x",
        "picklistFieldValues": {
            "StageName": {
                "controllerValues": {},
                "defaultValue": None,
                "eTag": "y",
                "url": "/services/data/v60.0/ui-api/object-info/Opportunity/picklist-values/"
                f"{NEW_BUSINESS}/StageName",
                "values": [
                    {
                        "attributes": None,
                        "label": "Prospecting",
                        "validFor": [],
                        "value": "Prospecting",
                    }
                ],
            }
        },
    }
    picks.values[("Opportunity", NEW_BUSINESS)] = P.picklist_values(collection)
    assert picks.allowed("Opportunity", "StageName", None) == {"Prospecting"}
    assert picks.allowed("Opportunity", "Type", None) is None  # not listed: describe's values
    from sync.salesforce.rest import BadAnswer

    for bad in ({}, {"picklistFieldValues": []}, {"picklistFieldValues": {"S": {"values": [1]}}}):
        with pytest.raises(BadAnswer):
            P.picklist_values(bad)
    with pytest.raises(BadAnswer):
        P.record_type_infos({"recordTypeInfos": [{}]}, "Opportunity")
