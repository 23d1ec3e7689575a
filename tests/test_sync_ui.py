"""Sync in the app: the status bar's states, the outbox, the conflict dialog, the background cycle.

Everything runs against the real engine, the in-memory CRM and a temporary store; the only
addition is a connector that can hold a call on a threading.Event, to catch a cycle mid-way.
"""

from __future__ import annotations

import threading
import time

import pytest
from engine_helpers import FakeClock, client_snapshot, one_of_each
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from sync.connector import ConnectorError, ErrorKind
from sync.engine import SyncEngine
from sync.memory import MemoryConnector, MemoryCRM
from ui import sync_controller as sc
from ui.conflict_dialog import ConflictDialog
from ui.operations import OpContext, StoreOp
from ui.outbox_dialog import OutboxDialog
from ui.sync_controller import SyncController
from ui.sync_status import SyncStatusWidget


class HoldingConnector(MemoryConnector):
    """The in-memory connector, able to hold one kind of call until the test releases it."""

    def __init__(self, crm: MemoryCRM):
        super().__init__(crm)
        self.hold_on: str | None = None
        self.release = threading.Event()
        self.held = threading.Event()
        self.threads: set[int] = set()
        self.started: list[str] = []
        self.pull_error: Exception | None = None

    def _wait(self, call: str) -> None:
        self.threads.add(threading.get_ident())
        self.started.append(call)
        if call == self.hold_on:
            self.held.set()
            assert self.release.wait(20), "the test never released the held call"

    def pull(self, cursor, limit=500):
        self._wait("pull")
        if self.pull_error is not None:
            raise self.pull_error
        return super().pull(cursor, limit)

    def push(self, mutations):
        self._wait("push")
        return super().push(mutations)


@pytest.fixture
def crm():
    return MemoryCRM()


@pytest.fixture
def connector(crm):
    c = HoldingConnector(crm)
    yield c
    c.release.set()  # never leave a sync thread waiting


@pytest.fixture
def clock():
    return FakeClock(time.time())


@pytest.fixture
def context(store):
    ctx = OpContext(store)
    yield ctx
    ctx.events.detach()
    ctx.writer.shutdown()


@pytest.fixture
def make_controller(context, connector, clock):
    made = []

    def make(configured: bool = True) -> SyncController:
        def factory():
            if not configured:
                return None
            return SyncEngine(
                context.store, connector, write=context.writer.call, clock=clock, rng=lambda: 0.5
            )

        controller = SyncController(context, factory)
        made.append(controller)
        return controller

    yield make
    connector.release.set()
    for controller in made:
        controller.shutdown()


@pytest.fixture
def controller(make_controller):
    return make_controller()


@pytest.fixture
def status_bar(qtbot, controller):
    """A main window with the sync widget in its status bar, as the app shows it."""
    window = QMainWindow()
    window.resize(900, 300)
    widget = SyncStatusWidget(controller)
    window.statusBar().addPermanentWidget(widget)
    qtbot.addWidget(window)
    window.show()
    widget.test_window = window  # qtbot keeps only a weak reference
    return widget


def sync_and_wait(qtbot, controller, timeout=10_000):
    with qtbot.waitSignal(controller.finished, timeout=timeout) as blocker:
        controller.sync_now()
    return blocker.args[0]


def make_conflict(qtbot, controller, store, crm):
    """Two edits of a note's body: one here, one in the CRM; return the note's ids."""
    ids = one_of_each(store)
    assert sync_and_wait(qtbot, controller).ok
    crm.edit("notes", ids["notes"], {"body": "Theirs."})
    store.update("notes", ids["notes"], {"body": "Mine."})
    report = sync_and_wait(qtbot, controller)
    assert report.conflicts == 1
    return ids


# -- status bar states -------------------------------------------------------------------------


def test_without_a_crm_the_status_bar_says_local_only(qtbot, make_controller):
    controller = make_controller(configured=False)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    assert controller.state.mode == sc.LOCAL_ONLY
    assert widget.text == "Local only"
    assert "no CRM" in widget.toolTip()
    assert not controller.sync_now_action.isEnabled()
    controller.start()
    controller.sync_now()
    assert not controller.is_syncing()
    widget.button.click()
    assert widget._dialog is None  # nothing to show without a CRM


