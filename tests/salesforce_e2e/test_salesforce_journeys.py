"""Whole journeys: Fieldbook profiles (real stores, the real engine) syncing with the
Salesforce-dialect test server, as the Tryton journeys do with a real Tryton."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from desktop import credentials, paths
from desktop import entities as E
from desktop.errors import ACCESS_REVOKED
from desktop.store import Store
from sync.engine import SyncEngine
from sync.salesforce import auth
from sync.salesforce.connector import SalesforceConnector
from tests.loopback_proxy import LoopbackProxy
from tests.salesforce_e2e.conftest import CONSUMER_KEY, sign_in


class Clock:
    """The engine's clock, moved past backoffs instead of sleeping."""

    def __init__(self):
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def skip(self, seconds: float = 7200) -> None:
        self.offset += seconds


class Profile:
    def __init__(self, base: Path, name: str, url: str):
        self.store = Store.open(paths.store_path(base, name))
        self.connector = SalesforceConnector(url, CONSUMER_KEY)
        self.clock = Clock()
        self.engine = SyncEngine(self.store, self.connector, clock=self.clock)

    def sync(self, **kwargs):
        return self.engine.sync(**kwargs)

    def close(self):
        self.connector.close()
        self.store.close()


@pytest.fixture
def profiles(sf_server, isolated_data_dir):
    sign_in(sf_server)
    made = []

    def make(name: str, url: str | None = None) -> Profile:
        if url:  # another address (a proxy): tokens are kept per login address
            sign_in(_Via(sf_server, url))
        profile = Profile(isolated_data_dir, name, url or sf_server.url)
        made.append(profile)
        return profile

    yield make
    for profile in made:
        profile.close()


class _Via:
    """The test org reached through another address (a proxy in front of it)."""

    def __init__(self, server, url):
        self.org, self.url = server.org, url


def crm_values(connector: SalesforceConnector, table: str, row_id: str):
    found = connector.fetch(table, [row_id])
    return found[0].values if found else None


def one_of_each(store: Store) -> dict[str, str]:
    from tests.connector_contract import full_values

    ids: dict[str, str] = {}
    for table in E.TABLES:
        ids[table] = store.create(table, full_values(table, ids, 5))
    return ids


def test_offline_edits_of_every_entity_arrive_once(profiles, sf_server):
    a = profiles("rep-a")
    sf_server.stop()  # offline
    ids = one_of_each(a.store)
    assert not a.sync().ok
    for table, row_id in ids.items():
        field = E.entity(table).title_field if table != "contracts" else "notice_days"
        a.store.update(table, row_id, {field: 60 if table == "contracts" else f"{table} edited"})
    sf_server.start()
    a.clock.skip()
    report = a.sync()
    assert report.ok, report.errors
    assert a.store.pending_count() == 0
    sobjects = {
        "accounts": "Account",
        "contacts": "Contact",
        "opportunities": "Opportunity",
        "contracts": "Contract",
        "notes": "ContentVersion",
        "tasks": "Task",
    }
    for table, row_id in ids.items():
        assert sf_server.count(sobjects[table], row_id) == 1, table
    assert crm_values(a.connector, "notes", ids["notes"])["title"] == "notes edited"
    assert crm_values(a.connector, "contracts", ids["contracts"])["notice_days"] == 60
    # Deletes of every entity arrive too.
    for table in ("tasks", "notes", "contracts", "opportunities", "contacts", "accounts"):
        a.store.delete(table, ids[table])
    assert a.sync().ok
    for table, row_id in ids.items():
        assert sf_server.count(sobjects[table], row_id) == 0, table


