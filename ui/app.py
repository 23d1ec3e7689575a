"""Start the desktop app: open the profile's store, show the main window, sync, run until quit.

A *profile* is one local copy: "demo", "local" (no CRM yet) or one per signed-in user and CRM
(``paths.profile_slug``). The CRM a profile syncs with is remembered in its store's
preferences (address, database, user: nothing secret); the password and session live in the
OS keyring only.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import signal
import sys
from pathlib import Path

import keyring
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__, credentials, logs, money, paths, provisioning
from desktop.store import Store
from sync import kinds

from . import i18n
from .errors import install_excepthook, show_error
from .operations import OpContext, StoreOp, Task
from .preferences_dialog import SYNC_INTERVAL, SYNC_ON_START
from .style import apply_style, icon

log = logging.getLogger(__name__)

WELCOME_DONE = "welcome_done"  # store preference: the rep chose to work locally for now
LOCAL_ONLY_MODE = "local_only"  # ui.sync_controller.LOCAL_ONLY, without importing it early
LOCAL_PROFILE = paths.LOCAL_PROFILE
DEMO_PROFILE = paths.DEMO_PROFILE
CRM_PREFERENCES = kinds.CONNECTION_PREFERENCES


def choose_profile(profile: str | None, demo: bool, base: Path | None = None) -> str:
    """``--demo`` wins, then ``--profile``, then the last profile used (by the window or
    ``fieldbook sign-in``: the data folder's note, else QSettings), then "local"."""
    if demo:
        return DEMO_PROFILE
    if profile:
        return profile
    noted = paths.last_profile(base or paths.data_dir())
    if noted:
        return noted
    last = QSettings().value("profile/last") if QCoreApplication.instance() else None
    return str(last) if last else LOCAL_PROFILE


def open_profile(data_dir: str | None, profile: str | None, demo: bool) -> OpContext:
    """Open (creating if needed) the profile's store and wrap it in an OpContext.

    The demo profile is filled with the demo book of business on first use, so the window has
    something to show while the demo CRM starts.
    """
    base = paths.data_dir(data_dir)
    name = choose_profile(profile, demo, base)
    path = paths.store_path(base, name)
    if name == DEMO_PROFILE:
        from desktop.demo import ensure_demo_store

        store = ensure_demo_store(path)
    else:
        store = Store.open(path)
    _use_company_currency(store)
    log.info("opened profile %s (schema %d, %s)", name, store.schema_version, path)
    context = OpContext(store)
    context.profile = name  # type: ignore[attr-defined]
    return context


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Fieldbook's names, icon and style (reused when one exists)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setOrganizationDomain("fieldbook.app")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("com.fieldbook.app")  # packaging/linux/: Wayland's app id
    app.setWindowIcon(icon("fieldbook"))
    apply_style(app)
    i18n.install_translators(app)  # the OS language, or the one chosen in Preferences
    return app


COMPANY_CURRENCY = "company_currency"  # store preference: the CRM company's currency code


def _use_company_currency(store: Store) -> None:
    """Amounts of records that name no currency are in the CRM company's (USD when unknown)."""
    try:
        money.set_default_currency(store.preference(COMPANY_CURRENCY))
    except money.MoneyError:
        money.set_default_currency(None)


def ensure_keyring() -> bool:
    """Use the OS keyring; where there is none, keep secrets in memory only (never on disk).

    Returns whether a real keyring is in use.
    """
    if credentials.is_real_backend():
        return True
    keyring.set_keyring(credentials.MemoryKeyring())
    return False


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


class Session:
    """One open profile: its store, window, sync controller and CRM connection."""

    def __init__(self, app: QApplication, data_dir: Path, real_keyring: bool):
        self.app = app
        self.data_dir = data_dir
        self.real_keyring = real_keyring
        self.context: OpContext | None = None
        self.window = None
        self.controller = None
        self.connector = None
        self.demo_crm = None
        self._starter: Task | None = None
        self.welcome = None
        self.presets = provisioning.load()  # IT's file, with --crm-* options on top (run())
        app.aboutToQuit.connect(self.close)

    # -- opening and closing a profile ------------------------------------------------------------

    def open(self, profile: str | None, demo: bool) -> None:
        from sync.engine import SyncEngine

        from .main_window import MainWindow
        from .sync_controller import SyncController

        context = open_profile(str(self.data_dir), profile, demo)
        context.make_current()
        self.context = context
        QSettings().setValue("profile/last", context.profile)  # type: ignore[attr-defined]
        paths.remember_profile(self.data_dir, context.profile)  # type: ignore[attr-defined]
        self.connector = None if demo else self._remembered_connector(context.store)

        def engine_factory():
            if self.connector is None:
                return None
            return SyncEngine(context.store, self.connector, write=context.writer.call)

        self.window = MainWindow(context)
        self.controller = SyncController(context, engine_factory, self.window)
        self.window.attach_sync(self.controller)
        self.controller.sign_in_needed.connect(self.sign_in)
        self.window.sync_status.clicked.connect(self._status_clicked)
        self.window.preferences_opened.connect(self._wire_preferences)
        self._add_account_actions()
        self.window.show()
        if not self.real_keyring:
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "app",
                    "No system keyring here: your CRM sign-in is kept only until you quit.",
                ),
                15000,
            )
        if demo:
            self._start_demo_crm()
        else:
            self._apply_presets(context)
            self.controller.start(sync_now=context.store.preference(SYNC_ON_START) != "0")
            if self._is_empty_profile(context.store):
                self.show_welcome()

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
            store.preference(kinds.URL_PREFERENCE) is None
            and store.preference(WELCOME_DONE) is None
            and store.account_count() == 0
        )

    def show_welcome(self) -> None:
        """The welcome page: connect to a CRM, open the demo book, or work locally for now."""
        from .welcome import WelcomeDialog

        if self.window is None:
            return
        dialog = WelcomeDialog(self.window, presets=self.presets)
        dialog.connected.connect(self._signed_in)
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

    def close(self) -> None:
        """Stop syncing, close the window's store and stop the demo CRM (idempotent)."""
        if self.controller is not None:
            self.controller.shutdown()
            self.controller = None
        if self._starter is not None and self._starter.is_running():
            self._starter.wait()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.context is not None:
            self.context.close()
            self.context = None
        if self.connector is not None:
            self.connector.close()
            self.connector = None
        if self.demo_crm is not None:
            self.demo_crm.stop()
            self.demo_crm = None

    def switch_to(self, profile: str, connector, remember: dict[str, str] | None = None) -> None:
        """Close this profile and open ``profile`` bound to ``connector``."""
        keep_crm = self.demo_crm
        self.demo_crm = None  # the demo CRM outlives a switch; it stops on quit
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)  # the old window closes before the new opens
        try:
            self.close()
            self.demo_crm = keep_crm
            store = Store.open(paths.store_path(self.data_dir, profile))
            for key, value in (remember or {}).items():
                store.set_preference(key, value)
            if getattr(connector, "company_currency", None):  # what records without one are in
                store.set_preference(COMPANY_CURRENCY, connector.company_currency)
            store.close()
            self.open(profile, demo=False)
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)
        self.connector = connector
        log.info("signed in to %s as %s", getattr(connector, "url", "a CRM"), profile)
        self.controller.reset_engine()

    # -- the CRM -------------------------------------------------------------------------------

    def _remembered_connector(self, store: Store):
        try:
            return kinds.remembered_connection(store.preference)
        except Exception:
            log.exception("remembered CRM address is not usable")
            return None

    def _start_demo_crm(self) -> None:
        window = self.window
        if not demo_crm_available():
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
            start_demo_crm_task(self.data_dir)
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
        menu.addAction(self.sign_in_action)
        menu.addAction(self.sign_out_action)

    def sign_in(self) -> None:
        """Ask for the CRM sign-in; on success open (or create) that user's profile."""
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
            self.controller.reset_engine()
            return
        self.switch_to(profile, connector, remember)

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
            self.controller.reset_engine()

    def close_to_local(self) -> None:
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            self.close()
            self.open(LOCAL_PROFILE, demo=False)
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)


def run(args: argparse.Namespace) -> int:
    """Run the window for the parsed command line; returns the exit code."""
    logs.setup_logging()  # the rotating file in the OS log folder (desktop/logs.py)
    app = create_application()
    install_excepthook()
    session = Session(app, paths.data_dir(getattr(args, "data_dir", None)), ensure_keyring())
    session.presets = session.presets.with_options(
        "crm",
        kind=getattr(args, "crm_kind", None),
        url=getattr(args, "crm_url", None),
        database=getattr(args, "crm_database", None),
    )
    try:
        session.open(getattr(args, "profile", None), bool(getattr(args, "demo", False)))
    except Exception as exc:  # noqa: BLE001 - a locked or unreadable file: say so in words, then stop
        show_error(None, exc)
        print(f"{APP_NAME}: {exc}", file=sys.stderr)
        return 1
    # Quit cleanly on Ctrl+C or a polite kill, so the demo CRM and the writer stop with us.
    # Python runs signal handlers only between bytecodes: the timer gives it a chance.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.quit())
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(500)
    try:
        return app.exec()
    finally:
        session.close()
