"""Our fields <-> Salesforce's: which sObject holds each table and how each value converts.

Standard fields where Salesforce has them; the rest are Fieldbook's custom fields
(``metadata/``), mapped only where the org's ``describe`` shows them. Picklist values are ours
on one side and the org's on the other (``values``); a value the org lacks is refused per record.

Special cases (see ``docs/salesforce.md``):
- a contact's name is written as ``LastName`` (``FirstName`` cleared) and read from ``Name``;
- a task refers to its opportunity, or else its account, with ``WhatId``, and to its contact with
  ``WhoId``; its account is read from ``AccountId``, which Salesforce derives from them;
- a note is the latest ``ContentVersion`` of a ContentNote (``FileType`` SNOTE) published to its
  account, its text in ``VersionData``;
- a task of kind "meeting" is an ``Event`` (``EVENTS``), every other task a ``Task``: one table,
  two sObjects (``maps_of``), each with its own pull cursor (``cursor_key``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop import money

TEXT, CENTS, DATE, DATETIME, BOOL, ENUM, INT, REF, PERCENT, CURRENCY = (
    "text",
    "cents",
    "date",
    "datetime",
    "bool",
    "enum",
    "int",
    "ref",
    "percent",
    "currency",
)
UUID_FIELD = "Fieldbook_UUID__c"
BODY_FIELD = "Fieldbook_Body__c"  # a note's text inline (optional; else read from VersionData)


@dataclass(frozen=True)
class FieldMap:
    ours: str
    theirs: str
    kind: str
    ref_table: str | None = None
    values: tuple[tuple[str, str], ...] = ()  # (ours, theirs) for picklists
    read_only_ok: bool = False  # computed by Salesforce (EndDate): read it, never write it

    def to_theirs(self, value: str, allowed: set[str] | None = None) -> str | None:
        """The org's value for ours: the first candidate the org has (``allowed``)."""
        candidates = [t for o, t in self.values if o == value]
        for theirs in candidates:
            if allowed is None or theirs in allowed:
                return theirs
        return candidates[0] if candidates else None

    def to_ours(self, value: str) -> str | None:
        return {t: o for o, t in reversed(self.values)}.get(value)


@dataclass(frozen=True)
class TableMap:
    table: str
    sobject: str
    fields: tuple[FieldMap, ...]
    extra_read: tuple[str, ...] = ()  # Salesforce fields read for special cases
    upsert: bool = True
    key: str = ""  # the pull cursor's key when a second sObject shares the table (Event)

    def field(self, ours: str) -> FieldMap | None:
        return next((f for f in self.fields if f.ours == ours), None)

    @property
    def cursor_key(self) -> str:
        return self.key or self.table


