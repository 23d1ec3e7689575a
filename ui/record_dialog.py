"""Create, edit and delete any record: one dialog generated from the entity specs.

``edit_record`` opens a form for any table (fields, labels and editors come from
``desktop.entities``); saving runs ``store.create`` / ``store.update`` through ``StoreOp``. When
the store refuses a value, the message appears under that field, the field is highlighted and
the dialog stays open with everything the rep typed. ``confirm_delete`` says what goes with a
record before deleting it. ``undo_last_edit`` takes back the last action: an edit saved here, a
delete with everything that went with it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E
from desktop import money
from desktop.clock import now_iso, today
from desktop.crm_fields import READ_ONLY
from desktop.undo import delete_undoable
from desktop.validation import ValidationError

from . import entity_words as words
from .errors import user_message
from .field_access import access_of, mark_field
from .form_fields import (
    AccountEditor,
    FieldEditor,
    RefComboEditor,
    field_label,
    make_editor,
)
from .i18n import translate
from .money_editor import CurrencyEditor, MoneyEditor
from .operations import OpContext, StoreOp
from .undo import (  # noqa: F401 - views and tests import them from here
    can_undo,
    forget_edits,
    remember_edit,
    undo_last_edit,
    undo_text,
)
from .validation_text import field_message

ERROR_COLOR = "#dc2626"
_TWO_COLUMNS_FROM = 11  # entities with more fields than this get a two-column form


def entity_word(table: str, count: int = 1) -> str:
    """``contact`` / ``contacts`` for a person, translated."""
    spec = E.entity(table)
    return QCoreApplication.translate("entities", spec.singular if count == 1 else spec.plural)


def default_values(table: str) -> dict[str, Any]:
    """What a new record starts with, so a rep fills in only what matters."""
    if table == "notes":
        return {"kind": "meeting", "occurred_at": now_iso()}
    if table == "opportunities":
        return {"stage": "prospecting", "type": "new_business", "forecast_category": "pipeline"}
    if table == "tasks":
        return {"status": "open", "kind": "follow_up", "priority": "normal"}
    if table == "contracts":
        return {
            "status": "active",
            "start_date": today().isoformat(),
            "term_months": 12,
            "notice_days": 90,
        }
    if table == "accounts":
        return {"type": "customer"}
    return {}


def _currency_for_new(store, account_id: str | None) -> str:
    """A new deal or contract is in its account's currency; a new account in the company's."""
    account = store.get("accounts", account_id) if account_id else None
    return money.currency_of(account)


class RecordDialog(QDialog):
    """A form for one record of ``table``; new when ``row_id`` is None."""

    saved = Signal(str)  # id of the record created or updated

    def __init__(
        self,
        parent: QWidget | None,
        context: OpContext,
        table: str,
        row_id: str | None = None,
        defaults: dict[str, Any] | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.table = table
        self.entity = E.entity(table)
        self.row_id = row_id
        self.saving = False
        store = context.store
        self.original: dict[str, Any] = store.require(table, row_id) if row_id else {}
        start = dict(self.original) if row_id else {**default_values(table), **(defaults or {})}
        if row_id and defaults:
            start.update(defaults)
        if not row_id and self.entity.has_field("currency") and not start.get("currency"):
            start["currency"] = _currency_for_new(store, start.get("account_id"))

        self.access = access_of(store)  # what the CRM lets the rep edit (desktop/crm_fields.py)
        self.field_states: dict[str, str] = {}
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}
        self.setObjectName("RecordDialog")
        self.setStyleSheet(
            f'*[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 4px; }}'
            f" QLabel#FieldError {{ color: {ERROR_COLOR}; }}"
            f" QLabel#FormProblem {{ color: {ERROR_COLOR}; font-weight: 600; }}"
        )
        if row_id:
            title = self.original.get(self.entity.title_field) or entity_word(table)
            self.setWindowTitle(words.edit_title(table))
            heading_text = words.edit_heading(table, title)
        else:
            self.setWindowTitle(words.new_title(table))
            heading_text = words.new_title(table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        heading = QLabel(heading_text, self)
        heading.setObjectName("SectionTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.problem = QLabel(self)
        self.problem.setObjectName("FormProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        short = [f for f in self.entity.fields if f.kind != E.LONG_TEXT]
        long = [f for f in self.entity.fields if f.kind == E.LONG_TEXT]
        two_columns = len(self.entity.fields) > _TWO_COLUMNS_FROM
        if two_columns:
            split = (len(short) + 1) // 2
            for part in (short[:split], short[split:]):
                form = self._new_form()
                for field in part:
                    self._add_field(form, field)
                columns.addLayout(form, 1)
            body_layout.addLayout(columns)
            form = self._new_form()
            for field in long:
                self._add_field(form, field)
            body_layout.addLayout(form)
        else:
            form = self._new_form()
            for field in self.entity.fields:  # spec order: the body follows the title
                self._add_field(form, field)
            body_layout.addLayout(form)
        body_layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self._body = body
        layout.addWidget(scroll, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(translate("record_dialog", "Save (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)

        self._load_ref_choices(start.get("account_id"))
        self._link_money_to_currency()
        for name, editor in self.editors.items():
            editor.set_value(start.get(name))
        self.initial = {name: editor.value() for name, editor in self.editors.items()}
        account_editor = self.editors.get("account_id")
        if isinstance(account_editor, AccountEditor):
            account_editor.widget.editingFinished.connect(
                lambda: self._load_ref_choices(account_editor.value())
            )
        self.resize(780 if two_columns else 520, min(780, body.sizeHint().height() + 150))
        first = self.editors.get(self.entity.title_field) or next(iter(self.editors.values()))
        first.focus_widget().setFocus()

    # -- building ------------------------------------------------------------------------------

    def _new_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        return form

    def _add_field(self, form: QFormLayout, field: E.Field) -> None:
        cell = QWidget(self)
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        editor = make_editor(field, cell, store=self.context.store, row_id=self.row_id)
        cell_layout.addWidget(editor.widget)
        state = mark_field(self.access, self.table, field.name, editor.widget, cell_layout)
        self.field_states[field.name] = state
        error = QLabel(cell)
        error.setObjectName("FieldError")
        error.setWordWrap(True)
        error.hide()
        cell_layout.addWidget(error)
        label = field_label(field) + (" *" if field.required else "")
        form.addRow(label, cell)
        label_widget = form.labelForField(cell)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(editor.focus_widget())
            label_widget.setContentsMargins(0, 4, 0, 0)
        self.editors[field.name] = editor
        self.error_labels[field.name] = error
        self._rows[field.name] = cell

    def _link_money_to_currency(self) -> None:
        """Amounts are read and shown in the currency the form names, as it changes."""
        currency = self.editors.get("currency")
        if not isinstance(currency, CurrencyEditor):
            return
        amounts = [e for e in self.editors.values() if isinstance(e, MoneyEditor)]

        def chosen() -> str:
            return currency.value() or money.default_currency()

        for editor in amounts:
            editor.set_currency_source(chosen)
        currency.widget.currentIndexChanged.connect(lambda _i: [e.refresh() for e in amounts])

    def _load_ref_choices(self, account_id: str | None) -> None:
        store = self.context.store
        contacts = store.contacts_of(account_id) if account_id else []
        opportunities = store.opportunities_of(account_id) if account_id else []
        for name, editor in self.editors.items():
            if not isinstance(editor, RefComboEditor):
                continue
            ref = self.entity.field(name).ref
            if ref == "contacts":
                choices = [
                    (c["id"], c["name"] + (f" — {c['title']}" if c.get("title") else ""))
                    for c in contacts
                    if c["id"] != self.row_id
                ]
            elif ref == "opportunities":
                choices = [(o["id"], o["name"]) for o in opportunities]
            else:
                choices = []
            editor.set_choices(choices)

    # -- values and errors ---------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the rep entered, field by field, as the store's validation takes it."""
        return {name: editor.value() for name, editor in self.editors.items()}

    def changed_values(self) -> dict[str, Any]:
        """For an edit, only what the rep changed (so derived values such as probability follow)."""
        current = {k: v for k, v in self.values().items() if self.field_states.get(k) != READ_ONLY}
        if not self.row_id:
            return {k: v for k, v in current.items() if v not in (None, "")}
        return {k: v for k, v in current.items() if v != self.initial.get(k)}

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` ('' when none)."""
        label = self.error_labels[name]
        return label.text() if not label.isHidden() else ""

    def clear_errors(self) -> None:
        for name in self.editors:
            self._mark(name, None)
        self.problem.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each message under its field and highlight it; focus the first one."""
        self.clear_errors()
        unplaced = []
        first: str | None = None
        for name in self.editors:  # form order, so focus goes to the topmost problem
            if name in errors:
                self._mark(name, errors[name])
                first = first or name
        for name, message in errors.items():
            if name not in self.editors:
                unplaced.append(f"{name}: {message}")
        summary = self.tr("Please correct the %n highlighted field(s).", "", len(errors))
        if unplaced:
            summary += " " + "; ".join(unplaced)
        self.problem.setText(summary)
        self.problem.show()
        self._grow_to_fit()
        if first:
            self.editors[first].focus_widget().setFocus()

    def _grow_to_fit(self) -> None:
        """Make room for the messages, so the rep sees every one without scrolling."""
        screen = self.screen().availableGeometry().height() if self.screen() else 900
        wanted = min(int(screen * 0.9), self._body.sizeHint().height() + 170)
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _mark(self, name: str, message: str | None) -> None:
        label = self.error_labels[name]
        editor = self.editors[name]
        widget = editor.focus_widget()
        if message:
            field = self.entity.field(name)
            text = message if message.endswith(".") else field_message(field, message)
            label.setText(text)
            label.show()
        else:
            label.clear()
            label.hide()
        widget.setProperty("invalid", bool(message))
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        """Check what can be checked here, then create or update through the writer thread."""
        if self.saving:
            return
        local = {name: msg for name, editor in self.editors.items() if (msg := editor.check())}
        if local:
            self.show_errors(local)
            return
        values = self.changed_values()
        if self.row_id and not values:
            self.accept()
            return
        self.saving = True
        self.save_button.setEnabled(False)
        table, row_id = self.table, self.row_id
        base = {k: self.original.get(k) for k in values} if row_id else {}

        def work(store) -> str:
            if row_id:
                store.update(table, row_id, values)
                return row_id
            return store.create(table, values)

        def done(saved_id: str) -> None:
            self.saving = False
            self.save_button.setEnabled(True)
            if row_id:
                remember_edit(table, row_id, base, self.context)
            self.row_id = self.row_id or saved_id
            self.saved.emit(saved_id)
            self.accept()

        StoreOp(self, work, self.context).success(done).failure(
            self._save_failed
        ).run_in_background()

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        else:
            self.clear_errors()
            self.problem.setText(user_message(exc))
            self.problem.show()


def edit_record(
    parent: QWidget | None,
    context: OpContext,
    table: str,
    row_id: str | None = None,
    defaults: dict[str, Any] | None = None,
) -> RecordDialog:
    """Open the form for a new (``row_id`` None) or existing record; returns the open dialog."""
    dialog = RecordDialog(parent, context, table, row_id, defaults)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# -- delete ----------------------------------------------------------------------------------


def delete_message(context: OpContext, table: str, row_id: str) -> str:
    """ "Delete Acme Corp? Its 5 contacts, 12 notes and 2 opportunities are deleted too." """
    store = context.store
    record = store.require(table, row_id)
    spec = E.entity(table)
    title = record.get(spec.title_field) or entity_word(table)
    question = words.delete_question(table, title)
    counts = store.dependents(table, row_id)
    parts = [words.count(t, counts[t]) for t in E.TABLES if counts.get(t)]
    if not parts:
        return question
    listed = (
        parts[0]
        if len(parts) == 1
        else translate("record_dialog", "{} and {}").format(", ".join(parts[:-1]), parts[-1])
    )
    if sum(counts.values()) == 1:
        return question + " " + translate("record_dialog", "Its {} is deleted too.").format(listed)
    return question + " " + translate("record_dialog", "Its {} are deleted too.").format(listed)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; tests replace this function instead of clicking a message box."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    delete = box.addButton(
        translate("record_dialog", "Delete"), QMessageBox.ButtonRole.DestructiveRole
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is delete


def confirm_delete(parent: QWidget | None, context: OpContext, table: str, row_id: str) -> None:
    """Ask, naming what goes with the record, then delete it (and its children) through StoreOp.

    Edit > Undo (Ctrl+Z) brings it back with everything that went with it."""
    try:
        text = delete_message(context, table, row_id)
    except LookupError:
        return  # already gone (deleted elsewhere or by a sync): nothing to ask
    title = words.delete_title(table)
    if not ask(parent, title, text):
        return
    StoreOp(
        parent, lambda store: delete_undoable(store, table, row_id), context, busy_cursor=True
    ).success(context.undo.push).run_in_background()


__all__ = [
    "RecordDialog",
    "can_undo",
    "confirm_delete",
    "delete_message",
    "edit_record",
    "forget_edits",
    "remember_edit",
    "undo_last_edit",
    "undo_text",
]
