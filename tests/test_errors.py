"""ui/errors.py: every kind has a sentence, and an error with no window to sit on is seen."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import errors as E
from desktop.errors import ErrorInfo, FieldbookError
from desktop.store import NotFound
from sync.connector import ConnectorError, ErrorKind
from ui import errors


def visible_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def close_boxes() -> None:
    for box in visible_boxes():
        box.done(0)


def test_an_error_with_no_parent_window_is_shown(qtbot):
    errors.show_error(None, FieldbookError(E.SIGN_IN_NEEDED, crm="Tryton"))
    gc.collect()  # a box nobody references would be gone now
    qtbot.waitUntil(lambda: len(visible_boxes()) == 1)
    box = visible_boxes()[0]
    assert box.text() == "Your CRM session has ended. Sign in again; your changes are kept."
    box.done(0)
    qtbot.waitUntil(lambda: not errors._open_boxes)  # let go once the rep closed it


def test_the_excepthook_shows_details_without_a_window(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    try:
        raise RuntimeError("internal detail")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    gc.collect()
    qtbot.waitUntil(lambda: len(visible_boxes()) == 1)
    box = visible_boxes()[0]
    assert "internal detail" not in box.text()  # the sentence names no Python message...
    assert "internal detail" in box.detailedText()  # ...the copyable details do
    close_boxes()


def test_a_cancel_shows_nothing(qtbot):
    from ui.operations import Cancelled

    assert errors.show_error(None, Cancelled()) is None
    assert not visible_boxes()


@pytest.mark.parametrize("kind", [k for k in errors.SENTENCES if k != E.MESSAGE])
def test_every_kind_has_a_sentence_with_its_parameters_filled(kind):
    text = errors.describe(ErrorInfo(kind, {"detail": "Name is required", "crm": "Tryton"}))
    assert text and "{" not in text and "Traceback" not in text
    if "{detail}" in errors.SENTENCES[kind]:
        assert "Name is required" in text


def test_stored_errors_round_trip_and_old_plain_text_still_reads():
    info = ErrorInfo(E.CRM_REFUSED, {"detail": "Blocked name"})
    assert ErrorInfo.from_json(info.to_json()) == info
    assert errors.describe(info.to_json()) == "The CRM refused the change: Blocked name"
    assert errors.describe("Sync was cancelled.") == "Sync was cancelled."  # an older file
    assert errors.describe(None) == ""
    unknown = errors.describe(ErrorInfo("from_a_newer_version"))
    assert unknown.startswith("Something went wrong")


def test_typed_errors_become_kinds_and_sentences():
    down = ConnectorError(ErrorKind.TRANSIENT, "connection refused", retry_after=None)
    assert ErrorInfo.of(down, crm="Tryton") == ErrorInfo(
        E.CRM_UNREACHABLE, {"crm": "Tryton", "detail": "connection refused"}
    )
    assert errors.user_message(down).startswith("The CRM cannot be reached right now")
    assert errors.user_message(NotFound(table="contacts")).startswith(
        "That record is no longer here"
    )
    from desktop.brief import AccountNotFound

    assert errors.user_message(AccountNotFound("x")).startswith("That record is no longer here")
    assert errors.user_message(KeyError("x")).startswith("Something went wrong (KeyError)")
    bug = errors.user_message(ZeroDivisionError("division by zero"))
    assert bug == "Something went wrong (ZeroDivisionError). Your data is safe; try again."


def test_a_data_file_from_a_newer_version_is_named_in_words(tmp_path):
    import sqlite3

    from desktop.schema import SCHEMA_VERSION, SchemaTooNew, migrate

    db = sqlite3.connect(tmp_path / "newer.sqlite")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(SchemaTooNew) as caught:
        migrate(db)
    assert caught.value.info == ErrorInfo(
        E.SCHEMA_TOO_NEW, {"found": SCHEMA_VERSION + 5, "known": SCHEMA_VERSION}
    )
    assert errors.user_message(caught.value).startswith("This data file was written by a newer")


def test_how_a_call_failed_picks_the_more_precise_sentence():
    from types import SimpleNamespace

    portal = ConnectorError(ErrorKind.TRANSIENT, "HTML instead of JSON")
    portal.reason = SimpleNamespace(value="portal")  # sync.connector.Reason.PORTAL
    info = ErrorInfo.of(portal, crm="Tryton")
    assert info.params["reason"] == "portal"
    text = errors.describe(ErrorInfo.from_json(info.to_json()))  # as stored in sync_state
    assert text.startswith("A web page answered instead of the CRM")
    assert text.endswith("(HTML instead of JSON)")  # what the CRM said, for IT


def test_why_an_outbox_operation_waits_is_worded_in_the_reps_language(qapp):
    """The engine stores a kind (never an English sentence) in outbox.last_error."""
    from ui import i18n

    waits = ErrorInfo(E.OP_WAITS_FOR_RECORD, {"table": "accounts", "crm": "Tryton"}).to_json()
    assert errors.describe(waits) == "Waiting for a record it refers to (Account) to reach Tryton."
    assert errors.describe("Name taken") == "Name taken"  # as an older version stored it
    assert i18n.install_translators(qapp, "de") == "de"
    try:
        german = errors.describe(waits)
        assert "Konto" in german and "Tryton" in german and "Waiting" not in german
        conflict = errors.describe(ErrorInfo(E.OP_WAITS_FOR_CONFLICT))
        assert conflict and "Waiting" not in conflict
    finally:
        i18n.install_translators(qapp, "en")


def test_a_record_the_crm_left_out_is_asked_again_in_the_reps_language(qapp):
    """A connector's own reason for a retry is a kind, so it reads in German too (issue 12)."""
    from sync.connector import ErrorKind as CK
    from sync.connector import MutationResult, Outcome, Reason
    from sync.push import _retry_later
    from ui import i18n

    stored = _retry_later(
        MutationResult("op", Outcome.RETRY, kind=CK.TRANSIENT, cause=Reason.NOT_SHOWN)
    )
    assert errors.describe(stored).startswith("The CRM left this record out of its answer")
    assert i18n.install_translators(qapp, "de") == "de"
    try:
        german = errors.describe(stored)
        assert german and "CRM left" not in german and "(" not in german
    finally:
        i18n.install_translators(qapp, "en")


def test_a_record_a_connector_refuses_is_worded_in_the_reps_language(qapp):
    """A connector's refusal is a cause with parameters (field, value, the org's choices),
    screened on its way in, and worded here: German too, the CRM's values as they are."""
    from sync.connector import ErrorKind as CK
    from sync.connector import Mutation, Reason, Refusal
    from sync.push import _refusal
    from sync.screening import screen_results
    from ui import i18n

    refused = Refusal(
        Reason.NO_SUCH_CHOICE,
        {
            "field": "stage",
            "value": "Prospecting",
            "choices": "Closed Won",
            "record_type": "Renewal",
        },
        "stage: record type 'Renewal' has no value 'Prospecting'",
    )
    m = Mutation("op", "opportunities", "row", "update", {"stage": "prospecting"}, "v1")
    [result] = screen_results([m], [refused.result("op", CK.INVALID)])
    stored = _refusal(result, "opportunities").to_json()
    assert errors.describe(stored) == (
        "Your CRM does not offer “Prospecting” for Stage on the record type “Renewal”. It "
        "offers: Closed Won."
    )
    assert i18n.install_translators(qapp, "de") == "de"
    try:
        german = errors.describe(stored)
        assert "Prospecting" in german and "Renewal" in german and "Phase" in german
        assert "does not offer" not in german
    finally:
        i18n.install_translators(qapp, "en")