def test_sync_runs_off_the_gui_thread_with_progress_and_the_gui_stays_responsive(
    qtbot, controller, status_bar, connector, crm, store
):
    crm.create("accounts", {"name": "From the CRM 1"})
    crm.create("accounts", {"name": "From the CRM 2"})
    store.create("accounts", {"name": "Made here"})  # so the cycle pushes
    connector.hold_on = "push"
    shown = []  # what the status bar said at each step (it renders before this hears the signal)
    controller.status_changed.connect(lambda _s: shown.append(status_bar.text))
    controller.sync_now()
    assert shown[-1] == "Syncing…"
    assert connector.held.wait(5)
    qtbot.waitUntil(lambda: status_bar.text == "Syncing… sending your changes")
    assert "Syncing… 2 received" in shown
    assert status_bar.bar.isVisible()
    assert controller.state.mode == sc.SYNCING and controller.is_syncing()
    # The GUI thread keeps running timers while the cycle waits on the CRM.
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)
    timer.stop()
    assert controller.is_syncing()
    assert threading.main_thread().ident not in connector.threads
    # A second request during the cycle does not start a second one at once.
    controller.sync_now()
    qtbot.wait(50)
    assert connector.started.count("push") == 1
    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        connector.release.set()
    assert blocker.args[0].ok
    # ...but runs right after it.
    qtbot.waitSignal(controller.finished, timeout=10_000).wait()
    qtbot.waitUntil(lambda: not controller.is_syncing())
    assert not status_bar.bar.isVisible()
    assert {r["name"] for r in crm.snapshot()["accounts"].values()} == {
        "From the CRM 1",
        "From the CRM 2",
        "Made here",
    }


def test_up_to_date_shows_when_the_last_sync_succeeded(qtbot, controller, status_bar, crm):
    crm.create("accounts", {"name": "Acme"})
    assert status_bar.text == "Not synced yet"
    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        controller.sync_now_action.trigger()  # the toolbar button / F9
    assert blocker.args[0].ok
    assert controller.state.mode == sc.UP_TO_DATE
    assert status_bar.text == "Up to date · synced just now"
    assert not status_bar.pending_count.isVisible()
    status_bar._now = lambda: time.time() + 180
    status_bar.render()
    assert status_bar.text == "Up to date · synced 3 min ago"
    status_bar._now = lambda: time.time() + 5 * 3600
    status_bar.render()
    assert status_bar.text == "Up to date · synced 5 h ago"


def test_a_transient_failure_shows_offline_with_the_next_try(
    qtbot, controller, status_bar, connector
):
    connector.fail_next(1)
    report = sync_and_wait(qtbot, controller)
    assert not report.ok
    assert controller.state.mode == sc.OFFLINE
    assert status_bar.text == "Offline · changes are kept"
    assert "Next try in" in status_bar.toolTip()
    assert "HTTP 500" in status_bar.toolTip()


@pytest.mark.parametrize(
    "error, shown",
    [
        (
            ConnectorError(ErrorKind.INVALID, "The CRM refused the request: unknown field"),
            "unknown field",
        ),
        # An unexpected error is shown, not fatal; in words, never with Python's message.
        (RuntimeError("engine bug"), "Something went wrong (RuntimeError)"),
    ],
)
def test_a_failed_sync_says_so_with_the_reason(
    qtbot, controller, status_bar, connector, error, shown
):
    connector.pull_error = error
    report = sync_and_wait(qtbot, controller)
    assert not report.ok
    assert controller.state.mode == sc.ERROR
    assert status_bar.text == "Sync failed"
    assert shown in status_bar.toolTip()
    dialog = status_bar.open_outbox()
    qtbot.addWidget(dialog)
    assert shown in dialog.summary.text()
    connector.pull_error = None
    assert sync_and_wait(qtbot, controller).ok
    assert status_bar.text == "Up to date · synced just now"


