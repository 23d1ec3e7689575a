"""IT's settings file: where it is read from, what it may hold, and when its locks count."""

from __future__ import annotations

import json

import pytest

from desktop import provisioning as P


@pytest.fixture
def system(tmp_path, monkeypatch):
    folder = tmp_path / "system"
    folder.mkdir()
    monkeypatch.setenv(P.SYSTEM_CONFIG_ENV, str(folder))
    return folder


def write(folder, data):
    (folder / P.FILE_NAME).write_text(json.dumps(data), encoding="utf-8")


def test_no_file_means_no_presets(system):
    presets = P.load()
    assert presets.source is None and presets.get("crm", "url") is None
    assert dict(P.policy_section("security")) == {}


def test_presets_locks_and_the_security_section(system):
    write(
        system,
        {
            "crm": {
                "kind": "salesforce",
                "url": "https://login.salesforce.com",
                "salesforce_consumer_key": "3MVG9abc",
                "salesforce_scope": "api refresh_token",
            },
            "security": {"require_encryption": True, "lock_after_days": 14, "wipe_on_revoke": True},
            "locked": ["crm.url", "crm.kind"],
        },
    )
    presets = P.load()
    assert presets.source == system / P.FILE_NAME
    assert presets.get("crm", "salesforce_consumer_key") == "3MVG9abc"
    assert presets.is_locked("crm.url") and not presets.is_locked("crm.database")
    assert presets.locked_value("crm", "kind") == "salesforce"
    security = P.policy_section("security")
    assert dict(security) == {
        "require_encryption": True,
        "lock_after_days": 14,
        "wipe_on_revoke": True,
    }
    with pytest.raises(TypeError):
        security["lock_after_days"] = 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"crm": {"adress": "x"}}, "crm.adress"),
        ({"sync": {"interval_minutes": "15"}}, "sync.interval_minutes must be a whole number"),
        ({"sync": {"interval_minutes": True}}, "sync.interval_minutes"),
        ({"locked": ["crm.password"]}, "crm.password"),
        ({"colours": {}}, "colours"),
        ({"ui": {"start_page": "pipeline"}}, "ui.start_page must be one of last, today, accounts"),
    ],
)
def test_a_bad_file_is_refused_naming_the_field(system, data, named):
    write(system, data)
    with pytest.raises(P.ProvisioningError, match=named.replace(".", r"\.")):
        P.check()
    assert P.load().source is None  # the app starts without it (and logs why)


def test_locks_from_a_file_a_user_can_write_are_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv(P.SYSTEM_CONFIG_ENV, raising=False)
    data = {"crm": {"url": "https://crm.example.com"}, "locked": ["crm.url"]}
    presets = P.parse(data, tmp_path / P.FILE_NAME, honour_locks=False)
    assert presets.get("crm", "url") == "https://crm.example.com"
    assert not presets.is_locked("crm.url")


def test_linux_reads_etc_xdg(monkeypatch):
    monkeypatch.delenv(P.SYSTEM_CONFIG_ENV, raising=False)
    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    monkeypatch.setattr(P.sys, "platform", "linux")
    assert P.system_config_dirs() == [P.Path("/etc/xdg/Fieldbook")]
    monkeypatch.setattr(P.sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", r"C:\ProgramData")
    assert str(P.system_config_dirs()[0]).endswith("Fieldbook")


def test_command_line_options_go_on_top_of_presets_but_not_of_locks():
    presets = P.parse(
        {"crm": {"url": "https://crm.example.com", "database": "prod"}, "locked": ["crm.url"]},
        P.Path("fieldbook.json"),
    )
    merged = presets.with_options("crm", url="https://elsewhere", database="test", kind=None)
    assert merged.get("crm", "url") == "https://crm.example.com"  # IT locked it
    assert merged.get("crm", "database") == "test"
    assert merged.get("crm", "kind") is None
    assert merged.is_locked("crm.url")


def test_the_security_section_holds_what_the_security_policy_reads(system):
    from dataclasses import fields

    from desktop.security_policy import SecurityPolicy

    assert {f.name for f in fields(SecurityPolicy)} == set(P.SCHEMA["security"])
    write(
        system,
        {"security": {"require_encryption": True, "lock_after_days": 7, "encrypt_demo": True}},
    )
    policy = SecurityPolicy.from_mapping(P.policy_section("security"))
    assert policy.require_encryption and policy.lock_after_days == 7 and policy.encrypt_demo


def test_macos_reads_an_mdm_configuration_profile_first(tmp_path, monkeypatch):
    import plistlib

    managed = tmp_path / "Managed Preferences"
    managed.mkdir(mode=0o755)
    monkeypatch.delenv(P.SYSTEM_CONFIG_ENV, raising=False)
    monkeypatch.setattr(P.sys, "platform", "darwin")
    monkeypatch.setattr(P, "MANAGED_PREFERENCES_DIR", managed)
    profile = {
        "PayloadUUID": "9A3F…",  # the profile's own keys are not ours and are left alone
        "crm": {"kind": "salesforce", "url": "https://acme.my.salesforce.com"},
        "sync": {"interval_minutes": 30},
        "locked": ["crm.kind", "crm.url"],
    }
    (managed / P.MANAGED_PREFERENCES_FILE).write_bytes(plistlib.dumps(profile))
    presets = P.check()
    assert presets.source == managed / P.MANAGED_PREFERENCES_FILE
    assert presets.get("crm", "url") == "https://acme.my.salesforce.com"
    assert presets.get("sync", "interval_minutes") == 30
    assert presets.is_locked("crm.url")
    (managed / P.MANAGED_PREFERENCES_FILE).write_bytes(b"<plist><dict><key>crm")
    with pytest.raises(P.ProvisioningError, match="property list"):
        P.check()
    assert P.load().source is None  # the app still starts


def test_it_presets_the_salesforce_record_scope_and_a_lock_beats_the_reps_own(system):
    from sync.salesforce.connector import record_scope

    mine = {"salesforce_record_scope": '{"Account": "Name = \'Mine\'"}'}
    write(system, {"crm": {"salesforce_record_scope": {"Account": "Region__c = 'EMEA'"}}})
    assert record_scope({}) == {"Account": "Region__c = 'EMEA'"}  # IT's, when the rep set none
    assert record_scope(mine) == {"Account": "Name = 'Mine'"}  # the rep's replaces it...
    write(
        system,
        {
            "crm": {"salesforce_record_scope": {"Account": "Region__c = 'EMEA'"}},
            "locked": ["crm.salesforce_record_scope"],
        },
    )
    assert record_scope(mine) == {"Account": "Region__c = 'EMEA'"}  # ...unless IT locked it
    write(system, {"crm": {"salesforce_record_scope": "Region__c = 'EMEA'"}})
    with pytest.raises(P.ProvisioningError, match="salesforce_record_scope must be an object"):
        P.check()
