"""The whole app against a real Tryton: sign in from the window, edit, sync, see it in the CRM."""

from __future__ import annotations

from desktop import paths
from sync.tryton import server as crm_server
from tests.e2e.conftest import signed_in_connector
from ui import sync_controller as sc
from ui.app import Session
from ui.operations import StoreOp


def test_sign_in_from_the_window_syncs_a_new_profile_both_ways(
    qtbot, qapp, tryton_server, tmp_path
):
    session = Session(qapp, tmp_path / "data", real_keyring=False)
    session.open(None, demo=False)
    try:
        assert session.context.profile == "local"
        qtbot.waitUntil(lambda: session.controller.state.mode == sc.LOCAL_ONLY)

        session.sign_in()
        dialog = session.sign_in_dialog
        dialog.url_edit.setText(tryton_server.url)
        dialog.database_edit.setText(tryton_server.database)
        dialog.user_edit.setText(crm_server.ADMIN_USER)
        dialog.password_edit.setText(crm_server.ADMIN_PASSWORD)
        dialog.sign_in_button.click()

        slug = paths.profile_slug(crm_server.ADMIN_USER, tryton_server.url, tryton_server.database)
        qtbot.waitUntil(
            lambda: session.context is not None and session.context.profile == slug, timeout=30_000
        )
        qtbot.waitUntil(lambda: session.controller.state.mode == sc.UP_TO_DATE, timeout=60_000)
        store = session.context.store
        assert store.preference("crm_url") == tryton_server.url

        created = []
        StoreOp(
            session.window,
            lambda s: s.create("accounts", {"name": "Harbour Lights Ltd", "city": "Oslo"}),
        ).success(created.append).run_in_background()
        qtbot.waitUntil(lambda: len(created) == 1)
        session.controller.sync_now()
        qtbot.waitUntil(
            lambda: (
                session.controller.state.mode == sc.UP_TO_DATE
                and session.controller.state.pending == 0
            ),
            timeout=60_000,
        )

        crm = signed_in_connector(tryton_server)
        try:
            [remote] = crm.fetch("accounts", created)
            assert remote.values["name"] == "Harbour Lights Ltd"
            assert remote.values["city"] == "Oslo"
        finally:
            crm.close()
    finally:
        session.close()
