"""Quick capture: a note written and saved in seconds, at the top of an account's timeline.

Type a title (or just the body) and press Ctrl+Enter. Kind defaults to meeting and the time to
now; both can be changed before saving. A note with only a body takes its first line as title.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E
from desktop.validation import ValidationError

from .errors import user_message
from .field_access import follow
from .form_fields import choice_label, utc_iso_from_local
from .operations import OpContext, StoreOp

TITLE_FROM_BODY = 80  # characters of the body's first line used when no title was typed


class QuickCapture(QFrame):
    """Title, body, kind and time of a new note for one account; Ctrl+Enter saves."""

    saved = Signal(str)  # id of the note created

    def __init__(self, context: OpContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.account_id: str | None = None
        self.saving = False
        self._when_chosen = False  # the rep picked a time; otherwise "now" is taken at save
        self.setObjectName("Card")
        # Inputs get their own outline: on the card's background they would vanish in dark mode.
        self.setStyleSheet(
            "QLineEdit, QPlainTextEdit { border: 1px solid palette(mid); border-radius: 6px;"
            " padding: 4px 6px; background: palette(base); }"
            " QLineEdit:focus, QPlainTextEdit:focus { border: 1px solid palette(highlight); }"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)

        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("Quick note: what happened? (Ctrl+Enter saves)"))
        self.title.setAccessibleName(self.tr("Note title"))
        layout.addWidget(self.title)

        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(self.tr("Details, decisions, next steps…"))
        self.body.setAccessibleName(self.tr("Note body"))
        self.body.setTabChangesFocus(True)
        self.body.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        layout.addWidget(self.body)

        row = QHBoxLayout()
        row.setSpacing(8)
        self.kind = QComboBox(self)
        for kind in E.NOTE_KINDS:
            self.kind.addItem(choice_label("kind", kind), kind)
        self.kind.setAccessibleName(self.tr("Kind of note"))
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName(self.tr("When it happened"))
        self.when.dateTimeChanged.connect(self._time_chosen)
        self.contact = QComboBox(self)
        self.contact.setAccessibleName(self.tr("Contact"))
        self.contact.setMinimumContentsLength(14)
        self.message = QLabel(self)
        self.message.setObjectName("Muted")
        self.save_button = QPushButton(self.tr("Save note"), self)
        self.save_button.setToolTip(self.tr("Save note (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.kind)
        row.addWidget(self.when)
        row.addWidget(self.contact)
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self, activated=self.save)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._clear_message = QTimer(self, singleShot=True, interval=4000)
        self._clear_message.timeout.connect(self.message.clear)
        self.reset()

    def set_account(self, account_id: str | None, contacts: list[dict] | None = None) -> None:
        """Capture notes for ``account_id``; ``contacts`` fill the optional contact picker."""
        if account_id != self.account_id:
            self.reset()
        self.account_id = account_id
        current = self.contact.currentData()
        self.contact.clear()
        self.contact.addItem(self.tr("No contact"), None)
        for c in contacts or []:
            self.contact.addItem(c.get("name") or "", c["id"])
        index = self.contact.findData(current)
        self.contact.setCurrentIndex(max(index, 0))

    def set_field_access(self, access) -> None:
        """Fields the CRM lacks carry the hint, read-only ones are off (desktop/crm_fields.py)."""
        self.field_states = {
            name: follow(widget, access, "notes", name)
            for name, widget in (
                ("title", self.title),
                ("body", self.body),
                ("kind", self.kind),
                ("occurred_at", self.when),
                ("contact_id", self.contact),
            )
        }

    def reset(self) -> None:
        """Empty fields, kind back to meeting, time back to now."""
        self.title.clear()
        self.body.clear()
        self.kind.setCurrentIndex(self.kind.findData("meeting"))
        self.when.blockSignals(True)
        self.when.setDateTime(QDateTime.currentDateTime())
        self.when.blockSignals(False)
        self._when_chosen = False
        if self.contact.count():
            self.contact.setCurrentIndex(0)

    def _time_chosen(self) -> None:
        self._when_chosen = True

    def values(self) -> dict:
        """The note as the store takes it."""
        title = self.title.text().strip()
        body = self.body.toPlainText()
        if not title and body.strip():
            title = body.strip().splitlines()[0][:TITLE_FROM_BODY]
        moment = self.when.dateTime() if self._when_chosen else QDateTime.currentDateTime()
        return {
            "account_id": self.account_id,
            "kind": self.kind.currentData(),
            "title": title,
            "body": body if body.strip() else None,
            "occurred_at": utc_iso_from_local(moment),
            "contact_id": self.contact.currentData(),
        }

    def save(self) -> None:
        if self.saving or not self.account_id:
            return
        values = self.values()
        if not values["title"]:
            self.show_message(self.tr("Write a few words first."), error=True)
            self.title.setFocus()
            return
        self.saving = True
        self.save_button.setEnabled(False)
        StoreOp(self, lambda store: store.create("notes", values), self.context).success(
            self._saved
        ).failure(self._failed).run_in_background()

    def _saved(self, note_id: str) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.reset()
        self.show_message(self.tr("Saved."))
        self.title.setFocus()
        self.saved.emit(note_id)

    def _failed(self, exc: BaseException) -> None:
        # Nothing typed is cleared: the rep fixes the problem and presses Ctrl+Enter again.
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            entity = E.entity("notes")
            text = "; ".join(
                f"{QCoreApplication.translate('entities', entity.field(k).label)}: {v}"
                for k, v in exc.errors.items()
                if k in entity.field_names
            )
            self.show_message(text or str(exc), error=True)
        else:
            self.show_message(user_message(exc), error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #dc2626;" if error else "")
        self._clear_message.start()


__all__ = ["QuickCapture"]
