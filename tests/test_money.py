"""Money typed and read the way each supported locale writes it, kept as integer minor units."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import money
from desktop.validation import cents_from_text


@settings(max_examples=300, deadline=None)
@given(
    minor=st.integers(min_value=0, max_value=10**13),
    locale=st.sampled_from(money.SUPPORTED_LOCALES),
    currency=st.sampled_from(money.SUPPORTED_CURRENCIES),
    with_cents=st.booleans(),
)
def test_format_then_parse_gives_the_same_minor_units(minor, locale, currency, with_cents):
    if not with_cents and money.minor_digits(currency):
        minor -= minor % 100  # whole units only, as lists show them
    shown = money.format_amount(minor, currency, locale, with_cents=with_cents)
    assert money.parse_amount(shown, currency, locale) == minor, shown
    plain = money.format_plain(minor, currency, locale)
    assert money.parse_amount(plain, currency, locale) == minor, plain


@pytest.mark.parametrize(
    ("text", "locale", "currency", "minor"),
    [
        ("12.500,50", "de_DE", "EUR", 1_250_050),
        ("1 234,56", "fr_FR", "EUR", 123_456),
        ("1\u00a0234,56", "fr_FR", "EUR", 123_456),  # non-breaking space
        ("1\u202f234,56 €", "fr_FR", "EUR", 123_456),  # narrow non-breaking space
        ("1'234.56", "de_CH", "CHF", 123_456),
        ("1\u2019234.56", "de_CH", "CHF", 123_456),  # typographic apostrophe
        ("CHF 1'234.56", "de_CH", "CHF", 123_456),
        ("¥1,234", "ja_JP", "JPY", 1_234),
        ("\uffe51,234", "ja_JP", "JPY", 1_234),  # fullwidth yen sign
        ("\uffe5\uff11\uff12\uff13\uff14", "ja_JP", "JPY", 1_234),  # fullwidth digits too
        ("R$ 1.234,56", "pt_BR", "BRL", 123_456),
        ("$1200", "en_US", "USD", 120_000),
        ("12,500.50", "en_US", "USD", 1_250_050),
        ("12,500.50", "de_DE", "EUR", 1_250_050),  # both marks: the last one is the decimal
        ("1.234", "de_DE", "EUR", 123_400),  # ambiguous: the German way, a thousand
        ("1,234", "en_US", "USD", 123_400),  # ambiguous: the American way
        ("£1,234.5", "en_GB", "GBP", 123_450),
        ("1.234.567", "es_ES", "EUR", 123_456_700),
        ("0,5", "de_DE", "EUR", 50),
        ("-1.234,50", "de_DE", "EUR", -123_450),
    ],
)
def test_typed_amounts_are_read_the_locales_way(text, locale, currency, minor):
    assert money.parse_amount(text, currency, locale) == minor


@pytest.mark.parametrize(
    ("text", "locale", "currency", "kind"),
    [
        ("abc", "en_US", "USD", "not_amount"),
        ("12abc", "en_US", "USD", "not_amount"),
        ("1.23.4", "de_DE", "EUR", "not_amount"),
        ("1,2345.00", "en_US", "USD", "not_amount"),
        ("1.234", "en_US", "USD", "too_precise"),  # one dollar and 23.4 cents: refused, not rounded
        ("12,5", "ja_JP", "JPY", "too_precise"),
        ("", "en_US", "USD", "not_amount"),
    ],
)
def test_what_is_not_an_amount_is_refused_with_a_kind(text, locale, currency, kind):
    with pytest.raises(money.MoneyError) as caught:
        money.parse_amount(text, currency, locale)
    assert caught.value.kind == kind


def test_known_bad_inputs_of_the_old_parser_are_now_right():
    money.set_locale("de_DE")
    try:
        assert cents_from_text("12.500,50") == 1_250_050  # was 1250
    finally:
        money.set_locale(None)
    money.set_locale("fr_FR")
    try:
        assert cents_from_text("1 234,56") == 123_456  # was 12,345,600
    finally:
        money.set_locale(None)


def test_yen_have_no_minor_unit():
    assert money.minor_digits("JPY") == 0
    assert money.minor_digits("EUR") == 2
    assert money.format_amount(1234, "JPY", "ja_JP") == "\uffe51,234"
    assert money.format_amount(1_250_050, "EUR", "de_DE") == "12.500,50\u00a0€"
    assert money.format_amount(1_250_050, "EUR", "de_DE", with_cents=False) == "12.501\u00a0€"


def test_the_locale_follows_the_environment_until_the_ui_sets_it(monkeypatch):
    money.set_locale(None)
    for variable in ("LC_ALL", "LC_MONETARY", "LC_NUMERIC"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "de_CH.UTF-8")
    assert money.rep_locale() == "de_CH"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert money.rep_locale() == "en_US"
    money.set_locale("ja_JP")
    assert money.rep_locale() == "ja_JP"
    money.set_locale(None)


def test_currency_codes_are_checked():
    assert money.normalize_currency(" eur ") == "EUR"
    with pytest.raises(money.MoneyError):
        money.normalize_currency("XYZ")


def test_typed_amounts_reaching_the_store_are_read_in_the_records_currency(store):
    money.set_locale("ja_JP")
    try:
        account = store.create(
            "accounts", {"name": "Kaito", "currency": "JPY", "mrr_cents": "¥1,234"}
        )
        assert store.get("accounts", account)["mrr_cents"] == 1_234
        store.update("accounts", account, {"mrr_cents": "2,000"})
        assert store.get("accounts", account)["mrr_cents"] == 2_000
        usd = store.create("accounts", {"name": "Acme", "mrr_cents": "$1,234.50"})
        assert store.get("accounts", usd)["mrr_cents"] == 123_450
    finally:
        money.set_locale(None)
