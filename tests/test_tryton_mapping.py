"""Tryton's tagged values and our store values convert exactly, with no float on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.tryton import mapping as M
from sync.tryton import rpc as R


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_cents_survive_the_wire_exactly(cents):
    wire = R.dumps({"amount": M.to_tryton(M.CENTS, cents)})
    assert '"__class__":"Decimal"' in wire
    back = R.loads(wire)["amount"]
    assert isinstance(back, Decimal)
    assert M.from_tryton(M.CENTS, back) == cents


def test_dates_and_datetimes_are_tagged_and_come_back_equal():
    moment = dt.datetime(2026, 11, 22, 23, 59, 58, 123456)
    wire = R.dumps([dt.date(2027, 2, 28), moment])
    assert R.loads(wire) == [dt.date(2027, 2, 28), moment]
    assert M.from_tryton(M.DATE, dt.date(2027, 2, 28)) == "2027-02-28"
    assert M.to_tryton(M.DATETIME, "2026-11-20T09:30:00Z") == dt.datetime(2026, 11, 20, 9, 30)
    assert M.from_tryton(M.DATETIME, dt.datetime(2026, 11, 20, 9, 30)) == "2026-11-20T09:30:00"


def test_percent_booleans_and_empty_text():
    for percent in range(101):
        assert M.from_tryton(M.PERCENT, M.to_tryton(M.PERCENT, percent)) == percent
    assert M.to_tryton(M.BOOL, 1) is True and M.from_tryton(M.BOOL, None) == 0
    assert M.to_tryton(M.TEXT, "") is None and M.from_tryton(M.TEXT, "") is None


def test_every_field_the_app_shows_is_mapped():
    from desktop.entities import ENTITIES

    for entity in ENTITIES:
        mapped = {f.ours for f in M.TABLE_MAPS[entity.table].fields}
        assert mapped == set(entity.field_names), entity.table


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("crm.example.com", "https://crm.example.com"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
    ],
)
def test_server_addresses_are_normalized(typed, expected):
    assert R.normalize_url(typed) == expected


@pytest.mark.parametrize("typed", ["", "not a url", "ftp://x", "https://"])
def test_what_is_no_address_is_refused(typed):
    with pytest.raises(R.BadAddress):
        R.normalize_url(typed)


def test_tryton_errors_get_their_meaning():
    assert isinstance(R.TrytonRpc._error(["ConcurrencyException", "x"]), R.Concurrency)
    user = R.TrytonRpc._error(["UserError", ["The NPS is wrong.", "Fix it.", None]])
    assert isinstance(user, R.UserError) and user.message == "The NPS is wrong. Fix it."
    assert isinstance(R.TrytonRpc._error(["boom", "traceback"]), R.ServerFault)
