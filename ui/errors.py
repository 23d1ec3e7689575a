"""The one entry point for errors shown to people.

The core raises typed errors (``desktop.errors``: a kind and parameters; ``ConnectorError``;
``ValidationError``) and stores them as ``ErrorInfo``. Here, and only here, they become a
translated sentence that says what happened and what to do: ``describe(info)`` for stored
errors, ``user_message(exc)`` for exceptions, ``show_error`` to show one (nothing for a cancel),
``install_excepthook`` for the rest, with copyable details. Never a stack trace in the sentence.

A message box without a parent is kept referenced until it closes: otherwise Python collects it
as soon as ``open()`` returns and the rep sees nothing (Anki keeps ``_mbox`` for the same
reason).
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import errors as E
from desktop.credentials import KeyringUnavailable
from desktop.errors import ErrorInfo
from desktop.validation import ValidationError

from .entity_words import entity_name
from .i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)


# What each kind says; {name} fields are the kind's parameters.
SENTENCES: dict[str, str] = {
    E.NOT_FOUND: QT_TRANSLATE_NOOP(
        "errors", "That record is no longer here. It may have been deleted, or removed by a sync."
    ),
    E.KEYRING_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "errors",
        "This computer has no system keyring Fieldbook can use, so your CRM password cannot be "
        "kept safely. Ask IT to enable the keyring, then sign in again.",
    ),
    E.SIGN_IN_NEEDED: QT_TRANSLATE_NOOP(
        "errors", "Your CRM session has ended. Sign in again; your changes are kept."
    ),
    E.CRM_UNREACHABLE: QT_TRANSLATE_NOOP(
        "errors",
        "The CRM cannot be reached right now. Your changes are kept and will be sent when it can.",
    ),
    E.CRM_RATE_LIMITED: QT_TRANSLATE_NOOP(
        "errors",
        "The CRM asked Fieldbook to wait a little. Your changes are kept and will be sent shortly.",
    ),
    E.CRM_REFUSED: QT_TRANSLATE_NOOP("errors", "The CRM refused the change: {detail}"),
    E.CRM_CONFLICT: QT_TRANSLATE_NOOP(
        "errors", "The record was changed on the CRM meanwhile. Sync, then look at it again."
    ),
    E.CRM_NOT_FOUND: QT_TRANSLATE_NOOP(
        "errors", "The CRM no longer has this record, or you may no longer see it."
    ),
    E.CRM_FAILED: QT_TRANSLATE_NOOP("errors", "The CRM could not do this: {detail}"),
    E.SYNC_RUNNING: QT_TRANSLATE_NOOP("errors", "A sync is already running."),
    E.SYNC_CANCELLED: QT_TRANSLATE_NOOP("errors", "Sync was cancelled."),
    E.SCHEMA_TOO_NEW: QT_TRANSLATE_NOOP(
        "errors",
        "This data file was written by a newer version of Fieldbook. Update Fieldbook to open "
        "it; nothing in it was changed.",
    ),
    E.NOTHING_TO_UNDO: QT_TRANSLATE_NOOP(
        "errors", "There is nothing left to undo: the records have changed since."
    ),
    E.STORE_KEY_MISSING: QT_TRANSLATE_NOOP(
        "errors",
        "The copy of your book of business on this computer is encrypted, and its key is not in "
        "this computer's keyring (a new computer, or a reset keyring), so it cannot be opened. "
        "Fieldbook can set the file aside, unchanged, and sync a fresh copy from your CRM.",
    ),
    E.STORE_ENCRYPTION_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "errors",
        "Your company requires the local copy to be encrypted, and this computer has no system "
        "keyring to keep its key. Ask IT to enable the keyring (GNOME Keyring or KWallet), then "
        "start Fieldbook again.",
    ),
    E.STORE_PLAIN: QT_TRANSLATE_NOOP(
        "errors",
        "This computer has no system keyring, so your local copy is not encrypted. Anyone with "
        "this computer's disk could read it.",
    ),
    E.ACCESS_REVOKED: QT_TRANSLATE_NOOP(
        "errors",
        "The CRM no longer accepts your sign-in: your access may have been ended. This copy is "
        "locked; sign in again, or ask IT.",
    ),
    E.STORE_LOCKED: QT_TRANSLATE_NOOP(
        "errors", "This copy of your book of business is locked. Sign in to your CRM to open it."
    ),
    E.OP_WAITS_FOR_CONFLICT: QT_TRANSLATE_NOOP(
        "errors", "Waiting for your decision on a conflict."
    ),
    E.OP_WAITS_FOR_RECORD: QT_TRANSLATE_NOOP(
        "errors", "Waiting for a record it refers to ({record}) to reach {crm}."
    ),
    E.OP_REFUSED: QT_TRANSLATE_NOOP("errors", "The CRM refused this change."),
    E.OP_RETRY_LATER: QT_TRANSLATE_NOOP("errors", "The CRM asked to send this again later."),
    E.OP_GAVE_UP: QT_TRANSLATE_NOOP(
        "errors",
        "Sending this failed {attempts} times, so Fieldbook stopped trying. Retry it, or "
        "discard it.",
    ),
    E.MESSAGE: "{text}",  # stored by an older version as a sentence: shown as it was
    E.UNEXPECTED: QT_TRANSLATE_NOOP(
        "errors", "Something went wrong ({type}). Your data is safe; try again."
    ),
}


# How a call to the CRM failed (``sync.connector.Reason``, the ``reason`` parameter of a CRM
# kind), said more precisely than the kind's own sentence (issue 12).
REASONS: dict[str, str] = {
    "unreachable": QT_TRANSLATE_NOOP(
        "errors",
        "The CRM cannot be reached right now. Your changes are kept and sent when it can be.",
    ),
    "timeout": QT_TRANSLATE_NOOP(
        "errors", "The CRM did not answer in time. Your changes are kept; Fieldbook tries again."
    ),
    "cut_short": QT_TRANSLATE_NOOP(
        "errors",
        "The connection to the CRM broke off in the middle of an answer. Your changes are "
        "kept; Fieldbook tries again.",
    ),
    "bad_answer": QT_TRANSLATE_NOOP(
        "errors",
        "The CRM sent an answer Fieldbook could not read, so nothing of it was used. Your "
        "changes are kept; Fieldbook tries again.",
    ),
    "portal": QT_TRANSLATE_NOOP(
        "errors",
        "A web page answered instead of the CRM: perhaps a Wi-Fi sign-in page. Open a browser "
        "to sign in to the network; your changes are kept.",
    ),
    "server_fault": QT_TRANSLATE_NOOP(
        "errors",
        "The CRM had a problem of its own with this request. Your changes are kept; Fieldbook "
        "tries again later.",
    ),
    "not_shown": QT_TRANSLATE_NOOP(
        "errors",
        "The CRM left this record out of its answer although it holds it. Your change is kept; "
        "Fieldbook asks again at the next sync.",
    ),
    "rate_limited": QT_TRANSLATE_NOOP(
        "errors", "The CRM asks Fieldbook to slow down. Your changes are kept and sent shortly."
    ),
}

# Why a copy is locked (``desktop.access``: the ``reason`` of STORE_LOCKED).
# Why a connector refused one record before sending it (``sync.connector.Reason``), for
# ``crm_refused``: {field} is the field's label, the values are the CRM's own words.
REFUSALS: dict[str, str] = {
    "no_such_choice": QT_TRANSLATE_NOOP(
        "errors", "Your CRM does not offer “{value}” for {field}. It offers: {choices}."
    ),
    "no_such_choice_in_type": QT_TRANSLATE_NOOP(
        "errors",
        "Your CRM does not offer “{value}” for {field} on the record type “{record_type}”. It "
        "offers: {choices}.",
    ),
    "no_crm_choice": QT_TRANSLATE_NOOP(
        "errors", "{field} “{value}” has no counterpart in your CRM. Choose another value."
    ),
    "read_only": QT_TRANSLATE_NOOP(
        "errors",
        "Your CRM does not let you change {field}. Undo the change, or ask your CRM admin.",
    ),
    "needs_value": QT_TRANSLATE_NOOP("errors", "Your CRM needs a value in {field}."),
    "refers_to_missing": QT_TRANSLATE_NOOP(
        "errors", "{field} refers to a record that is not in your CRM yet."
    ),
}

LOCK_REASONS: dict[str, str] = {
    "revoked": QT_TRANSLATE_NOOP(
        "errors",
        "The CRM no longer accepts your sign-in, so this copy of your book of business is "
        "locked. Sign in again to open it; if that is refused, ask IT.",
    ),
    "offline": QT_TRANSLATE_NOOP(
        "errors",
        "This copy of your book of business has not been synced with your CRM for {days} days, "
        "longer than your company allows, so it is locked. Sign in to your CRM to open it; "
        "nothing you changed is lost.",
    ),
}

# Kinds whose sentence is followed by what the CRM answered (a status code, a server message).
_CRM_DETAIL_AFTER = {
    E.CRM_UNREACHABLE,
    E.CRM_RATE_LIMITED,
    E.CRM_CONFLICT,
    E.CRM_NOT_FOUND,
    E.OP_RETRY_LATER,
}


class _Params(dict):
    """Parameters for ``str.format_map``: a missing one shows as nothing, not as a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def describe(info: ErrorInfo | str | None) -> str:
    """The sentence for a stored error ('' for none); an unknown kind still says something."""
    if info is None or info == "":
        return ""
    if isinstance(info, str):
        info = ErrorInfo.from_json(info) or ErrorInfo(E.MESSAGE, {"text": info})
    template = SENTENCES.get(info.kind, SENTENCES[E.UNEXPECTED])
    reason = info.params.get("reason")
    if info.kind in _CRM_DETAIL_AFTER and reason in REASONS:
        template = REASONS[reason]
    if info.kind == E.STORE_LOCKED and reason in LOCK_REASONS:
        template = LOCK_REASONS[reason]
    params = _Params(info.params)
    if info.kind == E.CRM_REFUSED and reason in REFUSALS:
        typed = reason == "no_such_choice" and params.get("record_type")
        template = REFUSALS["no_such_choice_in_type" if typed else reason]
        params["field"] = _field_words(params.get("table"), params.get("field"))
    params.setdefault("type", info.kind)
    if "table" in params:  # the kind of record it is about, in the rep's language
        params.setdefault("record", entity_name(str(params["table"])))
    text = (
        (template if template == "{text}" else translate("errors", template))
        .format_map(params)
        .strip()
    )
    detail = str(info.params.get("detail") or "")
    if info.kind in _CRM_DETAIL_AFTER and detail:
        text += f" ({detail})"  # what the CRM said, for IT: its words, never ours or Python's
    return text