def test_a_local_edit_shows_pending_and_is_sent_soon_after(
    qtbot, controller, status_bar, context, crm
):
    controller.debounce_ms = 200
    assert sync_and_wait(qtbot, controller).ok
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        StoreOp(
            None, lambda s: s.create("accounts", {"name": "Typed offline"}), context
        ).run_in_background()
        qtbot.waitUntil(lambda: status_bar.pending_count.isVisible())
        assert status_bar.pending_count.text() == "1 to send"
    assert [r["name"] for r in crm.snapshot()["accounts"].values()] == ["Typed offline"]
    qtbot.waitUntil(lambda: not status_bar.pending_count.isVisible())
    assert status_bar.text == "Up to date · synced just now"


def test_conflicts_are_counted(qtbot, controller, status_bar, store, crm):
    make_conflict(qtbot, controller, store, crm)
    assert status_bar.conflict_count.isVisible()
    assert status_bar.conflict_count.text() == "1 conflict"
    # Not "up to date" while something waits for the rep; the dot turns amber.
    assert status_bar.text == "Synced just now"
    assert status_bar.tone(controller.state) == "amber"


def test_an_ended_session_asks_to_sign_in_and_keeps_changes(
    qtbot, controller, status_bar, connector, store, crm
):
    store.create("accounts", {"name": "Kept"})
    connector.sign_in_fails = True
    with qtbot.waitSignal(controller.sign_in_needed, timeout=10_000):
        controller.sync_now()
    qtbot.waitUntil(lambda: not controller.is_syncing())
    assert controller.state.mode == sc.SIGN_IN
    assert status_bar.text == "Sign in to sync"
    assert "changes are kept" in status_bar.toolTip()
    assert status_bar.pending_count.text() == "1 to send"
    assert not controller.engine.due_for_retry()  # the watchdog does not hammer the CRM
    # Neither do edits or the timer: the sign-in request is not repeated every few minutes.
    controller.debounce_ms = 10
    calls = connector.calls.count("sign_in")
    store.create("accounts", {"name": "Also kept"})
    controller.schedule_sync()
    controller._auto_sync()
    qtbot.wait(100)
    assert connector.calls.count("sign_in") == calls and not controller.is_syncing()
    # Clicking "Sign in to sync" asks for the sign-in dialog.
    with qtbot.waitSignal(controller.sign_in_needed, timeout=1000):
        status_bar.button.click()
    assert status_bar._dialog is None
    # After signing in, the engine is rebuilt and the kept changes go.
    connector.sign_in_fails = False
    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        controller.reset_engine()
    assert blocker.args[0].ok
    assert status_bar.text == "Up to date · synced just now"
    assert {r["name"] for r in crm.snapshot()["accounts"].values()} == {"Kept", "Also kept"}


def test_the_sync_interval_comes_from_the_store(controller, store):
    store.set_preference("sync_interval_minutes", "2")
    controller.start()
    assert controller._interval_timer.interval() == 120_000


def test_the_watchdog_retries_after_a_transient_failure_without_a_new_edit(
    qtbot, controller, connector, store, crm, clock
):
    store.create("accounts", {"name": "Waiting"})
    connector.fail_next(1)
    controller.watchdog_ms = 20
    with qtbot.waitSignal(controller.finished, timeout=10_000) as first:
        controller.start()
    assert not first.args[0].ok
    assert controller.state.mode == sc.OFFLINE
    calls = len(connector.calls)
    qtbot.wait(100)  # several watchdog ticks: the backoff has not run out yet
    assert len(connector.calls) == calls
    with qtbot.waitSignal(controller.finished, timeout=10_000) as second:
        clock.advance(3600)
    assert second.args[0].ok
    assert [r["name"] for r in crm.snapshot()["accounts"].values()] == ["Waiting"]
    assert controller.state.mode == sc.UP_TO_DATE


# -- the outbox --------------------------------------------------------------------------------


