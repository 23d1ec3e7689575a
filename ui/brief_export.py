"""Briefs to paper: PDF export (one account or a trip pack of many) and printing.

The whole export runs as a ``ui.operations.Task`` (compose, lay out, draw: Qt allows painting
onto a PDF writer off the GUI thread), so the window never freezes. The task's progress window
appears only when the export takes long enough to need one, and Cancel stops it between two
briefs and removes the half-written file.

``export_trip_pack`` does the work without any dialog (for tests and scripts);
``export_briefs`` is what menus and buttons call; ``TripPackDialog`` picks the accounts of a
trip: everyone in one city, or this week's meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.brief import Brief, compose_brief
from desktop.dates import week_bounds
from desktop.trips import city_accounts, meeting_accounts_this_week

from .brief_pages import default_page_size, paginate, print_pages, write_pdf
from .i18n import Counts, translate
from .operations import Cancelled, OpContext, Task, TaskControl
from .roles import ID_ROLE


class ExportCancelled(Exception):
    """The rep pressed Cancel; nothing was written."""


def export_trip_pack(
    store,
    account_ids: Sequence[str],
    path: str | Path,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    page_size: QPageSize | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write one PDF holding the brief of each account, each starting on a new page.

    ``progress(done, total)`` is called as briefs are composed and drawn (2 steps per brief);
    ``cancelled()`` is polled between steps; when it turns true the partial file is removed and
    ``ExportCancelled`` raised. Returns the number of pages written.
    """
    path = Path(path)
    ids = list(dict.fromkeys(account_ids))  # a trip visits each account once
    total = 2 * len(ids)
    stop = cancelled or (lambda: False)
    report = progress or (lambda done, total: None)
    briefs: list[Brief] = []
    for i, account_id in enumerate(ids):
        if stop():
            raise ExportCancelled()
        briefs.append(compose_brief(store, account_id, today=today, now=now))
        report(i + 1, total)

    def drawn(i: int) -> bool:
        report(len(ids) + i + 1, total)
        return not stop()

    pages = write_pdf(path, briefs, page_size, drawn) if briefs else 0
    if briefs and pages == 0:
        path.unlink(missing_ok=True)
        raise ExportCancelled()
    return pages


class BriefExport(QObject):
    """One export running as a ``ui.operations.Task``; its signals arrive on the GUI thread.

    ``progressed`` is emitted on the worker (receivers on the GUI thread get it queued, a
    direct connection runs at once on the worker). With ``label`` the task's progress window
    (``progress_dialog``) appears once the export has taken long enough to need one.
    """

    progressed = Signal(int, int)  # done, total
    finished = Signal(str, int)  # path, pages
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(
        self,
        context: OpContext,
        account_ids: Sequence[str],
        path: str | Path,
        today: dt.date | None = None,
        parent: QObject | None = None,
        label: str | None = None,
    ):
        super().__init__(parent)
        self._context = context
        self.account_ids = list(account_ids)
        self.path = str(path)
        self._today = today
        self.pages: int | None = None
        widget = parent if isinstance(parent, QWidget) else None
        self.task = (
            Task(widget, self._run, name="brief-export", label=label, cancellable=True)
            .success(self._done)
            .cancelled(self.cancelled.emit)
            .failure(self._failed)
        )

    @property
    def progress_dialog(self) -> QProgressDialog:
        """The progress window, with its Cancel button (shown only after the delay)."""
        return self.task.progress_window()

    def start(self) -> BriefExport:
        self.task.run_in_background()
        return self

    def cancel(self, *_args) -> None:
        """Stop at the next brief; the partial file is removed."""
        self.task.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        return self.task.wait(timeout)

    @property
    def is_cancelled(self) -> bool:
        return self.task.is_cancelled

    def _run(self, control: TaskControl) -> int:
        def progress(done: int, total: int) -> None:
            self.progressed.emit(done, total)
            control.report((done, total))

        try:
            return export_trip_pack(
                self._context.store,
                self.account_ids,
                self.path,
                today=self._today,
                progress=progress,
                cancelled=control.is_cancelled,
            )
        except ExportCancelled:
            raise Cancelled() from None
        except BaseException:
            Path(self.path).unlink(missing_ok=True)
            raise

    def _done(self, pages: int) -> None:
        self.pages = pages
        self.finished.emit(self.path, pages)

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(exc)


