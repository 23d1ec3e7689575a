"""The main window: sidebar, the current view, global search, menus and the status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.store import Changes

from . import diagnostics, record_dialog
from .account import AccountView
from .accounts_view import AccountsView
from .brief_export import TripPackDialog, export_briefs
from .brief_view import BriefView
from .operations import OpContext
from .pipeline_view import PipelineView
from .renewals_view import RenewalsView
from .search_popup import SearchPopup
from .style import icon
from .today_view import TodayView

VIEWS = ("today", "accounts", "pipeline", "renewals")


class MainWindow(QMainWindow):
    """Fieldbook's one window. Views get the OpContext; the window only routes between them."""

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

        self._build_toolbar()
        self._build_menus()
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

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Search"))
        bar.setObjectName("MainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        self.back_action = QAction(icon("back"), self.tr("Back"), self)
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_action.setToolTip(self.tr("Back to the list (Alt+Left)"))
        self.back_action.triggered.connect(self.go_back)
        self.back_action.setEnabled(False)
        bar.addAction(self.back_action)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("GlobalSearch")
        self.search_field.setPlaceholderText(
            self.tr("Search accounts, contacts, opportunities, notes…  (Ctrl+K)")
        )
        self.search_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaximumWidth(560)
        self.search_field.setMinimumWidth(280)
        bar.addWidget(self.search_field)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        self.search_popup = SearchPopup(self.store, self.search_field, self)
        self.search_popup.open_record.connect(self.open_record)

    def _action(
        self, text: str, shortcut: Any = None, slot=None, icon_name: str | None = None, menu=None
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            sequences = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in sequences])
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        if slot:
            action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_note_action = self._action(
            self.tr("New &Note…"), "Ctrl+N", lambda: self.new_record("notes"), "note", file_menu
        )
        self.quick_note_action = self._action(
            self.tr("&Quick Note"), "Ctrl+Shift+N", self.quick_note, None, file_menu
        )
        self.new_task_action = self._action(
            self.tr("New &Task…"), "Ctrl+T", lambda: self.new_record("tasks"), "task", file_menu
        )
        self.new_opportunity_action = self._action(
            self.tr("New &Opportunity…"),
            "Ctrl+Shift+O",
            lambda: self.new_record("opportunities"),
            "opportunity",
            file_menu,
        )
        self.new_contact_action = self._action(
            self.tr("New &Contact…"),
            "Ctrl+Shift+C",
            lambda: self.new_record("contacts"),
            "contact",
            file_menu,
        )
        self.new_account_action = self._action(
            self.tr("New &Account…"),
            "Ctrl+Shift+A",
            lambda: self.new_record("accounts"),
            "accounts",
            file_menu,
        )
        file_menu.addSeparator()
        self.export_briefs_action = self._action(
            self.tr("Export &Briefs to PDF…"), "Ctrl+Shift+E", self.export_briefs, None, file_menu
        )
        self.trip_pack_action = self._action(
            self.tr("Briefs for a T&rip…"), "Ctrl+Shift+T", self.show_trip_pack, None, file_menu
        )
        file_menu.addSeparator()
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        self.preferences_action = self._action(
            self.tr("&Preferences…"),
            preferences if not preferences.isEmpty() else "Ctrl+,",
            self.show_preferences,
            None,
            file_menu,
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addSeparator()
        self.quit_action = self._action(
            self.tr("&Quit"),
            QKeySequence(QKeySequence.StandardKey.Quit)
            if not QKeySequence(QKeySequence.StandardKey.Quit).isEmpty()
            else "Ctrl+Q",
            self.close,
            None,
            file_menu,
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(self.tr("&Undo"), "Ctrl+Z", self.undo, None, edit_menu)
        edit_menu.aboutToShow.connect(self._name_undo)  # "Undo delete of account"
        edit_menu.addSeparator()
        self.edit_account_action = self._action(
            self.tr("&Edit Account…"), "Ctrl+E", self.edit_current_account, None, edit_menu
        )
        edit_menu.addSeparator()
        self.search_action = self._action(
            self.tr("&Search Everything"),
            ["Ctrl+K", "Ctrl+Shift+F"],
            self.focus_search,
            "search",
            edit_menu,
        )
        self.filter_action = self._action(
            self.tr("&Filter Accounts"), "Ctrl+F", self.focus_account_filter, None, edit_menu
        )

        view_menu = bar.addMenu(self.tr("&View"))
        self.view_actions: dict[str, QAction] = {}
        names = {
            "today": self.tr("&Today"),
            "accounts": self.tr("&Accounts"),
            "pipeline": self.tr("&Pipeline"),
            "renewals": self.tr("&Renewals"),
        }
        for number, name in enumerate(VIEWS, start=1):
            self.view_actions[name] = self._action(
                names[name],
                f"Ctrl+{number}",
                lambda _=False, n=name: self.show_view(n),
                name,
                view_menu,
            )
        view_menu.addSeparator()
        view_menu.addAction(self.back_action)
        self.refresh_action = self._action(
            self.tr("&Refresh"), "F5", self.refresh, "sync", view_menu
        )

        self.sync_menu = bar.addMenu(self.tr("&Sync"))

        help_menu = bar.addMenu(self.tr("&Help"))
        self.copy_diagnostics_action = self._action(
            self.tr("Copy &Diagnostics"), None, self.copy_diagnostics, None, help_menu
        )
        self.open_log_folder_action = self._action(
            self.tr("Open &Log Folder"), None, diagnostics.open_log_folder, None, help_menu
        )
        help_menu.addSeparator()
        self.about_action = self._action(
            self.tr("&About Fieldbook"), None, self.show_about, None, help_menu
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

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

    def show_preferences(self) -> None:
        PreferencesDialog(self.settings, self).open()

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
        start = self.settings.value("preferences/start_view", "last")
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


class PreferencesDialog(QDialog):
    """The few preferences the shell has: where to start. Appearance follows the OS."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.start_combo = QComboBox()
        for value, text in (
            ("last", self.tr("Where I left off")),
            ("today", self.tr("Today")),
            ("accounts", self.tr("Accounts")),
        ):
            self.start_combo.addItem(text, value)
        self.start_combo.setCurrentIndex(
            max(0, self.start_combo.findData(settings.value("preferences/start_view", "last")))
        )
        form.addRow(self.tr("Open Fieldbook on:"), self.start_combo)
        layout.addLayout(form)
        note = QLabel(self.tr("Light and dark appearance follow your system settings."))
        note.setObjectName("Muted")
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self._settings.setValue("preferences/start_view", self.start_combo.currentData())
        super().accept()