def test_two_profiles_merge_different_fields_and_resolve_the_same_field(profiles):
    a, b = profiles("rep-a"), profiles("rep-b")
    account = a.store.create(
        "accounts", {"name": "Umbrella Corp", "tier": "growth", "city": "Raccoon City"}
    )
    assert a.sync().ok and b.sync().ok
    assert b.store.get("accounts", account)["name"] == "Umbrella Corp"
    a.store.update("accounts", account, {"health": "red"})
    b.store.update("accounts", account, {"tier": "strategic"})
    assert a.sync().ok and b.sync().ok and a.sync().ok
    for profile in (a, b):
        row = profile.store.get("accounts", account)
        assert (row["health"], row["tier"]) == ("red", "strategic")

    a.store.update("accounts", account, {"city": "Paris"})
    b.store.update("accounts", account, {"city": "Berlin"})
    assert a.sync().ok
    b.sync()
    conflicts = b.engine.conflicts()
    assert [(c.field, c.mine, c.theirs) for c in conflicts] == [("city", "Berlin", "Paris")]
    assert b.store.get("accounts", account)["city"] == "Berlin"
    assert crm_values(a.connector, "accounts", account)["city"] == "Paris"
    b.engine.resolve(conflicts[0].id, "mine")
    assert b.sync().ok and b.engine.conflicts() == []
    assert crm_values(a.connector, "accounts", account)["city"] == "Berlin"
    assert a.sync().ok and a.store.get("accounts", account)["city"] == "Berlin"


def test_a_record_deleted_in_salesforce_disappears_and_an_edited_one_is_a_conflict(
    profiles, sf_server
):
    a = profiles("rep-a")
    ids = one_of_each(a.store)
    assert a.sync().ok
    sf_server.switch("delete", id=sf_server.sfid("Task", ids["tasks"]))
    a.store.update("contacts", ids["contacts"], {"title": "CFO again"})
    sf_server.switch("delete", id=sf_server.sfid("Contact", ids["contacts"]))
    a.sync()
    assert a.store.get("tasks", ids["tasks"]) is None
    assert a.store.get("accounts", ids["accounts"]) is not None
    [conflict] = a.engine.conflicts()
    assert (conflict.kind, conflict.row_id) == ("deleted_remotely", ids["contacts"])
    assert a.store.get("contacts", ids["contacts"])["title"] == "CFO again"
    a.engine.resolve(conflict.id, "mine")
    assert a.sync().ok
    assert crm_values(a.connector, "contacts", ids["contacts"])["title"] == "CFO again"


@pytest.mark.parametrize("what", ["ContentVersion", "Fieldbook_UUID__c"])
def test_a_create_whose_answer_was_lost_reaches_salesforce_exactly_once(profiles, sf_server, what):
    with LoopbackProxy(sf_server.port) as proxy:
        a = profiles("rep-a", url=proxy.url)
        account = a.store.create("accounts", {"name": "Hooli"})
        if what == "ContentVersion":
            assert a.sync().ok
            row = a.store.create(
                "notes",
                {
                    "account_id": account,
                    "kind": "meeting",
                    "title": "Met the CTO",
                    "body": "Wants a pilot.",
                    "occurred_at": "2026-11-21T15:00:00",
                },
            )
        else:
            row = account
        proxy.fail("drop_response", match=what)
        first = a.sync()
        assert "dropped" in {e for e, _ in proxy.log}
        assert not first.ok or a.store.pending_count() == 1
        a.clock.skip()
        assert a.sync().ok
        assert a.store.pending_count() == 0
        sobject = "ContentVersion" if what == "ContentVersion" else "Account"
        assert sf_server.count(sobject, row) == 1
        if what == "ContentVersion":
            assert crm_values(a.connector, "notes", row)["body"] == "Wants a pilot."


