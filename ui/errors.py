"""The one entry point for errors shown to people.

``user_message`` turns an exception into a sentence that says what happened and what to do;
``show_error`` shows it; ``install_excepthook`` catches the rest and offers copyable details.
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.credentials import KeyringUnavailable
from desktop.store import NotFound
from desktop.validation import ValidationError

from .i18n import translate

log = logging.getLogger(__name__)


def user_message(exc: BaseException) -> str:
    """A plain sentence for ``exc``: what happened and what to do. Never a stack trace."""
    if isinstance(exc, ValidationError):
        return translate("errors", "Please check these fields: {}").format(exc)
    if isinstance(exc, NotFound):
        return (
            str(exc) + " " + translate("errors", "It may have been deleted, or removed by a sync.")
        )
    if isinstance(exc, KeyringUnavailable):
        return str(exc)
    try:
        from sync.connector import ConnectorError, ErrorKind
    except ImportError:  # pragma: no cover - sync is part of every build
        ConnectorError = None  # type: ignore[assignment]
    if ConnectorError is not None and isinstance(exc, ConnectorError):
        if exc.kind == ErrorKind.SIGN_IN:
            return translate(
                "errors", "Your CRM session has ended. Sign in again; your changes are kept."
            )
        if exc.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED):
            return (
                translate(
                    "errors",
                    "The CRM cannot be reached right now. Your changes are kept and will be "
                    "sent when it can.",
                )
                + f" ({exc.message})"
            )
        return exc.message
    if isinstance(exc, PermissionError):
        return translate(
            "errors", "Fieldbook is not allowed to write to {}. Check the folder's permissions."
        ).format(getattr(exc, "filename", "") or translate("errors", "its data folder"))
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
        return translate("errors", "The disk is full. Free some space; nothing you typed was lost.")
    if type(exc).__name__ in ("OperationalError", "DatabaseError"):
        return translate(
            "errors",
            "The local data file could not be written ({}). Your last change was not "
            "saved; try again, and restart Fieldbook if it keeps happening.",
        ).format(exc)
    return translate("errors", "Something went wrong: {}. Your data is safe; try again.").format(
        exc
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` to the user in words (nothing for a cancel)."""
    if isinstance(exc, (KeyboardInterrupt,)) or type(exc).__name__ == "Cancelled":
        return
    log.warning("shown to user: %s", exc, exc_info=exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("errors", "Fieldbook"))
    box.setText(user_message(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()


class _HookRelay(QObject):
    raised = Signal(str, str)


_relay: _HookRelay | None = None


def install_excepthook() -> None:
    """Show unexpected errors from any thread on the GUI thread, with copyable details."""
    global _relay
    _relay = _HookRelay()
    _relay.raised.connect(_show_unexpected, Qt.ConnectionType.QueuedConnection)

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error:\n%s", details)
        if _relay is not None and QApplication.instance() is not None:
            _relay.raised.emit(user_message(exc), details)

    sys.excepthook = hook


def _show_unexpected(message: str, details: str) -> None:
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("errors", "Fieldbook"))
    box.setText(message)
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