def park_two(qtbot, controller, store, crm):
    bad = store.create("accounts", {"name": "Blocked Inc"})
    worse = store.create("accounts", {"name": "Refused Ltd"})
    crm.rejects[("accounts", bad)] = "Name is on the blocked list"
    crm.rejects[("accounts", worse)] = "Account names must be unique"
    report = sync_and_wait(qtbot, controller)
    assert report.rejected == 2
    return bad, worse


def test_the_outbox_lists_a_refused_change_with_its_reason(
    qtbot, qtmodeltester, controller, status_bar, store, crm
):
    park_two(qtbot, controller, store, crm)
    assert status_bar.refused_count.text() == "2 refused"
    status_bar.button.click()
    dialog = status_bar._dialog
    assert isinstance(dialog, OutboxDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    model = dialog.outbox_model
    qtmodeltester.check(model)
    rows = {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(7)]
        for r in range(model.rowCount())
    }
    assert rows["Blocked Inc"][1:7] == [
        "Account",
        "New",
        "Refused",
        "1",
        "after Retry",
        "The CRM refused the change: Name is on the blocked list",
    ]
    assert rows["Refused Ltd"][6] == "The CRM refused the change: Account names must be unique"
    assert "refused 2" in dialog.summary.text()


def test_retry_sends_a_fixed_change(qtbot, controller, store, crm):
    bad, _worse = park_two(qtbot, controller, store, crm)
    dialog = OutboxDialog(controller)
    qtbot.addWidget(dialog)
    del crm.rejects[("accounts", bad)]
    dialog.outbox_view.selectRow(0)
    assert [i.title for i in dialog.selected_items()] == ["Blocked Inc"]
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        dialog.retry_selected()
    assert set(crm.snapshot()["accounts"]) == {bad}
    qtbot.waitUntil(lambda: dialog.outbox_model.rowCount() == 1)
    assert dialog.outbox_model.items[0].title == "Refused Ltd"


def test_discard_asks_naming_what_is_lost_then_drops_it(qtbot, controller, store, crm, monkeypatch):
    _bad, worse = park_two(qtbot, controller, store, crm)
    dialog = OutboxDialog(controller)
    qtbot.addWidget(dialog)
    questions = []
    answer = [False]
    monkeypatch.setattr(dialog, "ask", lambda q: questions.append(q) or answer[0])
    dialog.outbox_view.selectRow(1)
    dialog.discard_selected()
    assert "Refused Ltd" in questions[0] and "removed from this computer" in questions[0]
    qtbot.wait(50)
    assert store.get("accounts", worse) is not None  # said no: nothing lost
    answer[0] = True
    dialog.discard_selected()
    qtbot.waitUntil(lambda: dialog.outbox_model.rowCount() == 1)
    assert store.get("accounts", worse) is None
    assert [i.title for i in dialog.outbox_model.items] == ["Blocked Inc"]


# -- conflicts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "choice, typed, expected",
    [
        ("mine", None, "Mine."),
        ("theirs", None, "Theirs."),
        ("edit", "Both of us were right.", "Both of us were right."),
        ("both", None, "Mine.\n\n---\n\nTheirs."),
    ],
)
def test_the_conflict_dialog_shows_three_values_and_resolves(
    qtbot, qtmodeltester, controller, store, crm, choice, typed, expected
):
    ids = make_conflict(qtbot, controller, store, crm)
    outbox = OutboxDialog(controller)
    qtbot.addWidget(outbox)
    qtmodeltester.check(outbox.conflict_model)
    assert outbox.conflict_model.rowCount() == 1
    assert outbox.conflict_model.index(0, 2).data() == "Body"
    outbox.conflict_view.selectRow(0)
    dialog = outbox.resolve_selected()
    assert isinstance(dialog, ConflictDialog)
    [section] = dialog.sections
    assert (section.before_text, section.mine_text, section.theirs_text) == (
        "Went well.",
        "Mine.",
        "Theirs.",
    )
    assert set(section.buttons) == {"mine", "theirs", "both", "edit"}
    assert not dialog.apply_button.isEnabled()  # nothing chosen yet
    section.choose(choice)
    if choice == "edit":
        assert section.editor.widget.isVisible()
        assert section.editor.value() == "Mine."  # prefilled with what the rep typed
        section.editor.set_value(typed)
    assert dialog.apply_button.isEnabled()
    # The dialog closes (and deletes itself) once resolved; then a sync sends the outcome.
    with qtbot.waitSignals([dialog.accepted, controller.finished], timeout=10_000):
        dialog.apply_button.click()
    assert store.get("notes", ids["notes"])["body"] == expected
    assert controller.engine.status().conflicts == 0
    assert crm.snapshot()["notes"][ids["notes"]]["body"] == expected
    assert client_snapshot(store) == crm.snapshot()
    qtbot.waitUntil(lambda: outbox.conflict_model.rowCount() == 0)


