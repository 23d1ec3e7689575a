"""Picklist values per record type: an org's sales processes differ by record type (the stages
of a renewal are not those of new business), so a value is checked against the record's record
type, or the user's default record type for a create.

``describe`` lists the record types (``recordTypeInfos``); the values of each come from the UI
API (``GET /ui-api/object-info/{object}/picklist-values/{recordTypeId}``, the Picklist Values
Collection: ``picklistFieldValues`` -> field -> ``values`` -> ``value``). An object with only the
master record type keeps describe's own ``picklistValues``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rest import BadAnswer

MASTER = "012000000000000AAA"  # the master record type's id in every org


@dataclass(frozen=True)
class RecordType:
    id: str
    name: str
    available: bool  # to this user
    default: bool  # this user's default for new records
    master: bool


def record_type_infos(body: Any, sobject: str) -> list[RecordType]:
    """The ``recordTypeInfos`` of a describe answer, validated (none listed: master only)."""
    infos = body.get("recordTypeInfos") if isinstance(body, dict) else None
    if infos is None:
        return []
    if not isinstance(infos, list):
        raise BadAnswer(f"describe of {sobject}: recordTypeInfos is not a list")
    out = []
    for info in infos:
        if not isinstance(info, dict) or not isinstance(info.get("recordTypeId"), str):
            raise BadAnswer(f"describe of {sobject}: a record type without an id")
        out.append(
            RecordType(
                info["recordTypeId"],
                str(info.get("name") or info["recordTypeId"]),
                bool(info.get("available", True)),
                bool(info.get("defaultRecordTypeMapping", False)),
                bool(info.get("master", info["recordTypeId"] == MASTER)),
            )
        )
    return out


def picklist_values(body: Any) -> dict[str, set[str]]:
    """A Picklist Values Collection: the values of every picklist field, by field."""
    fields = body.get("picklistFieldValues") if isinstance(body, dict) else None
    if not isinstance(fields, dict):
        raise BadAnswer("picklist values without picklistFieldValues")
    out: dict[str, set[str]] = {}
    for name, entry in fields.items():
        values = entry.get("values") if isinstance(entry, dict) else None
        if not isinstance(values, list) or not all(
            isinstance(v, dict) and isinstance(v.get("value"), str) for v in values
        ):
            raise BadAnswer(f"picklist values of {name} are not a list of values")
        out[name] = {v["value"] for v in values}
    return out


@dataclass
class Picklists:
    """The record types of each object and the values each allows."""

    types: dict[str, list[RecordType]] = field(default_factory=dict)
    values: dict[tuple[str, str], dict[str, set[str]]] = field(default_factory=dict)

    def needs_values(self, sobject: str) -> list[str]:
        """Record types whose values must be read (an object with record types of its own)."""
        return [t.id for t in self.types.get(sobject, []) if not t.master and t.available]

    def default(self, sobject: str) -> str | None:
        """The user's default record type for new records (None: master only)."""
        for t in self.types.get(sobject, []):
            if t.default and t.available and not t.master:
                return t.id
        return None

    def name(self, sobject: str, record_type: str | None) -> str | None:
        for t in self.types.get(sobject, []):
            if t.id == record_type:
                return t.name
        return None

    def allowed(self, sobject: str, field_name: str, record_type: str | None) -> set[str] | None:
        """The values ``record_type`` (or the default one) allows; None when the object has
        no record types of its own (then describe's values apply)."""
        rt = record_type if record_type and record_type != MASTER else self.default(sobject)
        if rt is None:
            return None
        return self.values.get((sobject, rt), {}).get(field_name)
