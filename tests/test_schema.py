"""The schema as SQLite holds it agrees with the entity specs; the migration helpers keep the
full-text triggers. Introspection through sqlite-utils (it knows columns, indexes, triggers)."""

from __future__ import annotations

import sqlite_utils

from desktop import entities as E
from desktop.schema import add_column, add_index

FTS_TABLES = ("accounts", "contacts", "notes", "opportunities")


def _db(store) -> sqlite_utils.Database:
    return sqlite_utils.Database(store.db, recursive_triggers=False, execute_plugins=False)


def test_every_entity_table_has_the_columns_its_spec_declares(store):
    db = _db(store)
    for entity in E.ENTITIES:
        columns = set(db.table(entity.table).columns_dict)
        assert {"seq", "id", "created_at", "updated_at", *entity.field_names} <= columns


def test_every_searchable_table_has_its_three_full_text_triggers(store):
    db = _db(store)
    for table in FTS_TABLES:
        triggers = set(db.table(table).triggers_dict)
        assert {f"{table}_fts_insert", f"{table}_fts_delete", f"{table}_fts_update"} <= triggers


def test_sync_tables_are_there_with_their_indexes(store):
    db = _db(store)
    assert {"outbox", "sync_state", "sync_records", "conflicts", "sync_orphans"} <= set(
        db.table_names()
    )
    assert "outbox_row" in {i.name for i in db.table("outbox").indexes}
    assert "conflicts_open" in {i.name for i in db.table("conflicts").indexes}


def test_adding_a_column_twice_adds_it_once_and_search_still_follows_edits(store):
    with store.transaction():
        assert add_column(store.db, "notes", "sentiment", "TEXT") is True
        assert add_column(store.db, "notes", "sentiment", "TEXT") is False
        add_index(store.db, "notes", ["sentiment"], "notes_sentiment")
        add_index(store.db, "notes", ["sentiment"], "notes_sentiment")
    db = _db(store)
    assert list(db.table("notes").columns_dict).count("sentiment") == 1
    assert "notes_sentiment" in {i.name for i in db.table("notes").indexes}
    assert set(db.table("notes").triggers_dict) >= {"notes_fts_insert", "notes_fts_update"}
    account = store.create("accounts", {"name": "Quarry Holdings"})
    note = store.create(
        "notes",
        {
            "account_id": account,
            "kind": "meeting",
            "title": "Kick-off in Porto",
            "occurred_at": "2026-11-02T10:00:00",
        },
    )
    assert [h.id for h in store.search("porto")] == [note]
    store.update("notes", note, {"title": "Kick-off in Lisbon"})
    assert [h.id for h in store.search("lisbon")] == [note]
    assert store.search("porto") == []


def test_no_migration_rebuilds_a_table_with_transform():
    """``Table.transform()`` drops a table's triggers (search, open pipeline): never in desktop/."""
    import ast
    from pathlib import Path

    desktop = Path(__file__).resolve().parent.parent / "desktop"
    calls = [
        f"{p.name}:{node.lineno}"
        for p in desktop.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "transform"
    ]
    assert calls == []


def test_the_stored_open_pipeline_is_the_rule_of_desktop_opportunities(store):
    """The v4 triggers keep ``accounts.open_pipeline_cents`` in SQL (sorting reads it); they
    count the same stages and amounts as ``desktop.opportunities.open_pipeline_cents``."""
    from desktop import opportunities
    from desktop.schema import _OPEN_STAGES_V4

    assert "(" + ",".join(f"'{s}'" for s in E.OPEN_STAGES) + ")" == _OPEN_STAGES_V4
    account = store.create("accounts", {"name": "Quarry Holdings"})
    ids = [
        store.create(
            "opportunities",
            {"account_id": account, "name": stage, "stage": stage, "amount_cents": 1000 + i},
        )
        for i, stage in enumerate(E.STAGES)
    ]
    store.create("opportunities", {"account_id": account, "name": "no amount", "stage": "proposal"})
    store.update("opportunities", ids[0], {"stage": "closed_lost"})
    store.update("opportunities", ids[-1], {"stage": "negotiation", "amount_cents": 7})
    store.delete("opportunities", ids[1])

    expected = opportunities.open_pipeline_cents(store.opportunities_of(account))
    assert expected > 0
    assert store.get("accounts", account)["open_pipeline_cents"] == expected
