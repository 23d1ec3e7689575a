"""One editor per field kind, so every form (record dialog, quick capture) edits values the same way.

An editor shows a stored value (``set_value``) and gives back what the rep typed (``value``) in a
form the store's validation understands. Editors never drop what was typed: a date typed as
"31/02" comes back as that text, and validation answers with a message next to the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    QTimeZone,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop import entities as E
from desktop.queries import AccountFilter

from .chips import stage_label
from .i18n import translate

_SPECIAL_LABELS = {
    "follow_up": "Follow-up",
    "cross_sell": "Cross-sell",
    "new_business": "New business",
    "best_case": "Best case",
}


def choice_label(field_name: str, value: str | None) -> str:
    """How an allowed value reads in a form: ``economic_buyer`` -> "Economic buyer"."""
    if not value:
        return ""
    if field_name == "stage":
        return stage_label(value)
    text = _SPECIAL_LABELS.get(value, value.replace("_", " ").capitalize())
    return QCoreApplication.translate("choices", text)


def field_label(field: E.Field) -> str:
    return QCoreApplication.translate("entities", field.label)


class FieldEditor:
    """What the record dialog needs of an editor: a widget, a value in and out, a local check."""

    widget: QWidget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def check(self) -> str | None:
        """A message when what was typed cannot even be sent to the store (e.g. unknown account)."""
        return None

    def focus_widget(self) -> QWidget:
        return self.widget


class TextEditor(FieldEditor):
    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QLineEdit(parent)
        if field.kind == E.EMAIL:
            self.widget.setPlaceholderText(translate("form_fields", "name@example.com"))
        elif field.kind == E.URL:
            self.widget.setPlaceholderText(translate("form_fields", "https://…"))

    def value(self) -> Any:
        return self.widget.text()

    def set_value(self, value: Any) -> None:
        self.widget.setText("" if value is None else str(value))


class NumberEditor(TextEditor):
    """Whole numbers typed as text, so "abc" is answered by validation instead of being refused."""

    def __init__(self, field: E.Field, parent: QWidget | None = None):
        super().__init__(field, parent)
        if field.min_value is not None and field.max_value is not None:
            self.widget.setPlaceholderText(f"{field.min_value} – {field.max_value}")
        self.widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class LongTextEditor(FieldEditor):
    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QPlainTextEdit(parent)
        self.widget.setTabChangesFocus(True)
        self.widget.setMinimumHeight(90)

    def value(self) -> Any:
        return self.widget.toPlainText()

    def set_value(self, value: Any) -> None:
        self.widget.setPlainText("" if value is None else str(value))


class EnumEditor(FieldEditor):
    """A combobox of readable labels; an optional field starts with a blank choice."""

    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QComboBox(parent)
        if not field.required:
            self.widget.addItem(translate("form_fields", "—"), None)
        for choice in field.choices:
            self.widget.addItem(choice_label(field.name, choice), choice)

    def value(self) -> Any:
        return self.widget.currentData()

    def set_value(self, value: Any) -> None:
        index = self.widget.findData(value)
        self.widget.setCurrentIndex(max(index, 0))


class BoolEditor(FieldEditor):
    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QCheckBox(parent)

    def value(self) -> Any:
        return 1 if self.widget.isChecked() else 0

    def set_value(self, value: Any) -> None:
        self.widget.setChecked(bool(value))


def parse_typed_date(text: str) -> str | None:
    """``text`` as an ISO date when it reads as one (ISO, or "5 Mar 2027"); None otherwise."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    for fmt in ("d MMM yyyy", "d MMMM yyyy", "d.M.yyyy"):
        day = QDate.fromString(text, fmt)
        if day.isValid():
            return day.toString("yyyy-MM-dd")
    return None


class DateField(QWidget):
    """A date typed as text or picked from a calendar; it may be left empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(translate("form_fields", "yyyy-mm-dd"))
        self.line.setClearButtonEnabled(True)
        self.button = QToolButton(self)
        self.button.setText(translate("form_fields", "Pick…"))
        self.button.setToolTip(translate("form_fields", "Pick a date from a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(False)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(lambda day: (self._pick(day), menu.close()))
        self.calendar.activated.connect(lambda day: (self._pick(day), menu.close()))
        self.button.setMenu(menu)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def _sync_calendar(self) -> None:
        iso = parse_typed_date(self.line.text())
        day = QDate.fromString(iso, "yyyy-MM-dd") if iso else QDate.currentDate()
        self.calendar.setSelectedDate(day)

    def _pick(self, day: QDate) -> None:
        self.line.setText(day.toString("yyyy-MM-dd"))


class DateEditor(FieldEditor):
    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = DateField(parent)

    def value(self) -> Any:
        text = self.widget.line.text().strip()
        if not text:
            return None
        # Unreadable text is passed on as typed: validation says what is wrong with it.
        return parse_typed_date(text) or text

    def set_value(self, value: Any) -> None:
        self.widget.line.setText("" if not value else str(value)[:10])

    def focus_widget(self) -> QWidget:
        return self.widget.line


def local_from_utc_iso(iso: str | None) -> QDateTime:
    """A stored UTC instant as local time for editing (now when empty)."""
    if not iso:
        return QDateTime.currentDateTime()
    moment = dt.datetime.fromisoformat(iso)
    utc = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
        QTimeZone.utc(),
    )
    return utc.toLocalTime()


def format_moment(iso: str | None) -> str:
    """A stored UTC instant as the rep reads it: local time, "1 Feb 2026, 10:00" (a text that
    is not such an instant is shown as it is)."""
    try:
        when = local_from_utc_iso(iso)
    except ValueError:
        return str(iso or "")
    return QLocale().toString(when, translate("dates", "d MMM yyyy, HH:mm"))


def utc_iso_from_local(moment: QDateTime) -> str:
    return moment.toUTC().toString("yyyy-MM-ddTHH:mm:ss")


class DateTimeEditor(FieldEditor):
    """Local date and time for the rep; stored as UTC."""

    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QDateTimeEdit(parent)
        self.widget.setCalendarPopup(True)
        self.widget.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.widget.setDateTime(QDateTime.currentDateTime())

    def value(self) -> Any:
        return utc_iso_from_local(self.widget.dateTime())

    def set_value(self, value: Any) -> None:
        self.widget.setDateTime(local_from_utc_iso(value))


class RefComboEditor(FieldEditor):
    """A combobox of records (a contact, an opportunity) of the same account."""

    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QComboBox(parent)
        self._required = field.required
        self.set_choices([])

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Replace the list with ``(id, label)`` pairs, keeping the current choice if present."""
        current = self.widget.currentData()
        self.widget.clear()
        if not self._required:
            self.widget.addItem(translate("form_fields", "—"), None)
        for row_id, label in choices:
            self.widget.addItem(label, row_id)
        if current is not None:
            self.set_value(current)

    def value(self) -> Any:
        return self.widget.currentData()

    def set_value(self, value: Any) -> None:
        index = self.widget.findData(value)
        if index < 0 and value:
            # Keep a reference that is not in the list (e.g. another account's contact) visible.
            self.widget.addItem(translate("form_fields", "(other record)"), value)
            index = self.widget.count() - 1
        self.widget.setCurrentIndex(max(index, 0))


