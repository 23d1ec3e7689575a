"""Editors for amounts and their currency: typed the rep's way, shown back before saving."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop import entities as E
from desktop import money

from .form_fields import FieldEditor


class MoneyEditor(FieldEditor):
    """Money typed as the rep writes it (``12.500,50`` in Germany, ``1'234.56`` in Zürich).

    Read by ``desktop.money`` in the rep's locale and the record's currency; below the field, a
    line says what will be stored (``Stored as 12.500,50 €``), and leaving the field writes the
    amount back the locale's way, so an ambiguous ``1.234`` is seen before it is saved.
    """

    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QWidget(parent)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.line = QLineEdit(self.widget)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.preview = QLabel(self.widget)
        self.preview.setObjectName("FieldHint")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.preview.hide()
        layout.addWidget(self.line)
        layout.addWidget(self.preview)
        self.currency: Callable[[], str] = money.default_currency
        self.line.textChanged.connect(self._show_preview)
        self.line.editingFinished.connect(self._write_back)
        self.refresh()

    def set_currency_source(self, source: Callable[[], str]) -> None:
        """Where this amount's currency comes from (the record's currency field)."""
        self.currency = source
        self.refresh()

    def refresh(self) -> None:
        """Follow a change of currency: the example and the preview."""
        example = money.amount_example(self.currency())
        self.line.setPlaceholderText(
            QCoreApplication.translate("form_fields", "e.g. {}").format(example)
        )
        self._show_preview()

    def _parsed(self) -> int | None:
        text = self.line.text().strip()
        if not text:
            return None
        return money.parse_amount(text, self.currency())

    def _show_preview(self) -> None:
        try:
            minor = self._parsed()
        except money.MoneyError:
            minor = None
        if minor is None:
            self.preview.hide()
            return
        stored = money.format_amount(minor, self.currency())
        self.preview.setText(
            QCoreApplication.translate("form_fields", "Stored as {}").format(stored)
        )
        self.preview.show()

    def _write_back(self) -> None:
        try:
            minor = self._parsed()
        except money.MoneyError:
            return
        if minor is not None:
            self.line.setText(money.format_plain(minor, self.currency()))

    def value(self) -> Any:
        try:
            return self._parsed()
        except money.MoneyError:
            return self.line.text()

    def check(self) -> str | None:
        try:
            self._parsed()
        except money.MoneyError as exc:
            return money_message(exc, self.currency())
        return None

    def set_value(self, value: Any) -> None:
        if value is None or value == "":
            self.line.setText("")
            return
        self.line.setText(money.format_plain(int(value), self.currency()))

    def focus_widget(self) -> QWidget:
        return self.line


def money_message(exc: money.MoneyError, currency: str) -> str:
    """What is wrong with a typed amount, as a sentence in the rep's language."""
    if exc.kind == "too_precise":
        digits = int(str(exc.params.get("digits", 2)))
        if digits == 0:
            return QCoreApplication.translate(
                "form_fields", "{} amounts have no decimals: type a whole number."
            ).format(currency)
        return QCoreApplication.translate(
            "form_fields", "{currency} amounts have at most {digits} decimals."
        ).format(currency=currency, digits=digits)
    return QCoreApplication.translate("form_fields", "Expected an amount such as {}.").format(
        money.amount_example(currency)
    )


class CurrencyEditor(FieldEditor):
    """The record's currency: the supported ones by name, in the rep's language."""

    def __init__(self, field: E.Field, parent: QWidget | None = None):
        self.widget = QComboBox(parent)
        self.widget.addItem(
            QCoreApplication.translate("form_fields", "Company currency ({})").format(
                money.default_currency()
            ),
            None,
        )
        for code in money.SUPPORTED_CURRENCIES:
            self._add(code)

    def _add(self, code: str) -> None:
        self.widget.addItem(f"{code} — {money.currency_name(code)}", code)

    def value(self) -> Any:
        return self.widget.currentData()

    def set_value(self, value: Any) -> None:
        if value and self.widget.findData(value) < 0:
            self._add(str(value))
        self.widget.setCurrentIndex(max(self.widget.findData(value), 0))


__all__ = ["CurrencyEditor", "MoneyEditor", "money_message"]
