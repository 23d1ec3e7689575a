"""The write path's shortcuts give exactly what the general code gives."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import clock
from desktop import entities as E
from desktop import ids as ids_module
from desktop.ids import new_id, new_ids
from desktop.validation import _normalize, _normalizers

FIELDS = [(entity, field) for entity in E.ENTITIES for field in entity.fields]

values = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.text(max_size=600),
    st.sampled_from(
        [
            "2026-03-31",
            "2026-02-30",
            "2026-W13-2",
            "20260331",
            " 2026-03-31 ",
            "1899-12-31",
            "open",
            "Closed Won",
            "closed_won",
            "high",
            " x ",
            "",
        ]
    ),
    st.integers(min_value=-5, max_value=10**12),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)


def outcome(normalize, value):
    try:
        return "ok", normalize(value)
    except ValueError as exc:
        return "error", str(exc)


@pytest.mark.parametrize(
    ("entity", "field"), FIELDS, ids=[f"{e.table}.{f.name}" for e, f in FIELDS]
)
@settings(max_examples=60, deadline=None)
@given(value=values)
def test_each_fields_fast_path_agrees_with_the_general_rules(entity, field, value):
    fast = _normalizers(entity)[field.name]
    assert outcome(fast, value) == outcome(lambda v: _normalize(field, v), value)


def test_bulk_ids_keep_creation_order_and_uniqueness_across_a_full_millisecond(monkeypatch):
    monkeypatch.setattr(ids_module.time, "time_ns", lambda: 1_800_000_000_000 * 1_000_000)
    made = [new_id() for _ in range(3)] + new_ids(5000) + [new_id()] + new_ids(3)
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in made)
    # 5,000 ids cannot fit one millisecond's 12-bit counter: the later ones borrow the next one.
    assert made[0][:13] != made[-1][:13]


def test_now_iso_is_the_current_utc_second():
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    stamp = clock.now_iso()
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    assert before <= dt.datetime.fromisoformat(stamp) <= after
    assert len(stamp) == 19 and stamp[10] == "T"


def test_a_create_sends_the_fields_it_set_and_the_row_keeps_the_rest_empty(store):
    account = store.create("accounts", {"name": "Örebro Fiber", "city": " ", "tier": "growth"})
    op = store.db.execute(
        "SELECT changes, base FROM outbox WHERE row_id = ? AND op = 'create'", (account,)
    ).fetchone()
    assert json.loads(op["changes"]) == {"name": "Örebro Fiber", "tier": "growth"}
    assert json.loads(op["base"]) == {}
    row = store.get("accounts", account)
    assert row["city"] is None and row["industry"] is None and row["tier"] == "growth"
