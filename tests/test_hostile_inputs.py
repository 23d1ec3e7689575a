"""Issue 12, defect 6: nothing a rep types crashes a write.

Every field of every entity, through create and update: a value is stored exactly (as its
normalized form) or refused with a ValidationError naming the field; never another exception,
and always well under 100 ms (the bench, bench/bench_validation.py, prints the figures).
"""

from __future__ import annotations

import math
import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import account_list
from desktop import entities as E
from desktop.validation import ValidationError, validate

HOSTILE = [
    "\x00",
    "a\x00b",
    "\ud800",
    "name \udfff",
    "x" * 10_000_000,
    "%" * 60_000,
    "\u200b\u200b\u200b",
    1e309,
    -1e309,
    math.nan,
    10**19,
    -(10**19),
    10**18,
    10**400,
    -1,
    Decimal("1e30"),
    Decimal("NaN"),
    Decimal("Infinity"),
    "1e309",
    "1e18",
    "NaN",
    "0001-01-01T00:30:00+05:00",
    "9999-12-31T23:30:00-05:00",
    "2026-02-30",
    "99999-01-01",
    ["a", "b"],
    b"bytes",
    {"a": 1},
    object(),
    True,
    "a" * 32_764 + "@",
]

PARENTS = {}


def _valid_base(store, table: str) -> dict:
    account = PARENTS.get("a")
    if account is None or store.get("accounts", account) is None:
        account = store.create("accounts", {"name": "Parent"})
        PARENTS["a"] = account
    base = {
        "accounts": {"name": "Acme"},
        "contacts": {"account_id": account, "name": "Ann"},
        "opportunities": {"account_id": account, "name": "Deal", "stage": "proposal"},
        "notes": {
            "account_id": account,
            "kind": "meeting",
            "title": "T",
            "occurred_at": "2026-03-01T10:00:00",
        },
        "contracts": {"account_id": account, "number": "C-1", "start_date": "2026-01-01"},
        "tasks": {"account_id": account, "subject": "Call", "status": "open"},
    }
    return dict(base[table])


def _check(field: E.Field, call) -> None:
    started = time.perf_counter()
    try:
        call()
    except ValidationError as exc:
        assert field.name in exc.errors, (field.name, exc.errors)
        assert exc.errors[field.name]
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, (field.name, elapsed)  # the bench holds it well under 100 ms


@pytest.mark.parametrize("entity", E.ENTITIES, ids=lambda e: e.table)
def test_defect_6_hostile_values_are_stored_exactly_or_refused_naming_the_field(store, entity):
    PARENTS.clear()
    for field in entity.fields:
        if field.name in ("id",):
            continue
        for value in HOSTILE:
            values = {**_valid_base(store, entity.table), field.name: value}
            if field.kind == E.REF and field.name == "account_id" and isinstance(value, str):
                continue  # a reference to no record is refused by the store (covered elsewhere)

            def create(values=values, field=field, value=value) -> None:
                row_id = store.create(entity.table, values)
                stored = store.get(entity.table, row_id)[field.name]
                expected = validate(entity, {field.name: value}, existing={}).get(field.name)
                assert stored == expected

            _check(field, create)
            row_id = store.create(entity.table, _valid_base(store, entity.table))
            _check(
                field,
                lambda row_id=row_id, value=value, field=field: store.update(
                    entity.table, row_id, {field.name: value}
                ),
            )


def test_defect_6_a_name_of_zero_width_spaces_is_not_filled_in():
    with pytest.raises(ValidationError) as exc:
        validate(E.ACCOUNT, {"name": "\u200b\u200c\u2060\ufeff"})
    assert "name" in exc.value.errors


def test_defect_6_the_email_check_is_fast_and_short_fields_have_a_limit():
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        validate(E.CONTACT, {"email": "a" * 32_764 + "@"}, existing={})
    assert time.perf_counter() - started < 0.05
    with pytest.raises(ValidationError) as exc:
        validate(E.CONTACT, {"email": "a" * 10_000_000 + "@example.com"}, existing={})
    assert "email" in exc.value.errors


@pytest.mark.parametrize("text", ["x" * 100_000, "%" * 60_000])
def test_an_accounts_filter_of_a_huge_text_answers(store, text):
    store.create("accounts", {"name": "Acme"})
    page = account_list.page(store.db, account_list.AccountFilter(text=text))
    assert page.ids == []


@pytest.mark.parametrize("text", ["\ud800", "a\x00%_\\"])
def test_defect_6_an_accounts_filter_of_any_text_answers(store, text):
    store.create("accounts", {"name": "Acme"})
    page = account_list.page(store.db, account_list.AccountFilter(text=text))
    assert page.ids == []


text_or_number = st.one_of(
    st.text(alphabet=st.characters(codec=None), max_size=600),
    st.text(max_size=5).map(lambda s: s * 2000),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from([(e, f) for e in E.ENTITIES for f in e.fields]),
    value=text_or_number,
)
def test_defect_6_every_validator_accepts_exactly_or_names_the_field(field, value):
    entity, f = field
    started = time.perf_counter()
    try:
        clean = validate(entity, {f.name: value}, existing={})
    except ValidationError as exc:
        assert f.name in exc.errors
    else:
        stored = clean.get(f.name)
        if stored is not None:
            # What is accepted can be written: text is valid UTF-8, numbers fit SQLite.
            if isinstance(stored, str):
                stored.encode("utf-8")
                assert "\x00" not in stored
            if isinstance(stored, int):
                assert -(2**63) < stored < 2**63
            # And validating the stored form again gives the same value (stored exactly).
            assert validate(entity, {f.name: stored}, existing={}).get(f.name) == stored
    assert time.perf_counter() - started < 0.5
