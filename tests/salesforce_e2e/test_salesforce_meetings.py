"""Meetings are Salesforce Events: created offline, pushed as Event (never Task), edited and
deleted in Salesforce and pulled back, a kind change moving the record, a lost answer retried
without a second Event."""

from __future__ import annotations

from tests.loopback_proxy import LoopbackProxy
from tests.salesforce_e2e.test_salesforce_journeys import crm_values, profiles  # noqa: F401


def _meeting(store, account: str, **extra) -> str:
    values = {
        "account_id": account,
        "subject": "Quarterly review",
        "kind": "meeting",
        "due_date": "2026-12-10",
        "priority": "high",
        "status": "open",
    }
    return store.create("tasks", {**values, **extra})


def test_an_offline_meeting_becomes_an_event_and_comes_back_edited(profiles, sf_server):  # noqa: F811
    a = profiles("rep-a")
    sf_server.stop()  # offline
    account = a.store.create("accounts", {"name": "Initech"})
    meeting = _meeting(a.store, account)
    call = a.store.create(
        "tasks", {"account_id": account, "subject": "Call back", "kind": "call", "status": "open"}
    )
    assert not a.sync().ok
    sf_server.start()
    a.clock.skip()
    assert a.sync().ok and a.store.pending_count() == 0
    assert (sf_server.count("Event", meeting), sf_server.count("Task", meeting)) == (1, 0)
    assert (sf_server.count("Task", call), sf_server.count("Event", call)) == (1, 0)
    [event] = sf_server.switch("find", sobject="Event", where={"Fieldbook_UUID__c": meeting})
    assert event["IsAllDayEvent"] and event["ActivityDate"] == "2026-12-10"
    assert event["WhatId"] == sf_server.sfid("Account", account)
    assert event["AccountId"] == sf_server.sfid("Account", account)
    assert (event["Fieldbook_Priority__c"], event["Fieldbook_Status__c"]) == ("High", "Open")

    # Edited in Salesforce: pulled back as the same meeting.
    sf_server.switch("advance", seconds=2)
    sf_server.switch(
        "edit", id=event["Id"], values={"Subject": "QBR", "ActivityDate": "2026-12-11"}
    )
    assert a.sync().ok
    row = a.store.get("tasks", meeting)
    assert (row["subject"], row["due_date"], row["kind"]) == ("QBR", "2026-12-11", "meeting")
    assert (row["priority"], row["status"]) == ("high", "open")

    # Marked done here: Salesforce's Event carries it in Fieldbook's field.
    a.store.update("tasks", meeting, {"status": "done"})
    assert a.sync().ok
    assert crm_values(a.connector, "tasks", meeting)["status"] == "done"
    assert sf_server.count("Event", meeting) == 1

    # Deleted in Salesforce: gone here too.
    sf_server.switch("delete", id=event["Id"])
    assert a.sync().ok
    assert a.store.get("tasks", meeting) is None
    assert a.store.get("tasks", call) is not None


def test_a_meeting_whose_answer_was_lost_is_one_event(profiles, sf_server):  # noqa: F811
    with LoopbackProxy(sf_server.port) as proxy:
        a = profiles("rep-a", url=proxy.url)
        account = a.store.create("accounts", {"name": "Hooli"})
        assert a.sync().ok
        meeting = _meeting(a.store, account)
        proxy.fail("drop_response", match="IsAllDayEvent")
        first = a.sync()
        assert "dropped" in {e for e, _ in proxy.log}
        assert not first.ok or a.store.pending_count() == 1
        assert sf_server.count("Event", meeting) == 1  # it did arrive; the answer did not
        a.clock.skip()
        assert a.sync().ok and a.store.pending_count() == 0
        assert sf_server.count("Event", meeting) == 1
        assert sf_server.count("Task", meeting) == 0


