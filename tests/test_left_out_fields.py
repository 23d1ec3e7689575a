"""A field the CRM leaves out of a pulled record (one its org does not have) keeps our value;
only a field it sends empty is emptied."""

from __future__ import annotations

from dataclasses import replace

from desktop import outbox
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM


def _leaving_out(connector: MemoryConnector, table: str, field: str) -> None:
    real_pull = connector.pull

    def pull(cursor, limit=500):
        page = real_pull(cursor, limit)
        records = [
            replace(r, values={k: v for k, v in r.values.items() if k != field})
            if r.table == table
            else r
            for r in page.records
        ]
        return replace(page, records=records)

    connector.pull = pull


def test_a_left_out_field_keeps_the_value_we_hold(store):
    crm = MemoryCRM()
    connector = MemoryConnector(crm)
    engine = SyncEngine(store, connector)
    account = store.create("accounts", {"name": "Acme", "industry": "Rail", "city": "Lyon"})
    assert engine.sync().ok
    _leaving_out(connector, "accounts", "industry")
    crm.edit("accounts", account, {"city": "Turin"})
    assert engine.sync().ok
    row = store.get("accounts", account)
    assert (row["city"], row["industry"]) == ("Turin", "Rail")


def test_a_local_edit_of_a_left_out_field_is_no_conflict_and_stays(store):
    crm = MemoryCRM()
    connector = MemoryConnector(crm)
    engine = SyncEngine(store, connector)
    account = store.create("accounts", {"name": "Acme", "industry": "Rail", "city": "Lyon"})
    assert engine.sync().ok
    _leaving_out(connector, "accounts", "industry")
    crm.edit("accounts", account, {"city": "Turin"})
    store.update("accounts", account, {"industry": "Ports"})
    report = engine.sync()
    assert report.ok, report.problems
    row = store.get("accounts", account)
    assert (row["city"], row["industry"]) == ("Turin", "Ports")
    assert outbox.open_conflict_count(store.db) == 0
    assert crm.snapshot()["accounts"][account]["industry"] == "Ports"  # and it went out


def test_a_field_sent_empty_is_emptied(store):
    crm = MemoryCRM()
    connector = MemoryConnector(crm)
    engine = SyncEngine(store, connector)
    account = store.create("accounts", {"name": "Acme", "industry": "Rail"})
    assert engine.sync().ok
    crm.edit("accounts", account, {"industry": None})
    assert engine.sync().ok
    assert store.get("accounts", account)["industry"] is None
