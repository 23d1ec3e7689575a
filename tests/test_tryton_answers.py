"""Issue 12: the Tryton connector never trusts a bad answer (defects 2, 3 and 5).

The RPC layer against a canned HTTP server on 127.0.0.1; the connector's lookups with a
search that answers nothing, as a lost or corrupted answer would.
"""

from __future__ import annotations

import email.utils
import json
import time

import pytest
from fake_http import CannedServer, Reply

from desktop import credentials
from desktop.errors import ErrorInfo
from sync.connector import ConnectorError, ErrorKind, Mutation, Outcome, Reason
from sync.tryton import rpc as R
from sync.tryton.connector import TrytonConnector


def ok(result) -> Reply:
    return Reply(200, json.dumps({"id": 1, "result": result}).encode())


@pytest.fixture
def canned():
    with CannedServer() as server:
        yield server


def connector_for(canned) -> TrytonConnector:
    c = TrytonConnector(canned.url, "db", "admin", timeout=(2.0, 2.0))
    return c


def test_defect_5_retry_after_as_seconds_and_as_an_http_date(canned):
    rpc = R.TrytonRpc(canned.url, "db")
    canned.replies.append(Reply(429, headers={"Retry-After": "120"}))
    with pytest.raises(R.RateLimited) as seconds:
        rpc.call("x")
    assert seconds.value.retry_after == 120
    when = email.utils.formatdate(time.time() + 90, usegmt=True)
    canned.replies.append(Reply(429, headers={"Retry-After": when}))
    with pytest.raises(R.RateLimited) as dated:  # raised ValueError: no backoff at all
        rpc.call("x")
    assert 80 <= (dated.value.retry_after or 0) <= 91
    canned.replies.append(Reply(503, headers={"Retry-After": when}))
    with pytest.raises(R.Unreachable) as busy:
        rpc.call("x")
    assert 80 <= (busy.value.retry_after or 0) <= 91
    canned.replies.append(Reply(429, headers={"Retry-After": "soon"}))
    with pytest.raises(R.RateLimited) as nonsense:
        rpc.call("x")
    assert nonsense.value.retry_after == 60.0


def test_defect_5_a_captive_portal_page_is_transient_not_sign_in(canned):
    c = connector_for(canned)
    canned.replies.append(
        Reply(
            200, b"<html><body>Welcome to Hotel Wi-Fi</body></html>", {"Content-Type": "text/html"}
        )
    )
    with pytest.raises(ConnectorError) as error:
        c.list_ids("accounts")
    assert error.value.kind == ErrorKind.TRANSIENT


def test_defect_5_a_body_cut_short_is_transient_with_a_sentence(canned):
    c = connector_for(canned)
    canned.replies.append(
        Reply(
            200, json.dumps({"id": 1, "result": [{"fieldbook_uuid": "x" * 50}]}).encode(), cut=True
        )
    )
    with pytest.raises(ConnectorError) as error:
        c.list_ids("accounts")
    assert error.value.kind == ErrorKind.TRANSIENT
    assert "IncompleteRead" not in error.value.message


def test_defect_5_a_server_side_exception_is_transient_not_refused(canned):
    c = connector_for(canned)
    fault = Reply(200, json.dumps({"id": 1, "error": ["KeyError", ["x"]]}).encode())
    canned.replies.append(fault)
    with pytest.raises(ConnectorError) as error:
        c.list_ids("accounts")
    assert error.value.kind == ErrorKind.TRANSIENT
    # In a push, the one change it failed on is tried again later, not parked as refused.
    canned.replies += [ok([{"id": 3, "fieldbook_uuid": "uuid-1", "active": True}]), fault]
    [result] = c.push([_mutation("delete")])
    assert result.outcome == Outcome.RETRY
    assert result.kind == ErrorKind.TRANSIENT


@pytest.mark.parametrize("result", ["abc", [1], {"a": 1}, [None, None], 42, [["x"]], [{"id": "7"}]])
def test_defect_5_an_answer_of_the_wrong_shape_is_transient(canned, result):
    c = connector_for(canned)
    canned.replies.append(ok(result))
    with pytest.raises(ConnectorError) as error:
        c.list_ids("accounts")
    assert error.value.kind == ErrorKind.TRANSIENT
    info = ErrorInfo.of(error.value)
    assert "string indices" not in json.dumps(info.params)


@pytest.mark.parametrize("answer", [[None, None], "ab", [1], [1, ""], ["1", 5], {"a": 1}])
def test_defect_2_a_malformed_login_answer_is_never_stored_in_the_keyring(canned, answer):
    c = connector_for(canned)
    credentials.save_secret(c.password_key, "secret")
    credentials.save_secret(c.session_key, "7:good-token")
    canned.replies.append(ok(answer))
    with pytest.raises(ConnectorError) as error:
        c.refresh()
    assert error.value.kind == ErrorKind.TRANSIENT
    assert credentials.load_secret(c.session_key) == "7:good-token"


def _mutation(op: str) -> Mutation:
    values = {"name": "Acme"} if op == "update" else {}
    return Mutation("op1", "accounts", "uuid-1", op, values, "ts1", {"name": "Old"})


@pytest.mark.parametrize("op", ["delete", "update"])
def test_defect_3_an_empty_lookup_before_a_write_is_retried_not_trusted(canned, op):
    c = connector_for(canned)
    canned.replies.append(ok([]))  # the lookup of the record by its UUID: nothing (wrong)
    canned.replies.append(ok([]))  # the deletion log: it was never deleted
    canned.replies.append(ok([]))  # the record, archived or not: still nothing
    [result] = c.push([_mutation(op)])
    assert result.outcome == Outcome.RETRY  # was APPLIED (delete) / NOT_FOUND (update)


def test_a_pulled_row_with_a_null_id_fails_the_page_before_the_position_moves(canned):
    c = connector_for(canned)
    canned.replies.append(ok([]))  # the deletion log's last id (a first pull)
    row = {"id": None, "fieldbook_uuid": "u-1", "_timestamp": "1", "last_modified_at": None}
    canned.replies.append(ok([row]))
    with pytest.raises(ConnectorError) as error:
        c.pull(None)
    assert error.value.kind == ErrorKind.TRANSIENT  # nothing of it reached a cursor


def _concurrency() -> Reply:
    return Reply(200, json.dumps({"id": 1, "error": ["ConcurrencyException", "changed"]}).encode())


@pytest.mark.parametrize("op", ["delete", "update"])
def test_defect_3_a_changed_record_whose_read_back_is_empty_is_retried_not_deleted(canned, op):
    # Tryton's optimistic lock refuses the write: the record is there, changed. An empty read
    # of it afterwards is a lost or corrupted answer, not a deletion (a fault storm, seed
    # 260346, made it a false "deleted on the CRM" conflict for an update).
    c = connector_for(canned)
    canned.replies.append(ok([{"id": 5, "fieldbook_uuid": "uuid-1", "active": True}]))
    canned.replies.append(_concurrency())  # the conditional write or delete
    canned.replies.append(ok([]))  # the record read back: nothing (wrong)
    [result] = c.push([_mutation(op)])
    assert result.outcome == Outcome.RETRY, result
    assert result.cause == Reason.NOT_SHOWN and not result.reason  # our words, not English