def test_a_kind_change_moves_the_task_and_a_lost_answer_midway_loses_nothing(profiles, sf_server):  # noqa: F811
    with LoopbackProxy(sf_server.port) as proxy:
        a = profiles("rep-a", url=proxy.url)
        b = profiles("rep-b")
        account = a.store.create("accounts", {"name": "Pied Piper"})
        task = a.store.create(
            "tasks",
            {
                "account_id": account,
                "subject": "Demo",
                "kind": "call",
                "due_date": "2026-12-01",
                "priority": "normal",
                "status": "open",
            },
        )
        assert a.sync().ok and b.sync().ok
        assert sf_server.count("Task", task) == 1

        # call -> meeting; the answer of the Event upsert is lost, so the Task is still there.
        a.store.update("tasks", task, {"kind": "meeting", "subject": "Demo on site"})
        proxy.fail("drop_response", match="IsAllDayEvent")
        a.sync()
        assert (sf_server.count("Task", task), sf_server.count("Event", task)) == (1, 1)
        a.clock.skip()
        assert a.sync().ok and a.store.pending_count() == 0
        assert (sf_server.count("Task", task), sf_server.count("Event", task)) == (0, 1)
        assert a.engine.conflicts() == []
        row = a.store.get("tasks", task)
        assert (row["kind"], row["subject"], row["status"]) == ("meeting", "Demo on site", "open")

        # The other laptop sees a moved task, not a deletion.
        assert b.sync().ok
        moved = b.store.get("tasks", task)
        assert moved is not None and moved["kind"] == "meeting"
        assert b.engine.conflicts() == []

        # meeting -> follow-up: back to Task, priority and status carried over.
        b.store.update("tasks", task, {"kind": "follow_up", "status": "done"})
        assert b.sync().ok
        assert (sf_server.count("Task", task), sf_server.count("Event", task)) == (1, 0)
        crm = crm_values(b.connector, "tasks", task)
        assert (crm["kind"], crm["status"], crm["priority"]) == ("follow_up", "done", "normal")
        assert a.sync().ok
        assert a.store.get("tasks", task)["kind"] == "follow_up"


def test_an_event_made_in_salesforce_is_pulled_as_an_open_meeting(profiles, sf_server):  # noqa: F811
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Globex"})
    assert a.sync().ok
    sfid = sf_server.sfid("Account", account)
    sf_server.switch(
        "create",
        sobject="Event",
        values={
            "Subject": "Lunch",
            "WhatId": sfid,
            "ActivityDateTime": "2026-12-05T12:00:00Z",
            "DurationInMinutes": 90,
        },
    )
    assert a.sync().ok
    [row] = [r for r in a.store.db.execute("select id, subject, kind, status, due_date from tasks")]
    assert tuple(row)[1:] == ("Lunch", "meeting", "open", "2026-12-05")
    # Moved to another day here: the same time and length on the new day.
    a.store.update("tasks", row[0], {"due_date": "2026-12-06"})
    assert a.sync().ok
    [event] = sf_server.switch("find", sobject="Event", where={"Subject": "Lunch"})
    assert event["ActivityDateTime"].startswith("2026-12-06T12:00:00")
    assert event["DurationInMinutes"] == 90 and not event["IsAllDayEvent"]


def test_a_meeting_without_a_date_is_a_clear_rejection(profiles, sf_server):  # noqa: F811
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Dateless"})
    _meeting(a.store, account, due_date=None)
    report = a.sync()
    assert report.rejected == 1
    [item] = a.engine.outbox_items()
    assert "due_date" in item.last_error and "meeting" in item.last_error
    from ui.errors import describe  # what the rep reads in the outbox

    assert describe(item.last_error) == "Your CRM needs a value in Due date."


def test_an_org_without_fieldbooks_fields_on_event_keeps_meetings_as_tasks(make_sf, sf_server):
    from desktop.ids import new_id
    from sync.connector import Mutation, Outcome

    connector = make_sf()
    connector.sign_in()
    connector._describe.pop("Event")  # as if Event had no Fieldbook_UUID__c
    account = new_id()
    [made] = connector.push([Mutation(new_id(), "accounts", account, "create", {"name": "X"})])
    assert made.outcome == Outcome.APPLIED
    values = {
        "account_id": account,
        "subject": "Met",
        "kind": "meeting",
        "status": "open",
        "due_date": "2026-12-10",
    }
    m = Mutation(new_id(), "tasks", new_id(), "create", values)
    [result] = connector.push([m])
    assert result.outcome == Outcome.APPLIED
    assert (sf_server.count("Task", m.id), sf_server.count("Event", m.id)) == (1, 0)


def test_a_kind_change_in_an_org_whose_uuid_index_spans_task_and_event(profiles, sf_server):  # noqa: F811
    sf_server.switch("fault", activity_unique_shared=True)
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Shared index"})
    task = a.store.create(
        "tasks",
        {
            "account_id": account,
            "subject": "Call",
            "kind": "call",
            "due_date": "2026-12-01",
            "status": "open",
        },
    )
    assert a.sync().ok
    a.store.update("tasks", task, {"kind": "meeting"})
    assert a.sync().ok and a.store.pending_count() == 0
    assert (sf_server.count("Task", task), sf_server.count("Event", task)) == (0, 1)
    assert a.store.get("tasks", task)["kind"] == "meeting"
