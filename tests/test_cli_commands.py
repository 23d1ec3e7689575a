"""The headless commands without a CRM: usage errors, local records, status, IT presets."""

from __future__ import annotations

import io
import json
import sys

import pytest

from desktop import paths, provisioning
from desktop.__main__ import main
from desktop.store import Store


def fieldbook(capsys, *args, stdin=""):
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


@pytest.fixture
def local_profile(isolated_data_dir):
    Store.open(paths.store_path(isolated_data_dir, paths.LOCAL_PROFILE)).close()
    paths.remember_profile(isolated_data_dir, paths.LOCAL_PROFILE)
    return isolated_data_dir


def test_sync_before_any_sign_in_says_what_to_do(capsys):
    code, _out, err = fieldbook(capsys, "sync")
    assert code == 2
    assert "fieldbook sign-in" in err


def test_sync_of_a_local_profile_says_it_is_not_connected(capsys, local_profile):
    code, _out, err = fieldbook(capsys, "sync")
    assert code == 2 and "not connected" in err


def test_sign_in_names_the_missing_options(capsys):
    code, _out, err = fieldbook(capsys, "sign-in", "--user", "alex", stdin="pw\n")
    assert code == 2
    assert "--url" in err and "--database" in err


def test_add_account_and_note_are_stored_with_outbox_rows(capsys, local_profile):
    assert fieldbook(capsys, "add-account", "Quarry Holdings")[0] == 0
    code, out, err = fieldbook(
        capsys, "add-note", "--account", "Quarry Holdings", "--title", "Met the CFO"
    )
    assert code == 0, err
    code, out, _err = fieldbook(capsys, "--profile", "local", "status")
    assert code == 0
    assert out == (
        "local: local only (no CRM); pending 2, parked 0, conflicts 0; last synced never"
    )


def test_add_note_to_an_unknown_account_is_refused_by_name(capsys, local_profile):
    code, _out, err = fieldbook(capsys, "add-note", "--account", "Nobody Ltd", "--title", "x")
    assert code == 2
    assert "--account" in err and "Nobody Ltd" in err


def test_sign_in_options_default_to_the_it_presets(capsys, tmp_path, monkeypatch):
    system = tmp_path / "system"
    system.mkdir()
    (system / "fieldbook.json").write_text(
        json.dumps(
            {
                "crm": {"kind": "tryton", "url": "http://127.0.0.1:9", "database": "prod"},
                "locked": ["crm.url"],
            }
        )
    )
    monkeypatch.setenv(provisioning.SYSTEM_CONFIG_ENV, str(system))
    # Preset address and database: only the user and password are missing -> it tries to connect.
    code, _out, err = fieldbook(capsys, "sign-in", "--user", "alex", stdin="pw\n")
    assert code == 4, err  # nothing listens on port 9
    code, _out, err = fieldbook(
        capsys, "sign-in", "--url", "http://elsewhere", "--user", "alex", stdin="pw\n"
    )
    assert code == 2 and "locked" in err


def test_the_in_memory_keyring_is_never_chosen_on_its_own():
    """Where no OS keyring answers, keyring must fall back to "fail", not to our test keyring
    (which forgets at exit): the self-test and `fieldbook sign-in` would take it for real."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    code = "import desktop.credentials as c, ui.cli, keyring; print(c.backend_name())"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "MemoryKeyring" not in out


def test_status_names_a_salesforce_connection(capsys, local_profile):
    store = Store.open(paths.store_path(local_profile, paths.LOCAL_PROFILE))
    store.set_preference("salesforce_login_url", "https://login.salesforce.com")
    store.close()
    code, out, _err = fieldbook(capsys, "status")
    assert code == 0 and "Salesforce (https://login.salesforce.com)" in out


def test_sign_in_to_salesforce_points_to_the_window(capsys):
    code, _out, err = fieldbook(
        capsys, "sign-in", "--kind", "salesforce", "--user", "x", stdin="p\n"
    )
    assert code == 2 and "browser" in err
