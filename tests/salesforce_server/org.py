"""The test org's data: records, the recycle bin, validation, limits, tokens and fault switches.

Everything here is guarded by one lock (the HTTP server is threaded). Time is the org's own
clock: real time plus ``offset`` (tests move it forward to purge the recycle bin after 15 days).
"""

from __future__ import annotations

import base64
import calendar
import copy
import datetime as dt
import hashlib
import itertools
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from . import soql
from .schema import OBJECT_OF_PREFIX, ORG, PREFIX, FieldSpec, ObjectSpec

RECYCLE_DAYS = 15
PAGE_SIZE = 2000
USER_ID = "005000000000001AAA"
ORG_ID = "00D000000000001EAA"

STAGE_DEFAULTS = {  # probability, forecast category, as a standard org sets them
    "Prospecting": (10, "Pipeline"),
    "Qualification": (20, "Pipeline"),
    "Needs Analysis": (20, "Pipeline"),
    "Value Proposition": (50, "Pipeline"),
    "Id. Decision Makers": (60, "Pipeline"),
    "Perception Analysis": (70, "Pipeline"),
    "Proposal/Price Quote": (75, "Best Case"),
    "Negotiation/Review": (90, "Commit"),
    "Closed Won": (100, "Closed"),
    "Closed Lost": (0, "Omitted"),
}


