"""The main window's toolbar, menus and their shortcuts (built once, kept on the window).

The actions are attributes of the window (``window.undo_action``, ``window.view_actions`` …) so
tests and the sync controller reach them there; their words keep the ``MainWindow`` context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QToolBar, QWidget

from . import diagnostics
from .i18n import translate
from .search_popup import SearchPopup
from .style import icon

if TYPE_CHECKING:
    from .main_window import MainWindow

VIEWS = ("today", "accounts", "pipeline", "renewals")


def build_toolbar(window: MainWindow) -> None:
    """The toolbar: Back, the global search field (Ctrl+K); attach_sync adds Sync now."""
    bar = QToolBar(translate("MainWindow", "Search"))
    bar.setObjectName("MainToolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(18, 18))
    window.back_action = QAction(icon("back"), translate("MainWindow", "Back"), window)
    window.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
    window.back_action.setToolTip(translate("MainWindow", "Back to the list (Alt+Left)"))
    window.back_action.triggered.connect(window.go_back)
    window.back_action.setEnabled(False)
    bar.addAction(window.back_action)
    window.search_field = QLineEdit()
    window.search_field.setObjectName("GlobalSearch")
    window.search_field.setPlaceholderText(
        translate("MainWindow", "Search accounts, contacts, opportunities, notes…  (Ctrl+K)")
    )
    window.search_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
    window.search_field.setClearButtonEnabled(True)
    window.search_field.setMaximumWidth(560)
    window.search_field.setMinimumWidth(280)
    bar.addWidget(window.search_field)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.toolbar = bar
    window.search_popup = SearchPopup(window.store, window.search_field, window)
    window.search_popup.open_record.connect(window.open_record)


def _action(
    window: MainWindow,
    text: str,
    shortcut: Any = None,
    slot=None,
    icon_name: str | None = None,
    menu=None,
) -> QAction:
    action = QAction(text, window)
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


def build_menus(window: MainWindow) -> None:
    """File, Edit, View, Sync (filled by attach_sync) and Help; each action kept on the window."""
    bar = window.menuBar()
    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    window.new_note_action = _action(
        window,
        translate("MainWindow", "New &Note…"),
        "Ctrl+N",
        lambda: window.new_record("notes"),
        "note",
        file_menu,
    )
    window.quick_note_action = _action(
        window,
        translate("MainWindow", "&Quick Note"),
        "Ctrl+Shift+N",
        window.quick_note,
        None,
        file_menu,
    )
    window.new_task_action = _action(
        window,
        translate("MainWindow", "New &Task…"),
        "Ctrl+T",
        lambda: window.new_record("tasks"),
        "task",
        file_menu,
    )
    window.new_opportunity_action = _action(
        window,
        translate("MainWindow", "New &Opportunity…"),
        "Ctrl+Shift+O",
        lambda: window.new_record("opportunities"),
        "opportunity",
        file_menu,
    )
    window.new_contact_action = _action(
        window,
        translate("MainWindow", "New &Contact…"),
        "Ctrl+Shift+C",
        lambda: window.new_record("contacts"),
        "contact",
        file_menu,
    )
    window.new_account_action = _action(
        window,
        translate("MainWindow", "New &Account…"),
        "Ctrl+Shift+A",
        lambda: window.new_record("accounts"),
        "accounts",
        file_menu,
    )
    file_menu.addSeparator()
    window.export_briefs_action = _action(
        window,
        translate("MainWindow", "Export &Briefs to PDF…"),
        "Ctrl+Shift+E",
        window.export_briefs,
        None,
        file_menu,
    )
    window.trip_pack_action = _action(
        window,
        translate("MainWindow", "Briefs for a T&rip…"),
        "Ctrl+Shift+T",
        window.show_trip_pack,
        None,
        file_menu,
    )
    file_menu.addSeparator()
    preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
    window.preferences_action = _action(
        window,
        translate("MainWindow", "&Preferences…"),
        preferences if not preferences.isEmpty() else "Ctrl+,",
        window.show_preferences,
        None,
        file_menu,
    )
    window.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    file_menu.addSeparator()
    window.quit_action = _action(
        window,
        translate("MainWindow", "&Quit"),
        QKeySequence(QKeySequence.StandardKey.Quit)
        if not QKeySequence(QKeySequence.StandardKey.Quit).isEmpty()
        else "Ctrl+Q",
        window.close,
        None,
        file_menu,
    )
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    window.undo_action = _action(
        window, translate("MainWindow", "&Undo"), "Ctrl+Z", window.undo, None, edit_menu
    )
    edit_menu.aboutToShow.connect(window._name_undo)  # "Undo delete of account"
    edit_menu.addSeparator()
    window.edit_account_action = _action(
        window,
        translate("MainWindow", "&Edit Account…"),
        "Ctrl+E",
        window.edit_current_account,
        None,
        edit_menu,
    )
    edit_menu.addSeparator()
    window.search_action = _action(
        window,
        translate("MainWindow", "&Search Everything"),
        ["Ctrl+K", "Ctrl+Shift+F"],
        window.focus_search,
        "search",
        edit_menu,
    )
    window.filter_action = _action(
        window,
        translate("MainWindow", "&Filter Accounts"),
        "Ctrl+F",
        window.focus_account_filter,
        None,
        edit_menu,
    )

    view_menu = bar.addMenu(translate("MainWindow", "&View"))
    window.view_actions: dict[str, QAction] = {}
    names = {
        "today": translate("MainWindow", "&Today"),
        "accounts": translate("MainWindow", "&Accounts"),
        "pipeline": translate("MainWindow", "&Pipeline"),
        "renewals": translate("MainWindow", "&Renewals"),
    }
    for number, name in enumerate(VIEWS, start=1):
        window.view_actions[name] = _action(
            window,
            names[name],
            f"Ctrl+{number}",
            lambda _=False, n=name: window.show_view(n),
            name,
            view_menu,
        )
    view_menu.addSeparator()
    view_menu.addAction(window.back_action)
    window.refresh_action = _action(
        window, translate("MainWindow", "&Refresh"), "F5", window.refresh, "sync", view_menu
    )

    window.sync_menu = bar.addMenu(translate("MainWindow", "&Sync"))

    help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    window.copy_diagnostics_action = _action(
        window,
        translate("MainWindow", "Copy &Diagnostics"),
        None,
        window.copy_diagnostics,
        None,
        help_menu,
    )
    window.open_log_folder_action = _action(
        window,
        translate("MainWindow", "Open &Log Folder"),
        None,
        diagnostics.open_log_folder,
        None,
        help_menu,
    )
    help_menu.addSeparator()
    window.about_action = _action(
        window,
        translate("MainWindow", "&About Fieldbook"),
        None,
        window.show_about,
        None,
        help_menu,
    )
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
