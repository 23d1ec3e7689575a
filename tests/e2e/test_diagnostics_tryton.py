"""Against a real Tryton: the log kept for support after a sign-in and a sync holds no secret,
Help ▸ Copy diagnostics puts a report on the clipboard, and amounts keep their currency."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication

from desktop import credentials, logs, paths
from desktop.ids import new_id
from sync.connector import Mutation
from sync.tryton import server as crm_server
from sync.tryton.connector import secret_key
from tests.e2e.conftest import signed_in_connector
from ui import sync_controller as sc
from ui.app import Session
from ui.operations import StoreOp

PASSWORD = "Nachtzug-Lyon-4471"  # not "admin": a secret must be findable only as itself
NOTE_BODY = "Confidential: the CFO mentioned layoffs in Q3 (zebra-quokka-7781)"


def test_log_after_sign_in_and_sync_holds_no_secret_and_diagnostics_copy(
    qtbot, qapp, tryton_server, tmp_path
):
    admin = signed_in_connector(tryton_server)
    admin.rpc.call(
        "model.res.user.set_preferences", {"password": PASSWORD, "old_password": "admin"}, {}
    )
    admin.close()
    credentials.forget_secret(admin.password_key)
    credentials.forget_secret(admin.session_key)
    log_file = logs.setup_logging(logging.INFO, tmp_path / "logs")
    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.open(None, demo=False)
    try:
        session.sign_in()
        dialog = session.sign_in_dialog
        dialog.url_edit.setText(tryton_server.url)
        dialog.database_edit.setText(tryton_server.database)
        dialog.user_edit.setText(crm_server.ADMIN_USER)
        dialog.password_edit.setText(PASSWORD)
        dialog.sign_in_button.click()
        slug = paths.profile_slug(crm_server.ADMIN_USER, tryton_server.url, tryton_server.database)
        qtbot.waitUntil(
            lambda: session.context is not None and session.context.profile == slug, timeout=30_000
        )
        qtbot.waitUntil(lambda: session.controller.state.mode == sc.UP_TO_DATE, timeout=60_000)

        created = []

        def write(store):
            account = store.create("accounts", {"name": "Harbour Lights", "currency": "CHF"})
            store.create(
                "notes",
                {
                    "account_id": account,
                    "kind": "meeting",
                    "title": "Dinner",
                    "body": NOTE_BODY,
                    "occurred_at": "2026-11-20T19:30:00",
                },
            )
            return account

        StoreOp(session.window, write).success(created.append).run_in_background()
        qtbot.waitUntil(lambda: len(created) == 1)
        session.controller.sync_now()
        qtbot.waitUntil(
            lambda: (
                session.controller.state.mode == sc.UP_TO_DATE
                and session.controller.state.pending == 0
            ),
            timeout=60_000,
        )
        window = session.window
        window.copy_diagnostics_action.trigger()
        copied = QGuiApplication.clipboard().text()
        stored_session = credentials.load_secret(
            secret_key(
                session.connector.url,
                tryton_server.database,
                crm_server.ADMIN_USER,
                "session",
            )
        )
    finally:
        session.close()
        logs.stop_logging()

    text = log_file.read_text(encoding="utf-8")
    assert "INFO" in text and "logging to" in text
    assert stored_session and ":" in stored_session
    token = stored_session.split(":", 1)[1]
    for secret in (PASSWORD, token, NOTE_BODY, "zebra-quokka"):
        assert secret not in text, secret
        assert secret not in copied, secret
    assert "Fieldbook diagnostics" in copied
    assert "schema" in copied and "store size" in copied and "sync mode" in copied
    assert "qt" in copied and "Log (last" in copied


def test_amounts_keep_their_currency_through_tryton(tryton):
    account = new_id()
    yen_deal = new_id()
    [a, o] = tryton.push(
        [
            Mutation(new_id(), "accounts", account, "create", {"name": "Kaito", "currency": "JPY",
                                                               "mrr_cents": 1_234_567}),
            Mutation(new_id(), "opportunities", yen_deal, "create", {
                "account_id": account, "name": "Tokyo 2", "stage": "proposal",
                "amount_cents": 98_765, "currency": "JPY"}),
        ]
    )  # fmt: skip
    assert o.record.values["amount_cents"] == 98_765
    assert o.record.values["currency"] == "JPY"
    assert a.record.values["mrr_cents"] == 1_234_567
    raw = tryton._search_read("sale.opportunity", [("fieldbook_uuid", "=", yen_deal)], ["amount"])
    assert str(raw[0]["amount"]) in ("98765", "98765.00")  # yen, not 987.65
    # An edit of the amount alone stays in yen.
    [u] = tryton.push(
        [Mutation(new_id(), "opportunities", yen_deal, "update", {"amount_cents": 1_000},
                  o.record.version)]
    )  # fmt: skip
    assert u.record.values["amount_cents"] == 1_000
    assert u.record.values["currency"] == "JPY"
    # A record that names no currency is in the company's.
    plain = new_id()
    [p] = tryton.push([Mutation(new_id(), "accounts", plain, "create", {"name": "Plain Co"})])
    assert p.record.values["currency"] == "USD"
