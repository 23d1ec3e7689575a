"""File ▸ Preferences: the few preferences the shell has."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


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
