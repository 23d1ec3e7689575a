"""Checks every value before it reaches the store, and says in words what is wrong."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import entities as E
from . import money
from .clock import add_months

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EARLIEST = dt.date(1900, 1, 1)
_LATEST = dt.date(2200, 12, 31)


class ValidationError(ValueError):
    """One or more fields hold values the store will not take; ``errors`` maps field to message."""

    def __init__(self, errors: dict[str, str], entity: E.Entity | None = None):
        self.errors = dict(errors)
        self.entity = entity
        self.row: int | None = None  # the record's position when a batch (create_many) refused it
        parts = []
        for name, message in self.errors.items():
            label = entity.field(name).label if entity and name in entity.field_names else name
            parts.append(f"{label}: {message}")
        super().__init__("; ".join(parts))


def _clean_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def cents_from_text(text: str, currency: str | None = None) -> int:
    """Money typed by a person (``"12.500,50"``, ``"$1200"``) as minor units, the rep's way.

    One parser for the whole app: ``desktop.money.parse_amount`` (locale-aware, Decimal only).
    """
    return money.parse_amount(text, currency)


def _normalize(field: E.Field, value: Any) -> Any:
    """The stored form of ``value``, or ValueError with a message for a person."""
    if isinstance(value, str) and field.kind not in (E.LONG_TEXT,):
        value = value.strip()
    if value is None or value == "":
        return None
    kind = field.kind
    if kind in (E.TEXT, E.URL):
        text = _clean_text(value)
        if text and len(text) > 500:
            raise ValueError("must be at most 500 characters")
        return text
    if kind == E.LONG_TEXT:
        text = str(value)
        return text if text.strip() else None
    if kind == E.EMAIL:
        text = str(value)
        if not _EMAIL.match(text):
            raise ValueError("expected an e-mail address such as name@example.com")
        return text
    if kind == E.ENUM:
        text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
        if text not in field.choices:
            raise ValueError(
                "expected one of: " + ", ".join(c.replace("_", " ") for c in field.choices)
            )
        return text
    if kind in (E.INTEGER, E.PERCENT):
        if isinstance(value, bool):
            raise ValueError("expected a whole number")
        try:
            number = int(value) if not isinstance(value, float) or value.is_integer() else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            raise ValueError("expected a whole number")
        low, high = field.min_value, field.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(f"expected a number from {low} to {high}")
        return number
    if kind == E.CENTS:
        if isinstance(value, bool):
            raise ValueError("expected an amount")
        if isinstance(value, str):
            cents = cents_from_text(value)
        elif isinstance(value, Decimal):
            cents = int((value * 100).to_integral_value())
        elif isinstance(value, int):
            cents = value
        else:
            raise ValueError("expected an amount in cents (a whole number)")
        if cents < 0:
            raise ValueError("must not be negative")
        return cents
    if kind == E.BOOL:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return 1
            if lowered in ("0", "false", "no", "off"):
                return 0
            raise ValueError("expected yes or no")
        return 1 if value else 0
    if kind == E.DATE:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            day = value
        else:
            try:
                day = dt.date.fromisoformat(str(value))
            except ValueError:
                raise ValueError("expected a date such as 2026-03-31") from None
        if not _EARLIEST <= day <= _LATEST:
            raise ValueError(f"expected a date between {_EARLIEST.year} and {_LATEST.year}")
        return day.isoformat()
    if kind == E.DATETIME:
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, dt.date):
            moment = dt.datetime.combine(value, dt.time())
        else:
            try:
                moment = dt.datetime.fromisoformat(str(value))
            except ValueError:
                raise ValueError("expected a date and time such as 2026-03-31T14:30") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        if not _EARLIEST <= moment.date() <= _LATEST:
            raise ValueError(f"expected a date between {_EARLIEST.year} and {_LATEST.year}")
        return moment.replace(microsecond=0).isoformat(timespec="seconds")
    if kind == E.REF:
        text = _clean_text(value)
        return text
    if kind == E.CURRENCY:
        return money.normalize_currency(value)
    raise AssertionError(f"unknown field kind {kind}")


def _stored_form_shortcut(field: E.Field) -> Callable[[Any], Any]:
    """``_normalize`` for ``field``, with a fast path for values already in their stored form.

    Edits from the screens and from sync arrive that way nearly always; anything else (typed
    text, numbers as strings, bad values) takes the general path, which words the messages.
    """

    def general(value: Any) -> Any:
        return _normalize(field, value)

    kind = field.kind
    if kind == E.ENUM:
        choices = frozenset(field.choices)

        def enum(value: Any) -> Any:
            if value.__class__ is str and value in choices:
                return value
            return general(value)

        return enum
    if kind == E.TEXT:

        def text(value: Any) -> Any:
            if value.__class__ is str and len(value) <= 500:
                return value.strip() or None
            return general(value)

        return text
    if kind == E.REF:

        def ref(value: Any) -> Any:
            if value.__class__ is str:
                return value.strip() or None
            return general(value)

        return ref
    if kind == E.DATE:

        def date(value: Any) -> Any:
            if value.__class__ is str and len(value) == 10 and value[4] == value[7] == "-":
                try:
                    day = dt.date.fromisoformat(value)
                except ValueError:
                    return general(value)
                if _EARLIEST <= day <= _LATEST:
                    return value
            return general(value)

        return date
    if kind == E.CENTS:

        def cents(value: Any) -> Any:
            if value.__class__ is int and value >= 0:
                return value
            return general(value)

        return cents
    return general


_normalizers_by_table: dict[str, dict[str, Callable[[Any], Any]]] = {}


def _normalizers(entity: E.Entity) -> dict[str, Callable[[Any], Any]]:
    found = _normalizers_by_table.get(entity.table)
    if found is None:
        found = {f.name: _stored_form_shortcut(f) for f in entity.fields}
        _normalizers_by_table[entity.table] = found
    return found


def _cross_field(entity: E.Entity, row: dict[str, Any], errors: dict[str, str]) -> None:
    if entity is E.CONTRACT and not errors:
        start, end = row.get("start_date"), row.get("end_date")
        if start and end and end < start:
            errors["end_date"] = "must not be before the start date"
    if (
        entity is E.CONTACT
        and row.get("reports_to_id")
        and row.get("reports_to_id") == row.get("id")
    ):
        errors["reports_to_id"] = "a contact cannot report to themselves"
    if entity is E.ACCOUNT and row.get("parent_id") and row.get("parent_id") == row.get("id"):
        errors["parent_id"] = "an account cannot be its own parent"


def derive(entity: E.Entity, row: dict[str, Any], changed: set[str]) -> dict[str, Any]:
    """Values that follow from others when the rep left them empty."""
    derived: dict[str, Any] = {}
    if entity is E.CONTRACT:
        start, term = row.get("start_date"), row.get("term_months")
        if start and term and not row.get("end_date") and {"start_date", "term_months"} & changed:
            end = add_months(dt.date.fromisoformat(start), int(term)) - dt.timedelta(days=1)
            derived["end_date"] = end.isoformat()
    if entity is E.OPPORTUNITY and "stage" in changed and "probability" not in changed:
        derived["probability"] = E.STAGE_PROBABILITY[row["stage"]]
        if row["stage"] == "closed_won":
            derived["forecast_category"] = "closed"
        elif row["stage"] == "closed_lost":
            derived["forecast_category"] = "omitted"
    return derived


_TYPED_MONEY = {
    e.table: frozenset(f.name for f in e.fields if f.kind == E.CENTS)
    for e in E.ENTITIES
    if e.has_field("currency")
}
_DERIVING = frozenset(e.table for e in (E.CONTRACT, E.OPPORTUNITY))
_CROSS_FIELD = frozenset(e.table for e in (E.CONTRACT, E.CONTACT, E.ACCOUNT))


def _field_of(row: Any, name: str) -> Any:
    """``row[name]`` of a dict or sqlite3.Row that may lack it (None)."""
    try:
        return row[name] if row is not None else None
    except (KeyError, IndexError):
        return None


def validate(
    entity: E.Entity, values: dict[str, Any], existing: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Normalized ``values`` for ``entity`` merged over ``existing``; raises ValidationError.

    Returns only the fields that are given in ``values`` (plus derived ones), normalized.
    """
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    normalizers = _normalizers(entity)
    for name, value in values.items():
        normalize = normalizers.get(name)
        if normalize is None:
            errors[name] = f"is not a field of {entity.singular}"
            continue
        try:
            if value.__class__ is str and name in _TYPED_MONEY.get(entity.table, ()):
                # Typed amounts are read in the record's currency (yen have no cents).
                currency = values.get("currency") or _field_of(existing, "currency")
                value = cents_from_text(value, currency) if value.strip() else None
            clean[name] = normalize(value)
        except ValueError as exc:
            errors[name] = str(exc)
    for name in entity.required_fields:
        if (existing is None or name in values) and clean.get(name) is None:
            errors.setdefault(name, "is required")
    deriving = entity.table in _DERIVING
    if deriving or entity.table in _CROSS_FIELD:
        merged = clean.copy() if existing is None else {**existing, **clean}
        if deriving and not errors:
            for name, value in derive(entity, merged, set(clean)).items():
                if name not in values or values[name] in (None, ""):
                    clean[name] = value
                    merged[name] = value
        _cross_field(entity, merged, errors)
    if errors:
        raise ValidationError(errors, entity)
    return clean
