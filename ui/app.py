"""Start the desktop app: open the profile's store, show the main window, sync, run until quit.

A *profile* is one local copy: "demo", "local" (no CRM yet) or one per signed-in user and CRM
(``paths.profile_slug``). The CRM a profile syncs with is remembered in its store's
preferences (address, database, user: nothing secret); the password and session live in the
OS keyring only.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

import keyring
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__, access, credentials, money, paths, provisioning
from desktop.protection import Protection
from desktop.store import Store
from sync import kinds

from . import i18n
from .errors import install_excepthook, show_error
from .operations import OpContext, Task
from .preferences_dialog import SYNC_ON_START
from .session_crm import CrmSession, demo_crm_available, start_demo_crm_task
from .store_guard import LockedCopySteps, StartStopped, StoreGuard
from .style import apply_style, icon

__all__ = ["Session", "demo_crm_available", "run", "start_demo_crm_task"]

log = logging.getLogger(__name__)

LOCAL_PROFILE = paths.LOCAL_PROFILE
DEMO_PROFILE = paths.DEMO_PROFILE
CRM_PREFERENCES = kinds.CONNECTION_PREFERENCES


def choose_profile(profile: str | None, demo: bool, base: Path | None = None) -> str:
    """``--demo`` wins, then ``--profile``, then the last profile used (by the window or
    ``fieldbook sign-in``: the data folder's note, else QSettings), then "local"."""
    base = base or paths.data_dir()
    chosen = paths.profile_to_open(profile, demo, base)
    if chosen:
        return chosen
    # Before the note existed, QSettings held it; it counts only for a profile of this folder.
    last = QSettings().value("profile/last") if QCoreApplication.instance() else None
    if last and paths.profile_dir(base, str(last)).is_dir():
        return str(last)
    return LOCAL_PROFILE


def open_profile(
    data_dir: str | None, profile: str | None, demo: bool, protection: Protection | None = None
) -> OpContext:
    """Open (creating if needed) the profile's store and wrap it in an OpContext.

    The demo profile is filled with the demo book of business on first use, so the window has
    something to show while the demo CRM starts. ``protection``: see ``desktop.protection``
    (the default encrypts every profile but the demo).
    """
    base = paths.data_dir(data_dir)
    name = choose_profile(profile, demo, base)
    path = paths.store_path(base, name)
    if name == DEMO_PROFILE:
        from desktop.demo import ensure_demo_store

        store = ensure_demo_store(path)
    else:
        store = Store.open(path, protection)
    _use_company_currency(store)
    log.info("opened profile %s (schema %d, %s)", name, store.schema_version, path)
    context = OpContext(store)
    context.profile = name  # type: ignore[attr-defined]
    return context


def preset_language() -> str | None:
    """IT's language (desktop/provisioning.py): when locked, or when the rep chose none."""
    presets = provisioning.load()
    language = presets.get("ui", "language")
    if language not in i18n.SHIPPED_LANGUAGES:
        return None
    if presets.is_locked("ui.language") or i18n.language_override() is None:
        return language
    return None


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
    i18n.install_translators(app, preset_language())  # IT's, the rep's choice, or the OS's
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


class Session(CrmSession, LockedCopySteps):
    """One open profile: its store, window, sync controller and CRM connection."""

    crm_preferences = CRM_PREFERENCES

    def __init__(
        self, app: QApplication, data_dir: Path, real_keyring: bool, salesforce: bool = False
    ):
        self.app = app
        self.salesforce = salesforce  # the demo syncs with the Salesforce-dialect org
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
        self.guard = StoreGuard()  # encryption, the missing key, the lock screen (issue 16)
        app.aboutToQuit.connect(self.close)

    # -- opening and closing a profile ------------------------------------------------------------

    def open(self, profile: str | None, demo: bool) -> None:
        """Open the profile's window, after what its store's protection needs first (encrypting
        a plain copy, the missing-key question); a locked copy shows the lock screen instead."""
        name = choose_profile(profile, demo, self.data_dir)
        path = paths.store_path(self.data_dir, name)
        is_demo = name == DEMO_PROFILE
        if not self.guard.ready(path, is_demo, lambda: self._open_after_encrypting(profile, demo)):
            return
        wanted = self.guard.protection_for(is_demo, path)
        context = open_profile(str(self.data_dir), profile, demo, wanted)
        state = self.guard.check_lock(context.store)
        if state.locked and not is_demo:
            self._show_lock(context, state)
            return
        self._open_window(context, demo)

    def _open_after_encrypting(self, profile: str | None, demo: bool) -> None:
        try:
            self.open(profile, demo)
        except StartStopped:
            self.app.quit()
        except Exception as exc:  # noqa: BLE001 - said in words; the window cannot open
            show_error(None, exc)

    def _open_window(self, context: OpContext, demo: bool) -> None:
        from sync.engine import SyncEngine

        from .main_window import MainWindow
        from .sync_controller import SyncController

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
        self.controller.finished.connect(self._after_sync)
        self._add_account_actions()
        self.window.show()
        plain = self.guard.warning(context.store)
        if plain:  # no keyring: the copy is not encrypted, and the rep is told
            self.window.statusBar().showMessage(plain)
        elif not self.real_keyring:
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
        """Close this profile and open ``profile`` bound to ``connector``; a still-plain copy
        is encrypted first with the progress window of a first start (``StoreGuard.ready``)."""
        keep_crm = self.demo_crm
        self.demo_crm = None  # the demo CRM outlives a switch; it stops on quit
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)  # the old window closes before the new opens
        try:
            self.close()
            self.demo_crm = keep_crm
            self._switch_into(profile, connector, remember)
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)

    def _switch_into(self, profile: str, connector, remember: dict[str, str] | None) -> None:
        path = paths.store_path(self.data_dir, profile)
        try:
            # A plain copy: encrypted off the GUI thread with progress, then this runs again.
            # Otherwise the missing-key question, if it comes to it.
            if not self.guard.ready(
                path, False, lambda: self._switch_after_encrypting(profile, connector, remember)
            ):
                return
        except StartStopped:
            self.open(LOCAL_PROFILE, demo=False)
            return
        store = Store.open(path, self.guard.protection_for(False, path))
        for key, value in (remember or {}).items():
            store.set_preference(key, value)
        # The CRM has just accepted the rep: that confirms access (and lifts a lock).
        access.unlock(store)
        access.record_confirmed_sync(store, getattr(connector, "server_time", None))
        if getattr(connector, "company_currency", None):  # what records without one are in
            store.set_preference(COMPANY_CURRENCY, connector.company_currency)
        store.close()
        self.open(profile, demo=False)
        self.connector = connector
        log.info("signed in to %s as %s", getattr(connector, "url", "a CRM"), profile)
        if self.controller is not None:  # None while the lock screen shows
            self.controller.reset_engine()

    def _switch_after_encrypting(self, profile: str, connector, remember) -> None:
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            self._switch_into(profile, connector, remember)
        except Exception as exc:  # noqa: BLE001 - said in words; the window cannot open
            show_error(None, exc)
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)


def run(args: argparse.Namespace) -> int:
    """Run the window for the parsed command line (logging set up: ``desktop.__main__``);
    returns the exit code."""
    app = create_application()
    install_excepthook()
    session = Session(
        app,
        paths.data_dir(getattr(args, "data_dir", None)),
        ensure_keyring(),
        salesforce=bool(getattr(args, "salesforce", False)),
    )
    session.presets = session.presets.with_options(
        "crm",
        kind=getattr(args, "crm_kind", None),
        url=getattr(args, "crm_url", None),
        database=getattr(args, "crm_database", None),
    )
    try:
        session.open(getattr(args, "profile", None), bool(getattr(args, "demo", False)))
    except StartStopped:  # the rep chose Quit (the missing-key question)
        return 1
    except Exception as exc:  # noqa: BLE001 - a locked or unreadable file: say so in words, then stop
        box = show_error(None, exc)
        if box is not None:
            box.exec()  # no event loop runs yet: wait until the rep has read it
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
