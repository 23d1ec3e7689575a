"""The test server answers in the documented shapes: each documented body is compared, key by
key and type by type, with the server's answer to the same request."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from sync.salesforce.auth import AuthFlow
from tests.salesforce_e2e.conftest import CONSUMER_KEY, browser

SHAPES = Path(__file__).parent.parent / "salesforce_server" / "shapes"
API = "/services/data/v60.0"


def doc(name: str):
    return json.loads((SHAPES / f"{name}.json").read_text())


def _type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


def same_shape(documented, ours, where="body", skip=()) -> None:
    """Every documented key is there with the documented type (records: their attributes)."""
    assert _type(ours) == _type(documented) or "null" in (_type(ours), _type(documented)), where
    if isinstance(documented, dict):
        for key, value in documented.items():
            if key in skip:
                continue
            assert key in ours, f"{where}: no {key!r}"
            same_shape(value, ours[key], f"{where}.{key}", skip)
    elif isinstance(documented, list) and documented and ours:
        same_shape(documented[0], ours[0], f"{where}[0]", skip)


def _session(sf_server):
    flow = AuthFlow(sf_server.url, CONSUMER_KEY, 1717)
    sf_server.org.callbacks.add(flow.redirect_uri)
    redirect = browser(flow.authorize_url())
    reply = requests.post(
        f"{sf_server.url}/services/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": redirect["code"],
            "client_id": CONSUMER_KEY,
            "redirect_uri": flow.redirect_uri,
            "code_verifier": flow.verifier,
        },
        timeout=10,
    )
    assert reply.status_code == 200
    tokens = reply.json()
    skip = {"id_token"}  # only with the openid scope
    same_shape(doc("oauth_token_authorization_code_success"), tokens, "token", skip)
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    return http, tokens


def test_every_answer_has_the_documented_shape(sf_server):
    http, tokens = _session(sf_server)
    url = sf_server.url + API
    refreshed = requests.post(
        f"{sf_server.url}/services/oauth2/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": CONSUMER_KEY,
        },
        timeout=10,
    )
    same_shape(doc("oauth_token_refresh_success"), refreshed.json(), "refresh")

    records = doc("collections_create_request")["records"]
    created = http.post(url + "/composite/sobjects", json=doc("collections_create_request"))
    assert created.status_code == 200
    same_shape(doc("collections_create_response_success"), created.json(), "create")
    assert len(created.json()) == len(records)
    ids = [r["id"] for r in created.json()]
    assert "api-usage=" in created.headers["Sforce-Limit-Info"]

    update = doc("collections_update_request")
    for record, new_id in zip(update["records"], ids, strict=True):
        record["id"] = new_id
        record.pop("NumberOfEmployees", None)  # not a field of the test org's Account
        record.setdefault("Title", "Lead Engineer") if record["attributes"][
            "type"
        ] == "Contact" else record.update(Industry="Retail")
    updated = http.patch(url + "/composite/sobjects", json=update)
    same_shape(doc("collections_update_response_success"), updated.json(), "update")

    upsert = doc("collections_upsert_request")
    for record in upsert["records"]:
        record["Fieldbook_UUID__c"] = record.pop("MyExtId__c")
    first = http.patch(url + "/composite/sobjects/Account/Fieldbook_UUID__c", json=upsert)
    again = http.patch(url + "/composite/sobjects/Account/Fieldbook_UUID__c", json=upsert)
    same_shape(doc("collections_upsert_response_success"), first.json(), "upsert")
    assert [r["created"] for r in first.json()] == [True, True]
    assert [r["created"] for r in again.json()] == [False, False]

    single = http.post(url + "/sobjects/Account/", json={"Name": "Single"})
    assert single.status_code == 201
    same_shape(doc("record_create_201"), single.json(), "create one")

    sf_server.org.page_size = 1
    q = "SELECT Name, Id FROM Account"
    page = http.get(url + "/query", params={"q": q}).json()
    same_shape(doc("query_first_page_done_false"), page, "page", skip={"Name", "Id"})
    last = page
    while not last["done"]:
        last = http.get(sf_server.url + last["nextRecordsUrl"]).json()
    assert "nextRecordsUrl" not in last
    same_shape(doc("query_paginated_last_page_restforce"), last, "last page", skip={"Text_Label"})
    sf_server.org.page_size = 2000
    same_shape(
        doc("query_done_true_accounts"),
        http.get(url + "/query/", params={"q": "SELECT Name FROM Account"}).json(),
        "done",
    )

    deleted = http.delete(
        url + "/composite/sobjects", params={"ids": single.json()["id"], "allOrNone": "false"}
    )
    same_shape(doc("collections_delete_response_success"), deleted.json(), "delete")
    gone = http.get(
        url + "/queryAll/", params={"q": "SELECT Name FROM Account WHERE IsDeleted = TRUE"}
    ).json()
    same_shape(doc("queryall_deleted_records"), gone, "queryAll", skip={"Name"})
    assert gone["records"][0]["Name"] == "Single"

    window = {"start": "2020-01-01T00:00:00+00:00", "end": "2099-01-01T00:00:00+00:00"}
    same_shape(
        doc("sobject_deleted"),
        http.get(url + "/sobjects/Account/deleted/", params=window).json(),
        "deleted",
    )
    same_shape(
        doc("sobject_updated"),
        http.get(url + "/sobjects/Account/updated/", params=window).json(),
        "updated",
    )

    describe = http.get(url + "/sobjects/Account/describe").json()
    documented = doc("describe_custom_object_restforce")
    for key in (
        "name",
        "fields",
        "keyPrefix",
        "createable",
        "updateable",
        "urls",
        "recordTypeInfos",
    ):
        assert key in describe, key
    field_keys = {
        "name",
        "type",
        "updateable",
        "createable",
        "nillable",
        "externalId",
        "picklistValues",
        "referenceTo",
        "unique",
    }
    assert field_keys <= set(documented["fields"][0]) and all(
        field_keys <= set(f) for f in describe["fields"]
    )

    limits = http.get(url + "/limits/").json()
    same_shape({"DailyApiRequests": doc("limits")["DailyApiRequests"]}, limits, "limits")

    bad = http.get(url + "/query", params={"q": "SELECT FIELDS() FROM Account"})
    assert bad.status_code == 400
    same_shape(doc("error_400_malformed_query"), bad.json(), "error")

    sf_server.org.expire_sessions()
    expired = http.get(url + "/query", params={"q": "SELECT Id FROM Account"})
    assert expired.status_code == 401
    same_shape(doc("error_401_invalid_session_id"), expired.json(), "401")
