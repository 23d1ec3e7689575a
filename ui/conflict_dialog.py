"""Settle the conflicts of one record: each field side by side, before / yours / theirs.

Per field the rep keeps their change, takes the CRM's, or edits a value (prefilled with what they
typed); long text (a note's body) can keep both. A record
deleted in the CRM while the rep changed it can be restored or let go. Nothing is applied until
Apply, and Apply runs on the writer thread through the controller, then a sync sends the outcome.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import entities as E

from .errors import show_error
from .form_fields import choice_label, field_label, format_moment, make_editor
from .i18n import translate
from .outbox_dialog import entity_name
from .style import format_date, format_money, tone_colors


def display_value(store, field: E.Field, value: Any) -> str:
    """A stored value as the rep reads it."""
    if value is None or value == "":
        return translate("conflict_dialog", "(empty)")
    kind = field.kind
    if kind == E.CENTS:
        return format_money(value, with_cents=True)
    if kind == E.ENUM:
        return choice_label(field.name, value)
    if kind == E.BOOL:
        return translate("conflict_dialog", "Yes") if value else translate("conflict_dialog", "No")
    if kind == E.DATE:
        return format_date(value)
    if kind == E.DATETIME:
        return format_moment(str(value))
    if kind == E.PERCENT:
        return f"{value} %"
    if kind == E.REF and store is not None:
        row = store.get(field.ref, value)
        if row:
            return str(row.get(E.entity(field.ref).title_field) or value)
        return translate("conflict_dialog", "{} (deleted here)").format(
            store.last_known_title(field.ref, value)
        )
    return str(value)


class _Section(QFrame):
    """One conflict: the values side by side and the rep's choice."""

    def __init__(self, conflict, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.conflict = conflict
        self.setObjectName("conflictSection")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entity = E.entity(conflict.table)
        self.field = self.entity.field(conflict.field) if conflict.field else None
        self.editor = None
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        if conflict.kind == "field":
            self._build_field(layout, store)
        else:
            self._build_deleted(layout, store)
        self.group.buttonToggled.connect(lambda *_: self._toggled())

    def _add_choice(self, row: QHBoxLayout, choice: str, text: str) -> None:
        button = QRadioButton(text, self)
        self.buttons[choice] = button
        self.group.addButton(button)
        row.addWidget(button)

    def _value_widget(self, text: str, long: bool) -> QWidget:
        if long:
            box = QPlainTextEdit(self)
            box.setPlainText(text)
            box.setReadOnly(True)
            box.setMinimumHeight(70)
            box.setMaximumHeight(120)
            return box
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_field(self, layout: QVBoxLayout, store) -> None:
        c, f = self.conflict, self.field
        title = QLabel("<b>" + field_label(f) + "</b> — " + self.tr("changed here and in the CRM"))
        layout.addWidget(title)
        long = f.kind == E.LONG_TEXT
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, (heading, value, tone) in enumerate(
            (
                (self.tr("Before"), c.base, "grey"),
                (self.tr("Your change"), c.mine, "blue"),
                (self.tr("Their change"), c.theirs, "violet"),
            )
        ):
            head = QLabel(heading, self)
            _bg, fg = tone_colors(tone)
            head.setStyleSheet(f"color: {fg.name()}; font-weight: 600;")
            grid.addWidget(head, 0, column)
            grid.addWidget(self._value_widget(display_value(store, f, value), long), 1, column)
            grid.setColumnStretch(column, 1)
        self.before_text, self.mine_text, self.theirs_text = (
            display_value(store, f, v) for v in (c.base, c.mine, c.theirs)
        )
        layout.addLayout(grid)
        row = QHBoxLayout()
        self._add_choice(row, "mine", self.tr("Keep mine"))
        self._add_choice(row, "theirs", self.tr("Take theirs"))
        if long:
            self._add_choice(row, "both", self.tr("Keep both"))
        if f.kind != E.REF:
            self._add_choice(row, "edit", self.tr("Edit…"))
        row.addStretch(1)
        layout.addLayout(row)
        if f.kind != E.REF:
            self.editor = make_editor(f, self)
            self.editor.set_value(c.mine)  # start from what the rep typed
            if long:
                self.editor.widget.setMaximumHeight(140)
            self.editor.widget.hide()
            layout.addWidget(self.editor.widget)

    def _build_deleted(self, layout: QVBoxLayout, store) -> None:
        c = self.conflict
        name = entity_name(c.table).lower()
        if c.kind == "deleted_remotely":
            text = self.tr(
                "Deleted in the CRM by someone else. You had changed this {} here."
            ).format(name)
            keep, drop = self.tr("Restore it (send my copy to the CRM)"), self.tr("Let it go")
            shown = c.mine
        elif c.base is None:  # new in the CRM, under a record deleted here
            text = self.tr(
                "Someone added this {} in the CRM to a record you deleted here. Deleting that "
                "record in the CRM deletes this too."
            ).format(name)
        else:
            text = self.tr(
                "You deleted this {} here, but someone changed it in the CRM meanwhile."
            ).format(name)
        if c.kind != "deleted_remotely":
            keep, drop = self.tr("Delete it in the CRM too"), self.tr("Keep it (take their copy)")
            shown = c.theirs
        label = QLabel("<b>" + text + "</b>", self)
        label.setWordWrap(True)
        layout.addWidget(label)
        if isinstance(shown, dict):
            summary = [
                f"{field_label(f)}: {display_value(store, f, shown.get(f.name))}"
                for f in self.entity.fields
                if shown.get(f.name) not in (None, "")
            ][:8]
            details = QLabel("\n".join(summary), self)
            details.setWordWrap(True)
            _bg, fg = tone_colors("grey")
            details.setStyleSheet(f"color: {fg.name()};")
            layout.addWidget(details)
        row = QHBoxLayout()
        self._add_choice(row, "mine", keep)
        self._add_choice(row, "theirs", drop)
        row.addStretch(1)
        layout.addLayout(row)

    def _toggled(self) -> None:
        if self.editor is not None:
            editing = self.choice() == "edit"
            self.editor.widget.setVisible(editing)
            if editing:
                self.editor.focus_widget().setFocus()
        dialog = self.window()
        if isinstance(dialog, ConflictDialog):
            dialog.update_apply()

    # -- what the rep chose ---------------------------------------------------------------------

    def choose(self, choice: str) -> None:
        self.buttons[choice].setChecked(True)

    def choice(self) -> str | None:
        for name, button in self.buttons.items():
            if button.isChecked():
                return name
        return None

    def value(self) -> Any:
        return self.editor.value() if self.choice() == "edit" and self.editor else None


class ConflictDialog(QDialog):
    """The conflicts of one record; Apply settles all of them in one background op."""

    def __init__(self, controller, conflicts: list, parent: QWidget | None = None):
        super().__init__(parent)
        if not conflicts:
            raise ValueError("no conflicts to show")
        self.controller = controller
        self.conflicts = list(conflicts)
        first = self.conflicts[0]
        self.setWindowTitle(self.tr("Resolve conflicts — {}").format(first.title))

        heading = QLabel(f"<b>{first.title}</b> ({entity_name(first.table).lower()})", self)
        heading.setStyleSheet("font-size: 15px;")
        intro = QLabel(
            self.tr(
                "This record was changed both on this computer and in the CRM. For each item, choose "
                "what to keep. Until you do, your version stays here and is not sent."
            ),
            self,
        )
        intro.setWordWrap(True)

        store = controller.context.store
        self.sections = [_Section(c, store) for c in self.conflicts]
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        for section in self.sections:
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._applying = False
        self.apply_button.setDefault(True)
        self.update_apply()
        # As tall as the conflicts need, within reason.
        self.resize(760, min(680, body.sizeHint().height() + 190))

    def update_apply(self) -> None:
        ready = all(s.choice() is not None for s in self.sections)
        self.apply_button.setEnabled(ready and not self._applying)
        self.apply_button.setToolTip("" if ready else self.tr("Choose for every item first"))

    def choices(self) -> list[tuple[int, str, Any]]:
        return [(s.conflict.id, s.choice(), s.value()) for s in self.sections]

    def apply(self) -> None:
        """Settle every conflict on the writer thread; close when done, or show why not."""
        if self._applying or any(s.choice() is None for s in self.sections):
            return
        self._applying = True
        self.update_apply()
        self.controller.resolve(self.choices(), on_done=self._done, on_error=self._failed)

    def _done(self, _result) -> None:
        self._applying = False
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._applying = False
        self.update_apply()
        show_error(self, exc)
