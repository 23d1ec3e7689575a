"""CI: the FROZEN app as a product, against a real local Tryton with the fieldbook module.

    .venv/bin/python tools/ci_frozen_sync.py [dist/fieldbook/fieldbook]

Run it in a session with a real, unlocked keyring (.ci/run uses dbus-run-session and
gnome-keyring): the frozen ``fieldbook`` signs in through the real sign-in path (password on
stdin, kept in the Secret Service), creates an account and a note, syncs, the script changes the
account on the server through Tryton's RPC, the frozen app syncs again, and the change must be
in the local copy. Any failed step exits non-zero with what failed.

This script runs with the development virtualenv (it needs ``trytond`` to serve the CRM); the
app under test is only the bundle.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import paths  # noqa: E402
from desktop.store import Store  # noqa: E402
from sync.tryton import server as crm_server  # noqa: E402
from sync.tryton.connector import TrytonConnector  # noqa: E402

ACCOUNT = "Fjord Freight AS"
RENAMED = "Fjord Freight ASA"


class StepFailed(Exception):
    pass


def step(title: str) -> None:
    print(f"--- {title}", flush=True)


def fieldbook(executable: Path, data: Path, *args: str, stdin: str = "") -> str:
    """Run the frozen app; its stdout; StepFailed on a non-zero exit."""
    env = dict(os.environ, FIELDBOOK_DATA_DIR=str(data))
    env.pop("FIELDBOOK_PASSWORD", None)
    started = time.monotonic()
    result = subprocess.run(
        [str(executable), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    seconds = time.monotonic() - started
    shown = " ".join(a for a in args)
    print(f"$ fieldbook {shown}  ({seconds:.1f} s, exit {result.returncode})")
    for line in (result.stdout + result.stderr).strip().splitlines():
        print(f"  {line}")
    if result.returncode != 0:
        raise StepFailed(f"fieldbook {args[0]} exited {result.returncode}")
    return result.stdout.strip()


def server_connector(server: crm_server.CrmServer) -> TrytonConnector:
    connector = TrytonConnector(server.url, server.database, crm_server.ADMIN_USER)
    connector.sign_in_with_password(crm_server.ADMIN_PASSWORD, remember=False)
    return connector


def run(executable: Path, work: Path) -> None:
    cache = Path(
        os.environ.get("FIELDBOOK_TEST_CACHE")
        or Path(tempfile.gettempdir()) / "fieldbook-test-cache"
    )  # the e2e tests' template, built once
    step("start a local Tryton with the fieldbook module")
    server = crm_server.start_copy(crm_server.build_template(cache), work / "crm")
    try:
        print(f"  Tryton at {server.url}, database {server.database}")
        data = work / "data"

        step("sign in (password on stdin, kept in the system keyring)")
        out = fieldbook(
            executable,
            data,
            "sign-in",
            "--url",
            server.url,
            "--database",
            server.database,
            "--user",
            crm_server.ADMIN_USER,
            stdin=crm_server.ADMIN_PASSWORD + "\n",
        )
        if not out.startswith("signed in to"):
            raise StepFailed(f"unexpected sign-in output: {out!r}")

        step("create an account and a note, then sync")
        fieldbook(executable, data, "add-account", ACCOUNT, "--city", "Bergen")
        fieldbook(executable, data, "add-note", "--account", ACCOUNT, "--title", "Kick-off call")
        out = fieldbook(executable, data, "sync")
        if "pending 0" not in out:
            raise StepFailed(f"changes left after the sync: {out!r}")

        crm = server_connector(server)
        try:
            parties = crm.rpc.model(
                "party.party", "search", [("name", "=", ACCOUNT)], 0, None, None, {}
            )
            if len(parties) != 1:
                raise StepFailed(f"the account is not on the CRM once ({parties})")
            step("change the account on the CRM")
            crm.rpc.model("party.party", "write", parties, {"name": RENAMED}, {})
        finally:
            crm.close()

        step("sync again: the change must arrive")
        out = fieldbook(executable, data, "sync")
        if "pulled 0," in out:
            raise StepFailed(f"nothing pulled after the change on the CRM: {out!r}")
        profile = paths.last_profile(data)
        if not profile:
            raise StepFailed("no profile remembered after sign-in")
        store = Store.open(paths.store_path(data, profile))
        try:
            names = [hit.title for hit in store.search("Fjord") if hit.table == "accounts"]
        finally:
            store.close()
        if names != [RENAMED]:
            raise StepFailed(f"the local copy has {names}, expected [{RENAMED!r}]")
        fieldbook(executable, data, "status")
    finally:
        server.stop()


def main(argv: list[str]) -> int:
    executable = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "fieldbook" / "fieldbook")
    if not executable.exists():
        print(f"no frozen app at {executable}: run build.py first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="fieldbook-ci-") as tmp:
        try:
            run(executable.resolve(), Path(tmp))
        except (StepFailed, crm_server.CrmServerError, subprocess.TimeoutExpired) as exc:
            print(f"FROZEN SYNC FAILED: {exc}", file=sys.stderr)
            return 1
    print("frozen app: signed in, synced both ways through the real keyring")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
