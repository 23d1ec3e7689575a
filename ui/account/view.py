"""The account detail: who the account is, what it pays, and everything that belongs to it.

A header (name, parent, MRR, tier, health and churn risk with their reasons, NPS, next review,
owner, city) above tabs for contacts (table and relationship map), notes (timeline with quick
capture), opportunities, contracts and tasks. Each tab's model holds the ids of the account's
records and reads them through the store's query methods; it refreshes only when a commit
touches a table it shows, for this account.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E
from desktop.store import Changes

from ..chips import stage_label
from ..field_access import access_of, follow, read_only_hint
from ..i18n import translate
from ..note_capture import QuickCapture
from ..operations import OpContext, StoreOp
from ..record_dialog import confirm_delete, edit_record
from ..relationship_map import RelationshipMap
from ..roles import ID_ROLE
from ..style import tone_colors
from ..undo import update_undoably
from .header import AccountHeader
from .models import (
    ContactsModel,
    ContractsModel,
    NotesModel,
    OpportunitiesModel,
    TasksModel,
)
from .record_tab import NotesTimeline, RecordTab, RecordTable

CHILD_TABLES = ("contacts", "notes", "opportunities", "contracts", "tasks")


class AccountView(QWidget):
    """One account in full: header and a tab per kind of record."""

    open_record = Signal(str, str)  # (table, id): follow a link to another record

    def __init__(self, context: OpContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.account_id: str | None = None
        self.account: dict[str, Any] | None = None
        self.last_dialog = None  # the dialog opened last (tests drive it)
        self.pending_selection: tuple[str, str] | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("EmptyText")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setText(
            translate("account_view", "Pick an account in the list, or search for one with Ctrl+K.")
        )
        self.pages.addWidget(self.placeholder)

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        self.header = AccountHeader(page)
        self.header.edit_account_button.clicked.connect(self.edit_account)
        self.header.delete_account_button.clicked.connect(self.delete_account)
        self.header.link_activated.connect(self._follow_link)
        layout.addWidget(self.header)

        self.tabs = QTabWidget(page)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.pages.addWidget(page)
        self.detail_page = page

        self.contacts_model = ContactsModel(context, self)
        self.notes_model = NotesModel(context, self)
        self.opportunities_model = OpportunitiesModel(context, self)
        self.contracts_model = ContractsModel(context, self)
        self.tasks_model = TasksModel(context, self)
        self.tasks_model.on_toggle = self.set_task_done
        self.models = {
            "contacts": self.contacts_model,
            "notes": self.notes_model,
            "opportunities": self.opportunities_model,
            "contracts": self.contracts_model,
            "tasks": self.tasks_model,
        }
        self.record_tabs: dict[str, RecordTab] = {}
        self._build_contacts_tab()
        self._build_notes_tab()
        self._build_opportunities_tab()
        self._build_simple_tab(
            "contracts",
            translate(
                "account_view",
                "No contracts yet. Add one with New contract: its notice deadline is worked out "
                "from the end date and notice period.",
            ),
        )
        self._build_simple_tab(
            "tasks",
            translate(
                "account_view",
                "No tasks yet. Add a follow-up with New task; tick a task to complete it.",
            ),
        )
        for model in self.models.values():
            model.modelReset.connect(self._update_tab_titles)
        context.events.changed.connect(self._on_store_changed)

    # -- building ------------------------------------------------------------------------------

    def _build_contacts_tab(self) -> None:
        view = RecordTable(
            translate(
                "account_view", "No contacts yet. Add the people you work with using New contact."
            )
        )
        tab = RecordTab(self, "contacts", self.contacts_model, view, self)
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        splitter.addWidget(view)
        self.relationship_map = RelationshipMap(splitter)
        splitter.addWidget(self.relationship_map)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 420])
        splitter.setChildrenCollapsible(False)
        tab.body.addWidget(splitter)
        self.contacts_splitter = splitter
        hint = QLabel(
            translate(
                "account_view",
                "Map: who reports to whom. Click a person to select, double-click to edit.",
            ),
            tab,
        )
        hint.setObjectName("Muted")
        tab.actions_row.addWidget(hint)
        self.relationship_map.contact_selected.connect(tab.select_id)
        self.relationship_map.contact_activated.connect(
            lambda cid: (tab.select_id(cid), tab.edit_selected())
        )
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._contact_row_changed(current)
        )
        self.contacts_model.modelReset.connect(
            lambda: self.relationship_map.set_contacts(
                [self.contacts_model.record(r) for r in range(self.contacts_model.rowCount())]
            )
        )
        self.record_tabs["contacts"] = tab
        self.tabs.addTab(tab, "")

    def _contact_row_changed(self, current: QModelIndex) -> None:
        contact_id = current.data(ID_ROLE) if current.isValid() else None
        if contact_id and contact_id != self.relationship_map.selected_contact_id():
            self.relationship_map.select_contact(contact_id)

    def _build_notes_tab(self) -> None:
        view = NotesTimeline(
            translate("account_view", "No notes yet — write one above and press Ctrl+Enter.")
        )
        tab = RecordTab(self, "notes", self.notes_model, view, self)
        self.capture = QuickCapture(self.context, tab)
        tab.layout().insertWidget(0, self.capture)
        self.capture.saved.connect(
            lambda note_id: tab.select_id(note_id) or self._select_later("notes", note_id)
        )
        tab.body.addWidget(view)
        self.record_tabs["notes"] = tab
        self.tabs.addTab(tab, "")

    def _select_later(self, table: str, row_id: str) -> None:
        self.pending_selection = (table, row_id)

    def _build_opportunities_tab(self) -> None:
        view = RecordTable(
            translate(
                "account_view",
                "No opportunities yet. Add an upsell or renewal with New opportunity.",
            )
        )
        tab = RecordTab(self, "opportunities", self.opportunities_model, view, self)
        self.stage_button = QToolButton(tab)
        self.stage_button.setText(translate("account_view", "Move to stage"))
        self._stage_tip = translate(
            "account_view", "Move the selected opportunity to another stage (Ctrl+Shift+M)"
        )
        self.stage_button.setToolTip(self._stage_tip)
        self.stage_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.stage_menu = QMenu(self.stage_button)
        self._fill_stage_menu(self.stage_menu, lambda: tab.selected_id())
        self.stage_button.setMenu(self.stage_menu)
        tab.actions_row.insertWidget(3, self.stage_button)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+M"), tab, activated=self.popup_stage_menu)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tab.context_menu_actions = lambda menu, row_id: self._fill_stage_menu(
            menu.addMenu(translate("account_view", "Move to stage")), lambda: row_id
        )
        view.setColumnWidth(0, 220)
        tab.body.addWidget(view)
        self.record_tabs["opportunities"] = tab
        self.tabs.addTab(tab, "")

    def popup_stage_menu(self) -> None:
        """Open "Move to stage" under its button without blocking (keys 1-7 pick a stage)."""
        button = self.stage_button
        if not button.isEnabled():  # the CRM does not let the rep change the stage
            return
        self.stage_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def _fill_stage_menu(self, menu: QMenu, selected: Callable[[], str | None]) -> None:
        for number, stage in enumerate(E.STAGES, start=1):
            action = menu.addAction(f"&{number}  {stage_label(stage)}")
            action.setData(stage)
            action.triggered.connect(
                lambda _checked=False, s=stage: self._move_selected(selected(), s)
            )

    def _move_selected(self, opportunity_id: str | None, stage: str) -> None:
        if opportunity_id:
            self.move_opportunity_to_stage(opportunity_id, stage)

    def _build_simple_tab(self, table: str, empty_text: str) -> None:
        view = RecordTable(empty_text)
        tab = RecordTab(self, table, self.models[table], view, self)
        view.setColumnWidth(0, 240)
        tab.body.addWidget(view)
        self.record_tabs[table] = tab
        self.tabs.addTab(tab, "")

    def _update_tab_titles(self) -> None:
        titles = {
            "contacts": translate("account_view", "Contacts"),
            "notes": translate("account_view", "Notes"),
            "opportunities": translate("account_view", "Opportunities"),
            "contracts": translate("account_view", "Contracts"),
            "tasks": translate("account_view", "Tasks"),
        }
        for table, tab in self.record_tabs.items():
            count = self.models[table].rowCount()
            if table == "tasks":
                count = sum(
                    1
                    for i in self.tasks_model.ids
                    if self.tasks_model._rows[i].get("status") == "open"
                )
            title = titles[table] + (f"  {count}" if count else "")
            self.tabs.setTabText(self.tabs.indexOf(tab), title)
        soon = [
            c
            for c in (
                self.contracts_model.record(r) for r in range(self.contracts_model.rowCount())
            )
            if ContractsModel.urgency(c) == "soon"
        ]
        contracts_tab = self.tabs.indexOf(self.record_tabs["contracts"])
        self.tabs.tabBar().setTabTextColor(
            contracts_tab, tone_colors("red")[1] if soon else QColor()
        )

    # -- public API ----------------------------------------------------------------------------

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab after the built-in ones (the brief view adds "Brief")."""
        return self.tabs.addTab(widget, title)

    def current_account_id(self) -> str | None:
        return self.account_id

    def show_account(self, account_id: str) -> None:
        """Show ``account_id``: header and every tab read afresh."""
        changed = account_id != self.account_id
        self.account_id = account_id
        self.account = self.context.store.get("accounts", account_id)
        if self.account is None:
            self.placeholder.setText(
                translate(
                    "account_view",
                    "This account no longer exists here. It may have been "
                    "deleted, or removed by a sync.",
                )
            )
            self.pages.setCurrentWidget(self.placeholder)
            for model in self.models.values():
                model.load(None)
            self.capture.set_account(None)
            return
        self.pages.setCurrentWidget(self.detail_page)
        self._fill_header()
        for model in self.models.values():
            model.load(account_id)
        self.capture.set_account(
            account_id,
            [self.contacts_model.record(r) for r in range(self.contacts_model.rowCount())],
        )
        if changed:
            for tab in self.record_tabs.values():
                tab.view.scrollToTop()

    def select_record(self, table: str, row_id: str) -> None:
        """Switch to the tab of ``table`` and select ``row_id`` (search results use this)."""
        if table == "accounts":
            self.show_account(row_id)
            return
        tab = self.record_tabs.get(table)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        if not tab.select_id(row_id):
            self.pending_selection = (table, row_id)
        tab.view.setFocus()

    def focus_quick_capture(self) -> None:
        """Show the Notes tab with the cursor in quick capture (the shell's "New note")."""
        self.tabs.setCurrentWidget(self.record_tabs["notes"])
        self.capture.title.setFocus()

    def new_record(self, table: str, defaults: dict[str, Any] | None = None):
        """Open the form for a new record of ``table`` for this account; returns the dialog."""
        tab = self.record_tabs.get(table)
        if tab is None or not self.account_id:
            return None
        self.tabs.setCurrentWidget(tab)
        dialog = edit_record(
            self, self.context, table, defaults={"account_id": self.account_id, **(defaults or {})}
        )
        dialog.saved.connect(tab._select_when_loaded)
        self.last_dialog = dialog
        return dialog

    def selected_id(self, table: str) -> str | None:
        return self.record_tabs[table].selected_id()

    # -- actions -------------------------------------------------------------------------------

    def edit_account(self) -> None:
        if self.account_id:
            self.last_dialog = edit_record(self, self.context, "accounts", self.account_id)

    def delete_account(self) -> None:
        if self.account_id:
            confirm_delete(self, self.context, "accounts", self.account_id)

    def move_opportunity_to_stage(self, opportunity_id: str, stage: str) -> StoreOp:
        """Change an opportunity's stage (probability and forecast follow, as the store derives).

        Edit > Undo (``record_dialog.undo_last_edit``) puts the old stage back.
        """
        values = {"stage": stage}
        return update_undoably(
            self, "opportunities", opportunity_id, values, self.context
        ).run_in_background()

    def set_task_done(self, task_id: str, done: bool) -> StoreOp:
        """Complete (or reopen) a task; Edit > Undo reopens it."""
        status = "done" if done else "open"
        return (
            update_undoably(self, "tasks", task_id, {"status": status}, self.context)
            .failure(self._toggle_failed)
            .run_in_background()
        )

    def _toggle_failed(self, exc: BaseException) -> None:
        from ..errors import show_error

        self.tasks_model.refresh()
        show_error(self, exc)

    def _follow_link(self, link: str) -> None:
        table, _, row_id = link.partition(":")
        if table and row_id:
            self.open_record.emit(table, row_id)

    def _fill_header(self) -> None:
        access = access_of(self.context.store)  # what the CRM lets the rep change, inline too
        self.header.show_account(self.account, self.account_id, self.context.store, access)
        follow(self.stage_button, access, "opportunities", "stage", self._stage_tip)
        locked = not access.editable("tasks", "status")
        self.tasks_model.status_locked = read_only_hint(access) if locked else ""
        self.capture.set_field_access(access)

    # -- refresh -------------------------------------------------------------------------------

    def _touched_tables(self, changes: Changes) -> set[str]:
        """Tables of this account's records that ``changes`` touched."""
        touched: set[str] = set()
        store = self.context.store
        for table in CHILD_TABLES:
            ids = changes.tables.get(table)
            if not ids:
                continue
            model = self.models[table]
            known = set(model.ids)
            if ids & known:
                touched.add(table)
                continue
            # New records, or records moved here from another account (one query per 500 ids).
            if any(row.get("account_id") == self.account_id for row in store.rows(table, ids)):
                touched.add(table)
        return touched

    def _on_store_changed(self, changes: Changes) -> None:
        if not self.account_id:
            return
        account_ids = changes.tables.get("accounts", set())
        if (
            self.account_id in account_ids
            and self.context.store.get("accounts", self.account_id) is None
        ):
            self.show_account(self.account_id)  # shows "no longer exists"
            return
        touched = self._touched_tables(changes)
        header_touched = (
            bool(
                account_ids
                & {
                    self.account_id,
                    (self.account or {}).get("parent_id"),
                    *self.header.shown_children,
                }
            )
            or "opportunities" in touched
            or (bool(account_ids) and self._children_changed())
        )
        if header_touched:
            self.account = self.context.store.get("accounts", self.account_id)
            self._fill_header()
        for table, model in self.models.items():
            if touched & set(model.depends_on):
                self._reload_keeping_selection(table)
        if "contacts" in touched:
            self.capture.set_account(
                self.account_id,
                [self.contacts_model.record(r) for r in range(self.contacts_model.rowCount())],
            )
        if self.pending_selection and self.pending_selection[0] in touched:
            table, row_id = self.pending_selection
            if self.record_tabs[table].select_id(row_id):
                self.pending_selection = None

    def _children_changed(self) -> bool:
        """Whether a new child account appeared (one indexed query, however big the change)."""
        children = self.context.store.child_accounts(self.account_id)
        return {child["id"] for child in children} != self.header.shown_children

    def _reload_keeping_selection(self, table: str) -> None:
        tab = self.record_tabs[table]
        selected = tab.selected_id()
        scroll = tab.view.verticalScrollBar().value()
        self.models[table].refresh()
        if selected:
            tab.select_id(selected)
        tab.view.verticalScrollBar().setValue(scroll)


__all__ = ["CHILD_TABLES", "AccountView"]
