"""Which of our fields the rep may edit: the one rule, read by every form and by the store.

The CRM decides it, not us. A Salesforce org may lack some of Fieldbook's custom fields (then
the value is kept in Fieldbook only: "not in your Salesforce"), and field-level security or a
computed field (a contract's end date) makes others read-only for this user. The connector says
so (``sync.connector.Connector.field_access``); the engine saves what it said after each
successful sync (``sync_state`` key ``field_access``), so a form opened offline knows it too.
Signing out or switching the CRM clears it: without a word from the CRM, everything is editable.

A field is in one of three states: ``EDITABLE``, ``MISSING`` (the rep edits it here; it never
travels) or ``READ_ONLY`` (shown, not changed; the store refuses an edit of it, naming the
field, rather than let the CRM refuse it later, after the rep has moved on).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import entities as E
from . import outbox
from .validation import ValidationError

STATE_KEY = "field_access"  # sync_state key

EDITABLE = "editable"
MISSING = "missing"
READ_ONLY = "read_only"

# The store's refusal (worded for the rep in ui/validation_text.py).
READ_ONLY_MESSAGE = "is read-only in your CRM"


@dataclass(frozen=True)
class FieldAccess:
    """What the CRM said of our fields and of the rep's scope.

    ``crm``: the kind of CRM that said it (its registry key: "salesforce", "tryton"; "" when
    none). ``missing`` / ``read_only``: table -> our field names. ``scope``: table -> the
    statement that selects the rep's records on the CRM (Salesforce: SOQL), for the rep and IT
    to read."""

    crm: str = ""
    missing: Mapping[str, frozenset[str]] = field(default_factory=dict)
    read_only: Mapping[str, frozenset[str]] = field(default_factory=dict)
    scope: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        crm: str = "",
        missing: Mapping[str, Any] | None = None,
        read_only: Mapping[str, Any] | None = None,
        scope: Mapping[str, str] | None = None,
    ) -> FieldAccess:
        """Built from plain lists, keeping only our tables and fields (a field is missing or
        read-only, never both: a field the CRM lacks cannot be locked there)."""

        def clean(given: Mapping[str, Any] | None) -> dict[str, frozenset[str]]:
            out = {}
            for table, names in (given or {}).items():
                if table in E.TABLES:
                    known = set(E.entity(table).field_names)
                    kept = frozenset(str(n) for n in names or () if n in known)
                    if kept:
                        out[table] = kept
            return out

        gone = clean(missing)
        locked = {
            t: names - gone.get(t, frozenset())
            for t, names in clean(read_only).items()
            if names - gone.get(t, frozenset())
        }
        shown = {t: str(s) for t, s in (scope or {}).items() if t in E.TABLES and s}
        return cls(str(crm or ""), gone, locked, shown)

    def state(self, table: str, name: str) -> str:
        """``EDITABLE``, ``MISSING`` or ``READ_ONLY`` for field ``name`` of ``table``."""
        if name in self.missing.get(table, ()):
            return MISSING
        if name in self.read_only.get(table, ()):
            return READ_ONLY
        return EDITABLE

    def editable(self, table: str, name: str) -> bool:
        """Whether the rep may change the field here (a field the CRM lacks is theirs to edit)."""
        return self.state(table, name) != READ_ONLY

    def to_json(self) -> str:
        return json.dumps(
            {
                "crm": self.crm,
                "missing": {t: sorted(n) for t, n in sorted(self.missing.items())},
                "read_only": {t: sorted(n) for t, n in sorted(self.read_only.items())},
                "scope": dict(sorted(self.scope.items())),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | None) -> FieldAccess:
        """What ``to_json`` wrote; anything unreadable is "everything editable"."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return EVERYTHING_EDITABLE
        if not isinstance(data, dict):
            return EVERYTHING_EDITABLE
        try:
            return cls.of(
                data.get("crm", ""), data.get("missing"), data.get("read_only"), data.get("scope")
            )
        except (TypeError, AttributeError):
            return EVERYTHING_EDITABLE


EVERYTHING_EDITABLE = FieldAccess()


def refused_edits(
    access: FieldAccess,
    table: str,
    values: Mapping[str, Any],
    existing: Any,
) -> dict[str, str]:
    """Field -> message for each read-only field that ``values`` (normalized, as the rep gave
    them) would change on the existing record ``existing`` (a mapping). Derived values the store
    fills in itself (an end date from start and term) are not the rep's edit and pass."""
    locked = access.read_only.get(table)
    if not locked or existing is None:
        return {}
    return {
        name: READ_ONLY_MESSAGE
        for name, value in values.items()
        if name in locked and existing[name] != value
    }


def check_edit(
    access: FieldAccess,
    entity: E.Entity,
    clean: Mapping[str, Any],
    given: Mapping[str, Any],
    existing: Any,
) -> None:
    """The store's check before an update: a change of a field the CRM will not let this rep
    change is refused here, naming the field (ValidationError), instead of by the CRM after the
    rep has moved on. ``given``: what the rep sent; ``clean``: it validated, with what the store
    derived (an end date it works out, also for one left empty), which passes."""
    mine = {
        k: v
        for k, v in clean.items()
        if k in given and not (given[k] in (None, "") and v is not None)
    }
    refused = refused_edits(access, entity.table, mine, existing)
    if refused:
        raise ValidationError(refused, entity)


# -- where it is kept (sync_state, through desktop/outbox) --------------------------------------


def load(db: sqlite3.Connection) -> FieldAccess:
    """What the CRM last said (everything editable when it said nothing, or was signed out)."""
    try:
        return FieldAccess.from_json(outbox.state(db, STATE_KEY))
    except sqlite3.OperationalError:  # an older schema without sync_state
        return EVERYTHING_EDITABLE


def save(db: sqlite3.Connection, access: FieldAccess | None) -> None:
    """Keep ``access`` (None forgets it). Call inside a store transaction."""
    outbox.put_state(db, STATE_KEY, access.to_json() if access is not None else None)


__all__ = [
    "EDITABLE",
    "EVERYTHING_EDITABLE",
    "MISSING",
    "READ_ONLY",
    "READ_ONLY_MESSAGE",
    "FieldAccess",
    "check_edit",
    "load",
    "refused_edits",
    "save",
]
