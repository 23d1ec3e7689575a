"""ui/operations.py: writes, reads and other long work off the GUI thread, one way each."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.validation import ValidationError
from ui import operations
from ui.operations import Cancelled, OpContext, QueryOp, StoreOp, StoreReader, Task


@pytest.fixture
def ctx(store):
    context = OpContext(store).make_current()
    yield context
    context.close()


def visible_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_op(qtbot, ctx, store):
    got = []
    with qtbot.waitSignal(ctx.events.changed, timeout=3000) as blocker:
        StoreOp(None, lambda s: s.create("accounts", {"name": "X"})).success(
            got.append
        ).run_in_background()
    qtbot.waitUntil(lambda: len(got) == 1)
    assert store.get("accounts", got[0])["name"] == "X"
    assert "accounts" in blocker.args[0].tables


def test_a_failing_store_op_changes_nothing_and_says_why(qtbot, ctx, store):
    failed = []
    StoreOp(None, lambda s: s.create("accounts", {"name": ""})).failure(
        failed.append
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(failed))
    assert isinstance(failed[0], ValidationError)
    assert store.account_count() == 0 and store.pending_count() == 0
    assert not StoreOp._running

    # Without a failure callback the rep sees the sentence, even with no window to sit on.
    StoreOp(None, lambda s: s.update("accounts", "no-such-id", {"name": "Y"})).run_in_background()
    qtbot.waitUntil(lambda: len(visible_boxes()) == 1)
    assert visible_boxes()[0].text().startswith("That record is no longer here")
    visible_boxes()[0].done(0)


def test_query_op_reads_off_the_gui_thread(qtbot, ctx, store):
    store.create("accounts", {"name": "Acme"})
    threads, got = [], []

    def read(s):
        threads.append(threading.get_ident())
        return s.account_count()

    QueryOp(None, read, ctx).success(got.append).run_in_background()
    qtbot.waitUntil(lambda: got == [1])
    assert threads and threads[0] != threading.main_thread().ident
    failed = []
    QueryOp(None, lambda s: s.require("accounts", "nope"), ctx).failure(
        failed.append
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(failed))
    assert isinstance(failed[0], LookupError)


def test_store_reader_keeps_only_the_newest_answer_per_key(qtbot, ctx, store):
    reader = StoreReader(ctx)
    release = threading.Event()
    got = []

    def slow(s):
        assert release.wait(5)
        return "old"

    reader.run("ids", slow, got.append)
    reader.run("ids", lambda s: "new", got.append)
    release.set()
    qtbot.waitUntil(lambda: bool(got))
    ctx.reader.drain()
    qtbot.wait(20)  # let any queued answer arrive; the old one must not
    assert got == ["new"]
    reader.shutdown()


def test_a_task_runs_off_the_gui_thread_and_reports_on_it(qtbot):
    seen, progress, result = [], [], []

    def work(control):
        seen.append(threading.get_ident())
        for i in range(3):
            control.report((i + 1, 3))
        return "done"

    task = Task(None, work).progress(progress.append).success(result.append)
    task.run_in_background()
    qtbot.waitUntil(lambda: result == ["done"])
    assert seen[0] != threading.main_thread().ident
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert not Task._running


def test_progress_after_600_ms_busy_cursor_after_300_ms_and_cancel(qtbot):
    started = threading.Event()
    cancelled = []

    def work(control):
        started.set()
        while not control.is_cancelled():
            control._stop.wait(0.01)
        raise Cancelled()

    clock = QElapsedTimer()
    clock.start()
    task = Task(None, work, label="Working…", cancellable=True, busy_cursor=True)
    task.cancelled(lambda: cancelled.append(clock.elapsed())).failure(pytest.fail)
    task.run_in_background()
    assert started.wait(5)
    window = task.progress_window()
    assert not window.isVisible() and QApplication.overrideCursor() is None
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is not None, timeout=3000)
    assert clock.elapsed() >= operations.BUSY_DELAY_MS
    qtbot.waitUntil(window.isVisible, timeout=3000)
    assert clock.elapsed() >= operations.PROGRESS_DELAY_MS
    window.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: bool(cancelled))
    assert QApplication.overrideCursor() is None and not visible_boxes()
    assert task.wait(5)


def test_a_quick_task_shows_no_window_and_no_cursor(qtbot):
    done = []
    task = Task(None, lambda control: 42, label="Quick", busy_cursor=True).success(done.append)
    task.run_in_background()
    qtbot.waitUntil(lambda: done == [42])
    assert not task._indicator.has_window() and QApplication.overrideCursor() is None


def test_a_failing_task_is_shown_in_words(qtbot):
    Task(None, lambda control: 1 / 0).run_in_background()
    qtbot.waitUntil(lambda: len(visible_boxes()) == 1)
    assert "ZeroDivisionError" in visible_boxes()[0].text()
    assert "division by zero" not in visible_boxes()[0].text()
    visible_boxes()[0].done(0)


def test_no_thread_is_started_in_ui_outside_ui_operations():
    ui = Path(__file__).resolve().parent.parent / "ui"
    pattern = re.compile(r"\b(QThread\w*|QRunnable|threading|concurrent\.futures|\w*Executor)\b")
    offenders = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(ui.rglob("*.py"))
        if "operations" not in path.relative_to(ui).parts[:1]
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line.split("#")[0])
    ]
    assert offenders == []


def test_a_slow_write_turns_the_cursor_busy_and_a_quick_one_does_not(qtbot, ctx, store):
    release = threading.Event()
    done = []

    def slow(s):
        assert release.wait(5)
        return s.create("accounts", {"name": "Slow"})

    clock = QElapsedTimer()
    clock.start()
    StoreOp(None, slow, ctx, busy_cursor=True).success(done.append).run_in_background()
    assert QApplication.overrideCursor() is None
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is not None, timeout=3000)
    assert clock.elapsed() >= operations.BUSY_DELAY_MS
    release.set()
    qtbot.waitUntil(lambda: bool(done))
    assert QApplication.overrideCursor() is None

    quick = []
    StoreOp(None, lambda s: 1, ctx, busy_cursor=True).success(quick.append).run_in_background()
    qtbot.waitUntil(lambda: quick == [1])
    assert QApplication.overrideCursor() is None
