"""The session's CRM side: the connection a profile remembers, signing in and out (Tryton,
Salesforce), the demo CRM, the welcome page on an empty profile and the Preferences' connection
buttons. ``ui.app.Session`` is this plus opening, switching and closing profiles.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from desktop import paths, provisioning
from desktop.store import Store
from sync import kinds

from .operations import OpContext, StoreOp, Task
from .preferences_dialog import SYNC_INTERVAL, SYNC_ON_START

log = logging.getLogger("ui.app")

WELCOME_DONE = "welcome_done"  # store preference: the rep chose to work locally for now
LOCAL_ONLY_MODE = "local_only"  # ui.sync_controller.LOCAL_ONLY, without importing it early
LOCAL_PROFILE = paths.LOCAL_PROFILE
DEMO_PROFILE = paths.DEMO_PROFILE
CRM_PREFERENCES = kinds.CONNECTION_PREFERENCES


def demo_crm_available() -> bool:
    """Whether the demo CRM can run here: it needs the Tryton *server* (trytond), which the
    installed app leaves out. Connecting to a real CRM never depends on this."""
    return importlib.util.find_spec("trytond") is not None


def start_demo_crm_task(data_dir: Path, salesforce: bool = False) -> Task:
    """A task that starts the demo CRM off the GUI thread (the first start builds and seeds it);
    ``salesforce``: the Salesforce-dialect demo org instead of Tryton (issue 15)."""

    def start(_control):
        if salesforce:
            from sync.salesforce.demo import start_demo_org as start_demo_crm  # issue 15
        else:
            from sync.tryton.demo import start_demo_crm

        return start_demo_crm(data_dir)

    return Task(None, start, name="demo-crm")


class CrmSession:
    """The CRM half of ``ui.app.Session`` (it provides the attributes used here)."""

    # Provided by Session.
    app: Any
    data_dir: Path
    context: OpContext | None
    window: Any
    controller: Any
    connector: Any
    demo_crm: Any
    salesforce: bool
    presets: provisioning.Provisioning
    welcome: Any

    @staticmethod
    def _apply_presets(context: OpContext) -> None:
        """IT's sync settings (desktop/provisioning.py): a locked one always, else as a default."""
        presets = provisioning.load()  # only IT's file sets sync settings
        store = context.store
        for name, key, as_text in (
            ("interval_minutes", SYNC_INTERVAL, str),
            ("on_start", SYNC_ON_START, lambda v: "1" if v else "0"),
        ):
            value = presets.get("sync", name)
            if value is None:
                continue
            if presets.is_locked(f"sync.{name}") or store.preference(key) is None:
                text = as_text(value)
                context.writer.call(lambda k=key, t=text: store.set_preference(k, t))

    def _wire_preferences(self, dialog) -> None:
        dialog.change_connection.connect(self._change_connection)
        dialog.sign_out_requested.connect(self.sign_out)

    def _change_connection(self) -> None:
        if self.connector is not None:
            self.sign_in()
        else:
            self.show_welcome()

    # -- the welcome page ----------------------------------------------------------------------

    @staticmethod
    def _is_empty_profile(store: Store) -> bool:
        """No CRM, no accounts, and the rep has not chosen "Work locally for now" before."""
        return (
            kinds.connected_to(store.preference) is None
            and store.preference(WELCOME_DONE) is None
            and not store.has_accounts()
        )

    def show_welcome(self) -> None:
        """The welcome page: connect to a CRM, open the demo book, or work locally for now."""
        from .welcome import WelcomeDialog

        if self.window is None:
            return
        dialog = WelcomeDialog(self.window, presets=self.presets)
        dialog.connected.connect(self._signed_in)
        dialog.connected_with_settings.connect(
            lambda _kind, connector, settings: self._signed_in_salesforce(connector, settings)
        )
        dialog.demo_requested.connect(self.open_demo)
        dialog.local_requested.connect(self._work_locally)
        dialog.rejected.connect(self._work_locally)
        dialog.open()
        self.welcome = dialog

    def _status_clicked(self) -> None:
        if self.controller is not None and self.controller.state.mode == LOCAL_ONLY_MODE:
            self.show_welcome()

    def _work_locally(self) -> None:
        if self.context is not None:
            StoreOp(self.window, lambda s: s.set_preference(WELCOME_DONE, "1")).run_in_background()

    def open_demo(self) -> None:
        """Close this profile and open the demo book (its demo CRM starts where it can)."""
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            self.close()
            self.open(DEMO_PROFILE, demo=True)
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)

    # -- the CRM -------------------------------------------------------------------------------

    def _remembered_connector(self, store: Store):
        try:
            return kinds.remembered_connection(store.preference)
        except Exception:
            log.exception("remembered CRM address is not usable")
            return None

    def _start_demo_crm(self) -> None:
        window = self.window
        if not demo_crm_available() and not self.salesforce:
            if getattr(sys, "frozen", False):  # the installed app ships the client only
                text = QCoreApplication.translate(
                    "app",
                    "Demo book of business, on this computer only (no demo CRM to sync with).",
                )
            else:
                text = QCoreApplication.translate(
                    "app",
                    "The demo CRM needs Tryton (pip install -e '.[crm]'); working on the "
                    "local copy.",
                )
            window.statusBar().showMessage(text)
            self.controller.start()
            return
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "app", "Starting the demo CRM on this computer… (the first start takes a minute)"
            )
        )
        self._starter = (
            start_demo_crm_task(self.data_dir, salesforce=self.salesforce)
            .success(self._demo_crm_ready)
            .failure(self._demo_crm_failed)
            .run_in_background()
        )

    def _demo_crm_ready(self, crm) -> None:
        if self.window is None:  # quit while it started: it must not outlive us
            crm.stop()
            return
        self.demo_crm = crm
        self.connector = crm.connector()
        self.window.statusBar().showMessage(
            QCoreApplication.translate("app", "Demo CRM running at {}").format(crm.url), 8000
        )
        self.controller.reset_engine()

    def _demo_crm_failed(self, exc: BaseException) -> None:
        log.error("demo CRM did not start", exc_info=exc)
        reason = str(exc)
        if self.window is None:
            return
        self.window.statusBar().showMessage(
            QCoreApplication.translate(
                "app", "The demo CRM did not start ({}); working on the local copy."
            ).format(reason)
        )
        self.controller.start()

    def _add_account_actions(self) -> None:
        window = self.window
        menu = window.sync_menu
        menu.addSeparator()
        self.sign_in_action = QAction(window.tr("Sign In to CRM…"), window)
        self.sign_in_action.triggered.connect(self.sign_in)
        self.sign_out_action = QAction(window.tr("Sign Out…"), window)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.salesforce_action = QAction(window.tr("Connect to Salesforce…"), window)
        self.salesforce_action.triggered.connect(self.sign_in_salesforce)
        menu.addAction(self.sign_in_action)
        menu.addAction(self.salesforce_action)
        menu.addAction(self.sign_out_action)

    def sign_in(self) -> None:
        """Ask for the CRM sign-in; on success open (or create) that user's profile."""
        if getattr(self.connector, "name", None) == "Salesforce":
            self.sign_in_salesforce()
            return
        if self.window is None:
            return
        from .sign_in_dialog import SignInDialog

        store = self.context.store
        url, database, user = (store.preference(k) or "" for k in CRM_PREFERENCES)
        if self.connector is not None:
            url, database, user = self.connector.url, self.connector.database, self.connector.login
        dialog = SignInDialog(self.window, url=url, database=database, user=user)
        dialog.signed_in.connect(self._signed_in)
        dialog.open()
        self.sign_in_dialog = dialog

    def _signed_in(self, kind_or_connector, connector=None) -> None:
        """Signed in (from the sign-in dialog: a connector; the welcome page: kind, connector)."""
        kind = kind_or_connector if connector is not None else kinds.DEFAULT_KIND
        connector = connector if connector is not None else kind_or_connector
        database = getattr(connector, "database", "")
        profile = paths.profile_slug(connector.login, connector.url, database)
        remember = kinds.connection_preferences(kind, connector)
        if self.context is not None and self.context.profile == profile:  # type: ignore[attr-defined]
            self.connector = connector
            self._forget_field_access(unless_kind=getattr(connector, "kind", ""))
            self.controller.reset_engine()
            return
        self.switch_to(profile, connector, remember)

    def sign_in_salesforce(self) -> None:
        """Connect to Salesforce in the browser; on success open that user's profile."""
        from .salesforce_sign_in import open_sign_in_dialog

        if self.window is not None:
            self.sign_in_dialog = open_sign_in_dialog(self)

    def _signed_in_salesforce(self, connector, settings: dict) -> None:
        """Signed in to Salesforce from the welcome page (the Sync menu's dialog does the same
        in ui/salesforce_sign_in.py)."""
        profile = paths.profile_slug(connector.user_id, connector.login_url, "salesforce")
        if self.context is not None and self.context.profile == profile:  # type: ignore[attr-defined]
            self.connector = connector
            self._forget_field_access(unless_kind="salesforce")
            self.controller.reset_engine()
            return
        self.switch_to(profile, connector, settings)

    def sign_out(self, remove_local_copy: bool = False) -> None:
        """Sign out (asks first; ``remove_local_copy`` ticks "also remove my book")."""
        if self.connector is None or self.window is None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("app", "You are not signed in to a CRM."), 5000
            )
            return
        from .sign_in_dialog import SignOut

        profile = self.context.profile  # type: ignore[attr-defined]
        folder = paths.profile_dir(self.data_dir, profile)
        removed = []

        def close_store() -> None:
            removed.append(True)
            self.controller.shutdown()
            self.context.store.close()

        signed_out = SignOut(
            self.window,
            self.connector,
            folder,
            self.context.store.pending_count(),
            close_store,
            remove_local_copy=bool(remove_local_copy),
        ).run()
        if not signed_out:
            return
        self.connector = None
        if removed:
            self.close_to_local()
        else:
            self._forget_field_access()
            self.controller.reset_engine()

    def _forget_field_access(self, unless_kind: str | None = None) -> None:
        """What the last CRM let the rep edit no longer holds (signed out, another CRM)."""
        if self.context is None:
            return
        store = self.context.store
        if unless_kind is not None and store.field_access().crm in ("", unless_kind):
            return
        StoreOp(self.window, lambda s: s.save_field_access(None), self.context).run_in_background()

    def close_to_local(self) -> None:
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            self.close()
            self.open(LOCAL_PROFILE, demo=False)
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)
