"""The test org's objects and fields, as ``describe`` reports them.

Standard fields of Account, Contact, Opportunity, Contract, Task, Event, ContentVersion and
ContentDocument (those the connector uses, plus the system fields), and Fieldbook's custom
fields as ``sync/salesforce/metadata`` deploys them: the client UUID ``Fieldbook_UUID__c`` (a
unique External ID) on every object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PREFIX = {
    "Account": "001",
    "Contact": "003",
    "Opportunity": "006",
    "Contract": "800",
    "Task": "00T",
    "Event": "00U",
    "ContentVersion": "068",
    "ContentDocument": "069",
    "User": "005",
    "RecordType": "012",
}
OBJECT_OF_PREFIX = {v: k for k, v in PREFIX.items()}


@dataclass
class FieldSpec:
    name: str
    type: str  # id string textarea picklist reference date datetime boolean double percent currency int base64
    createable: bool = True
    updateable: bool = True
    nillable: bool = True
    required: bool = False  # our validation: REQUIRED_FIELD_MISSING on create
    external_id: bool = False
    unique: bool = False
    picklist: tuple[str, ...] = ()
    restricted: bool = False
    reference_to: tuple[str, ...] = ()
    length: int = 255
    custom: bool = False

    def describe(self) -> dict:
        return {
            "name": self.name,
            "label": self.name.replace("__c", "").replace("_", " "),
            "type": self.type,
            "length": self.length if self.type in ("string", "textarea", "picklist") else 0,
            "createable": self.createable,
            "updateable": self.updateable,
            "nillable": self.nillable,
            "externalId": self.external_id,
            "unique": self.unique,
            "custom": self.custom,
            "calculated": not self.createable and not self.updateable,
            "picklistValues": [
                {
                    "active": True,
                    "defaultValue": False,
                    "label": v,
                    "validFor": None,
                    "value": v,
                }
                for v in self.picklist
            ],
            "restrictedPicklist": self.restricted,
            "referenceTo": list(self.reference_to),
            "relationshipName": (
                self.name[:-2] if self.type == "reference" and self.name.endswith("Id") else None
            ),
        }


def _system() -> list[FieldSpec]:
    ro = {"createable": False, "updateable": False}
    return [
        FieldSpec("Id", "id", nillable=False, **ro),
        FieldSpec("IsDeleted", "boolean", nillable=False, **ro),
        FieldSpec("CreatedDate", "datetime", **ro),
        FieldSpec("LastModifiedDate", "datetime", **ro),
        FieldSpec("SystemModstamp", "datetime", **ro),
        FieldSpec("OwnerId", "reference", reference_to=("User",)),
    ]


def _c(name: str, type_: str, **kw) -> FieldSpec:
    return FieldSpec(name, type_, custom=True, **kw)


UUID = _c("Fieldbook_UUID__c", "string", external_id=True, unique=True, length=36)
CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK")
CURRENCY = FieldSpec("CurrencyIsoCode", "picklist", picklist=CURRENCIES, restricted=True)


# Custom fields of Activity appear on both Task and Event (one definition, as in a real org).
ACTIVITY_CUSTOM = (
    UUID,
    _c(
        "Fieldbook_Kind__c",
        "picklist",
        picklist=("Call", "Email", "Meeting", "Follow-up"),
        restricted=True,
    ),
    _c("Fieldbook_Status__c", "picklist", picklist=("Open", "Done", "Cancelled"), restricted=True),
    _c("Fieldbook_Priority__c", "picklist", picklist=("Low", "Normal", "High"), restricted=True),
)


@dataclass
class ObjectSpec:
    name: str
    fields: list[FieldSpec] = field(default_factory=list)
    upsertable: bool = True
    # Record types besides the master: {id, name, developerName, default, values: {field: [...]}}
    record_types: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self.by_name = {f.name: f for f in self.fields}

    def describe(self) -> dict:
        return {
            "name": self.name,
            "label": self.name,
            "keyPrefix": PREFIX[self.name],
            "createable": True,
            "updateable": True,
            "deletable": True,
            "queryable": True,
            "custom": False,
            "fields": [f.describe() for f in self.fields],
            "recordTypeInfos": self.record_type_infos(),
            "urls": {
                "describe": f"/services/data/v60.0/sobjects/{self.name}/describe",
                "sobject": f"/services/data/v60.0/sobjects/{self.name}",
            },
        }

    def record_type_infos(self) -> list[dict]:
        """``recordTypeInfos`` as describe lists them: the org's record types, then the master
        (the only one, available and the default, when there are none)."""
        base = f"/services/data/v60.0/sobjects/{self.name}/describe/layouts/"
        out = [
            {
                "active": True,
                "available": True,
                "defaultRecordTypeMapping": bool(rt.get("default")),
                "developerName": rt["developerName"],
                "master": False,
                "name": rt["name"],
                "recordTypeId": rt["id"],
                "urls": {"layout": base + rt["id"]},
            }
            for rt in self.record_types
        ]
        out.append(
            {
                "active": True,
                "available": not self.record_types,
                "defaultRecordTypeMapping": not self.record_types,
                "developerName": "Master",
                "master": True,
                "name": "Master",
                "recordTypeId": MASTER_RECORD_TYPE,
                "urls": {"layout": base + MASTER_RECORD_TYPE},
            }
        )
        return out

    def default_record_type(self) -> str | None:
        return next((rt["id"] for rt in self.record_types if rt.get("default")), None)

    def values_for(self, record_type: str | None, name: str) -> tuple[str, ...]:
        """The values a record type allows for a picklist (the field's own by default)."""
        for rt in self.record_types:
            if rt["id"] == record_type and name in rt.get("values", {}):
                return tuple(rt["values"][name])
        f = self.by_name.get(name)
        return f.picklist if f else ()


MASTER_RECORD_TYPE = "012000000000000AAA"
F = FieldSpec
ORG = {
    o.name: o
    for o in (
        ObjectSpec(
            "Account",
            _system()
            + [
                F("Name", "string", nillable=False, required=True),
                F("ParentId", "reference", reference_to=("Account",)),
                F("Industry", "string"),
                F(
                    "Type",
                    "picklist",
                    picklist=(
                        "Prospect",
                        "Customer - Direct",
                        "Customer - Channel",
                        "Channel Partner / Reseller",
                        "Installation Partner",
                        "Technology Partner",
                        "Other",
                    ),
                ),
                F("Website", "url"),
                F("Phone", "phone"),
                F("BillingStreet", "textarea"),
                F("BillingCity", "string"),
                F("BillingCountry", "string"),
                F("AnnualRevenue", "currency"),
                F("Description", "textarea", length=32000),
                CURRENCY,
                UUID,
                _c("Fieldbook_Segment__c", "string"),
                _c("Fieldbook_Owner__c", "string"),
                _c("Fieldbook_MRR__c", "currency"),
                _c(
                    "Fieldbook_Tier__c",
                    "picklist",
                    picklist=("Strategic", "Enterprise", "Growth", "Standard"),
                    restricted=True,
                ),
                _c(
                    "Fieldbook_Health__c",
                    "picklist",
                    picklist=("Green", "Amber", "Red"),
                    restricted=True,
                ),
                _c("Fieldbook_Health_Reason__c", "textarea"),
                _c(
                    "Fieldbook_Churn_Risk__c",
                    "picklist",
                    picklist=("None", "Low", "Medium", "High"),
                    restricted=True,
                ),
                _c("Fieldbook_Churn_Reason__c", "textarea"),
                _c("Fieldbook_NPS__c", "double"),
                _c("Fieldbook_Next_Review__c", "date"),
            ],
        ),
        ObjectSpec(
            "Contact",
            _system()
            + [
                F("AccountId", "reference", reference_to=("Account",)),
                F("FirstName", "string"),
                F("LastName", "string", nillable=False, required=True),
                F("Name", "string", createable=False, updateable=False),
                F("Title", "string"),
                F("Email", "email"),
                F("Phone", "phone"),
                F("ReportsToId", "reference", reference_to=("Contact",)),
                UUID,
                _c(
                    "Fieldbook_Role__c",
                    "picklist",
                    picklist=(
                        "Economic Buyer",
                        "Decision Maker",
                        "Champion",
                        "Influencer",
                        "User",
                        "Blocker",
                    ),
                    restricted=True,
                ),
                _c(
                    "Fieldbook_Stance__c",
                    "picklist",
                    picklist=("Supporter", "Neutral", "Detractor"),
                    restricted=True,
                ),
                _c("Fieldbook_Last_Contacted__c", "date"),
            ],
        ),
        ObjectSpec(
            "Opportunity",
            _system()
            + [
                F("AccountId", "reference", reference_to=("Account",)),
                F("Name", "string", nillable=False, required=True),
                F(
                    "Type",
                    "picklist",
                    picklist=(
                        "New Business",
                        "Existing Customer - Upgrade",
                        "Existing Customer - Replacement",
                        "Existing Customer - Downgrade",
                    ),
                ),
                F(
                    "StageName",
                    "picklist",
                    nillable=False,
                    required=True,
                    restricted=True,
                    picklist=(
                        "Prospecting",
                        "Qualification",
                        "Needs Analysis",
                        "Value Proposition",
                        "Id. Decision Makers",
                        "Perception Analysis",
                        "Proposal/Price Quote",
                        "Negotiation/Review",
                        "Closed Won",
                        "Closed Lost",
                    ),
                ),
                F("Amount", "currency"),
                F("CloseDate", "date", nillable=False, required=True),
                F("Probability", "percent"),
                F(
                    "ForecastCategoryName",
                    "picklist",
                    restricted=True,
                    picklist=("Omitted", "Pipeline", "Best Case", "Commit", "Closed"),
                ),
                F("NextStep", "string"),
                CURRENCY,
                UUID,
                _c("Fieldbook_MRR__c", "currency"),
                _c("Fieldbook_Competitor__c", "string"),
            ],
        ),
        ObjectSpec(
            "Contract",
            _system()
            + [
                F("AccountId", "reference", reference_to=("Account",), required=True),
                F("ContractNumber", "string", createable=False, updateable=False),
                F("StartDate", "date"),
                F("ContractTerm", "int"),
                # Computed from StartDate and ContractTerm in this org: read-only.
                F("EndDate", "date", createable=False, updateable=False),
                F(
                    "Status",
                    "picklist",
                    restricted=True,
                    picklist=("Draft", "In Approval Process", "Activated", "Expired", "Terminated"),
                ),
                F("OwnerExpirationNotice", "picklist", picklist=("15", "30", "45", "60", "90")),
                CURRENCY,
                UUID,
                _c("Fieldbook_Number__c", "string"),
                _c("Fieldbook_Notice_Days__c", "double"),
                _c("Fieldbook_Auto_Renew__c", "boolean", nillable=False),
                _c("Fieldbook_MRR__c", "currency"),
            ],
        ),
        ObjectSpec(
            "Task",
            _system()
            + [
                F("Subject", "string", required=True),
                F("ActivityDate", "date"),
                F(
                    "Status",
                    "picklist",
                    restricted=True,
                    picklist=("Not Started", "In Progress", "Completed", "Deferred"),
                ),
                F("Priority", "picklist", restricted=True, picklist=("Low", "Normal", "High")),
                F("WhatId", "reference", reference_to=("Account", "Opportunity", "Contract")),
                F("WhoId", "reference", reference_to=("Contact",)),
                F(
                    "AccountId",
                    "reference",
                    reference_to=("Account",),
                    createable=False,
                    updateable=False,
                ),
                F(
                    "TaskSubtype",
                    "picklist",
                    picklist=("Task", "Email", "Call", "ListEmail"),
                    updateable=False,
                ),
                *ACTIVITY_CUSTOM,
            ],
        ),
        ObjectSpec(
            "Event",
            _system()
            + [
                F("Subject", "string"),
                # An all-day event's date; a timed one's is derived from ActivityDateTime.
                F("ActivityDate", "date"),
                F("ActivityDateTime", "datetime"),
                F("StartDateTime", "datetime"),
                F("EndDateTime", "datetime"),
                F("EndDate", "date", createable=False, updateable=False),
                F("DurationInMinutes", "int"),
                F("IsAllDayEvent", "boolean", nillable=False),
                F("Description", "textarea", length=32000),
                F("Location", "string"),
                F("WhatId", "reference", reference_to=("Account", "Opportunity", "Contract")),
                F("WhoId", "reference", reference_to=("Contact",)),
                F(
                    "AccountId",
                    "reference",
                    reference_to=("Account",),
                    createable=False,
                    updateable=False,
                ),
                F(
                    "EventSubtype",
                    "picklist",
                    picklist=("Event",),
                    createable=False,
                    updateable=False,
                ),
                *ACTIVITY_CUSTOM,
            ],
        ),
        ObjectSpec(
            "ContentVersion",
            _system()
            + [
                F("Title", "string", required=True),
                F("PathOnClient", "string", updateable=False, required=True),
                F("VersionData", "base64", updateable=False, required=True),
                F("FileType", "string", createable=False, updateable=False),
                F(
                    "ContentDocumentId",
                    "reference",
                    reference_to=("ContentDocument",),
                    updateable=False,
                ),
                F(
                    "FirstPublishLocationId",
                    "reference",
                    reference_to=("Account", "Opportunity", "Contact"),
                    updateable=False,
                ),
                F("IsLatest", "boolean", createable=False, updateable=False),
                F("ReasonForChange", "string"),
                # Not unique: every version of a note carries its note's client UUID.
                _c("Fieldbook_UUID__c", "string", external_id=True, length=36),
                _c(
                    "Fieldbook_Kind__c",
                    "picklist",
                    restricted=True,
                    picklist=("Meeting", "Call", "Email", "Business Review", "General"),
                ),
                _c("Fieldbook_Contact__c", "reference", reference_to=("Contact",)),
                _c("Fieldbook_Opportunity__c", "reference", reference_to=("Opportunity",)),
                _c("Fieldbook_Occurred_At__c", "datetime"),
                _c("Fieldbook_Author__c", "string"),
                # The note's text again, so a pull reads it inline (VersionData is a blob URL).
                _c("Fieldbook_Body__c", "textarea", length=131072),
            ],
            upsertable=False,
        ),
        ObjectSpec(
            "ContentDocument",
            _system()
            + [
                F("Title", "string"),
                F("LatestPublishedVersionId", "reference", reference_to=("ContentVersion",)),
            ],
            upsertable=False,
        ),
    )
}
