"""Issue 12: the rep reads a sentence for every kind of failure, never a Python message; records
the CRM sent that Fieldbook cannot take are shown as held back, with why (status bar and outbox).

The failures are the ones the Tryton connector raises (``sync/tryton/session.py`` maps its RPC
errors), thrown by the in-memory connector into the real engine behind the real widgets.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from engine_helpers import FakeClock
from PySide6.QtWidgets import QMainWindow

from sync.connector import ConnectorError, ErrorKind
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM
from sync.tryton import rpc as R
from sync.tryton.session import _connector_error
from ui import i18n
from ui.operations import OpContext
from ui.sync_controller import SyncController
from ui.sync_status import SyncStatusWidget


class Failing(MemoryConnector):
    def __init__(self, crm):
        super().__init__(crm)
        self.error: BaseException | None = None
        self.push_error: BaseException | None = None
        self.spoil = None

    def push(self, mutations):
        if self.push_error is not None:
            raise self.push_error
        return super().push(mutations)

    def pull(self, cursor, limit=500):
        if self.error is not None:
            raise self.error
        page = super().pull(cursor, limit)
        if self.spoil:
            page = replace(page, records=[self.spoil(r) for r in page.records])
        return page

    def fetch(self, table, ids):
        found = super().fetch(table, ids)
        return [self.spoil(r) for r in found] if self.spoil else found


@pytest.fixture
def crm():
    return MemoryCRM()


@pytest.fixture
def connector(crm):
    return Failing(crm)


@pytest.fixture
def controller(store, connector):
    context = OpContext(store)
    clock = FakeClock(time.time())

    def factory():
        return SyncEngine(store, connector, write=context.writer.call, clock=clock, rng=lambda: 0.5)

    made = SyncController(context, factory)
    yield made
    made.shutdown()
    context.events.detach()
    context.writer.shutdown()


@pytest.fixture
def status_bar(qtbot, controller):
    window = QMainWindow()
    window.resize(900, 200)
    widget = SyncStatusWidget(controller)
    window.statusBar().addPermanentWidget(widget)
    qtbot.addWidget(window)
    window.show()
    widget.test_window = window
    return widget


def sync_and_wait(qtbot, controller):
    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        controller.sync_now()
    return blocker.args[0]


PYTHON_WORDS = ("IncompleteRead", "string indices", "Traceback", "KeyError", "TypeError", "None")

CASES = [
    (_connector_error(R.CutShort(R.GARBLED)), "broke off in the middle of an answer"),
    (_connector_error(R.Garbled(R.GARBLED)), "could not read, so nothing of it was used"),
    (_connector_error(R.Portal(R.PORTAL)), "perhaps a Wi-Fi sign-in page"),
    (_connector_error(R.TimedOut("no answer")), "did not answer in time"),
    (_connector_error(R.TrytonRpc._error(["KeyError", ["x"]])), "had a problem of its own"),
    (_connector_error(R.RateLimited("slow", retry_after=90)), "slow down"),
    # A connector that trips over an answer of the wrong shape: its Python error is not shown.
    (TypeError("string indices must be integers, not 'str'"), "could not read"),
    (KeyError("fieldbook_uuid"), "could not read"),
]


@pytest.mark.parametrize("error, sentence", CASES, ids=lambda v: type(v).__name__)
def test_each_failure_reads_as_a_sentence_in_the_status_bar_and_the_outbox(
    qtbot, controller, status_bar, connector, store, error, sentence
):
    store.create("accounts", {"name": "Waiting"})
    connector.error = error
    report = sync_and_wait(qtbot, controller)
    assert not report.ok
    tip = status_bar.toolTip()
    assert sentence in tip, tip
    assert "Next try in" in tip  # every one of these is retried with a backoff
    assert not any(word in tip for word in PYTHON_WORDS), tip
    dialog = status_bar.open_outbox()
    qtbot.addWidget(dialog)
    assert "1 change waiting to be sent." in dialog.summary.text()
    # The same failure while sending: the waiting change says it in the outbox's own words.
    connector.error, connector.push_error = None, error
    controller.engine.clock.advance(86_400)  # past the backoff
    assert not sync_and_wait(qtbot, controller).ok
    assert sentence in status_bar.toolTip()
    dialog.refresh()
    model = dialog.outbox_model
    last_error = model.index(0, 6).data()
    assert sentence in last_error, last_error
    assert not any(word in last_error for word in PYTHON_WORDS), last_error
    connector.push_error = None
    controller.engine.clock.advance(86_400)
    assert sync_and_wait(qtbot, controller).ok
    assert store.pending_count() == 0


def test_records_the_crm_sent_that_fail_validation_are_shown_as_held_back(
    qtbot, qapp, controller, status_bar, connector, crm
):
    bad = crm.create("accounts", {"name": "Bad tier", "tier": "growth"})
    connector.spoil = lambda r: (
        replace(r, values={**r.values, "tier": "bogus"}) if r.id == bad else r
    )
    assert sync_and_wait(qtbot, controller).ok
    assert status_bar.held_count.text() == "1 record held back"
    assert "1 record held back: the CRM sent values" in status_bar.toolTip()
    dialog = status_bar.open_outbox()
    qtbot.addWidget(dialog)
    assert dialog.held_label.isVisible()
    text = dialog.held_label.text()
    assert (
        "1 record held back" in text and "Account" in text and "Expected one of: Strategic" in text
    )
    dialog.grab().save("/tmp/h12-outbox-held.png")
    try:
        i18n.install_translators(qapp, "de")
        status_bar.render()
        dialog.refresh()
        assert status_bar.held_count.text() == "1 Datensatz zurückgehalten"
        assert "Datensatz zurückgehalten" in dialog.held_label.text()
        assert "Erwartet wird eines von" in dialog.held_label.text(), dialog.held_label.text()
        dialog.grab().save("/tmp/h12-outbox-held-de.png")
        status_bar.test_window.grab().save("/tmp/h12-status-held-de.png")
    finally:
        i18n.install_translators(qapp, "en")
    connector.spoil = None
    assert sync_and_wait(qtbot, controller).ok
    status_bar.render()
    assert status_bar.held_count.text() == ""
    dialog.refresh()
    assert not dialog.held_label.isVisible()


def test_a_connector_error_without_a_reason_still_shows_the_crm_words(
    qtbot, controller, status_bar, connector
):
    connector.error = ConnectorError(ErrorKind.TRANSIENT, "HTTP 502 Bad Gateway")
    sync_and_wait(qtbot, controller)
    assert "HTTP 502" in status_bar.toolTip()
