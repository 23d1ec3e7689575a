"""What the store holds, described once: each entity, its fields, their kinds and allowed values.

Validation, forms, sync field mapping and the demo generator all read these specs, so a field
is added in one place. The SQL schema itself lives in ``schema.py`` as frozen migrations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

TEXT = "text"
LONG_TEXT = "long_text"
INTEGER = "integer"
CENTS = "cents"  # money as integer minor units of the record's currency (cents; yen for JPY)
CURRENCY = "currency"  # ISO 4217 code (EUR); empty: the CRM company's currency
PERCENT = "percent"  # integer 0..100
DATE = "date"  # ISO yyyy-mm-dd
DATETIME = "datetime"  # ISO yyyy-mm-ddThh:mm:ss (UTC, no offset)
BOOL = "bool"  # 0 / 1
ENUM = "enum"
EMAIL = "email"
URL = "url"
REF = "ref"  # id of another entity's row


@dataclass(frozen=True)
class Field:
    """One column a rep can see or edit."""

    name: str
    kind: str
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # table referred to, for REF
    on_delete: str = "nullify"  # for REF: what deleting the referred row does: cascade | nullify
    min_value: int | None = None
    max_value: int | None = None

    @property
    def target(self) -> str:
        """The table a REF field refers to (every REF names one; typed for the checker)."""
        if self.ref is None:
            raise TypeError(f"{self.name} is not a reference")
        return self.ref


@dataclass(frozen=True)
class Entity:
    """A table of the book of business."""

    table: str
    singular: str
    plural: str
    title_field: str
    fields: tuple[Field, ...]
    parent_table: str | None = None  # the record this one belongs to, pushed before it
    extra: dict = field(default_factory=dict)

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def fields_by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field:
        try:
            return self.fields_by_name[name]
        except KeyError:
            raise KeyError(f"{self.table} has no field {name!r}") from None

    def has_field(self, name: str) -> bool:
        return name in self.fields_by_name

    @cached_property
    def _refs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == REF)

    def refs(self) -> tuple[Field, ...]:
        return self._refs


ACCOUNT_TYPES = ("customer", "prospect", "partner")
TIERS = ("strategic", "enterprise", "growth", "standard")
HEALTH = ("green", "amber", "red")
CHURN_RISK = ("none", "low", "medium", "high")
CONTACT_ROLES = (
    "economic_buyer",
    "decision_maker",
    "champion",
    "influencer",
    "user",
    "blocker",
)
STANCES = ("supporter", "neutral", "detractor")
NOTE_KINDS = ("meeting", "call", "email", "business_review", "general")
OPPORTUNITY_TYPES = ("new_business", "upsell", "cross_sell", "renewal")
STAGES = (
    "prospecting",
    "qualification",
    "discovery",
    "proposal",
    "negotiation",
    "closed_won",
    "closed_lost",
)
OPEN_STAGES = STAGES[:5]
CLOSED_STAGES = STAGES[5:]
FORECAST_CATEGORIES = ("pipeline", "best_case", "commit", "closed", "omitted")
CONTRACT_STATUSES = ("draft", "active", "expired", "terminated")
TASK_KINDS = ("call", "email", "meeting", "follow_up")
PRIORITIES = ("low", "normal", "high")
TASK_STATUSES = ("open", "done", "cancelled")

# Default probability for each stage, used when a stage changes and the rep has not set one.
STAGE_PROBABILITY = {
    "prospecting": 10,
    "qualification": 20,
    "discovery": 40,
    "proposal": 60,
    "negotiation": 80,
    "closed_won": 100,
    "closed_lost": 0,
}

ACCOUNT = Entity(
    table="accounts",
    singular="account",
    plural="accounts",
    title_field="name",
    fields=(
        Field("name", TEXT, "Name", required=True),
        Field("parent_id", REF, "Parent account", ref="accounts", on_delete="nullify"),
        Field("industry", TEXT, "Industry"),
        Field("segment", TEXT, "Segment"),
        Field("type", ENUM, "Type", choices=ACCOUNT_TYPES),
        Field("owner", TEXT, "Owner"),
        Field("website", URL, "Website"),
        Field("phone", TEXT, "Phone"),
        Field("street", TEXT, "Street"),
        Field("city", TEXT, "City"),
        Field("country", TEXT, "Country"),
        Field("mrr_cents", CENTS, "MRR"),
        Field("annual_revenue_cents", CENTS, "Annual revenue"),
        Field("currency", CURRENCY, "Currency"),
        Field("tier", ENUM, "Tier", choices=TIERS),
        Field("health", ENUM, "Health", choices=HEALTH),
        Field("health_reason", TEXT, "Health reason"),
        Field("churn_risk", ENUM, "Churn risk", choices=CHURN_RISK),
        Field("churn_reason", TEXT, "Churn risk reason"),
        Field("nps", INTEGER, "NPS", min_value=-100, max_value=100),
        Field("next_review", DATE, "Next business review"),
        Field("description", LONG_TEXT, "Description"),
    ),
)

CONTACT = Entity(
    table="contacts",
    singular="contact",
    plural="contacts",
    title_field="name",
    parent_table="accounts",
    fields=(
        Field("account_id", REF, "Account", required=True, ref="accounts", on_delete="cascade"),
        Field("name", TEXT, "Name", required=True),
        Field("title", TEXT, "Title"),
        Field("email", EMAIL, "E-mail"),
        Field("phone", TEXT, "Phone"),
        Field("reports_to_id", REF, "Reports to", ref="contacts", on_delete="nullify"),
        Field("role", ENUM, "Role in the deal", choices=CONTACT_ROLES),
        Field("stance", ENUM, "Stance", choices=STANCES),
        Field("last_contacted", DATE, "Last contacted"),
    ),
)

OPPORTUNITY = Entity(
    table="opportunities",
    singular="opportunity",
    plural="opportunities",
    title_field="name",
    parent_table="accounts",
    fields=(
        Field("account_id", REF, "Account", required=True, ref="accounts", on_delete="cascade"),
        Field("name", TEXT, "Name", required=True),
        Field("type", ENUM, "Type", choices=OPPORTUNITY_TYPES),
        Field("stage", ENUM, "Stage", required=True, choices=STAGES),
        Field("amount_cents", CENTS, "Amount"),
        Field("mrr_cents", CENTS, "MRR"),
        Field("currency", CURRENCY, "Currency"),
        Field("close_date", DATE, "Close date"),
        Field("probability", PERCENT, "Probability", min_value=0, max_value=100),
        Field("forecast_category", ENUM, "Forecast category", choices=FORECAST_CATEGORIES),
        Field("next_step", TEXT, "Next step"),
        Field("competitor", TEXT, "Competitor"),
    ),
)

NOTE = Entity(
    table="notes",
    singular="note",
    plural="notes",
    title_field="title",
    parent_table="accounts",
    fields=(
        Field("account_id", REF, "Account", required=True, ref="accounts", on_delete="cascade"),
        Field("contact_id", REF, "Contact", ref="contacts", on_delete="nullify"),
        Field("opportunity_id", REF, "Opportunity", ref="opportunities", on_delete="nullify"),
        Field("kind", ENUM, "Kind", required=True, choices=NOTE_KINDS),
        Field("title", TEXT, "Title", required=True),
        Field("body", LONG_TEXT, "Body"),
        Field("occurred_at", DATETIME, "When", required=True),
        Field("author", TEXT, "Author"),
    ),
)

CONTRACT = Entity(
    table="contracts",
    singular="contract",
    plural="contracts",
    title_field="number",
    parent_table="accounts",
    fields=(
        Field("account_id", REF, "Account", required=True, ref="accounts", on_delete="cascade"),
        Field("number", TEXT, "Number", required=True),
        Field("start_date", DATE, "Start date", required=True),
        Field("term_months", INTEGER, "Term (months)", min_value=1, max_value=240),
        Field("end_date", DATE, "End date"),
        Field("notice_days", INTEGER, "Notice period (days)", min_value=0, max_value=730),
        Field("auto_renew", BOOL, "Auto-renew"),
        Field("mrr_cents", CENTS, "MRR"),
        Field("currency", CURRENCY, "Currency"),
        Field("status", ENUM, "Status", choices=CONTRACT_STATUSES),
    ),
)

TASK = Entity(
    table="tasks",
    singular="task",
    plural="tasks",
    title_field="subject",
    parent_table="accounts",
    fields=(
        Field("account_id", REF, "Account", required=True, ref="accounts", on_delete="cascade"),
        Field("contact_id", REF, "Contact", ref="contacts", on_delete="nullify"),
        Field("opportunity_id", REF, "Opportunity", ref="opportunities", on_delete="nullify"),
        Field("subject", TEXT, "Subject", required=True),
        Field("kind", ENUM, "Kind", choices=TASK_KINDS),
        Field("due_date", DATE, "Due date"),
        Field("priority", ENUM, "Priority", choices=PRIORITIES),
        Field("status", ENUM, "Status", required=True, choices=TASK_STATUSES),
    ),
)

# Parents before children: the order creates are pushed in (deletes go the other way).
ENTITIES: tuple[Entity, ...] = (ACCOUNT, CONTACT, OPPORTUNITY, CONTRACT, NOTE, TASK)
BY_TABLE: dict[str, Entity] = {e.table: e for e in ENTITIES}
TABLES: tuple[str, ...] = tuple(e.table for e in ENTITIES)


def entity(table: str) -> Entity:
    """The spec of ``table``; raises KeyError naming the table when it is not one of ours."""
    try:
        return BY_TABLE[table]
    except KeyError:
        raise KeyError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}") from None


def referrers(table: str) -> list[tuple[Entity, Field]]:
    """Every (entity, field) that refers to rows of ``table``."""
    return [(e, f) for e in ENTITIES for f in e.refs() if f.ref == table]
