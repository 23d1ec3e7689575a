"""Amounts typed the way reps in Frankfurt, Paris, Zürich and Tokyo write them, through the
record dialog: the form shows what will be stored, and the store gets the right minor units."""

from __future__ import annotations

import pytest
import shiboken6
from test_record_dialog import save_and_wait

from desktop import money
from ui.record_dialog import edit_record


@pytest.fixture
def rep_locale():
    """Set the rep's locale for one test, and put the environment's back after it."""
    yield money.set_locale
    money.set_locale(None)


@pytest.mark.parametrize(
    ("locale", "currency", "typed", "preview", "minor"),
    [
        ("de_DE", "EUR", "12.500,50", "12.500,50\u00a0€", 1_250_050),
        ("fr_FR", "EUR", "1 234,56", "1\u202f234,56\u00a0€", 123_456),
        ("de_CH", "CHF", "1'234.56", "CHF\u00a01'234.56", 123_456),
        ("ja_JP", "JPY", "¥1,234", "\uffe51,234", 1_234),
        ("de_DE", "EUR", "1.234", "1.234,00\u00a0€", 123_400),  # ambiguous: shown, then saved
    ],
)
def test_typed_amounts_are_stored_as_the_right_minor_units(
    qtbot, store, context, rep_locale, locale, currency, typed, preview, minor
):
    rep_locale(locale)
    dialog = edit_record(None, context, "accounts")
    try:
        qtbot.keyClicks(dialog.editors["name"].focus_widget(), "Kunde")
        combo = dialog.editors["currency"].widget
        combo.setCurrentIndex(combo.findData(currency))
        editor = dialog.editors["mrr_cents"]
        qtbot.keyClicks(editor.focus_widget(), typed)
        assert editor.preview.isVisible()
        assert editor.preview.text().endswith(preview)  # what will be stored, before saving
        editor.focus_widget().editingFinished.emit()
        assert money.parse_amount(editor.focus_widget().text(), currency) == minor
        row_id = save_and_wait(qtbot, dialog)
    finally:
        if shiboken6.isValid(dialog):
            dialog.close()
    row = store.get("accounts", row_id)
    assert (row["mrr_cents"], row["currency"]) == (minor, currency)


def test_a_new_deal_is_in_its_accounts_currency_and_too_many_decimals_are_refused(
    qtbot, store, context, rep_locale
):
    rep_locale("ja_JP")
    account = store.create("accounts", {"name": "Kaito", "currency": "JPY"})
    dialog = edit_record(None, context, "opportunities", defaults={"account_id": account})
    try:
        assert dialog.editors["currency"].value() == "JPY"
        qtbot.keyClicks(dialog.editors["name"].focus_widget(), "Tokyo 2")
        qtbot.keyClicks(dialog.editors["amount_cents"].focus_widget(), "12.5")
        dialog.save()
        assert "JPY" in dialog.error_text("amount_cents")
        assert store.opportunities_of(account) == []
    finally:
        dialog.close()


def test_the_crm_company_currency_is_the_default_of_a_profile(tmp_path):
    from desktop import paths
    from desktop.store import Store
    from ui.app import COMPANY_CURRENCY, open_profile

    store = Store.open(paths.store_path(tmp_path, "rep@crm"))
    store.set_preference(COMPANY_CURRENCY, "CHF")
    store.close()
    context = open_profile(str(tmp_path), "rep@crm", demo=False)
    try:
        assert money.default_currency() == "CHF"
        assert money.currency_of({"currency": None}) == "CHF"
    finally:
        context.close()
        money.set_default_currency(None)
