"""Which fields the rep may edit (desktop/crm_fields.py): the rule, the store's refusal naming
the field, the engine keeping what the connector said after each good sync, and the answer to
a push that leaves out a field the CRM lacks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop import crm_fields
from desktop.crm_fields import EDITABLE, EVERYTHING_EDITABLE, MISSING, READ_ONLY, FieldAccess
from desktop.store import Store
from desktop.validation import ValidationError
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM

SAID = FieldAccess.of(
    "salesforce",
    missing={"accounts": ["nps", "health"], "contacts": ["stance"]},
    read_only={"contracts": ["end_date"], "accounts": ["nps", "owner"]},
    scope={"accounts": "select Id from Account where OwnerId = '005x'"},
)


class Telling(MemoryConnector):
    """A memory CRM that says what an org without some fields would."""

    kind = "salesforce"
    said = SAID

    def field_access(self):
        return self.said


# -- the rule ----------------------------------------------------------------------------------


def test_each_field_is_editable_missing_or_read_only():
    assert SAID.state("accounts", "nps") == MISSING  # lacking wins: nothing there to lock
    assert SAID.state("accounts", "owner") == READ_ONLY
    assert SAID.state("contracts", "end_date") == READ_ONLY
    assert SAID.state("accounts", "name") == EDITABLE
    assert SAID.editable("accounts", "nps") and not SAID.editable("contracts", "end_date")
    assert EVERYTHING_EDITABLE.state("contracts", "end_date") == EDITABLE


def test_only_our_tables_and_fields_are_kept_and_it_survives_json():
    odd = FieldAccess.of(
        "salesforce",
        missing={"accounts": ["nps", "Fieldbook_NPS__c"], "cases": ["x"]},
        read_only={"contracts": ["end_date", "EndDate"]},
        scope={"accounts": "select Id from Account", "cases": "select Id from Case"},
    )
    assert dict(odd.missing) == {"accounts": frozenset({"nps"})}
    assert dict(odd.read_only) == {"contracts": frozenset({"end_date"})}
    assert dict(odd.scope) == {"accounts": "select Id from Account"}
    assert FieldAccess.from_json(SAID.to_json()) == SAID


@pytest.mark.parametrize("text", [None, "", "{", "[]", '{"missing": 3}', '{"read_only": [1]}'])
def test_anything_unreadable_is_everything_editable(text):
    assert FieldAccess.from_json(text) == EVERYTHING_EDITABLE


def test_refused_edits_name_read_only_fields_that_would_change():
    existing = {"end_date": "2026-12-31", "number": "C-1"}
    assert crm_fields.refused_edits(SAID, "contracts", {"end_date": "2027-01-01"}, existing) == {
        "end_date": crm_fields.READ_ONLY_MESSAGE
    }
    assert crm_fields.refused_edits(SAID, "contracts", {"end_date": "2026-12-31"}, existing) == {}
    assert crm_fields.refused_edits(SAID, "contracts", {"number": "C-2"}, existing) == {}
    assert (
        crm_fields.refused_edits(EVERYTHING_EDITABLE, "contracts", {"end_date": "x"}, existing)
        == {}
    )


# -- the store ---------------------------------------------------------------------------------


def test_the_store_refuses_an_edit_of_a_read_only_field_naming_it(store):
    account = store.create("accounts", {"name": "Acme", "owner": "Ann"})
    contract = store.create(
        "contracts",
        {"account_id": account, "number": "C-1", "start_date": "2026-01-01", "term_months": 12},
    )
    store.save_field_access(SAID)
    with pytest.raises(ValidationError) as refused:
        store.update("contracts", contract, {"end_date": "2030-01-01", "number": "C-9"})
    assert refused.value.errors == {"end_date": crm_fields.READ_ONLY_MESSAGE}
    assert "End date" in str(refused.value)
    assert store.get("contracts", contract)["number"] == "C-1"  # nothing of it was written
    with pytest.raises(ValidationError):
        store.update_many("accounts", {account: {"owner": "Bob"}})
    # Unchanged values pass, derived ones too, and a field the CRM lacks is the rep's to edit.
    assert store.update("contracts", contract, {"end_date": "2026-12-31"}) == {}
    assert "end_date" in store.update("contracts", contract, {"end_date": None, "term_months": 6})
    assert store.update("accounts", account, {"nps": 30}) == {"nps": 30}
    store.save_field_access(None)  # signed out: the CRM's word no longer holds
    assert store.update("contracts", contract, {"end_date": "2030-01-01"})
    assert store.field_access() == EVERYTHING_EDITABLE


def test_what_the_crm_said_is_there_when_the_store_opens_again(tmp_path):
    path = tmp_path / "book.sqlite"
    first = Store.open(path)
    first.save_field_access(SAID)
    first.close()
    again = Store.open(path)
    try:
        assert again.field_access() == SAID
    finally:
        again.close()


# -- the engine --------------------------------------------------------------------------------


def test_a_good_sync_keeps_what_the_connector_says_and_a_failed_one_keeps_the_old(store):
    crm = MemoryCRM()
    connector = Telling(crm)
    engine = SyncEngine(store, connector)
    assert store.field_access() == EVERYTHING_EDITABLE
    assert engine.sync().ok
    assert store.field_access() == SAID
    connector.said = FieldAccess.of("salesforce", missing={"accounts": ["mrr_cents"]})
    connector.fail_next(1, "pull")
    assert not engine.sync().ok
    assert store.field_access() == SAID  # nothing new was heard
    assert engine.sync().ok
    assert store.field_access().state("accounts", "mrr_cents") == MISSING


def test_a_connector_that_cannot_say_does_not_fail_the_sync(store):
    class Broken(MemoryConnector):
        def field_access(self):
            raise KeyError("describe")

    engine = SyncEngine(store, Broken(MemoryCRM()))
    assert engine.sync().ok
    assert store.field_access() == EVERYTHING_EDITABLE


def test_the_default_is_everything_editable(store):
    engine = SyncEngine(store, MemoryConnector(MemoryCRM()))
    assert engine.sync().ok
    access = store.field_access()
    assert access.missing == {} and access.read_only == {} and access.scope == {}


def test_the_answer_to_a_push_that_leaves_out_a_field_keeps_our_value(store):
    """The CRM's answer to our create and update lacks NPS (its org has no such field): the
    rebase after the push wrote NPS back as empty before the fix."""
    crm = MemoryCRM()
    connector = MemoryConnector(crm)
    real_push = connector.push

    def push(mutations):
        results = real_push(mutations)
        for result in results:
            if result.record is not None and result.record.table == "accounts":
                values = {k: v for k, v in result.record.values.items() if k != "nps"}
                result.record = replace(result.record, values=values)
        return results

    connector.push = push
    engine = SyncEngine(store, connector)
    account = store.create("accounts", {"name": "Acme", "nps": 42})
    assert engine.sync().ok
    assert store.get("accounts", account)["nps"] == 42
    store.update("accounts", account, {"nps": 50, "city": "Oslo"})
    assert engine.sync().ok
    row = store.get("accounts", account)
    assert (row["nps"], row["city"]) == (50, "Oslo")
