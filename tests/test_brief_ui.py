"""The brief on screen: it shows the account, its links open records, it follows changes, and its
exports run on a worker with progress and cancel."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from test_brief import TODAY, make_account, make_typical_account

from desktop.dates import week_bounds
from desktop.trips import meeting_accounts_this_week
from ui import brief_export
from ui.brief_export import BriefExport, TripPackDialog, export_briefs
from ui.brief_style import parse_record_url, record_url
from ui.brief_view import BriefView


@pytest.fixture
def view(context, qtbot):
    widget = BriefView(context)
    widget.today = TODAY
    widget.resize(1000, 800)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def link_point(view: BriefView, table: str, row_id: str) -> QPoint:
    """Where on screen the link to (table, id) is drawn."""
    browser = view.browser
    href = record_url(table, row_id)
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = browser.textCursor()
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                return browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_view_shows_the_brief(view, store):
    a = make_typical_account(store)
    view.show_account(a)
    text = view.browser.toPlainText()
    assert "Kobayashi Precision 小林精機" in text
    assert "TALKING POINTS" in text and "PEOPLE WHO MATTER" in text
    assert "Yuki Tanaka 田中由紀" in text and "KP-2024-001" in text
    assert "not yet synced" in text
    assert view.export_button.isEnabled() and view.print_button.isEnabled()


def test_clicking_a_link_opens_its_record(view, store, qtbot):
    a = make_typical_account(store)
    view.show_account(a)
    champion = view.brief.champions[0].source
    point = link_point(view, *champion)
    with qtbot.waitSignal(view.open_record, timeout=2000) as signal:
        qtbot.mouseClick(view.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert tuple(signal.args) == champion


def test_record_urls_round_trip():
    assert parse_record_url(record_url("notes", "01ab-cd")) == ("notes", "01ab-cd")
    assert parse_record_url("https://example.com/record/notes/x") is None


def test_view_follows_changes_to_the_account(view, store, qtbot):
    a = make_typical_account(store)
    view.show_account(a)
    store.update("accounts", a, {"name": "Kobayashi Renamed"})
    qtbot.waitUntil(lambda: "Kobayashi Renamed" in view.browser.toPlainText(), timeout=3000)
    store.create(
        "tasks",
        {
            "account_id": a,
            "subject": "Brand new follow-up",
            "status": "open",
            "due_date": "2026-11-30",
        },
    )
    qtbot.waitUntil(lambda: "Brand new follow-up" in view.browser.toPlainText(), timeout=3000)
    with store.transaction() as changes:  # what a finished sync does to the outbox
        store.db.execute("DELETE FROM outbox")
        changes.outbox = True
    qtbot.waitUntil(lambda: "No local changes" in view.browser.toPlainText(), timeout=3000)
    store.delete("accounts", a)
    qtbot.waitUntil(lambda: "no longer in your book" in view.browser.toPlainText(), timeout=3000)
    assert not view.export_button.isEnabled()


def test_export_button_writes_a_pdf_off_the_gui_thread(view, store, qtbot, tmp_path, monkeypatch):
    a = make_typical_account(store)
    view.show_account(a)
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(brief_export, "ask_pdf_path", lambda parent, suggested: str(target))
    with qtbot.waitSignal(view.export_button.clicked):
        view.export_button.click()
    job = view.last_export
    assert isinstance(job, BriefExport)
    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        pass
    assert done.args == [str(target), 1]
    assert target.read_bytes().startswith(b"%PDF")


def test_trip_pack_export_and_cancel(context, store, qtbot, tmp_path):
    ids = [make_typical_account(store, name=f"Trip account {i}") for i in range(6)]
    path = tmp_path / "trip.pdf"
    job = export_briefs(None, context, ids, path=path)
    progress = []
    job.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(job.finished, timeout=20000) as done:
        pass
    assert done.args == [str(path), 7]  # a contents page, then one page per brief
    assert progress and progress[-1] == (12, 12)

    cancelled_path = tmp_path / "cancelled.pdf"
    job = BriefExport(context, ids * 1, cancelled_path)
    # Cancel on the worker as soon as the first brief is composed (a direct connection runs on
    # the worker's thread, so the timing is certain): the worker stops at its next check.
    job.progressed.connect(job.cancel, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(job.cancelled, timeout=20000):
        job.start()
    assert job.wait(5)
    assert not cancelled_path.exists() and job.pages is None


def test_progress_dialog_cancel_stops_the_export(context, store, qtbot, tmp_path):
    ids = [make_typical_account(store, name=f"Account {i}") for i in range(8)]
    path = tmp_path / "trip.pdf"
    job = export_briefs(None, context, ids, path=path)
    cancel_button = job.progress_dialog.findChild(QPushButton)
    with qtbot.waitSignal(job.cancelled, timeout=20000):
        cancel_button.click()
    assert job.wait(5) and not path.exists()


def test_trip_pack_dialog_picks_a_city_or_the_weeks_meetings(context, store, qtbot):
    osaka = [make_account(store, name=n, city="Osaka") for n in ("Osaka B", "Osaka A")]
    make_account(store, name="Lyon one", city="Lyon")
    met = make_account(store, name="Met this week", city="Lyon")
    later = make_account(store, name="Met next week", city="Lyon")
    today = dt.date(2026, 12, 30)  # a Wednesday: the week runs 28 Dec to 3 Jan
    store.create(
        "tasks",
        {
            "account_id": met,
            "subject": "Visit",
            "kind": "meeting",
            "due_date": "2027-01-02",
            "status": "open",
        },
    )
    store.create(
        "tasks",
        {
            "account_id": later,
            "subject": "Visit",
            "kind": "meeting",
            "due_date": "2027-01-04",
            "status": "open",
        },
    )
    store.create(
        "tasks",
        {
            "account_id": osaka[0],
            "subject": "Call",
            "kind": "call",
            "due_date": "2026-12-29",
            "status": "open",
        },
    )
    assert meeting_accounts_this_week(store, today) == [met]
    # On the weekend the rep packs for the week ahead.
    assert meeting_accounts_this_week(store, dt.date(2027, 1, 3)) == [later]
    assert week_bounds(dt.date(2027, 1, 2)) == (dt.date(2027, 1, 4), dt.date(2027, 1, 10))
    assert week_bounds(dt.date(2027, 1, 1)) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))

    dialog = TripPackDialog(context, today=today)
    qtbot.addWidget(dialog)
    assert dialog.by_meetings.isChecked() and dialog.selected_account_ids() == [met]
    dialog.city.setCurrentText("Osaka")
    dialog.by_city.setChecked(True)
    assert dialog.selected_account_ids() == [osaka[1], osaka[0]]  # by name
    dialog.accounts.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.selected_account_ids() == [osaka[0]]
    assert dialog.export_button.isEnabled()
    dialog.accounts.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="POPPLER-UTILS MISSING: pdftotext")
def test_trip_pack_dialog_exports_the_chosen_accounts(context, store, qtbot, tmp_path, monkeypatch):
    for name in ("Αθήνα Shipping", "Athens Olive Co"):
        make_typical_account(store, name=name, city="Athens")
    make_typical_account(store, name="Elsewhere", city="Lyon")
    target = tmp_path / "athens.pdf"
    monkeypatch.setattr(brief_export, "ask_pdf_path", lambda parent, suggested: str(target))
    dialog = TripPackDialog(context, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.city.setCurrentText("Athens")
    dialog.by_city.setChecked(True)
    dialog.export_button.click()
    with qtbot.waitSignal(dialog.export.finished, timeout=20000):
        pass
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Αθήνα Shipping" in text and "Athens Olive Co" in text and "Elsewhere" not in text


def test_page_keeps_a_readable_width_on_wide_windows(view, store, qtbot):
    view.show_account(make_typical_account(store))
    view.resize(1600, 800)
    qtbot.waitUntil(lambda: view.browser.viewportMargins().left() > 200)
    assert view.browser.viewport().width() <= 900
    view.resize(700, 800)
    qtbot.waitUntil(lambda: view.browser.viewportMargins().left() == 0)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="POPPLER-UTILS MISSING: pdftotext")
def test_print_goes_through_the_print_dialog(view, store, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    view.show_account(make_typical_account(store))
    target = tmp_path / "printed.pdf"
    asked = []

    def answer(dialog):  # the rep picks "print to file" and presses Print
        asked.append(dialog)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return True

    monkeypatch.setattr(brief_export, "ask_print", answer)
    view.print_button.click()
    assert len(asked) == 1
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Kobayashi Precision" in text and "Page 1 of 1" in text

    monkeypatch.setattr(brief_export, "ask_print", lambda dialog: False)
    assert view.print_brief() is False