def test_keep_both_is_offered_only_for_long_text(qtbot, controller, store, crm):
    account = store.create("accounts", {"name": "Acme", "city": "Lyon"})
    assert sync_and_wait(qtbot, controller).ok
    crm.edit("accounts", account, {"city": "Rome"})
    store.update("accounts", account, {"city": "Oslo"})
    sync_and_wait(qtbot, controller)
    dialog = ConflictDialog(controller, controller.engine.conflicts())
    qtbot.addWidget(dialog)
    [section] = dialog.sections
    assert set(section.buttons) == {"mine", "theirs", "edit"}
    assert (section.before_text, section.mine_text, section.theirs_text) == ("Lyon", "Oslo", "Rome")


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_record_deleted_in_the_crm_can_be_restored_or_let_go(
    qtbot, controller, store, crm, choice
):
    ids = one_of_each(store)
    assert sync_and_wait(qtbot, controller).ok
    store.update("contacts", ids["contacts"], {"title": "CFO"})
    crm.delete("contacts", ids["contacts"])
    sync_and_wait(qtbot, controller)
    dialog = ConflictDialog(controller, controller.engine.conflicts())
    qtbot.addWidget(dialog)
    [section] = dialog.sections
    assert section.conflict.kind == "deleted_remotely"
    assert section.buttons["mine"].text().startswith("Restore it")
    assert section.buttons["theirs"].text() == "Let it go"
    section.choose(choice)
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        dialog.apply()
    server = crm.snapshot()["contacts"]
    if choice == "mine":
        assert server[ids["contacts"]]["title"] == "CFO"
    else:
        assert ids["contacts"] not in server and store.get("contacts", ids["contacts"]) is None
    assert controller.engine.status().conflicts == 0


def test_shutdown_during_a_sync_waits_for_it(qtbot, controller, connector, store):
    store.create("accounts", {"name": "Half way"})
    connector.hold_on = "push"
    controller.sync_now()
    assert connector.held.wait(5)
    # shutdown blocks the GUI thread while it waits, so the release comes from another thread.
    releaser = threading.Timer(0.05, connector.release.set)
    releaser.start()
    controller.shutdown()
    releaser.join()
    assert not controller.is_syncing()
    controller.sync_now()  # after shutdown nothing starts
    assert not controller.is_syncing()


def test_the_network_coming_back_starts_a_sync(qtbot, controller, crm):
    from PySide6.QtNetwork import QNetworkInformation

    crm.create("accounts", {"name": "Acme"})
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller._reachability_changed(QNetworkInformation.Reachability.Online)
    assert controller.state.mode == sc.UP_TO_DATE


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_local_delete_of_a_record_changed_in_the_crm_asks_which_wins(
    qtbot, controller, store, crm, choice
):
    ids = one_of_each(store)
    assert sync_and_wait(qtbot, controller).ok
    crm.edit("opportunities", ids["opportunities"], {"stage": "negotiation"})
    store.delete("opportunities", ids["opportunities"])
    sync_and_wait(qtbot, controller)
    dialog = ConflictDialog(controller, controller.engine.conflicts())
    qtbot.addWidget(dialog)
    [section] = dialog.sections
    assert section.conflict.kind == "deleted_locally"
    assert section.buttons["mine"].text() == "Delete it in the CRM too"
    assert section.buttons["theirs"].text().startswith("Keep it")
    section.choose(choice)
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        dialog.apply()
    kept = ids["opportunities"] in crm.snapshot()["opportunities"]
    assert kept == (choice == "theirs")
    assert (store.get("opportunities", ids["opportunities"]) is not None) == kept
    assert client_snapshot(store) == crm.snapshot()