def test_a_refused_record_blocks_only_itself_and_its_children(profiles, sf_server):
    a = profiles("rep-a")
    sf_server.switch("fault", reject_value={"Name": "Bad"})  # a validation rule
    bad = a.store.create("accounts", {"name": "Bad"})
    bad_contact = a.store.create("contacts", {"account_id": bad, "name": "Child of bad"})
    good = a.store.create("accounts", {"name": "Good"})
    good_contact = a.store.create("contacts", {"account_id": good, "name": "Child of good"})
    report = a.sync()
    assert report.rejected == 1
    items = {i.row_id: i for i in a.engine.outbox_items()}
    assert items[bad].state == "parked"
    assert "FIELD_CUSTOM_VALIDATION_EXCEPTION" in items[bad].last_error
    assert items[bad_contact].state == "pending"
    assert sf_server.count("Account", good) == 1 and sf_server.count("Contact", good_contact) == 1
    assert sf_server.count("Account", bad) == 0
    sf_server.switch("fault", reject_value={})
    a.engine.retry([items[bad].op_id])
    assert a.sync().ok and a.store.pending_count() == 0
    assert sf_server.count("Contact", bad_contact) == 1


def test_a_value_the_org_lacks_is_a_clear_rejection(profiles, sf_server):
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Picky"})
    assert a.sync().ok
    a.connector._describe["Account"]["Fieldbook_Tier__c"]["picklistValues"] = [
        {"value": "Strategic", "active": True}
    ]
    a.store.update("accounts", account, {"tier": "growth"})
    report = a.sync()
    assert report.rejected == 1
    [item] = a.engine.outbox_items()
    assert "tier" in item.last_error and "Growth" in item.last_error


def test_expired_session_is_refreshed_and_a_dead_refresh_token_asks_to_sign_in(profiles, sf_server):
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Acme"})
    assert a.sync().ok
    sf_server.org.expire_sessions()
    a.store.update("accounts", account, {"city": "Lyon"})
    assert a.sync().ok  # 401 -> refreshed once -> retried
    assert crm_values(a.connector, "accounts", account)["city"] == "Lyon"

    sf_server.org.revoke_refresh_tokens()  # invalid_grant
    a.store.update("accounts", account, {"city": "Lille"})
    report = a.sync()
    assert not report.ok and report.needs_sign_in
    assert ACCESS_REVOKED in [p.kind for p in report.problems]  # refused for good: the app locks
    assert a.store.pending_count() == 1  # kept
    sign_in(sf_server)
    a.clock.skip()
    assert a.sync().ok and a.store.pending_count() == 0
    assert crm_values(a.connector, "accounts", account)["city"] == "Lille"


def test_rate_limits_and_locked_rows_back_off_and_recover(profiles, sf_server):
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Busy"})
    assert a.sync().ok
    a.store.update("accounts", account, {"city": "Oslo"})
    sf_server.switch("fault", rate_limited=1, retry_after=30)
    report = a.sync()
    assert not report.ok and a.store.pending_count() == 1
    a.clock.skip()
    sf_server.switch("fault", lock_rows=1)
    a.sync()
    assert a.store.pending_count() == 1  # UNABLE_TO_LOCK_ROW: retried later, not refused
    assert a.engine.outbox_items()[0].state != "parked"
    a.clock.skip()
    assert a.sync().ok and a.store.pending_count() == 0
    assert a.connector.api_usage()[0] > 0
    assert crm_values(a.connector, "accounts", account)["city"] == "Oslo"


def test_server_stopped_mid_sync_keeps_everything_and_resumes(profiles, sf_server):
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Massive Dynamic"})
    assert a.sync().ok
    a.store.update("accounts", account, {"health": "amber", "health_reason": "Late invoices"})

    def stop_when_pushing(progress):
        if progress.phase == "push" and sf_server.running:
            sf_server.stop()

    assert not a.sync(progress=stop_when_pushing).ok
    assert a.store.pending_count() >= 1
    sf_server.start()
    a.clock.skip()
    assert a.sync().ok and a.store.pending_count() == 0
    crm = crm_values(a.connector, "accounts", account)
    assert (crm["health"], crm["health_reason"]) == ("amber", "Late invoices")


def test_deletions_purged_from_the_recycle_bin_are_reconciled(profiles, sf_server):
    a = profiles("rep-a")
    ids = one_of_each(a.store)
    assert a.sync().ok
    sf_server.switch("delete", id=sf_server.sfid("Task", ids["tasks"]))
    sf_server.switch("advance", seconds=16 * 86400)  # the recycle bin is emptied
    # The cursor's age is read on the org's clock (its answers' Date), not the laptop's.
    assert a.sync().ok
    assert a.store.get("tasks", ids["tasks"]) is None
    assert a.store.get("accounts", ids["accounts"]) is not None


