"""Before a profile's window opens, and while it is open: its store's protection (issue 16).

- A plain store is encrypted first, off the GUI thread with a progress window (``Task``).
- A store whose key is missing: the rep is asked (try again / set aside and sync afresh / quit).
- IT requires encryption and there is no keyring: said plainly, and nothing opens.
- No keyring: the store stays plain, and the status bar says so.
- A locked copy shows the lock screen instead of the window; a sign-in unlocks it.
- After each sync: a confirmed one is recorded (with the CRM's clock); a revoked sign-in locks
  the copy, and wipes it where IT says so (unsynced edits exported encrypted first).

The rules are ``desktop.protection`` and ``desktop.access``; this only sequences them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import access, protection
from desktop.errors import ACCESS_REVOKED, STORE_PLAIN, ErrorInfo
from desktop.protection import EncryptionUnavailable, Protection, StoreKeyMissing
from desktop.security_policy import SecurityPolicy
from desktop.store import Store

from .errors import describe, show_error
from .lock_dialog import FRESH, QUIT, LockDialog, ask_missing_key, encrypt_task
from .operations import StoreOp, Task

log = logging.getLogger(__name__)


class StartStopped(Exception):
    """The rep chose not to open the profile (quit at the missing-key question)."""


class StoreGuard:
    """The protection steps around opening one profile, for ``ui.app.Session``."""

    def __init__(self, policy: SecurityPolicy | None = None):
        self.policy = policy or SecurityPolicy.current()
        self.encrypting: Task | None = None
        self.lock_dialog: LockDialog | None = None
        self._plain_once: Path | None = None

    def protection_for(self, demo: bool, path: Path | None = None) -> Protection:
        if path is not None and path == self._plain_once:  # encrypting failed: plain this time
            return Protection(encrypt=False)
        return Protection.for_demo(self.policy) if demo else Protection.default(self.policy)

    # -- before the store opens ---------------------------------------------------------------

    def ready(self, path: Path, demo: bool, then: Callable[[], None]) -> bool:
        """True when ``Store.open(path)`` will open without a question; otherwise start what
        must come first (encryption, whose end calls ``then``) and return False. Raises
        ``StartStopped`` when the rep quits, ``EncryptionUnavailable`` where IT requires it."""
        wanted = self.protection_for(demo, path)
        if protection.needs_encrypting(path, wanted):
            if self.encrypting is None or not self.encrypting.is_running():
                self.encrypting = (
                    encrypt_task(None, path, wanted)
                    .success(lambda _prepared: then())
                    .failure(lambda exc: self._encrypting_failed(exc, path, then))
                    .run_in_background()
                )
            return False
        self.openable(path, wanted)
        return True

    def openable(self, path: Path, wanted: Protection) -> None:
        """Return once ``Store.open(path, wanted)`` will open (a plain file is encrypted here,
        without progress); a missing key is asked about; ``StartStopped`` when the rep quits."""
        while True:
            try:
                protection.prepare(path, wanted, verify_key=True)
                return
            except StoreKeyMissing:
                choice = self.ask_missing_key(path)
                if choice == QUIT:
                    raise StartStopped() from None
                if choice == FRESH:
                    kept = protection.set_aside(path)
                    log.warning("the rep chose a fresh copy; the old one is kept as %s", kept)
                # RETRY: ask the keyring again

    def ask_missing_key(self, path: Path) -> str:
        """RETRY | FRESH | QUIT (tests patch this, not the message box)."""
        return ask_missing_key(None, path)

    def _encrypting_failed(self, exc: BaseException, path: Path, then: Callable[[], None]):
        """The plain file is untouched: say so, and open it plain this once (unless IT forbids)."""
        log.error("encrypting the store failed", exc_info=exc)
        if isinstance(exc, EncryptionUnavailable) or self.policy.require_encryption:
            show_error(None, exc)
            QCoreApplication.quit()
            return
        show_error(None, exc)
        self.encrypting = None
        self._plain_once = path
        then()

    # -- once it is open ------------------------------------------------------------------------

    def warning(self, store: Any) -> str | None:
        """The sentence for the status bar when the copy is not encrypted for want of a keyring."""
        if store.protection_note == protection.PLAIN_NO_KEYRING:
            return describe(ErrorInfo(STORE_PLAIN))
        return None

    def check_lock(self, store: Any) -> access.AccessState:
        """Apply the days-offline rule now (at start, before any window shows the book)."""
        return access.check(store, self.policy)

    def show_lock(
        self, state: access.AccessState, on_sign_in: Callable[[], None], on_quit: Callable[[], None]
    ) -> LockDialog:
        dialog = LockDialog(state)
        dialog.sign_in_requested.connect(on_sign_in)
        dialog.rejected.connect(on_quit)
        self.lock_dialog = dialog
        dialog.show()
        return dialog

    def unlocked(self, store: Any, server_time: Any) -> None:
        """A sign-in the CRM accepted: the copy opens again (direct: no writer runs yet)."""
        access.unlock(store)
        access.record_confirmed_sync(store, server_time)
        if self.lock_dialog is not None:
            self.lock_dialog.accept()
            self.lock_dialog = None

    # -- after each sync ------------------------------------------------------------------------

    def after_sync(self, context: Any, connector: Any, report: Any, on_locked) -> None:
        """Record a confirmed sync, or lock (and maybe wipe) on a revoked sign-in."""
        server_time = getattr(connector, "server_time", None)
        if report.ok:
            StoreOp(None, lambda store: access.record_confirmed_sync(store, server_time)).failure(
                lambda exc: log.error("could not record the sync", exc_info=exc)
            ).run_in_background()
            return
        if any(p.kind == ACCESS_REVOKED for p in report.problems):

            def lock(store):
                access.record_server_time(store, server_time)
                return access.note_revoked(store, self.policy)

            StoreOp(None, lock).success(on_locked).run_in_background()

    def wipe_if_policy(self, store: Any, state: access.AccessState) -> str | None:
        """Wipe where IT says so; returns the sentence to show (None: nothing wiped)."""
        if not access.may_wipe(self.policy, state):
            return None
        try:
            exported = access.wipe(store)
        except access.WipeRefused:
            log.warning("no wipe: the unsynced changes could not be exported encrypted")
            return None

        if exported is None:
            return QCoreApplication.translate(
                "store_guard", "As your company requires, the local copy was removed."
            )
        return QCoreApplication.translate(
            "store_guard",
            "As your company requires, the local copy was removed. Your unsynced changes were "
            "saved first, encrypted, in the file {} beside it.",
        ).format(exported.name)


class LockedCopySteps:
    """The lock screen's part of ``ui.app.Session`` (a mixin: it uses the session's ``app``,
    ``guard``, ``context``, ``controller``, ``window``, ``connector`` and ``_signed_in``)."""

    app: Any
    guard: StoreGuard
    context: Any
    controller: Any
    window: Any
    connector: Any
    crm_preferences: tuple[str, ...]  # the store preferences naming the CRM (not secret)

    def _signed_in(self, connector: Any) -> None:  # Session's: switch to the signed-in profile
        raise NotImplementedError

    def _show_lock(self, context: Any, state: access.AccessState, said: str = "") -> None:
        """Close the copy and show the lock screen; a sign-in the CRM accepts reopens it."""
        store = context.store
        self._locked_crm = tuple(store.preference(k) or "" for k in self.crm_preferences)
        context.close()
        dialog = self.guard.show_lock(state, self._sign_in_to_unlock, self.app.quit)
        if said:
            dialog.say(said)

    def _sign_in_to_unlock(self) -> None:
        from .sign_in_dialog import SignInDialog

        url, database, user = getattr(self, "_locked_crm", ("", "", ""))
        dialog = SignInDialog(self.guard.lock_dialog, url=url, database=database, user=user)
        dialog.signed_in.connect(self._unlocked)
        dialog.open()
        self.sign_in_dialog = dialog

    def _unlocked(self, connector) -> None:
        lock = self.guard.lock_dialog
        self.guard.lock_dialog = None
        self._signed_in(connector)  # switch_to: unlocks the store the CRM accepted
        if lock is not None:
            lock.accept()
            lock.deleteLater()

    def _after_sync(self, report) -> None:
        if self.context is None or self.connector is None:
            return
        self.guard.after_sync(self.context, self.connector, report, self._revoked)

    def _revoked(self, state: access.AccessState) -> None:
        """The CRM refused the sign-in for good: hide the book, wipe where IT says, lock."""
        if not state.locked or self.context is None:
            return
        context = self.context
        path = context.store.path
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            self.context = None
            if self.controller is not None:
                self.controller.shutdown()
                self.controller = None
            if self.window is not None:
                self.window.close()
                self.window.deleteLater()
                self.window = None
            self._locked_crm = tuple(
                context.store.preference(k) or "" for k in self.crm_preferences
            )
            context.close()
            said = ""
            if access.may_wipe(self.guard.policy, state):
                store = Store.open(path, self.guard.protection_for(False))
                said = self.guard.wipe_if_policy(store, state) or ""
                store.close()
            dialog = self.guard.show_lock(state, self._sign_in_to_unlock, self.app.quit)
            if said:
                dialog.say(said)
        finally:
            self.app.setQuitOnLastWindowClosed(quit_on_close)
