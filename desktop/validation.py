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

_EARLIEST = dt.date(1900, 1, 1)
_LATEST = dt.date(2200, 12, 31)

# Limits of what a field holds (characters, or the largest number): past them a value is
# refused with a message naming the field, never passed on to SQLite.
MAX_TEXT = 500
MAX_URL = 2048
MAX_EMAIL = 254  # RFC 5321's path limit
MAX_REF = 64
MAX_LONG_TEXT = 1_000_000
MAX_CURRENCY = 3
MAX_CENTS = (
    10**14 - 1
)  # a trillion in the record's currency: far above any deal, far below SQLite's
MAX_INTEGER = 10**12
LIMITS = {E.TEXT: MAX_TEXT, E.URL: MAX_URL, E.EMAIL: MAX_EMAIL, E.REF: MAX_REF}

# Control characters (tab, line feed and carriage return aside) and lone surrogates: SQLite and
# the screens cannot hold them as text.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# What does not count as filling a field in: white space and the invisible format characters.
_BLANK = " \t\n\r\x0b\x0c\u00a0\u00ad\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"


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


def _text_of(field: E.Field, value: Any) -> str | None:
    """``value`` as text the store can hold, within the field's limit; None when blank."""
    if not isinstance(value, str):
        raise ValueError("expected text")
    limit = MAX_LONG_TEXT if field.kind == E.LONG_TEXT else LIMITS.get(field.kind, MAX_TEXT)
    if len(value) > limit:
        raise ValueError(f"must be at most {limit} characters")
    if BAD_CHARS.search(value):
        raise ValueError("contains a character that is not text (a control character)")
    if not value.strip(_BLANK):
        return None
    return value if field.kind == E.LONG_TEXT else value.strip()


def _is_email(text: str) -> bool:
    """name@example.com: one @, no spaces, a dot inside the domain (linear, no backtracking)."""
    local, at, domain = text.partition("@")
    if not at or not local or "@" in domain or any(ch.isspace() for ch in text):
        return False
    return "." in domain[1:-1]


def cents_from_text(text: str, currency: str | None = None) -> int:
    """Money typed by a person (``"12.500,50"``, ``"$1200"``) as minor units, the rep's way.

    One parser for the whole app: ``desktop.money.parse_amount`` (locale-aware, Decimal only).
    """
    if len(text) > 100:  # no amount is written that long; refused before any parsing
        raise ValueError("expected an amount such as 1,200.50")
    return money.parse_amount(text, currency)


def _normalize(field: E.Field, value: Any) -> Any:
    """The stored form of ``value``, or ValueError with a message for a person."""
    if value is None:
        return None
    kind = field.kind
    if kind in (E.TEXT, E.URL, E.LONG_TEXT, E.REF):
        return _text_of(field, value)
    if kind == E.EMAIL:
        text = _text_of(field, value)
        if text is not None and not _is_email(text):
            raise ValueError("expected an e-mail address such as name@example.com")
        return text
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ValueError(f"must be at most {MAX_TEXT} characters")
        if BAD_CHARS.search(value):
            raise ValueError("contains a character that is not text (a control character)")
        value = value.strip()
        if not value.strip(_BLANK):
            return None
    if kind == E.ENUM:
        if not isinstance(value, str):
            raise ValueError(
                "expected one of: " + ", ".join(c.replace("_", " ") for c in field.choices)
            )
        text = value.strip().lower().replace(" ", "_").replace("-", "_")
        if text not in field.choices:
            raise ValueError(
                "expected one of: " + ", ".join(c.replace("_", " ") for c in field.choices)
            )
        return text
    if kind in (E.INTEGER, E.PERCENT):
        number = _whole_number(value)
        low, high = field.min_value, field.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(f"expected a number from {low} to {high}")
        if abs(number) > MAX_INTEGER:
            raise ValueError(f"expected a number from {-MAX_INTEGER} to {MAX_INTEGER}")
        return number
    if kind == E.CENTS:
        if isinstance(value, bool):
            raise ValueError("expected an amount")
        if isinstance(value, str):
            cents = cents_from_text(value)
        elif isinstance(value, Decimal):
            if not value.is_finite() or abs(value) > MAX_CENTS:
                raise ValueError("expected an amount below 1000000000000")
            cents = int((value * 100).to_integral_value())
        elif isinstance(value, int):
            cents = value
        else:
            raise ValueError("expected an amount in cents (a whole number)")
        if cents < 0:
            raise ValueError("must not be negative")
        if cents > MAX_CENTS:
            raise ValueError("expected an amount below 1000000000000")
        return cents
    if kind == E.BOOL:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return 1
            if lowered in ("0", "false", "no", "off"):
                return 0
            raise ValueError("expected yes or no")
        if isinstance(value, (bool, int)) and value in (0, 1):
            return 1 if value else 0
        raise ValueError("expected yes or no")
    if kind == E.DATE:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError("expected a date such as 2026-03-31") from None
        else:
            raise ValueError("expected a date such as 2026-03-31")
        if not _EARLIEST <= day <= _LATEST:
            raise ValueError(f"expected a date between {_EARLIEST.year} and {_LATEST.year}")
        return day.isoformat()
    if kind == E.DATETIME:
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, dt.date):
            moment = dt.datetime.combine(value, dt.time())
        elif isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                raise ValueError("expected a date and time such as 2026-03-31T14:30") from None
        else:
            raise ValueError("expected a date and time such as 2026-03-31T14:30")
        # The range first: an offset at year 1 or 9999 cannot be converted to UTC.
        if not _EARLIEST <= moment.date() <= _LATEST:
            raise ValueError(f"expected a date between {_EARLIEST.year} and {_LATEST.year}")
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment.replace(microsecond=0).isoformat(timespec="seconds")
    if kind == E.CURRENCY:
        if not isinstance(value, str) or len(value) > MAX_CURRENCY:
            raise ValueError("expected a currency code such as EUR")
        return money.normalize_currency(value)
    raise AssertionError(f"unknown field kind {kind}")