class AccountEditor(FieldEditor):
    """An account chosen by typing its name, with completion on any part of the name.

    Suggestions come from the store as the rep types (a short, bounded query), so a book of
    50,000 accounts costs nothing when the form opens.
    """

    SUGGESTIONS = 30

    def __init__(
        self, field: E.Field, store: Any, parent: QWidget | None = None, exclude: str | None = None
    ):
        self.widget = QLineEdit(parent)
        self.widget.setPlaceholderText(translate("form_fields", "Type part of an account name"))
        self._store = store
        self._exclude = exclude  # an account cannot be its own parent
        self._names: dict[str, str] = {}  # id -> name, for what was shown or suggested
        self._id: str | None = None
        self._model = QStringListModel(self.widget)
        completer = QCompleter(self._model, self.widget)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.widget.setCompleter(completer)
        self._timer = QTimer(self.widget, singleShot=True, interval=120)
        self._timer.timeout.connect(self.suggest)
        self.widget.textEdited.connect(lambda _text: self._timer.start())

    def _matches(self, text: str, limit: int) -> dict[str, str]:
        ids = self._store.account_ids(AccountFilter(text=text))[: limit + 1]
        names = self._store.account_names([i for i in ids if i != self._exclude][:limit])
        self._names.update(names)
        return names

    def suggest(self) -> None:
        """Offer the accounts whose name, city or industry contains what was typed."""
        text = self.widget.text().strip()
        if len(text) < 2:
            return
        names = self._matches(text, self.SUGGESTIONS)
        self._model.setStringList(sorted(set(names.values()), key=str.casefold))
        completer = self.widget.completer()
        if self.widget.hasFocus() and names:
            completer.setCompletionPrefix(text)
            completer.complete()

    def value(self) -> Any:
        text = self.widget.text().strip()
        if not text:
            return None
        if self._id and self._names.get(self._id, "").casefold() == text.casefold():
            return self._id
        exact = [i for i, n in self._names.items() if n.casefold() == text.casefold()]
        if not exact:
            exact = [
                i for i, n in self._matches(text, 200).items() if n.casefold() == text.casefold()
            ]
        return exact[0] if exact else None

    def set_value(self, value: Any) -> None:
        self._id = value or None
        if value and value not in self._names:
            self._names.update(self._store.account_names([value]))
        self.widget.setText(self._names.get(value, "") if value else "")

    def check(self) -> str | None:
        text = self.widget.text().strip()
        if text and self.value() is None:
            return translate(
                "form_fields", "There is no account named “{}”. Pick one from the list."
            ).format(text)
        return None


def make_editor(
    field: E.Field, parent: QWidget | None = None, store: Any = None, row_id: str | None = None
) -> FieldEditor:
    """The editor for ``field``'s kind."""
    kind = field.kind
    if kind in (E.TEXT, E.EMAIL, E.URL):
        return TextEditor(field, parent)
    if kind in (E.INTEGER, E.PERCENT):
        return NumberEditor(field, parent)
    if kind in (E.CENTS, E.CURRENCY):
        from .money_editor import CurrencyEditor, MoneyEditor  # they build on FieldEditor

        return MoneyEditor(field, parent) if kind == E.CENTS else CurrencyEditor(field, parent)
    if kind == E.LONG_TEXT:
        return LongTextEditor(field, parent)
    if kind == E.ENUM:
        return EnumEditor(field, parent)
    if kind == E.BOOL:
        return BoolEditor(field, parent)
    if kind == E.DATE:
        return DateEditor(field, parent)
    if kind == E.DATETIME:
        return DateTimeEditor(field, parent)
    if kind == E.REF:
        if field.ref == "accounts":
            exclude = row_id if field.name == "parent_id" else None
            return AccountEditor(field, store, parent, exclude=exclude)
        return RefComboEditor(field, parent)
    raise ValueError(f"no editor for field kind {kind!r}")


__all__ = [
    "AccountEditor",
    "DateEditor",
    "DateTimeEditor",
    "FieldEditor",
    "choice_label",
    "field_label",
    "local_from_utc_iso",
    "make_editor",
    "parse_typed_date",
    "utc_iso_from_local",
]
