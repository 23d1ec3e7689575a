"""File ▸ Preferences: the CRM connection, syncing, language and where Fieldbook opens.

Domain preferences (sync interval, sync on start) live in the profile's store and are written
through the store's writer (StoreOp); window and language preferences are QSettings. What IT
locked (``desktop/provisioning.py``) is shown read-only with a word saying so. The connection
buttons only ask: the session (``ui/app.py``) changes or ends the connection.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import provisioning
from desktop.provisioning import Provisioning
from desktop.store import Store
from sync import kinds

from . import i18n
from .crm_kinds import display_name
from .field_access import access_of, scope_box
from .operations import StoreOp

SYNC_INTERVAL = "sync_interval_minutes"  # store preferences (read by ui/sync_controller.py)
SYNC_ON_START = "sync_on_start"
DEFAULT_INTERVAL = 5


class PreferencesDialog(QDialog):
    """Preferences; ``change_connection`` and ``sign_out_requested(remove_local_copy)`` ask the
    session to act on the CRM connection."""

    change_connection = Signal()
    sign_out_requested = Signal(bool)

    def __init__(
        self,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        store: Store | None = None,
        presets: Provisioning | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self._store = store
        self.presets = presets if presets is not None else provisioning.load()
        layout = QVBoxLayout(self)
        if store is not None:
            layout.addWidget(self._connection_box(store))
            layout.addWidget(self._sync_box(store))
            self.scope_box = scope_box(access_of(store), self)  # Salesforce: the SOQL it runs
            if self.scope_box is not None:
                layout.addWidget(self.scope_box)
        layout.addWidget(self._general_box(settings))
        note = QLabel(self.tr("Light and dark appearance follow your system settings."))
        note.setObjectName("Muted")
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    # -- parts -------------------------------------------------------------------------------

    def _connection_box(self, store: Store) -> QGroupBox:
        box = QGroupBox(self.tr("CRM connection"))
        url, database, user = (store.preference(k) for k in kinds.CONNECTION_PREFERENCES)
        kind_key, address = kinds.connected_to(store.preference) or ("", "")
        if kind_key in kinds.KINDS and kinds.KINDS[kind_key].browser_sign_in:
            url = address  # Salesforce: signed in in the browser, no database or user name
            text = self.tr("Connected to {crm} at {url}.").format(
                crm=display_name(kind_key), url=url
            )
        elif url:
            text = self.tr("Connected to {url} (database {database}) as {user}.").format(
                url=url, database=database or "–", user=user
            )
        else:
            text = self.tr("Not connected: your book is on this computer only.")
        self.connection_label = QLabel(text)
        self.connection_label.setWordWrap(True)
        self.change_button = QPushButton(self.tr("Change…") if url else self.tr("Connect…"))
        self.change_button.clicked.connect(self._change)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(lambda: self._sign_out(False))
        self.remove_button = QPushButton(self.tr("Sign out and remove the local copy"))
        self.remove_button.clicked.connect(lambda: self._sign_out(True))
        for button in (self.sign_out_button, self.remove_button):
            button.setEnabled(bool(url))
        row = QHBoxLayout()
        for button in (self.change_button, self.sign_out_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.connection_label)
        inner.addLayout(row)
        if self.presets.is_locked("crm.url"):
            inner.addWidget(
                self._locked_note(self.tr("The CRM address is set by your IT department."))
            )
        return box

    def _sync_box(self, store: Store) -> QGroupBox:
        box = QGroupBox(self.tr("Syncing"))
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 240)
        self.interval_spin.setSuffix(self.tr(" min"))
        try:
            interval = int(float(store.preference(SYNC_INTERVAL) or DEFAULT_INTERVAL))
        except ValueError:
            interval = DEFAULT_INTERVAL
        self.interval_spin.setValue(interval)
        self.on_start_check = QCheckBox(self.tr("Sync when Fieldbook starts"))
        self.on_start_check.setChecked(store.preference(SYNC_ON_START) != "0")
        form = QFormLayout(box)
        form.addRow(self.tr("Sync every"), self.interval_spin)
        form.addRow("", self.on_start_check)
        self._lock(self.interval_spin, "sync.interval_minutes", form)
        self._lock(self.on_start_check, "sync.on_start", form)
        return box

    def _general_box(self, settings: QSettings) -> QGroupBox:
        box = QGroupBox(self.tr("General"))
        form = QFormLayout(box)
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("The system's language"), "")
        for code, name in i18n.available_languages():
            self.language_combo.addItem(name, code)
        current = i18n.language_override(settings) or ""
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current)))
        form.addRow(self.tr("Language:"), self.language_combo)
        self.language_note = QLabel(self.tr("A new language shows the next time Fieldbook starts."))
        self.language_note.setObjectName("Muted")
        form.addRow("", self.language_note)
        self._lock(self.language_combo, "ui.language", form)
        self.start_combo = QComboBox()
        for value, text in (
            ("last", self.tr("Where I left off")),
            ("today", self.tr("Today")),
            ("accounts", self.tr("Accounts")),
        ):
            self.start_combo.addItem(text, value)
        self.start_combo.setCurrentIndex(
            max(
                0,
                self.start_combo.findData(
                    provisioning.start_page(self.presets, settings.value("preferences/start_view"))
                ),
            )
        )
        form.addRow(self.tr("Open Fieldbook on:"), self.start_combo)
        self._lock(self.start_combo, "ui.start_page", form)
        return box

    def _lock(self, widget: QWidget, name: str, form: QFormLayout) -> None:
        """Show a setting IT locked as read-only, with IT's value."""
        if not self.presets.is_locked(name):
            return
        section, _, key = name.partition(".")
        value = self.presets.get(section, key)
        if isinstance(widget, QSpinBox) and isinstance(value, int):
            widget.setValue(value)
        elif isinstance(widget, QCheckBox) and isinstance(value, bool):
            widget.setChecked(value)
        elif isinstance(widget, QComboBox) and value is not None:
            widget.setCurrentIndex(max(0, widget.findData(value)))
        widget.setEnabled(False)
        widget.setToolTip(self.tr("Set by your IT department"))
        widget.setProperty("locked", True)
        row, _role = form.getWidgetPosition(widget)
        form.insertRow(row + 1, "", self._locked_note(self.tr("Set by your IT department")))

    @staticmethod
    def _locked_note(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("Muted")
        label.setWordWrap(True)
        return label

    # -- actions -----------------------------------------------------------------------------

    def _change(self) -> None:
        self.reject()
        self.change_connection.emit()

    def _sign_out(self, remove: bool) -> None:
        self.reject()
        self.sign_out_requested.emit(remove)

    def accept(self) -> None:
        if self.start_combo.isEnabled():
            self._settings.setValue("preferences/start_view", self.start_combo.currentData())
        if self.language_combo.isEnabled():
            i18n.set_language_override(self.language_combo.currentData() or None, self._settings)
        if self._store is not None and self.parent() is not None:
            values: dict[str, str | None] = {}
            if self.interval_spin.isEnabled():
                values[SYNC_INTERVAL] = str(self.interval_spin.value())
            if self.on_start_check.isEnabled():
                values[SYNC_ON_START] = "1" if self.on_start_check.isChecked() else "0"

            def save(store: Store) -> None:
                for key, value in values.items():
                    store.set_preference(key, value)

            StoreOp(self.parent(), save).run_in_background()
        super().accept()