def _whole_number(value: Any) -> int:
    """A whole number from an int, an integral float or Decimal, or digits; ValueError else."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():  # NaN and the infinities are not integers either
            raise ValueError("expected a whole number")
        value = Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError("expected a whole number")
        if abs(value) > MAX_INTEGER:
            raise ValueError(f"expected a number from {-MAX_INTEGER} to {MAX_INTEGER}")
        return int(value)
    if isinstance(value, str) and len(value) <= 20:
        try:
            return int(value)
        except ValueError:
            pass
    raise ValueError("expected a whole number")


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
            if value.__class__ is str and len(value) <= MAX_TEXT and not BAD_CHARS.search(value):
                return value.strip() if value.strip(_BLANK) else None
            return general(value)

        return text
    if kind == E.REF:

        def ref(value: Any) -> Any:
            if value.__class__ is str and len(value) <= MAX_REF and not BAD_CHARS.search(value):
                return value.strip() if value.strip(_BLANK) else None
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
            if value.__class__ is int and 0 <= value <= MAX_CENTS:
                return value
            return general(value)

        return cents
    return general


_EXPECTED = {
    E.TEXT: "text",
    E.LONG_TEXT: "text",
    E.URL: "a web address",
    E.EMAIL: "an e-mail address such as name@example.com",
    E.ENUM: "one of the listed choices",
    E.INTEGER: "a whole number",
    E.PERCENT: "a whole number from 0 to 100",
    E.CENTS: "an amount",
    E.BOOL: "yes or no",
    E.DATE: "a date such as 2026-03-31",
    E.DATETIME: "a date and time such as 2026-03-31T14:30",
    E.REF: "a record",
    E.CURRENCY: "a currency code such as EUR",
}


def normalize_kind(entity: E.Entity, name: str) -> str:
    return entity.field(name).kind


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
        except (TypeError, OverflowError, ArithmeticError):
            # Whatever else a value can be (a list, bytes, a number past every range).
            errors[name] = "expected " + _EXPECTED.get(normalize_kind(entity, name), "a value")
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


def check_stored(entity: E.Entity, values: dict[str, Any]) -> dict[str, Any]:
    """A whole record as another system sent it, in its stored form, or ValidationError
    naming each field that is wrong. Nothing is derived: what the CRM holds is what is checked.
    A field it left out (one its org does not have) stays out: the engine keeps our value."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    normalizers = _normalizers(entity)
    for f in entity.fields:
        if f.name not in values:
            continue
        value = values[f.name]
        try:
            clean[f.name] = normalizers[f.name](value)
        except ValueError as exc:
            errors[f.name] = str(exc)
        except (TypeError, OverflowError, ArithmeticError):
            errors[f.name] = "expected " + _EXPECTED.get(f.kind, "a value")
    for name in entity.required_fields:
        if clean.get(name) is None:
            errors.setdefault(name, "is required")
    if not errors:
        _cross_field(entity, clean, errors)
    if errors:
        raise ValidationError(errors, entity)
    return clean
