"""``fieldbook sign-in / add-note / sync / status`` against a real Tryton, in process."""

from __future__ import annotations

import io

from desktop import credentials, paths
from desktop.__main__ import main
from desktop.store import Store
from sync.tryton import server as crm_server
from sync.tryton.connector import secret_key
from tests.e2e.conftest import signed_in_connector


def fieldbook(capsys, *args, stdin=""):
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_sign_in_add_a_note_sync_and_see_a_server_change(capsys, tryton_server, isolated_data_dir):
    code, out, err = fieldbook(
        capsys,
        "sign-in",
        "--url",
        tryton_server.url,
        "--database",
        tryton_server.database,
        "--user",
        crm_server.ADMIN_USER,
        stdin=crm_server.ADMIN_PASSWORD + "\n",
    )
    assert code == 0, err
    assert out.startswith(f"signed in to {tryton_server.url} as admin")
    key = secret_key(tryton_server.url, tryton_server.database, "admin", "password")
    assert credentials.load_secret(key) == crm_server.ADMIN_PASSWORD
    profile = paths.last_profile(isolated_data_dir)
    store = Store.open(paths.store_path(isolated_data_dir, profile))
    assert "admin" not in {store.preference(k) for k in ("password", "crm_password")}
    store.close()

    assert fieldbook(capsys, "add-account", "Fjord Freight AS", "--city", "Bergen")[0] == 0
    code, out, err = fieldbook(
        capsys, "add-note", "--account", "Fjord Freight AS", "--title", "Kick-off call"
    )
    assert code == 0, err
    code, out, err = fieldbook(capsys, "sync")
    assert code == 0, err
    assert out.startswith(f"synced {profile}: ") and "pending 0" in out

    crm = signed_in_connector(tryton_server)
    try:
        [party] = crm.rpc.model(
            "party.party", "search", [("name", "=", "Fjord Freight AS")], 0, None, None, {}
        )
        crm.rpc.model("party.party", "write", [party], {"name": "Fjord Freight ASA"}, {})
    finally:
        crm.close()
    code, out, err = fieldbook(capsys, "sync")
    assert code == 0, err
    assert "pulled 1," in out, out
    store = Store.open(paths.store_path(isolated_data_dir, profile))
    try:
        assert [h.title for h in store.search("Fjord") if h.table == "accounts"] == [
            "Fjord Freight ASA"
        ]
    finally:
        store.close()

    code, out, err = fieldbook(capsys, "status")
    assert code == 0
    assert f"admin@{tryton_server.url}/{tryton_server.database}" in out and "pending 0" in out


def test_a_wrong_password_exits_3_and_keeps_nothing(capsys, tryton_server):
    code, out, err = fieldbook(
        capsys,
        "sign-in",
        "--url",
        tryton_server.url,
        "--database",
        tryton_server.database,
        "--user",
        "admin",
        stdin="wrong\n",
    )
    assert code == 3
    assert "refused the user name or password" in err
    key = secret_key(tryton_server.url, tryton_server.database, "admin", "password")
    assert credentials.load_secret(key) is None


def test_a_wrong_database_says_so(capsys, tryton_server):
    code, _out, err = fieldbook(
        capsys,
        "sign-in",
        "--url",
        tryton_server.url,
        "--database",
        "nope",
        "--user",
        "admin",
        stdin="admin\n",
    )
    assert code == 1 and "no database with this name" in err
