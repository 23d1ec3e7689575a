"""The main window: sidebar, the current view, global search, menus and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import APP_NAME, __version__, provisioning
from desktop.store import Changes

from . import diagnostics, record_dialog
from .account import AccountView
from .accounts_view import AccountsView
from .brief_export import TripPackDialog, export_briefs
from .brief_view import BriefView
from .main_actions import VIEWS, build_menus, build_toolbar
from .operations import OpContext
from .pipeline_view import PipelineView
from .preferences_dialog import PreferencesDialog
from .renewals_view import RenewalsView
from .style import icon
from .today_view import TodayView


class MainWindow(QMainWindow):
    """Fieldbook's one window. Views get the OpContext; the window only routes between them."""

    preferences_opened = Signal(object)  # the PreferencesDialog, before it shows

    def __init__(
        self, context: OpContext, settings: QSettings | None = None, background: bool = True
    ):
        super().__init__()
        self.context = context
        self.store = context.store
        self.settings = settings or QSettings()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("fieldbook"))
        self._return_to = "accounts"

        self.today_view = TodayView(context, background=background)
        self.accounts_view = AccountsView(context, background=background)
        self.pipeline_view = PipelineView(context, background=background)
        self.renewals_view = RenewalsView(context, background=background)
        self._account_view: AccountView | None = None  # built on first open: a faster start
        self.views: dict[str, QWidget] = {
            "today": self.today_view,
            "accounts": self.accounts_view,
            "pipeline": self.pipeline_view,
            "renewals": self.renewals_view,
        }
        self.stack = QStackedWidget()
        for view in self.views.values():
            self.stack.addWidget(view)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        labels = {
            "today": self.tr("Today"),
            "accounts": self.tr("Accounts"),
            "pipeline": self.tr("Pipeline"),
            "renewals": self.tr("Renewals"),
        }
        for name in VIEWS:
            item = QListWidgetItem(icon(name), labels[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            # Style-sheet padding is not counted in the row height: give each row its room.
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._sidebar_changed)
        self.sidebar.setMinimumWidth(150)

        self.splitter = QSplitter()
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([190, 1000])
        self.setCentralWidget(self.splitter)

        build_toolbar(self)
        build_menus(self)
        self.status_text = QLabel()
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().setSizeGripEnabled(False)

        for view in (self.today_view, self.pipeline_view, self.renewals_view):
            view.open_record.connect(self.open_record)
        self.accounts_view.open_account.connect(self.open_account)
        self.accounts_view.model.loaded.connect(lambda _count: self._update_status())
        context.events.changed.connect(self._on_store_changed)
        self._restore()
        self._update_status()

    # -- building --------------------------------------------------------------------------------

    @property
    def account_view(self) -> AccountView:
        """The account detail (created the first time an account is opened)."""
        if self._account_view is None:
            self._account_view = AccountView(self.context)
            self._account_view.open_record.connect(self.open_record)
            self.brief_view = BriefView(self.context)
            self.brief_view.open_record.connect(self.open_record)
            self._account_view.add_tab(self.brief_view, self.tr("Brief"))
            self._account_view.tabs.currentChanged.connect(self._show_brief_if_current)
            self.views["account"] = self._account_view
            self.stack.addWidget(self._account_view)
        return self._account_view

    def _in_detail(self) -> bool:
        return self._account_view is not None and self.stack.currentWidget() is self._account_view

    # -- public ----------------------------------------------------------------------------------

    def add_status_widget(self, widget: QWidget) -> None:
        """Put ``widget`` on the right of the status bar for good (the sync status goes here)."""
        self.statusBar().addPermanentWidget(widget)

    def attach_sync(self, controller) -> None:
        """Show sync in this window: the status widget, Sync now (toolbar, F9) and the outbox.

        ``controller`` is a ``ui.sync_controller.SyncController``; it is stopped on quit.
        """
        from PySide6.QtCore import QCoreApplication

        from .sync_status import SyncStatusWidget

        self.sync_controller = controller
        self.sync_status = SyncStatusWidget(controller, self)
        self.add_status_widget(self.sync_status)
        controller.sync_now_action.setIcon(icon("sync"))
        self.toolbar.addAction(controller.sync_now_action)
        for action in controller.create_actions(self):
            self.sync_menu.addAction(action)
        self.sync_menu.addAction(self.sync_status.outbox_action)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(controller.shutdown)

    def current_view(self) -> str:
        for name, view in self.views.items():
            if view is self.stack.currentWidget():
                return name
        return "today"

    def show_view(self, name: str) -> None:
        """Switch to one of the sidebar's views (today, accounts, pipeline, renewals)."""
        if name not in VIEWS:
            name = "today"
        self.stack.setCurrentWidget(self.views[name])
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(VIEWS.index(name))
        self.sidebar.blockSignals(False)
        self.back_action.setEnabled(False)
        self._update_status()
        if name == "accounts":
            self.accounts_view.table.setFocus()

    def open_account(self, account_id: str) -> None:
        """Show the account's detail in the central area."""
        if self.current_view() in VIEWS:
            self._return_to = self.current_view()
        self.account_view.show_account(account_id)
        self._show_brief_if_current()
        self.stack.setCurrentWidget(self.account_view)
        self.back_action.setEnabled(True)
        self._update_status()

    def _show_brief_if_current(self, _index: int = -1) -> None:
        """Compose the brief only while its tab is the one on screen."""
        view = self._account_view
        if view is not None and view.tabs.currentWidget() is self.brief_view:
            account_id = view.current_account_id()
            if account_id and account_id != self.brief_view.account_id:
                self.brief_view.show_account(account_id)

    def export_briefs(self) -> None:
        """Briefs of the selected accounts (or the open one) as one PDF."""
        if self._in_detail():
            ids = [self.account_view.current_account_id()]
        else:
            ids = self.accounts_view.selected_account_ids()
        ids = [i for i in ids if i]
        if not ids:
            self.statusBar().showMessage(
                self.tr("Select one or more accounts first, then export their briefs."), 6000
            )
            return
        export_briefs(self, self.context, ids)

    def show_trip_pack(self) -> None:
        TripPackDialog(self.context, self).open()

    def open_record(self, table: str, row_id: str) -> None:
        """Open any record: its account's detail, with the record selected."""
        if table == "accounts":
            self.open_account(row_id)
            return
        record = self.store.get(table, row_id)
        if record is None:
            self.statusBar().showMessage(self.tr("That record no longer exists here."), 5000)
            return
        self.open_account(record["account_id"])
        self.account_view.select_record(table, row_id)

    def go_back(self) -> None:
        self.show_view(self._return_to)

    def current_account_id(self) -> str | None:
        """The account the rep is looking at: the open detail, else the list's current row."""
        if self._in_detail():
            return self.account_view.current_account_id()
        if self.stack.currentWidget() is self.accounts_view:
            return self.accounts_view.current_account_id()
        return None

    def new_record(self, table: str):
        """Open the form for a new ``table`` record, for the current account when there is one."""
        account_id = self.current_account_id()
        defaults = {"account_id": account_id} if account_id and table != "accounts" else None
        return record_dialog.edit_record(self, self.context, table, None, defaults)

    def quick_note(self) -> None:
        """Jump to quick capture in the open account (the fastest way to log a note)."""
        if self.stack.currentWidget() is self.accounts_view and self.current_account_id():
            self.open_account(self.current_account_id())
        if self._in_detail():
            self.account_view.focus_quick_capture()
        else:
            self.new_record("notes")

    def edit_current_account(self) -> None:
        account_id = self.current_account_id()
        if account_id:
            record_dialog.edit_record(self, self.context, "accounts", account_id)

    def undo(self) -> None:
        """Take back the last action (an edit; a delete with everything that went with it)."""
        record_dialog.undo_last_edit(self, self.context)

    def _name_undo(self) -> None:
        self.undo_action.setText(record_dialog.undo_text(self.context) or self.tr("&Undo"))

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
        if self.search_field.text().strip():
            self.search_popup.run_search()

    def focus_account_filter(self) -> None:
        self.show_view("accounts")
        self.accounts_view.focus_filter()

    def refresh(self) -> None:
        """Read the current view again from the store (F5)."""
        view = self.stack.currentWidget()
        if self._in_detail():
            account_id = self.account_view.current_account_id()
            if account_id:
                self.account_view.show_account(account_id)
        elif hasattr(view, "refresh"):
            view.refresh()
        self._update_status()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Fieldbook"),
            self.tr(
                "<h3>Fieldbook {}</h3><p>Your book of business, offline: accounts, "
                "contacts, notes, opportunities, contracts and tasks, synced with your "
                "CRM when the network is there.</p>"
            ).format(__version__),
        )

    def copy_diagnostics(self) -> None:
        """Help ▸ Copy diagnostics: the report on the clipboard, and a word in the status bar."""
        diagnostics.copy_diagnostics(self)
        self.statusBar().showMessage(
            self.tr(
                "Diagnostics copied to the clipboard: paste them into your message to support."
            ),
            8000,
        )

    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.settings, self, store=self.store)
        self.preferences_opened.emit(dialog)  # the session offers the CRM connection's actions
        dialog.open()
        return dialog

    # -- state -----------------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = self.settings.value("accounts/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.accounts_view.table.horizontalHeader().restoreState(header)
        start = provisioning.start_page(
            provisioning.load(), self.settings.value("preferences/start_view")
        )
        view = str(self.settings.value("window/view", "today")) if start == "last" else start
        self.show_view(view if view in VIEWS else "today")
        account_id = self.settings.value("window/account")
        if start == "last" and account_id and self.store.get("accounts", str(account_id)):
            self.open_account(str(account_id))

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue(
            "accounts/header", self.accounts_view.table.horizontalHeader().saveState()
        )
        in_detail = self._in_detail()
        self.settings.setValue("window/view", self._return_to if in_detail else self.current_view())
        self.settings.setValue(
            "window/account", self.account_view.current_account_id() if in_detail else ""
        )
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.accounts_view.close_model()
        super().closeEvent(event)

    def _sidebar_changed(self, row: int) -> None:
        if 0 <= row < len(VIEWS):
            self.show_view(VIEWS[row])

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.touches("accounts", "contacts", "notes", "opportunities", "contracts", "tasks"):
            self._update_status()

    def _update_status(self) -> None:
        total = self.accounts_view.model.total()
        if self.stack.currentWidget() is self.accounts_view and total:
            self.status_text.setText(self.tr("%n account(s) shown", "", total))
        else:
            self.status_text.clear()
