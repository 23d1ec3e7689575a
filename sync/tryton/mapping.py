"""Our fields <-> Tryton's: which model holds each table, and how each value converts.

Native Tryton fields are used where Tryton has them (party name, contact mechanisms, addresses,
the opportunity's amount and dates, the note's text); the rest come from our module
(``sync/tryton_module``). Conversions are exact: minor units <-> ``Decimal`` with the places of
the record's currency (two for EUR, none for JPY), ISO text <-> ``date``/``datetime``. A record's
currency travels as its ISO code in ``fieldbook_currency``; empty means the company's currency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop import money

TEXT, CENTS, DATE, DATETIME, BOOL, ENUM, INT, REF, PERCENT = (
    "text",
    "cents",
    "date",
    "datetime",
    "bool",
    "enum",
    "int",
    "ref",
    "percent",
)
# Values kept outside the record itself: in a contact mechanism, the first address, or the
# note's resource reference.
MECHANISM, ADDRESS, RESOURCE = "mechanism", "address", "resource"


@dataclass(frozen=True)
class FieldMap:
    ours: str
    theirs: str  # Tryton field; for MECHANISM the mechanism type, for ADDRESS the address field
    kind: str
    ref_table: str | None = None  # for REF and RESOURCE: our table referred to

    @property
    def ref_model(self) -> str:
        """The Tryton model a REF or RESOURCE field refers to."""
        if self.ref_table is None:
            raise TypeError(f"{self.ours} refers to nothing")
        return MODEL_OF[self.ref_table]


@dataclass(frozen=True)
class TableMap:
    table: str
    model: str
    fields: tuple[FieldMap, ...]
    domain: tuple = ()
    fixed: tuple[tuple[str, Any], ...] = ()  # values every create carries (e.g. the kind)
    archivable: bool = False  # Tryton archives (active=False): an archived record is deleted

    def field(self, ours: str) -> FieldMap:
        for f in self.fields:
            if f.ours == ours:
                return f
        raise KeyError(f"{self.table}.{ours} is not mapped to Tryton")

    def kind_of(self, ours: str) -> str | None:
        """The kind of our field ``ours`` (None for a local-only column)."""
        return next((f.kind for f in self.fields if f.ours == ours), None)

    def stored(self) -> list[str]:
        """Tryton fields read on the model itself."""
        return [f.theirs for f in self.fields if f.kind not in (MECHANISM, ADDRESS)]


F = FieldMap

ACCOUNTS = TableMap(
    table="accounts",
    model="party.party",
    domain=(
        ("contact_of", "=", None),
        ("OR", ("fieldbook_kind", "=", None), ("fieldbook_kind", "!=", "internal")),
    ),
    fixed=(("fieldbook_kind", "account"),),
    archivable=True,
    fields=(
        F("name", "name", TEXT),
        F("parent_id", "parent_account", REF, "accounts"),
        F("industry", "industry", TEXT),
        F("segment", "segment", TEXT),
        F("type", "account_type", ENUM),
        F("owner", "account_owner", TEXT),
        F("website", "website", MECHANISM),
        F("phone", "phone", MECHANISM),
        F("street", "street", ADDRESS),
        F("city", "city", ADDRESS),
        F("country", "country", ADDRESS),
        F("mrr_cents", "mrr", CENTS),
        F("annual_revenue_cents", "annual_revenue", CENTS),
        F("currency", "fieldbook_currency", TEXT),
        F("tier", "tier", ENUM),
        F("health", "health", ENUM),
        F("health_reason", "health_reason", TEXT),
        F("churn_risk", "churn_risk", ENUM),
        F("churn_reason", "churn_reason", TEXT),
        F("nps", "nps", INT),
        F("next_review", "next_review", DATE),
        F("description", "account_description", TEXT),
    ),
)

CONTACTS = TableMap(
    table="contacts",
    model="party.party",
    domain=(("contact_of", "!=", None),),
    fixed=(("fieldbook_kind", "contact"),),
    archivable=True,
    fields=(
        F("account_id", "contact_of", REF, "accounts"),
        F("name", "name", TEXT),
        F("title", "job_title", TEXT),
        F("email", "email", MECHANISM),
        F("phone", "phone", MECHANISM),
        F("reports_to_id", "reports_to", REF, "contacts"),
        F("role", "deal_role", ENUM),
        F("stance", "stance", ENUM),
        F("last_contacted", "last_contacted", DATE),
    ),
)

OPPORTUNITIES = TableMap(
    table="opportunities",
    model="sale.opportunity",
    fields=(
        F("account_id", "party", REF, "accounts"),
        F("name", "description", TEXT),
        F("type", "opportunity_type", ENUM),
        F("stage", "stage", ENUM),
        F("amount_cents", "amount", CENTS),
        F("mrr_cents", "mrr", CENTS),
        F("currency", "fieldbook_currency", TEXT),
        F("close_date", "end_date", DATE),
        F("probability", "conversion_probability", PERCENT),
        F("forecast_category", "forecast_category", ENUM),
        F("next_step", "next_step", TEXT),
        F("competitor", "competitor", TEXT),
    ),
)

CONTRACTS = TableMap(
    table="contracts",
    model="fieldbook.contract",
    fields=(
        F("account_id", "party", REF, "accounts"),
        F("number", "number", TEXT),
        F("start_date", "start_date", DATE),
        F("term_months", "term_months", INT),
        F("end_date", "end_date", DATE),
        F("notice_days", "notice_days", INT),
        F("auto_renew", "auto_renew", BOOL),
        F("mrr_cents", "mrr", CENTS),
        F("currency", "fieldbook_currency", TEXT),
        F("status", "status", ENUM),
    ),
)

NOTES = TableMap(
    table="notes",
    model="ir.note",
    domain=(("resource", "like", "party.party,%"),),
    fields=(
        F("account_id", "resource", RESOURCE, "accounts"),
        F("contact_id", "contact", REF, "contacts"),
        F("opportunity_id", "opportunity", REF, "opportunities"),
        F("kind", "note_kind", ENUM),
        F("title", "title", TEXT),
        F("body", "message", TEXT),
        F("occurred_at", "occurred_at", DATETIME),
        F("author", "author", TEXT),
    ),
)

TASKS = TableMap(
    table="tasks",
    model="fieldbook.task",
    fields=(
        F("account_id", "party", REF, "accounts"),
        F("contact_id", "contact", REF, "contacts"),
        F("opportunity_id", "opportunity", REF, "opportunities"),
        F("subject", "subject", TEXT),
        F("kind", "task_kind", ENUM),
        F("due_date", "due_date", DATE),
        F("priority", "priority", ENUM),
        F("status", "status", ENUM),
    ),
)

# Parents before children, as the engine pushes and pulls them.
TABLE_MAPS: dict[str, TableMap] = {
    m.table: m for m in (ACCOUNTS, CONTACTS, OPPORTUNITIES, CONTRACTS, NOTES, TASKS)
}
MODEL_OF: dict[str, str] = {t: m.model for t, m in TABLE_MAPS.items()}
TABLES_OF_MODEL: dict[str, tuple[str, ...]] = {}
for _m in TABLE_MAPS.values():
    TABLES_OF_MODEL[_m.model] = TABLES_OF_MODEL.get(_m.model, ()) + (_m.table,)

CENT = Decimal("0.01")


def has_currency(tm: TableMap) -> bool:
    """Whether ``tm``'s records carry a currency (their amounts are in it)."""
    return any(f.ours == "currency" for f in tm.fields)