def _pairs(*names: str, labels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(zip(names, labels, strict=True))


F = FieldMap
ACCOUNTS = TableMap(
    "accounts",
    "Account",
    (
        F("name", "Name", TEXT),
        F("parent_id", "ParentId", REF, "accounts"),
        F("industry", "Industry", TEXT),
        F("segment", "Fieldbook_Segment__c", TEXT),
        F(
            "type",
            "Type",
            ENUM,
            values=(
                ("customer", "Customer - Direct"),
                ("customer", "Customer - Channel"),
                ("prospect", "Prospect"),
                ("partner", "Channel Partner / Reseller"),
                ("partner", "Installation Partner"),
                ("partner", "Technology Partner"),
            ),
        ),
        F("owner", "Fieldbook_Owner__c", TEXT),
        F("website", "Website", TEXT),
        F("phone", "Phone", TEXT),
        F("street", "BillingStreet", TEXT),
        F("city", "BillingCity", TEXT),
        F("country", "BillingCountry", TEXT),
        F("mrr_cents", "Fieldbook_MRR__c", CENTS),
        F("annual_revenue_cents", "AnnualRevenue", CENTS),
        F("currency", "CurrencyIsoCode", CURRENCY),
        F(
            "tier",
            "Fieldbook_Tier__c",
            ENUM,
            values=_pairs(
                "strategic",
                "enterprise",
                "growth",
                "standard",
                labels=("Strategic", "Enterprise", "Growth", "Standard"),
            ),
        ),
        F(
            "health",
            "Fieldbook_Health__c",
            ENUM,
            values=_pairs("green", "amber", "red", labels=("Green", "Amber", "Red")),
        ),
        F("health_reason", "Fieldbook_Health_Reason__c", TEXT),
        F(
            "churn_risk",
            "Fieldbook_Churn_Risk__c",
            ENUM,
            values=_pairs(
                "none", "low", "medium", "high", labels=("None", "Low", "Medium", "High")
            ),
        ),
        F("churn_reason", "Fieldbook_Churn_Reason__c", TEXT),
        F("nps", "Fieldbook_NPS__c", INT),
        F("next_review", "Fieldbook_Next_Review__c", DATE),
        F("description", "Description", TEXT),
    ),
)
CONTACTS = TableMap(
    "contacts",
    "Contact",
    (
        F("account_id", "AccountId", REF, "accounts"),
        F("name", "LastName", TEXT),  # read from Name (see module doc)
        F("title", "Title", TEXT),
        F("email", "Email", TEXT),
        F("phone", "Phone", TEXT),
        F("reports_to_id", "ReportsToId", REF, "contacts"),
        F(
            "role",
            "Fieldbook_Role__c",
            ENUM,
            values=_pairs(
                "economic_buyer",
                "decision_maker",
                "champion",
                "influencer",
                "user",
                "blocker",
                labels=(
                    "Economic Buyer",
                    "Decision Maker",
                    "Champion",
                    "Influencer",
                    "User",
                    "Blocker",
                ),
            ),
        ),
        F(
            "stance",
            "Fieldbook_Stance__c",
            ENUM,
            values=_pairs(
                "supporter", "neutral", "detractor", labels=("Supporter", "Neutral", "Detractor")
            ),
        ),
        F("last_contacted", "Fieldbook_Last_Contacted__c", DATE),
    ),
    extra_read=("Name", "FirstName"),
)
OPPORTUNITIES = TableMap(
    "opportunities",
    "Opportunity",
    (
        F("account_id", "AccountId", REF, "accounts"),
        F("name", "Name", TEXT),
        F(
            "type",
            "Type",
            ENUM,
            values=(
                ("new_business", "New Business"),
                ("upsell", "Existing Customer - Upgrade"),
                ("cross_sell", "Existing Customer - Replacement"),
                ("renewal", "Existing Customer - Renewal"),
                ("renewal", "Renewal"),
                ("renewal", "Existing Customer - Downgrade"),
            ),
        ),
        F(
            "stage",
            "StageName",
            ENUM,
            values=(
                ("prospecting", "Prospecting"),
                ("qualification", "Qualification"),
                ("discovery", "Needs Analysis"),
                ("discovery", "Value Proposition"),
                ("discovery", "Id. Decision Makers"),
                ("discovery", "Perception Analysis"),
                ("proposal", "Proposal/Price Quote"),
                ("negotiation", "Negotiation/Review"),
                ("closed_won", "Closed Won"),
                ("closed_lost", "Closed Lost"),
            ),
        ),
        F("amount_cents", "Amount", CENTS),
        F("mrr_cents", "Fieldbook_MRR__c", CENTS),
        F("currency", "CurrencyIsoCode", CURRENCY),
        F("close_date", "CloseDate", DATE),
        F("probability", "Probability", PERCENT),
        F(
            "forecast_category",
            "ForecastCategoryName",
            ENUM,
            values=_pairs(
                "pipeline",
                "best_case",
                "commit",
                "closed",
                "omitted",
                labels=("Pipeline", "Best Case", "Commit", "Closed", "Omitted"),
            ),
        ),
        F("next_step", "NextStep", TEXT),
        F("competitor", "Fieldbook_Competitor__c", TEXT),
    ),
)
CONTRACTS = TableMap(
    "contracts",
    "Contract",
    (
        F("account_id", "AccountId", REF, "accounts"),
        F("number", "Fieldbook_Number__c", TEXT),  # ContractNumber is an auto-number
        F("start_date", "StartDate", DATE),
        F("term_months", "ContractTerm", INT),
        F("end_date", "EndDate", DATE, read_only_ok=True),
        F("notice_days", "Fieldbook_Notice_Days__c", INT),  # not OwnerExpirationNotice
        F("auto_renew", "Fieldbook_Auto_Renew__c", BOOL),
        F("mrr_cents", "Fieldbook_MRR__c", CENTS),
        F("currency", "CurrencyIsoCode", CURRENCY),
        F(
            "status",
            "Status",
            ENUM,
            values=(
                ("draft", "Draft"),
                ("draft", "In Approval Process"),
                ("active", "Activated"),
                ("expired", "Expired"),
                ("terminated", "Terminated"),
            ),
        ),
    ),
)
NOTES = TableMap(
    "notes",
    "ContentVersion",
    (
        F("account_id", "FirstPublishLocationId", REF, "accounts"),
        F("contact_id", "Fieldbook_Contact__c", REF, "contacts"),
        F("opportunity_id", "Fieldbook_Opportunity__c", REF, "opportunities"),
        F(
            "kind",
            "Fieldbook_Kind__c",
            ENUM,
            values=_pairs(
                "meeting",
                "call",
                "email",
                "business_review",
                "general",
                labels=("Meeting", "Call", "Email", "Business Review", "General"),
            ),
        ),
        F("title", "Title", TEXT),
        F("body", "VersionData", TEXT),  # fetched from the version's VersionData URL
        F("occurred_at", "Fieldbook_Occurred_At__c", DATETIME),
        F("author", "Fieldbook_Author__c", TEXT),
    ),
    extra_read=("ContentDocumentId", "IsLatest", "FileType", "Fieldbook_Body__c"),
    upsert=False,
)

_PRIORITIES = _pairs("low", "normal", "high", labels=("Low", "Normal", "High"))
TASKS = TableMap(
    "tasks",
    "Task",
    (
        F("account_id", "AccountId", REF, "accounts"),  # derived; written through WhatId
        F("contact_id", "WhoId", REF, "contacts"),
        F("opportunity_id", "WhatId", REF, "opportunities"),
        F("subject", "Subject", TEXT),
        F(
            "kind",
            "Fieldbook_Kind__c",
            ENUM,
            values=_pairs(
                "call",
                "email",
                "meeting",
                "follow_up",
                labels=("Call", "Email", "Meeting", "Follow-up"),
            ),
        ),
        F("due_date", "ActivityDate", DATE),
        F(
            "priority",
            "Priority",
            ENUM,
            values=_PRIORITIES,
        ),
        F(
            "status",
            "Status",
            ENUM,
            values=(
                ("open", "Not Started"),
                ("open", "In Progress"),
                ("open", "Waiting on someone else"),
                ("done", "Completed"),
                ("cancelled", "Deferred"),
            ),
        ),
    ),
    extra_read=("CreatedDate",),  # which row is newer when a move was left half-done
)

MEETING = "meeting"
_TASK_KINDS = next(f.values for f in TASKS.fields if f.ours == "kind")
# A meeting: an all-day Event on its due date (Fieldbook's tasks have a date, not a time); an
# Event made in Salesforce with a time reads its date from ActivityDate. Event has no Status or
# Priority: Fieldbook's go in Activity custom fields (on Task they stay unused).
EVENTS = TableMap(
    "tasks",
    "Event",
    (
        F("account_id", "AccountId", REF, "accounts"),  # derived; written through WhatId
        F("contact_id", "WhoId", REF, "contacts"),
        F("opportunity_id", "WhatId", REF, "opportunities"),
        F("subject", "Subject", TEXT),
        F("kind", "Fieldbook_Kind__c", ENUM, values=_TASK_KINDS),
        F("due_date", "ActivityDate", DATE),
        F(
            "priority",
            "Fieldbook_Priority__c",
            ENUM,
            values=_PRIORITIES,
        ),
        F(
            "status",
            "Fieldbook_Status__c",
            ENUM,
            values=_pairs("open", "done", "cancelled", labels=("Open", "Done", "Cancelled")),
        ),
    ),
    extra_read=("IsAllDayEvent", "ActivityDateTime", "DurationInMinutes", "CreatedDate"),
    key="tasks.Event",
)

# Parents before children, as the engine pushes and pulls them.
TABLE_MAPS: dict[str, TableMap] = {
    m.table: m for m in (ACCOUNTS, CONTACTS, OPPORTUNITIES, CONTRACTS, NOTES, TASKS)
}
SOBJECT_MAPS: tuple[TableMap, ...] = (*TABLE_MAPS.values(), EVENTS)  # in pull order
TABLE_OF_SOBJECT = {m.sobject: m.table for m in SOBJECT_MAPS}


def maps_of(table: str) -> tuple[TableMap, ...]:
    """The sObjects that hold ``table``'s records (tasks: Task and Event)."""
    return tuple(m for m in SOBJECT_MAPS if m.table == table)


def map_for_kind(kind: Any) -> TableMap:
    """Where a task of this kind lives: a meeting is an Event, the rest are Tasks."""
    return EVENTS if kind == MEETING else TASKS


SYSTEM_FIELDS = ("Id", "IsDeleted", "LastModifiedDate", "SystemModstamp", UUID_FIELD)


def to_salesforce(
    f: FieldMap, value: Any, currency: str | None, allowed: set[str] | None = None
) -> Any:
    """A store value as Salesforce takes it (references are resolved by the connector)."""
    if value is None or value == "":
        return False if f.kind == BOOL else None
    if f.kind == CENTS:
        return float(money.to_decimal(int(value), currency))
    if f.kind == DATETIME:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
    if f.kind == DATE:
        return str(value)[:10]
    if f.kind == BOOL:
        return bool(int(value))
    if f.kind in (INT, PERCENT):
        return int(value)
    if f.kind == ENUM:
        return f.to_theirs(str(value), allowed)
    return value


def from_salesforce(f: FieldMap, value: Any, currency: str | None) -> Any:
    """A Salesforce value in the store's form; raises ValueError when it has no such form."""
    if value is None or value == "":
        return 0 if f.kind == BOOL else None
    if f.kind == CENTS:
        return money.from_decimal(Decimal(str(value)), currency)
    if f.kind == DATETIME:
        text = str(value)
        if text.endswith("+0000"):
            text = text[:-5]
        moment = dt.datetime.fromisoformat(text.replace("Z", ""))
        return moment.replace(microsecond=0, tzinfo=None).isoformat()
    if f.kind == DATE:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    if f.kind == BOOL:
        if not isinstance(value, bool):
            raise ValueError(f"{f.theirs}: expected true or false")
        return 1 if value else 0
    if f.kind in (INT, PERCENT):
        return int(round(float(value)))
    if f.kind == ENUM:
        return f.to_ours(str(value))
    if not isinstance(value, str):
        raise ValueError(f"{f.theirs}: expected text")
    return value