def _field_words(table, name) -> str:
    """A field's label in the rep's language (its name when the table is unknown)."""
    from desktop import entities

    from .form_fields import field_label

    try:
        return field_label(entities.entity(str(table)).field(str(name)))
    except (KeyError, ValueError, AttributeError):
        return str(name or "")


def user_message(exc: BaseException) -> str:
    """A plain sentence for ``exc``: what happened and what to do. Never a stack trace."""
    if isinstance(exc, ValidationError):
        return translate("errors", "Please check these fields: {}").format(exc)
    if isinstance(exc, KeyringUnavailable):
        return describe(ErrorInfo(E.KEYRING_UNAVAILABLE))
    if isinstance(exc, PermissionError):
        return translate(
            "errors", "Fieldbook is not allowed to write to {}. Check the folder's permissions."
        ).format(getattr(exc, "filename", "") or translate("errors", "its data folder"))
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
        return translate("errors", "The disk is full. Free some space; nothing you typed was lost.")
    if type(exc).__name__ in ("OperationalError", "DatabaseError"):
        return translate(
            "errors",
            "The local data file could not be written. Your last change was not saved; try "
            "again, and restart Fieldbook if it keeps happening.",
        )
    info = ErrorInfo.of(exc)
    # A record gone (the brief's AccountNotFound); KeyError and IndexError are bugs instead.
    if (
        info.kind == E.UNEXPECTED
        and isinstance(exc, LookupError)
        and not isinstance(exc, (KeyError, IndexError))
    ):
        info = ErrorInfo(E.NOT_FOUND)
    return describe(info)


def is_cancel(exc: BaseException) -> bool:
    return isinstance(exc, KeyboardInterrupt) or type(exc).__name__ in (
        "Cancelled",
        "ExportCancelled",
    )


# Message boxes on screen without a parent window: referenced here until they close.
_open_boxes: set[QMessageBox] = set()


def _open_box(box: QMessageBox) -> QMessageBox:
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if box.parent() is None:
        _open_boxes.add(box)
        box.finished.connect(lambda _result, box=box: _open_boxes.discard(box))
    box.open()
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """Show ``exc`` to the user in words (nothing for a cancel); returns the box shown."""
    if is_cancel(exc):
        return None
    log.warning("shown to user: %s", exc, exc_info=exc)
    return show_message(parent, user_message(exc))


def show_message(parent: QWidget | None, text: str) -> QMessageBox:
    """Show a sentence from ``describe``/``user_message`` in a warning box."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("errors", "Fieldbook"))
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return _open_box(box)


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


def _show_unexpected(message: str, details: str) -> QMessageBox:
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("errors", "Fieldbook"))
    box.setText(message)
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return _open_box(box)
