"""``./run-demo --salesforce``: the app opens the demo profile, starts the Salesforce-dialect
demo org, signs in to it through OAuth and syncs out of the box."""

from __future__ import annotations

from desktop.__main__ import build_parser
from sync.salesforce.demo import start_demo_org
from ui import sync_controller as sc
from ui.app import Session
from ui.sync_status import SyncStatusWidget


def test_the_demo_flag_is_parsed():
    args = build_parser().parse_args(["--demo", "--salesforce"])
    assert args.demo and args.salesforce


def test_the_demo_org_starts_seeded_and_signed_in(tmp_path):
    org = start_demo_org(tmp_path, accounts=3)
    try:
        connector = org.connector()
        connector.sign_in()  # the tokens are in the keyring
        assert len(connector.list_ids("accounts")) == 3
        connector.close()
    finally:
        org.stop()
    assert org.process.poll() is not None


def test_the_app_syncs_with_the_salesforce_demo_org(qtbot, qapp, tmp_path):
    session = Session(qapp, tmp_path / "data", real_keyring=False, salesforce=True)
    session.open(None, demo=True)
    try:
        qtbot.waitUntil(lambda: session.demo_crm is not None, timeout=60_000)
        assert session.connector.name == "Salesforce"
        session.controller.sync_now()
        qtbot.waitUntil(lambda: session.controller.state.mode == sc.UP_TO_DATE, timeout=60_000)
        status = session.window.findChild(SyncStatusWidget)
        session.controller.refresh_status()
        qtbot.waitUntil(lambda: "API calls today: " in status.button.toolTip())
        used, most = session.controller.state.api_usage
        assert f"API calls today: {used} of {most}" in status.button.toolTip() and used > 0
        session.window.grab().save("/tmp/h15-salesforce-demo.png")
    finally:
        session.close()
