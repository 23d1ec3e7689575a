"""The Salesforce connector's parsers fed every documented shape directly (no server), so a
misunderstanding cannot hide in both the connector and the test server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.connector import ErrorKind, Mutation, Outcome
from sync.salesforce import auth
from sync.salesforce import mapping as M
from sync.salesforce.reading import row_digest
from sync.salesforce.rest import BadAnswer, api_limits, error_code, limit_info, loads
from sync.salesforce.session import check_page, describe_fields, parse_time
from sync.salesforce.writing import check_results, outcome_of_errors

# The documented bodies, copied unchanged from Salesforce's documentation (see README.md there).
SHAPES = Path(__file__).parent / "salesforce_server" / "shapes"


def shape(name: str):
    return loads((SHAPES / f"{name}.json").read_bytes())


def test_every_shape_is_read_by_a_test():
    names = {p.stem for p in SHAPES.glob("*.json")}
    source = Path(__file__).read_text()
    assert names and all(f'"{n}"' in source for n in names), names


def test_token_replies():
    code = auth.parse_token_reply(shape("oauth_token_authorization_code_success"))
    assert code.instance_url == "https://mycompany.my.salesforce.com"
    assert code.refresh_token is None  # scope "web openid": no refresh token
    assert code.user_id == "005B0000005Bk90IAC"
    refreshed = auth.parse_token_reply(shape("oauth_token_refresh_success"), "kept")
    assert refreshed.refresh_token == "kept"  # no rotation: the old one stays
    assert refreshed.instance_url == "https://yourInstance.salesforce.com"
    for bad in ({}, {"access_token": "x"}, [], {"access_token": "x", "instance_url": "ftp://x"}):
        with pytest.raises(auth.SignInFailed):
            auth.parse_token_reply(bad)


def test_error_bodies():
    assert error_code(shape("error_401_invalid_session_id"))[0] == "INVALID_SESSION_ID"
    body = shape("error_401_invalid_session_id")[0]
    assert error_code(body)[0] == "INVALID_SESSION_ID"  # the jsforce object form
    assert error_code(shape("error_400_malformed_query"))[0] == "MALFORMED_QUERY"
    assert error_code({"error": "invalid_grant", "error_description": "expired"}) == (
        "invalid_grant",
        "expired",
    )


@pytest.mark.parametrize(
    "name",
    [
        "query_first_page_done_false",
        "query_done_true_accounts",
        "query_paginated_first_page_restforce",
        "query_paginated_last_page_restforce",
        "queryall_deleted_records",
    ],
)
def test_query_pages(name):
    body = shape(name)
    rows = check_page(body)
    assert rows and all(r["attributes"]["type"] for r in rows)
    assert body["done"] or body["nextRecordsUrl"].startswith("/services/data/")
    broken = dict(body, done=False)
    broken.pop("nextRecordsUrl", None)
    with pytest.raises(BadAnswer):
        check_page(broken)


def test_get_deleted_and_updated():
    deleted = shape("sobject_deleted")
    assert parse_time(deleted["earliestDateAvailable"]) < parse_time(deleted["latestDateCovered"])
    assert parse_time(deleted["deletedRecords"][0]["deletedDate"]).year == 2013
    updated = shape("sobject_updated")
    assert len(updated["ids"]) == 3 and parse_time(updated["latestDateCovered"])


@pytest.mark.parametrize(
    "name",
    [
        "collections_create_response_success",
        "collections_update_response_success",
        "collections_upsert_response_success",
        "collections_delete_response_success",
    ],
)
def test_collection_results(name):
    body = shape(name)
    assert [r["success"] for r in check_results(body, len(body))] == [True] * len(body)
    with pytest.raises(BadAnswer):
        check_results(body, len(body) + 1)


def test_single_record_answers_have_the_collection_result_form():
    for name in ("record_create_201", "upsert_external_id_created_201"):
        [result] = check_results([shape(name)], 1)
        assert result["success"]
    assert shape("upsert_external_id_updated_200")["created"] is False


def test_requests_we_send_have_the_documented_form():
    for name in (
        "collections_create_request",
        "collections_update_request",
        "collections_upsert_request",
    ):
        body = shape(name)
        assert body["allOrNone"] is False
        assert all("type" in r["attributes"] for r in body["records"])
    assert all("id" in r for r in shape("collections_update_request")["records"])


def test_failed_record_results_become_outcomes():
    m = Mutation("op", "accounts", "u", "update", {"name": "x"})
    for code, outcome, kind in (
        ("UNABLE_TO_LOCK_ROW", Outcome.RETRY, ErrorKind.TRANSIENT),
        ("ENTITY_IS_DELETED", Outcome.REJECTED, ErrorKind.NOT_FOUND),
        ("DUPLICATES_DETECTED", Outcome.REJECTED, ErrorKind.INVALID),
        ("FIELD_CUSTOM_VALIDATION_EXCEPTION", Outcome.REJECTED, ErrorKind.INVALID),
        ("INSUFFICIENT_ACCESS_OR_READONLY", Outcome.REJECTED, ErrorKind.INVALID),
        ("REQUIRED_FIELD_MISSING", Outcome.REJECTED, ErrorKind.INVALID),
    ):
        result = outcome_of_errors(m, [{"statusCode": code, "message": "m", "fields": ["Name"]}])
        assert (result.outcome, result.kind) == (outcome, kind), code
        assert code in (result.reason or "")


def test_limits():
    limits = api_limits(shape("limits"))
    assert (limits.used, limits.max) == (5000 - 4937, 5000)
    header = limit_info("api-usage=18/5000")
    assert header is not None and (header.used, header.max) == (18, 5000)
    assert limit_info("") is None


def test_describe_and_record_values():
    fields = describe_fields(shape("describe_custom_object_restforce"), "Whizbang")
    assert fields["Picklist_Field"]["type"] == "picklist"
    assert [p["value"] for p in fields["Picklist_Field"]["picklistValues"]]
    assert fields["ParentWhizbang__c"]["referenceTo"]
    assert fields["CreateableButNotUpdateableField"]["updateable"] is False
    row = shape("record_get_account_via_relationship")
    stamp = M.from_salesforce(M.FieldMap("x", "CreatedDate", M.DATETIME), row["CreatedDate"], None)
    assert stamp == "2021-11-06T17:38:40"
    assert M.from_salesforce(M.FieldMap("x", "LastActivityDate", M.DATE), None, None) is None
    assert row_digest(row) == row_digest(json.loads(json.dumps(row)))
