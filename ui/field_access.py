"""What the CRM lets the rep edit, on screen: the quiet hint under a field the CRM lacks, a
read-only field with the reason as its tooltip, and the statements that select the rep's records
(Preferences). The rule is ``desktop/crm_fields.py``; this module only words and shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import crm_fields
from desktop import entities as E
from desktop.crm_fields import MISSING, READ_ONLY, FieldAccess

from .crm_kinds import display_name
from .i18n import translate


def crm_name(access: FieldAccess) -> str:
    """The CRM's name as the rep knows it ("Salesforce"), or "CRM" when none said."""
    return display_name(access.crm) or translate("field_access", "CRM")


def missing_hint(access: FieldAccess) -> str:
    return translate("field_access", "Not in your {crm} — kept in Fieldbook only").format(
        crm=crm_name(access)
    )


def read_only_hint(access: FieldAccess) -> str:
    return translate("field_access", "Your {crm} admin does not let you change this field").format(
        crm=crm_name(access)
    )


def access_of(store) -> FieldAccess:
    """What the store keeps; never an exception (a form opens whatever the store says)."""
    try:
        return store.field_access() if store is not None else crm_fields.EVERYTHING_EDITABLE
    except Exception:  # noqa: BLE001 - a hint must never keep a form from opening
        return crm_fields.EVERYTHING_EDITABLE


def lock(widget: QWidget, reason: str) -> None:
    """Show ``widget`` (and what it holds) read-only: text stays selectable, pickers are off."""
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, (QLineEdit, QPlainTextEdit)):
            child.setReadOnly(True)
        elif isinstance(child, (QComboBox, QAbstractButton)):
            child.setEnabled(False)
        child.setToolTip(reason)
        child.setProperty("crmReadOnly", True)  # drawn quieter (resources/style/fieldbook.qss)


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("CrmFieldHint")
    label.setWordWrap(True)
    return label


def mark_field(access: FieldAccess, table: str, name: str, widget: QWidget, layout=None) -> str:
    """Apply the field's state to its editor ``widget``: read-only with the reason, or (for a
    field the CRM lacks) the hint under it in ``layout`` (a tooltip when there is no room).
    Returns the state."""
    state = access.state(table, name)
    if state == READ_ONLY:
        lock(widget, read_only_hint(access))
    elif state == MISSING:
        text = missing_hint(access)
        widget.setToolTip(text)
        if layout is not None:
            layout.addWidget(hint_label(text, widget.parentWidget()))
    return state


def follow(widget: QWidget, access: FieldAccess, table: str, name: str, usual_tip: str = "") -> str:
    """An inline editor (a button, a picker, a line) that stays on screen as the CRM's answer
    changes: off with the reason when the field is read-only, the hint as its tooltip when the
    CRM lacks it, as usual otherwise. Returns the state."""
    state = access.state(table, name)
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.setReadOnly(state == READ_ONLY)
    else:
        widget.setEnabled(state != READ_ONLY)
    tips = {READ_ONLY: read_only_hint(access), MISSING: missing_hint(access)}
    widget.setToolTip(tips.get(state, usual_tip))
    return state


def scope_box(access: FieldAccess, parent: QWidget | None = None) -> QGroupBox | None:
    """Which records of each kind the CRM shares with the rep, as the statements it runs
    (read-only, copyable); None when the CRM said none (Tryton, the demo, not connected)."""
    if not access.scope:
        return None
    box = QGroupBox(
        translate("field_access", "What your {crm} shares with you").format(crm=crm_name(access)),
        parent,
    )
    note = QLabel(
        translate(
            "field_access",
            "Fieldbook syncs the records these queries select. Your IT team can change them.",
        ),
        box,
    )
    note.setObjectName("Muted")
    note.setWordWrap(True)
    lines = []
    for table in E.TABLES:
        statement = access.scope.get(table)
        if statement:
            kind = translate("entities", E.entity(table).plural).capitalize()
            lines.append(f"-- {kind}\n{statement}")
    text = QPlainTextEdit("\n\n".join(lines), box)
    text.setObjectName("ScopeStatements")
    text.setReadOnly(True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    text.setMinimumHeight(text.fontMetrics().lineSpacing() * 5)
    copy = QPushButton(translate("field_access", "Copy"), box)
    copy.setToolTip(translate("field_access", "Copy the queries, for example to send to IT"))
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text.toPlainText()))
    layout = QVBoxLayout(box)
    row = QHBoxLayout()
    row.addWidget(note, 1)
    row.addWidget(copy, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(row)
    layout.addWidget(text)
    box.statements = text  # type: ignore[attr-defined]
    box.copy_button = copy  # type: ignore[attr-defined]
    return box


__all__ = [
    "access_of",
    "crm_name",
    "follow",
    "hint_label",
    "lock",
    "mark_field",
    "missing_hint",
    "read_only_hint",
    "scope_box",
]