def test_a_note_added_in_the_crm_to_an_account_deleted_here_is_worded_as_such(
    qtbot, controller, store, crm
):
    ids = one_of_each(store)
    assert sync_and_wait(qtbot, controller).ok
    store.delete("accounts", ids["accounts"])
    crm.create(
        "notes",
        {
            "account_id": ids["accounts"],
            "kind": "call",
            "title": "From Kim",
            "occurred_at": "2026-02-01T09:00:00",
        },
    )
    sync_and_wait(qtbot, controller)
    dialog = ConflictDialog(controller, controller.engine.conflicts())
    qtbot.addWidget(dialog)
    [section] = dialog.sections
    texts = [label.text() for label in section.findChildren(QLabel)]
    assert any("Someone added this note in the CRM to a record you deleted" in t for t in texts)
    assert any("From Kim" in t for t in texts)  # what the rep would let go
    assert not any("T09:00:00" in t for t in texts)  # its time as the rep reads times
    assert any("Acme (deleted here)" in t for t in texts)  # the account it was added to
    dialog.show()
    dialog.grab().save("/tmp/conflict-added-under-delete.png")


def test_rebuilding_the_engine_mid_cycle_reports_only_the_new_cycle(
    qtbot, controller, connector, store, crm
):
    store.create("accounts", {"name": "Before sign-in"})
    connector.hold_on = "push"
    controller.sync_now()
    assert connector.held.wait(5)
    reports = []
    controller.finished.connect(reports.append)
    connector.hold_on = None
    releaser = threading.Timer(0.05, connector.release.set)
    releaser.start()
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.reset_engine()  # e.g. after signing in again: the old cycle is cancelled
    releaser.join()
    qtbot.wait(50)
    assert len(reports) == 1 and reports[0].ok
    assert not controller.is_syncing()
    assert [r["name"] for r in crm.snapshot()["accounts"].values()] == ["Before sign-in"]


def test_the_watchdog_leaves_work_blocked_behind_a_refused_record_alone(
    qtbot, controller, connector, store, crm
):
    bad = store.create("accounts", {"name": "Blocked Inc"})
    store.create("contacts", {"account_id": bad, "name": "Waits for its account"})
    crm.rejects[("accounts", bad)] = "Name is on the blocked list"
    assert sync_and_wait(qtbot, controller).ok
    assert controller.engine.due_for_retry()  # the engine would try again...
    controller.watchdog_ms = 10
    controller.start()  # (start syncs once)
    qtbot.waitSignal(controller.finished, timeout=10_000).wait()
    calls = len(connector.calls)
    qtbot.wait(150)  # ...but fifteen watchdog ticks change nothing, so none starts a cycle
    assert len(connector.calls) == calls
    # A new edit is new work: the watchdog picks it up.
    store.create("accounts", {"name": "Fine Ltd"})
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        pass
    assert "Fine Ltd" in {r["name"] for r in crm.snapshot()["accounts"].values()}


@pytest.mark.filterwarnings("ignore:Function.*setActiveWindow:DeprecationWarning")
def test_the_main_window_shows_sync(qtbot, controller, context, crm):
    from ui.main_window import MainWindow

    window = MainWindow(context, background=False)
    qtbot.addWidget(window)
    window.attach_sync(controller)
    window.show()
    QApplication.setActiveWindow(window)  # shortcuts need an active window; offscreen has none
    assert window.sync_status.isVisible()
    assert window.sync_status.text == "Not synced yet"
    assert controller.sync_now_action in window.sync_menu.actions()
    assert window.sync_status.outbox_action in window.sync_menu.actions()
    assert controller.sync_now_action in window.toolbar.actions()
    crm.create("accounts", {"name": "Acme"})
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.sync_status.text == "Up to date · synced just now"
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