def to_tryton(kind: str, value: Any, currency: str | None = None) -> Any:
    """A store value as Tryton takes it (references are resolved by the connector).

    Amounts need the record's ``currency`` (None: two decimals, as USD and EUR have).
    """
    if value is None or value == "":
        return None
    if kind == CENTS:
        return money.to_decimal(int(value), currency)
    if kind == DATE:
        return dt.date.fromisoformat(str(value)[:10])
    if kind == DATETIME:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment
    if kind == BOOL:
        return bool(int(value))
    if kind == INT:
        return int(value)
    if kind == PERCENT:
        return float(Decimal(int(value)) / 100)
    return value


def from_tryton(kind: str, value: Any, currency: str | None = None) -> Any:
    """A Tryton value in the store's form (amounts in minor units of the record's ``currency``)."""
    if value is None or value == "":
        return None if kind != BOOL else 0
    if kind == CENTS:
        return money.from_decimal(Decimal(value), currency)
    if kind == DATE:
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    if kind == DATETIME:
        if isinstance(value, dt.datetime):
            return value.replace(microsecond=0).isoformat()
        return str(value)
    if kind == BOOL:
        return 1 if value else 0
    if kind == INT:
        return int(value)
    if kind == PERCENT:
        return int(round(float(value) * 100))
    return value