def stamp(moment: dt.datetime) -> str:
    """Salesforce's datetime form: second resolution, ``.000+0000``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


class RecordError(Exception):
    def __init__(self, code: str, message: str, fields: list[str] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or []

    def as_error(self) -> dict:
        return {"statusCode": self.code, "message": self.message, "fields": self.fields}


@dataclass
class Faults:
    """Switches a test flips to make the org misbehave."""

    lock_rows: int = 0  # the next N records written fail with UNABLE_TO_LOCK_ROW
    rate_limited: int = 0  # the next N REST calls get 403 REQUEST_LIMIT_EXCEEDED
    unavailable: int = 0  # the next N REST calls get 503 with Retry-After
    retry_after: int = 2
    reject_value: dict[str, str] = field(default_factory=dict)  # field -> value a rule refuses
    activity_unique_shared: bool = False  # one unique index on the UUID over Task and Event


@dataclass
class Org:
    offset: float = 0.0
    api_max: int = 100_000
    api_used: int = 0
    page_size: int = PAGE_SIZE
    client_id: str = "fieldbook-test-consumer-key"
    callbacks: set[str] = field(default_factory=set)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    codes: dict[str, dict] = field(default_factory=dict)
    access: dict[str, float] = field(default_factory=dict)  # token -> issued at
    refresh: set[str] = field(default_factory=set)
    cursors: dict[str, list[str]] = field(default_factory=dict)
    purged_before: dt.datetime | None = None
    base_url: str = ""

    def __post_init__(self):
        self.lock = threading.RLock()
        self.specs = copy.deepcopy(ORG)  # this org's own (record types are installed per org)
        self.reindex()
        self._seq = itertools.count(1)
        self.started = self.now()
        self._last_tick = self.started

    # -- indexes (the org answers a 100k-record book in the bench) -------------------------

    def reindex(self) -> None:
        self.of_type: dict[str, dict[str, dict]] = {}
        self.by_uuid: dict[tuple[str, str], set[str]] = {}
        self.deleted: set[str] = set()
        for row in self.records.values():
            self._index(row)

    def _index(self, row: dict[str, Any]) -> None:
        self.of_type.setdefault(row["_type"], {})[row["Id"]] = row
        if row.get("Fieldbook_UUID__c"):
            self.by_uuid.setdefault((row["_type"], row["Fieldbook_UUID__c"]), set()).add(row["Id"])
        if row["IsDeleted"]:
            self.deleted.add(row["Id"])

    def add(self, row: dict[str, Any]) -> None:
        self.records[row["Id"]] = row
        self._index(row)

    def with_uuid(self, sobject: str, uuid: str) -> list[dict[str, Any]]:
        ids = self.by_uuid.get((sobject, uuid), ())
        return [self.records[i] for i in ids if i in self.records]

    # -- time ------------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        return (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.offset)).replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.offset += seconds
            self.purge()

    def purge(self) -> None:
        """Empty the recycle bin of what was deleted more than 15 days ago."""
        floor = self.now() - dt.timedelta(days=RECYCLE_DAYS)
        gone = [
            i
            for i in self.deleted
            if i in self.records and soql.parse_datetime(self.records[i]["SystemModstamp"]) < floor
        ]
        for i in gone:
            row = self.records.pop(i)
            self.of_type.get(row["_type"], {}).pop(i, None)
            self.deleted.discard(i)
        if gone or self.purged_before is None or floor > self.started:
            self.purged_before = max(floor, self.started)

    # -- ids and tokens --------------------------------------------------------------------

    def new_id(self, sobject: str) -> str:
        n = next(self._seq)
        return f"{PREFIX[sobject]}{n:012d}AAA"[:18].ljust(18, "A")

    def issue_tokens(self, with_refresh: bool = True, base: str | None = None) -> dict:
        token = f"{ORG_ID}!{secrets.token_urlsafe(24)}"
        self.access[token] = self.now().timestamp()
        out = {
            "access_token": token,
            "signature": base64.b64encode(secrets.token_bytes(32)).decode(),
            "scope": "api refresh_token",
            "instance_url": base or self.base_url,
            "id": f"{base or self.base_url}/id/{ORG_ID}/{USER_ID}",
            "token_type": "Bearer",
            "issued_at": str(int(self.now().timestamp() * 1000)),
        }
        if with_refresh:
            refresh = secrets.token_urlsafe(32)
            self.refresh.add(refresh)
            out["refresh_token"] = refresh
        return out

    def expire_sessions(self) -> None:
        with self.lock:
            self.access.clear()

    def revoke_refresh_tokens(self) -> None:
        with self.lock:
            self.refresh.clear()
            self.access.clear()

    # -- reading ---------------------------------------------------------------------------

    def spec(self, sobject: str) -> ObjectSpec:
        try:
            return self.specs[sobject]
        except KeyError:
            raise soql.SoqlError(
                f"sObject type '{sobject}' is not supported.", "INVALID_TYPE"
            ) from None

    def output(self, row: dict[str, Any], names: list[str]) -> dict[str, Any]:
        obj = row["_type"]
        out: dict[str, Any] = {
            "attributes": {"type": obj, "url": f"/services/data/v60.0/sobjects/{obj}/{row['Id']}"}
        }
        for name in names:
            if name == "VersionData":
                out[name] = f"/services/data/v60.0/sobjects/ContentVersion/{row['Id']}/VersionData"
            else:
                out[name] = row.get(name)
        return out

    def query(self, text: str, all_rows: bool) -> dict:
        q = soql.parse(text)
        spec = self.spec(q.sobject)
        names = {n.lower(): n for n in spec.by_name}
        fields = []
        for name in q.fields:
            if name.lower() not in names:
                raise soql.SoqlError(
                    f"No such column '{name}' on entity '{q.sobject}'.", "INVALID_FIELD"
                )
            fields.append(names[name.lower()])
        self._check_names(spec, soql.field_names(q.where) | {n for n, _ in q.order})
        with self.lock:
            where = soql.resolve(q.where, self._sub_select)
            rows = [
                r
                for r in self.of_type.get(q.sobject, {}).values()
                if (all_rows or not r["IsDeleted"]) and soql.matches(where, r, self._field)
            ]
            for name, desc in reversed(q.order):
                rows.sort(key=soql.sort_key([(name, desc)]), reverse=desc)
            if q.limit is not None:
                rows = rows[: q.limit]
            out = [self.output(r, fields) for r in rows]
            return self._page(out)

    def _check_names(self, spec: ObjectSpec, names: set[str]) -> None:
        """Fields of ``spec``, or a parent's by relationship (``Account.OwnerId``)."""
        for name in names:
            rel, _, parent_field = name.rpartition(".")
            if not rel:
                ok = name in spec.by_name
            else:
                ref = spec.by_name.get(rel + "Id")
                target = self.specs.get(ref.reference_to[0]) if ref and ref.reference_to else None
                ok = ref is not None and ref.type == "reference" and target is not None
                ok = ok and parent_field in target.by_name  # type: ignore[union-attr]
            if not ok:
                raise soql.SoqlError(
                    f"No such column '{name}' on entity '{spec.name}'.", "INVALID_FIELD"
                )

    def _field(self, row: dict[str, Any], name: str) -> Any:
        rel, _, parent_field = name.rpartition(".")
        if not rel:
            return row.get(name)
        parent = self.records.get(row.get(rel + "Id") or "")
        return parent.get(parent_field) if parent and not parent["IsDeleted"] else None

    def _sub_select(self, sub: soql.Query) -> list[Any]:
        """The values a semi-join's sub-select returns (an Id or a reference field)."""
        spec = self.spec(sub.sobject)
        [name] = sub.fields
        f = spec.by_name.get(name)
        if f is None or f.type not in ("id", "reference"):
            raise soql.SoqlError("semi join sub-selects can only query id fields")
        self._check_names(spec, soql.field_names(sub.where))
        return [
            r.get(name)
            for r in self.of_type.get(sub.sobject, {}).values()
            if not r["IsDeleted"] and soql.matches(sub.where, r, self._field)
        ]

    def _page(self, rows: list[dict]) -> dict:
        first, rest = rows[: self.page_size], rows[self.page_size :]
        page: dict[str, Any] = {"totalSize": len(rows), "done": not rest, "records": first}
        if rest:
            locator = f"01g{secrets.token_hex(6).upper()}"
            self.cursors[locator] = rest  # type: ignore[assignment]
            page["nextRecordsUrl"] = f"/services/data/v60.0/query/{locator}-{self.page_size}"
        return page

    def more(self, locator: str) -> dict:
        with self.lock:
            key = locator.split("-")[0]
            rows = self.cursors.pop(key, None)
            if rows is None:
                raise soql.SoqlError("invalid query locator", "INVALID_QUERY_LOCATOR")
            page = self._page(rows)  # type: ignore[arg-type]
            page["totalSize"] = len(rows)
            return page

    def get(self, record_id: str) -> dict[str, Any] | None:
        row = self.records.get(record_id)
        return row if row and not row["IsDeleted"] else None

    def version_data(self, record_id: str) -> bytes | None:
        row = self.get(record_id)
        return row.get("_data") if row and row["_type"] == "ContentVersion" else None

    def changed_ids(self, sobject: str, start: dt.datetime, end: dt.datetime, deleted: bool):
        with self.lock:
            self.purge()
            rows = [
                r
                for r in self.of_type.get(sobject, {}).values()
                if bool(r["IsDeleted"]) == deleted
                and start <= soql.parse_datetime(r["SystemModstamp"]) < end
            ]
            return rows

    # -- writing ---------------------------------------------------------------------------

    def _touch(self, row: dict[str, Any]) -> None:
        now = self.now()
        row["LastModifiedDate"] = row["SystemModstamp"] = stamp(now)

    def install_record_types(self, sobject: str, types: list[dict]) -> None:
        """Give ``sobject`` record types (an org whose sales processes differ): describe lists
        them, records carry ``RecordTypeId``, picklist values are checked per record type."""
        with self.lock:
            spec = self.spec(sobject)
            spec.record_types = [dict(t) for t in types]
            if "RecordTypeId" not in spec.by_name:
                f = FieldSpec("RecordTypeId", "reference", reference_to=("RecordType",))
                spec.fields.append(f)
                spec.by_name[f.name] = f

    def _check_record_type(self, spec: ObjectSpec, values: dict, record_type: str | None) -> None:
        """A restricted picklist's value must be one the record's record type allows."""
        if not spec.record_types:
            return
        if record_type is not None and record_type not in {t["id"] for t in spec.record_types}:
            raise RecordError(
                "INVALID_CROSS_REFERENCE_KEY",
                "Record Type ID: this ID value isn't valid for the user",
                ["RecordTypeId"],
            )
        for name, value in values.items():
            f = spec.by_name.get(name)
            if f is None or f.type != "picklist" or not f.restricted or value is None:
                continue
            if value not in spec.values_for(record_type, name):
                raise RecordError(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    f"{f.name}: bad value for restricted picklist field: {value}",
                    [name],
                )

    def _check(self, spec: ObjectSpec, values: dict[str, Any], creating: bool) -> None:
        if self.faults.lock_rows > 0:
            self.faults.lock_rows -= 1
            raise RecordError(
                "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"
            )
        for name, value in values.items():
            f = spec.by_name.get(name)
            if f is None:
                raise RecordError(
                    "INVALID_FIELD",
                    f"No such column '{name}' on sobject of type {spec.name}",
                    [name],
                )
            if not (f.createable if creating else f.updateable):
                raise RecordError(
                    "INVALID_FIELD_FOR_INSERT_UPDATE",
                    f"Unable to create/update fields: {name}. Please check the security settings "
                    "of this field and verify that it is read/write for your profile or "
                    "permission set.",
                    [name],
                )
            if value is None:
                if not f.nillable or (f.required and not creating):
                    raise RecordError(
                        "REQUIRED_FIELD_MISSING", f"Required fields are missing: [{name}]", [name]
                    )
                continue
            if f.type == "picklist" and f.restricted and value not in f.picklist:
                raise RecordError(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    f"{f.name}: bad value for restricted picklist field: {value}",
                    [name],
                )
            if f.type in ("string", "textarea", "email", "phone", "url", "picklist"):
                if not isinstance(value, str):
                    raise RecordError(
                        "INVALID_TYPE_ON_FIELD_IN_RECORD", f"{name}: not text", [name]
                    )
                if len(value) > f.length:
                    raise RecordError("STRING_TOO_LONG", f"{name}: data value too large", [name])
            if f.type in ("currency", "double", "percent", "int") and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                raise RecordError(
                    "INVALID_TYPE_ON_FIELD_IN_RECORD", f"{name}: not a number", [name]
                )
            if f.type == "boolean" and not isinstance(value, bool):
                raise RecordError(
                    "INVALID_TYPE_ON_FIELD_IN_RECORD", f"{name}: not a boolean", [name]
                )
            if f.type == "reference" and name not in ("OwnerId", "RecordTypeId"):  # users, types
                target = self.get(value) if isinstance(value, str) else None
                if target is None or (f.reference_to and target["_type"] not in f.reference_to):
                    raise RecordError(
                        "INVALID_CROSS_REFERENCE_KEY",
                        f"invalid cross reference id: {value}",
                        [name],
                    )
            refused = self.faults.reject_value.get(name)
            if refused is not None and value == refused:
                raise RecordError(
                    "FIELD_CUSTOM_VALIDATION_EXCEPTION", f"{name} may not be {refused!r}", [name]
                )
        if creating:
            missing = [
                f.name for f in spec.fields if f.required and values.get(f.name) in (None, "")
            ]
            if missing:
                raise RecordError(
                    "REQUIRED_FIELD_MISSING", f"Required fields are missing: {missing}", missing
                )

    def _derive(self, row: dict[str, Any]) -> None:
        obj = row["_type"]
        if obj == "Contact":
            row["Name"] = " ".join(p for p in (row.get("FirstName"), row.get("LastName")) if p)
        elif obj == "Contract":
            start, term = row.get("StartDate"), row.get("ContractTerm")
            if start and term:
                d = dt.date.fromisoformat(start)
                month = d.month - 1 + int(term)
                year, month = d.year + month // 12, month % 12 + 1
                day = min(d.day, calendar.monthrange(year, month)[1])
                row["EndDate"] = (dt.date(year, month, day) - dt.timedelta(days=1)).isoformat()
            else:
                row["EndDate"] = None
        if obj == "Event":
            self._event_times(row)
        if obj in ("Task", "Event"):
            what = self.get(row["WhatId"]) if row.get("WhatId") else None
            who = self.get(row["WhoId"]) if row.get("WhoId") else None
            if what and what["_type"] == "Account":
                row["AccountId"] = what["Id"]
            elif what and what.get("AccountId"):
                row["AccountId"] = what["AccountId"]
            elif who:
                row["AccountId"] = who.get("AccountId")
            else:
                row["AccountId"] = None

    @staticmethod
    def _event_times(row: dict[str, Any]) -> None:
        """An Event's times as Salesforce keeps them: an all-day event needs ActivityDate (its
        duration defaults to a day); a timed one needs ActivityDateTime (or StartDateTime) and
        DurationInMinutes or EndDateTime; the rest is derived."""
        if row.get("IsAllDayEvent"):
            if not row.get("ActivityDate"):
                raise RecordError(
                    "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [ActivityDate]",
                    ["ActivityDate"],
                )
            start = soql.parse_datetime(f"{row['ActivityDate']}T00:00:00Z")
            minutes = int(row.get("DurationInMinutes") or 1440)
            row["ActivityDateTime"] = None
        else:
            begin = row.get("ActivityDateTime") or row.get("StartDateTime")
            if not begin:
                raise RecordError(
                    "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [ActivityDateTime]",
                    ["ActivityDateTime"],
                )
            start = soql.parse_datetime(begin)
            if row.get("DurationInMinutes") is not None:
                minutes = int(row["DurationInMinutes"])
            elif row.get("EndDateTime"):
                minutes = int(
                    (soql.parse_datetime(row["EndDateTime"]) - start).total_seconds() // 60
                )
            else:
                raise RecordError(
                    "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [DurationInMinutes]",
                    ["DurationInMinutes"],
                )
            row["ActivityDateTime"] = stamp(start)
            row["ActivityDate"] = start.date().isoformat()
        end = start + dt.timedelta(minutes=minutes)
        row["StartDateTime"], row["EndDateTime"] = stamp(start), stamp(end)
        row["DurationInMinutes"] = minutes
        row["EndDate"] = (end - dt.timedelta(seconds=1)).date().isoformat()

    def _new_row(self, spec: ObjectSpec, values: dict[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {f.name: None for f in spec.fields}
        row.update(values)
        owner = values.get("OwnerId") or USER_ID  # another user's record when a test says so
        row.update(_type=spec.name, Id=self.new_id(spec.name), IsDeleted=False, OwnerId=owner)
        now = stamp(self.now())
        row["CreatedDate"] = row["LastModifiedDate"] = row["SystemModstamp"] = now
        if spec.name == "Opportunity":
            default = STAGE_DEFAULTS.get(row.get("StageName") or "", (None, None))
            if row.get("Probability") is None:
                row["Probability"] = default[0]
            if row.get("ForecastCategoryName") is None:
                row["ForecastCategoryName"] = default[1]
        if spec.name == "Contract" and not row.get("Status"):
            row["Status"] = "Draft"
        if spec.name == "Contract":
            row["ContractNumber"] = f"{next(self._seq):08d}"
        for f in spec.fields:
            if f.type == "boolean" and row.get(f.name) is None and f.name != "IsDeleted":
                row[f.name] = False
        if spec.name == "ContentVersion":
            self._new_version(row)
        self._derive(row)
        return row

    def _new_version(self, row: dict[str, Any]) -> None:
        try:
            row["_data"] = base64.b64decode(row.pop("VersionData") or "", validate=True)
        except ValueError:
            raise RecordError("INVALID_FIELD", "VersionData: not base64", ["VersionData"]) from None
        row["VersionData"] = None
        path = row.get("PathOnClient") or ""
        row["FileType"] = "SNOTE" if path.lower().endswith(".snote") else "UNKNOWN"
        row["IsLatest"] = True
        doc_id = row.get("ContentDocumentId")
        if doc_id:
            doc = self.get(doc_id)
            if doc is None:
                raise RecordError(
                    "INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id",
                    ["ContentDocumentId"],
                )
            for other in self.of_type.get("ContentVersion", {}).values():
                if other["ContentDocumentId"] == doc_id and other["IsLatest"]:
                    other["IsLatest"] = False  # kept, but a query on IsLatest no longer sees it
                    self._touch(other)
            # Values not given again are taken from the document's first version's location.
            row["FirstPublishLocationId"] = doc.get("_location")
        else:
            doc = {f.name: None for f in self.specs["ContentDocument"].fields}
            doc.update(
                _type="ContentDocument",
                Id=self.new_id("ContentDocument"),
                IsDeleted=False,
                OwnerId=USER_ID,
                _location=row.get("FirstPublishLocationId"),
            )
            doc["CreatedDate"] = doc["LastModifiedDate"] = doc["SystemModstamp"] = stamp(self.now())
            self.add(doc)
            row["ContentDocumentId"] = doc["Id"]
        doc["Title"] = row.get("Title")
        doc["LatestPublishedVersionId"] = row["Id"]

    def create(self, sobject: str, values: dict[str, Any]) -> str:
        with self.lock:
            spec = self.spec(sobject)
            if spec.name == "ContentVersion" and values.get("ContentDocumentId"):
                fields = dict(values)
                self._check(
                    spec, {k: v for k, v in fields.items() if k != "ContentDocumentId"}, True
                )
            else:
                self._check(spec, values, True)
            self._unique(spec, values, None)
            if spec.record_types:
                values = {**values}
                values["RecordTypeId"] = values.get("RecordTypeId") or spec.default_record_type()
                self._check_record_type(spec, values, values["RecordTypeId"])
            row = self._new_row(spec, values)
            self.add(row)
            return row["Id"]

    def _unique(self, spec: ObjectSpec, values: dict[str, Any], own_id: str | None) -> None:
        for f in spec.fields:
            if f.unique and values.get(f.name) is not None:
                kinds = [spec.name]
                if self.faults.activity_unique_shared and spec.name in ("Task", "Event"):
                    kinds = ["Task", "Event"]
                others = [o for k in kinds for o in self.with_uuid(k, values[f.name])]
                for other in others:
                    if (
                        not other["IsDeleted"]
                        and other["Id"] != own_id
                        and other.get(f.name) == values[f.name]
                    ):
                        raise RecordError(
                            "DUPLICATE_VALUE",
                            f"duplicate value found: {f.name} duplicates value on record with "
                            f"id: {other['Id']}",
                            [f.name],
                        )

    def update(self, record_id: str, values: dict[str, Any]) -> None:
        with self.lock:
            row = self.records.get(record_id)
            if row is None:
                raise RecordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")
            if row["IsDeleted"]:
                raise RecordError("ENTITY_IS_DELETED", "entity is deleted")
            spec = self.spec(row["_type"])
            self._check(spec, values, False)
            self._unique(spec, values, record_id)
            self._check_record_type(
                spec, values, values.get("RecordTypeId", row.get("RecordTypeId"))
            )
            if spec.name == "Event":
                trial = {**row, **values}
                if "ActivityDateTime" in values or "StartDateTime" in values:
                    trial["EndDateTime"] = None  # moved: the duration is kept
                self._event_times(trial)  # refused before anything changes
            row.update(values)
            if values.get("Fieldbook_UUID__c"):
                self._index(row)
            self._derive(row)
            self._touch(row)

    def upsert(self, sobject: str, ext_field: str, values: dict[str, Any]) -> tuple[str, bool]:
        with self.lock:
            spec = self.spec(sobject)
            f = spec.by_name.get(ext_field)
            if f is None or not f.external_id or not spec.upsertable:
                raise RecordError(
                    "INVALID_FIELD", f"{ext_field} is not an External ID field on {sobject}"
                )
            key = values.get(ext_field)
            if not key:
                raise RecordError("MISSING_ARGUMENT", f"{ext_field} not specified", [ext_field])
            candidates = (
                self.with_uuid(sobject, key)
                if ext_field == "Fieldbook_UUID__c"
                else list(self.of_type.get(sobject, {}).values())
            )
            found = [r for r in candidates if not r["IsDeleted"] and r.get(ext_field) == key]
            if len(found) > 1:
                raise RecordError(
                    "DUPLICATE_EXTERNAL_ID",
                    f"{ext_field}: more than one record found for external id field: "
                    f"{[r['Id'] for r in found]}",
                    [ext_field],
                )
            if found:
                self.update(found[0]["Id"], {k: v for k, v in values.items() if k != ext_field})
                return found[0]["Id"], False
            return self.create(sobject, values), True

    def delete(self, record_id: str) -> None:
        with self.lock:
            row = self.records.get(record_id)
            if row is None:
                raise RecordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")
            if row["IsDeleted"]:
                raise RecordError("ENTITY_IS_DELETED", "entity is deleted")
            if self.faults.lock_rows > 0:
                self.faults.lock_rows -= 1
                raise RecordError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access")
            self._delete(row)

    def _delete(self, row: dict[str, Any]) -> None:
        row["IsDeleted"] = True
        self.deleted.add(row["Id"])
        self._touch(row)
        rid = row["Id"]
        # Cascades as a standard org does: an account takes its contacts, opportunities,
        # contracts and activities; a document takes its versions. Lookups are cleared.
        for other in list(self.records.values()):
            if other["IsDeleted"]:
                continue
            if (
                row["_type"] == "Account"
                and other.get("AccountId") == rid
                and other["_type"]
                in (
                    "Contact",
                    "Opportunity",
                    "Contract",
                    "Task",
                    "Event",
                )
            ):
                self._delete(other)
            elif row["_type"] == "ContentDocument" and other.get("ContentDocumentId") == rid:
                other["IsDeleted"] = True
                self.deleted.add(other["Id"])
                self._touch(other)
            elif other["_type"] == "ContentVersion" and other.get("FirstPublishLocationId") == rid:
                doc = self.records.get(other["ContentDocumentId"])
                if doc and not doc["IsDeleted"]:
                    self._delete(doc)
            elif (
                other["_type"] in ("Task", "Event")
                and rid in (other.get("WhatId"), other.get("WhoId"))
                and (row["_type"] in ("Opportunity", "Contact"))
            ):
                self._delete(other)
            else:
                changed = False
                for name in (
                    "ParentId",
                    "ReportsToId",
                    "Fieldbook_Contact__c",
                    "Fieldbook_Opportunity__c",
                ):
                    if other.get(name) == rid:
                        other[name] = None
                        changed = True
                if changed:
                    self._touch(other)

    # -- limits ----------------------------------------------------------------------------

    def count_call(self) -> bool:
        """Count one API call; False when the daily limit is spent."""
        with self.lock:
            if self.api_used >= self.api_max:
                return False
            self.api_used += 1
            return True

    def limit_info(self) -> str:
        return f"api-usage={self.api_used}/{self.api_max}"

    def values_hash(self, row: dict[str, Any]) -> str:
        return hashlib.sha1(repr(sorted(row.items())).encode()).hexdigest()[:8]

    def id_type(self, record_id: str) -> str | None:
        return OBJECT_OF_PREFIX.get(record_id[:3])
