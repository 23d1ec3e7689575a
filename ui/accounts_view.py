"""The accounts list: the whole book in one table, narrowed as the rep types or picks filters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E
from desktop.queries import AccountFilter
from desktop.store import Changes

from .account_list_model import ACCOUNT_ID_ROLE, CHIP_COLUMNS, COLUMNS, AccountListModel
from .chips import ChipDelegate, chip_text
from .operations import OpContext
from .style import icon, page_heading

FILTER_DELAY_MS = 150  # typing pauses shorter than this are one search, not one per key


class EmptyState(QWidget):
    """A calm message in the middle of an empty screen: what this is, and what to do."""

    def __init__(self, title: str = "", text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("EmptyTitle")
        self.text_label = QLabel(text)
        self.text_label.setObjectName("EmptyText")
        self.text_label.setWordWrap(True)
        for label in (self.title_label, self.text_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setMaximumWidth(520)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button_row = QHBoxLayout()
        self.button_row.addStretch()
        self.button_row.addStretch()
        layout.addLayout(self.button_row)
        layout.addStretch(3)

    def set_message(self, title: str, text: str) -> None:
        self.title_label.setText(title)
        self.text_label.setText(text)

    def add_button(self, button: QPushButton) -> None:
        self.button_row.insertWidget(self.button_row.count() - 1, button)


class AccountsTable(QTableView):
    """The table itself; Enter opens the current account like a double-click."""

    activated_account = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            account_id = self.currentIndex().data(ACCOUNT_ID_ROLE)
            if account_id:
                self.activated_account.emit(account_id)
                return
        super().keyPressEvent(event)


class AccountsView(QWidget):
    """Every account, sortable by any column, filtered by text, tier, health, risk, city, owner."""

    open_account = Signal(str)
    status_message = Signal(str)

    def __init__(self, context: OpContext, parent: QWidget | None = None, background: bool = True):
        super().__init__(parent)
        self._context = context
        self._store = context.store
        self.model = AccountListModel(self._store, self, background=background)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)

        heading, self.count_label = page_heading(self.tr("Accounts"))
        layout.addLayout(heading)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, city or industry"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setMinimumWidth(240)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        bar.addWidget(self.filter_edit, 2)
        self.tier_combo = self._choice_combo(self.tr("All tiers"), "tier", E.TIERS)
        self.health_combo = self._choice_combo(self.tr("Any health"), "health", E.HEALTH)
        self.churn_combo = self._choice_combo(self.tr("Any churn risk"), "churn_risk", E.CHURN_RISK)
        self.city_combo = self._value_combo(self.tr("All cities"))
        self.owner_combo = self._value_combo(self.tr("All owners"))
        self.filter_combos = (
            self.tier_combo,
            self.health_combo,
            self.churn_combo,
            self.city_combo,
            self.owner_combo,
        )
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(self._apply_filter)
            bar.addWidget(combo, 1)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        bar.addWidget(self.clear_button)
        layout.addLayout(bar)

        self.table = AccountsTable()
        self.table.setObjectName("AccountsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        widths = {
            "name": 260,
            "city": 130,
            "industry": 150,
            "mrr_cents": 100,
            "tier": 110,
            "health": 100,
            "churn_risk": 120,
            "next_review": 120,
            "open_pipeline_cents": 120,
        }
        em = self.fontMetrics().averageCharWidth() / 7.0  # widths above are for a 7 px char
        for column, (key, _label) in enumerate(COLUMNS):
            header.resizeSection(column, int(widths[key] * max(1.0, em)))
            if key in CHIP_COLUMNS:
                self.table.setItemDelegateForColumn(column, ChipDelegate(self.table))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated_account.connect(self.open_account)
        self.filter_edit.returnPressed.connect(self._focus_first_row)

        self.empty = EmptyState()
        self.empty_clear_button = QPushButton(self.tr("Clear filters"))
        self.empty_clear_button.clicked.connect(self.clear_filters)
        self.empty.add_button(self.empty_clear_button)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        self.model.loaded.connect(self._on_loaded)
        context.events.changed.connect(self._on_store_changed)
        self._fill_value_combos()

    # -- public ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read everything again (F5)."""
        self.model.apply_changes(Changes(tables={"accounts": set(), "opportunities": set()}))
        self._fill_value_combos()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def selected_account_ids(self) -> list[str]:
        """The ids of the selected rows, top to bottom (for bulk actions such as briefs)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [account_id for row in rows if (account_id := self.model.account_id(row))]

    def current_account_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ACCOUNT_ID_ROLE) if index.isValid() else None

    def select_account(self, account_id: str) -> bool:
        """Make ``account_id`` the current row (if the filters show it)."""
        row = self.model.row_of(account_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def clear_filters(self) -> None:
        for combo in self.filter_combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self._apply_filter()

    def current_filter(self) -> AccountFilter:
        return AccountFilter(
            text=self.filter_edit.text().strip(),
            tier=self.tier_combo.currentData(),
            health=self.health_combo.currentData(),
            churn_risk=self.churn_combo.currentData(),
            city=self.city_combo.currentData(),
            owner=self.owner_combo.currentData(),
        )

    def close_model(self) -> None:
        self.model.close()

    # -- internals -------------------------------------------------------------------------------

    def _choice_combo(self, everything: str, kind: str, choices: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for choice in choices:
            combo.addItem(chip_text(kind, choice), choice)
        return combo

    def _value_combo(self, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        combo.setMaxVisibleItems(20)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        return combo

    def _fill_value_combos(self) -> None:
        for combo, column in ((self.city_combo, "city"), (self.owner_combo, "owner")):
            current = combo.currentData()
            values = self._store.distinct_values(column)
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            position = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(0, position))
            combo.blockSignals(False)

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.current_filter())

    def _on_loaded(self, count: int) -> None:
        flt = self.model.account_filter()
        filtered = any([flt.text, flt.tier, flt.health, flt.churn_risk, flt.city, flt.owner])
        self.clear_button.setEnabled(filtered)
        if count:
            self.count_label.setText(
                self.tr("%n account(s)", "", count)
                if not filtered
                else self.tr("%n match(es)", "", count)
            )
            self.stack.setCurrentWidget(self.table)
            return
        self.count_label.setText("")
        self.empty_clear_button.setVisible(filtered)
        if filtered:
            self.empty.set_message(
                self.tr("No accounts match"),
                self.tr(
                    "Nothing in your book matches these filters. Try fewer words, "
                    "or clear the filters."
                ),
            )
        else:
            self.empty.set_message(
                self.tr("Your book of business is empty"),
                self.tr(
                    "Add your first account with File › New Account (Ctrl+Shift+A), or "
                    "connect to your CRM from the Sync menu to bring your accounts here."
                ),
            )
        self.stack.setCurrentWidget(self.empty)

    def _on_store_changed(self, changes: Changes) -> None:
        self.model.apply_changes(changes)
        if changes.touches("accounts"):
            self._fill_value_combos()

    def _open_index(self, index: QModelIndex) -> None:
        account_id = index.data(ACCOUNT_ID_ROLE)
        if account_id:
            self.open_account.emit(account_id)

    def _focus_first_row(self) -> None:
        """Enter in the filter moves to the first match, so arrow keys and Enter carry on."""
        self._apply_filter_now_if_pending()
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))

    def _apply_filter_now_if_pending(self) -> None:
        if self._filter_timer.isActive():
            self._apply_filter()
