"""The recycle bin's age is measured on Salesforce's clock, not the laptop's."""

from __future__ import annotations

import datetime as dt

import pytest

import sync.salesforce.reading as reading


def _deleted_calls(connector) -> list[str]:
    calls: list[str] = []

    def hook(response, *args, **kwargs):
        if "/deleted" in response.request.url:
            calls.append(response.request.url)
        return response

    connector.http.hooks["response"].append(hook)
    return calls


def _first_sync(connector) -> str:
    connector.sign_in()
    cursor = None
    while True:
        page = connector.pull(cursor)
        cursor = page.cursor
        if not page.more:
            return cursor


def test_a_laptop_clock_ahead_does_not_make_a_fresh_cursor_old(make_sf, sf_server, monkeypatch):
    sf_server.switch("create", sobject="Account", values={"Name": "Fresh"})
    connector = make_sf()
    cursor = _first_sync(connector)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    monkeypatch.setattr(reading, "laptop_now", lambda: ahead)
    calls = _deleted_calls(connector)
    connector.pull(cursor)
    assert calls == []  # Salesforce says the cursor is seconds old: nothing to check
    assert connector.has_deletion_log


def test_the_org_clock_past_the_recycle_bin_makes_the_cursor_old(make_sf, sf_server, monkeypatch):
    sf_server.switch("create", sobject="Account", values={"Name": "Old"})
    connector = make_sf()
    cursor = _first_sync(connector)
    sf_server.switch("advance", seconds=16 * 86400)  # the org's clock; the laptop's stays
    now = dt.datetime.now(dt.UTC)
    monkeypatch.setattr(reading, "laptop_now", lambda: now)
    calls = _deleted_calls(connector)
    connector.pull(cursor)
    assert calls, "getDeleted was not asked though the org's clock is 16 days on"
    assert not connector.has_deletion_log  # purged meanwhile: the engine reconciles ids


@pytest.mark.parametrize("known", [False])
def test_without_any_answer_yet_the_laptop_clock_is_used(make_sf, known, monkeypatch):
    connector = make_sf()
    connector.sign_in()
    connector.api.server_time = None
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    monkeypatch.setattr(reading, "laptop_now", lambda: ahead)
    state = {
        "v": reading.CURSOR_VERSION,
        "t": {"accounts": {"ts": dt.datetime.now(dt.UTC).isoformat(), "seen": {}}},
    }
    calls = _deleted_calls(connector)
    connector._check_recycle_bin(state)
    assert len(calls) == 1