def suggested_file_name(names: Sequence[str], today: dt.date | None = None) -> str:
    """``Brief - Acme - 2026-11-22.pdf`` for one account, ``Trip briefs - ... .pdf`` for many."""
    today = today or dt.date.today()
    if len(names) == 1:
        stem = translate("BriefExport", "Brief - {}").format(names[0])
    else:
        stem = Counts.tr("Trip briefs (%n account(s))", "", len(names))
    safe = "".join(ch if ch.isalnum() or ch in " -_()." else "_" for ch in stem).strip()
    return f"{safe} - {today.isoformat()}.pdf"


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    """Ask where to save the PDF (tests patch this); None when the rep cancels."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(
        parent,
        translate("BriefExport", "Export briefs as PDF"),
        str(Path(folder) / suggested),
        translate("BriefExport", "PDF (*.pdf)"),
    )
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else path + ".pdf"


def export_briefs(
    parent: QWidget | None,
    context: OpContext,
    account_ids: Sequence[str],
    path: str | Path | None = None,
) -> BriefExport | None:
    """Export the briefs of ``account_ids`` to one PDF, with progress and Cancel.

    Asks for a file when ``path`` is None. Returns the running export (None when the rep
    cancelled the file dialog or gave no accounts); the window stays responsive throughout.
    """
    ids = list(dict.fromkeys(account_ids))
    if not ids:
        return None
    if path is None:
        names = list(context.store.account_names(ids).values())
        path = ask_pdf_path(parent, suggested_file_name(names or ["?"]))
        if path is None:
            return None
    label = (
        Counts.tr("Preparing %n brief(s)…", "", len(ids))
        if len(ids) > 1
        else translate("BriefExport", "Preparing brief…")
    )
    job = BriefExport(context, ids, path, parent=parent, label=label)
    job.progress_dialog.setWindowTitle(translate("BriefExport", "Export PDF"))

    def on_progress(done: int, total: int) -> None:
        if done > len(ids) and not job.task.finished:
            job.progress_dialog.setLabelText(translate("BriefExport", "Writing pages…"))

    def on_failed(exc: BaseException) -> None:
        from .errors import show_error

        show_error(parent, exc)

    job.progressed.connect(on_progress)
    job.failed.connect(on_failed)
    return job.start()


def print_brief(parent: QWidget | None, brief: Brief) -> bool:
    """Print a brief through the OS print dialog; False when the rep cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(default_page_size())
    printer.setFullPage(True)  # our own margins, header and footer are drawn on the page
    printer.setDocName(brief.name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("BriefExport", "Print brief"))
    if not ask_print(dialog):
        return False
    print_to(printer, [brief])
    return True


def ask_print(dialog: QPrintDialog) -> bool:
    """Show the print dialog (tests patch this)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_to(printer: QPrinter, briefs: Sequence[Brief]) -> int:
    """Draw ``briefs`` onto ``printer`` at its page size; return the page count."""
    page_size = printer.pageLayout().pageSize()
    pages = [paginate(b, page_size) for b in briefs]
    print_pages(printer, pages)
    return sum(p.page_count for p in pages)


# -- choosing the accounts of a trip -----------------------------------------------------------


class TripPackDialog(QDialog):
    """Pick the accounts of a trip (a city, or this week's meetings) and export their briefs."""

    def __init__(
        self, context: OpContext, parent: QWidget | None = None, today: dt.date | None = None
    ):
        super().__init__(parent)
        self._context = context
        self._today = today or dt.date.today()
        self.export: BriefExport | None = None
        self.setWindowTitle(self.tr("Briefs for a trip"))
        self.resize(460, 520)

        intro = QLabel(
            self.tr(
                "One PDF with a brief per account, each on its own page: "
                "read it on the way, offline."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("Muted")

        self.by_city = QRadioButton(self.tr("Accounts in"))
        self.city = QComboBox()
        self.city.addItems(context.store.distinct_values("city"))
        self.by_meetings = QRadioButton(self.tr("This week's meetings"))
        monday, sunday = week_bounds(self._today)
        self.week_label = QLabel(
            self.tr("{} to {}").format(
                QLocale().toString(
                    QDate(monday.year, monday.month, monday.day), translate("dates", "d MMM")
                ),
                QLocale().toString(
                    QDate(sunday.year, sunday.month, sunday.day), translate("dates", "d MMM")
                ),
            )
        )
        self.week_label.setObjectName("Muted")
        group = QButtonGroup(self)
        group.addButton(self.by_city)
        group.addButton(self.by_meetings)

        choose = QGridLayout()
        choose.addWidget(self.by_city, 0, 0)
        choose.addWidget(self.city, 0, 1)
        choose.addWidget(self.by_meetings, 1, 0)
        choose.addWidget(self.week_label, 1, 1)
        choose.setColumnStretch(1, 1)

        self.accounts = QListWidget()
        self.accounts.setAlternatingRowColors(True)
        self.count = QLabel()
        self.count.setObjectName("Muted")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("Export PDF…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choose)
        layout.addWidget(self.accounts, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)

        self.by_city.toggled.connect(self._refill)
        self.by_meetings.toggled.connect(self._refill)
        self.city.currentIndexChanged.connect(
            lambda _i: self.by_city.setChecked(True) or self._refill()
        )
        self.accounts.itemChanged.connect(lambda _item: self._update_count())
        if meeting_accounts_this_week(context.store, self._today):
            self.by_meetings.setChecked(True)
        else:
            self.by_city.setChecked(True)
        self._refill()

    def _refill(self) -> None:
        store = self._context.store
        if self.by_meetings.isChecked():
            ids = meeting_accounts_this_week(store, self._today)
        else:
            city = self.city.currentText()
            ids = city_accounts(store, city) if city else []
        names = store.account_names(ids)
        self.accounts.blockSignals(True)
        self.accounts.clear()
        for account_id in ids:
            item = QListWidgetItem(names.get(account_id, account_id))
            item.setData(ID_ROLE, account_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.accounts.addItem(item)
        self.accounts.blockSignals(False)
        self._update_count()

    def _update_count(self) -> None:
        n = len(self.selected_account_ids())
        self.count.setText(self.tr("%n account(s) selected", "", n))
        self.export_button.setEnabled(n > 0)

    def selected_account_ids(self) -> list[str]:
        """The ticked accounts, in list order."""
        out = []
        for row in range(self.accounts.count()):
            item = self.accounts.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(ID_ROLE))
        return out

    def _export(self) -> None:
        parent = self.parentWidget() or self
        self.export = export_briefs(parent, self._context, self.selected_account_ids())
        if self.export is not None:
            self.accept()