def test_sign_out_revokes_and_no_secret_is_left_on_disk_or_in_logs(
    profiles, sf_server, isolated_data_dir, caplog
):
    caplog.set_level(logging.DEBUG)
    a = profiles("rep-a")
    a.store.create("accounts", {"name": "Secretive Inc"})
    assert a.sync().ok
    tokens = auth.load_tokens(a.connector.login_url, CONSUMER_KEY)
    secrets = [tokens.access_token, tokens.refresh_token]
    for folder in (isolated_data_dir, Path(os.environ["XDG_CONFIG_HOME"])):
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file():
                for secret in secrets:
                    assert secret.encode() not in path.read_bytes(), path
    for secret in secrets:
        assert secret not in caplog.text
    a.connector.sign_out()
    assert auth.load_tokens(a.connector.login_url, CONSUMER_KEY) is None
    assert tokens.refresh_token not in sf_server.org.refresh
    assert (
        credentials.load_secret(auth.secret_key(a.connector.login_url, CONSUMER_KEY, "refresh"))
        is None
    )


def test_a_change_between_the_read_and_the_write_is_caught_by_if_unmodified_since(
    profiles, sf_server
):
    a = profiles("rep-a")
    account = a.store.create("accounts", {"name": "Racy", "city": "Oslo"})
    assert a.sync().ok
    a.store.update("accounts", account, {"phone": "+47 1"})
    sfid = sf_server.sfid("Account", account)
    composite = []

    statuses = []

    def another_user_after_our_read(response, *args, **kwargs):
        url = response.request.url
        if url.endswith("/composite"):
            statuses.extend(r["httpStatusCode"] for r in response.json()["compositeResponse"])
        ours = "/query" in url and sfid not in composite and "Fieldbook_UUID__c+IN" in url
        if ours and any(r.get("Id") == sfid for r in response.json().get("records", [])):
            composite.append(sfid)
            sf_server.switch("advance", seconds=2)  # a later second than our base
            sf_server.switch("edit", id=sfid, values={"BillingCity": "Bergen"})
        return response

    a.connector.http.hooks["response"].append(another_user_after_our_read)
    a.sync()
    a.connector.http.hooks["response"].clear()
    assert composite  # the edit came between our read and our conditional write
    assert 412 in statuses  # and Salesforce refused the write: If-Unmodified-Since
    assert a.engine.conflicts() == []  # different fields: merged, not a conflict
    assert a.sync().ok
    crm = crm_values(a.connector, "accounts", account)
    assert (crm["city"], crm["phone"]) == ("Bergen", "+47 1")
    assert a.store.get("accounts", account)["city"] == "Bergen"


def test_fields_the_org_lacks_are_kept_out_and_read_only_ones_are_named(make_sf, sf_server):
    connector = make_sf()
    connector.sign_in()
    del connector._describe["Account"]["Fieldbook_NPS__c"]  # an org without that custom field
    assert connector.missing_fields("accounts") == ["nps"]
    assert "end_date" in connector.read_only_fields("contracts")  # computed by this org
    from desktop.ids import new_id
    from sync.connector import Mutation, Outcome

    m = Mutation(new_id(), "accounts", new_id(), "create", {"name": "No NPS here", "nps": 40})
    [result] = connector.push([m])
    assert result.outcome == Outcome.APPLIED
    assert "nps" not in result.record.values  # not in this Salesforce: stays in Fieldbook
    [row] = sf_server.switch("find", sobject="Account", where={"Fieldbook_UUID__c": m.id})
    assert row["Fieldbook_NPS__c"] is None and row["Name"] == "No NPS here"
    assert connector.scope_soql("notes").startswith(
        "select Id from ContentVersion where IsLatest = TRUE AND "
    )
