"""Money as reps in different countries type and read it, kept as integer minor units.

An amount is stored as a whole number of its currency's smallest unit: cents for USD, EUR, GBP,
CHF and BRL, yen for JPY (which has none). ``parse_amount`` reads what a person typed the way
their locale writes numbers (``12.500,50`` in Germany, ``1 234,56`` in France, ``1'234.56`` in
Switzerland, ``¥1,234`` in Japan); ``format_amount`` writes minor units back the same way, with
the record's currency. Numbers go through ``Decimal`` only: a float never holds money.

The rep's locale is set once by the UI at start-up (``set_locale``); the core falls back to the
environment (``LC_ALL`` / ``LC_MONETARY`` / ``LANG``), then ``en_US``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_name,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    get_territory_currencies,
)

# What the product promises; any ISO 4217 code Babel knows is formatted too.
SUPPORTED_CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "BRL")
# The reps' countries (the demo book: Frankfurt, Paris, Zürich, Madrid, Tokyo, São Paulo...).
SUPPORTED_LOCALES = (
    "en_US",
    "en_GB",
    "de_DE",
    "de_CH",
    "fr_FR",
    "fr_CH",
    "es_ES",
    "it_IT",
    "ja_JP",
    "pt_BR",
)
DEFAULT_CURRENCY = "USD"
DEFAULT_LOCALE = "en_US"

_locale_name: str | None = None
_default_currency: str | None = None


class MoneyError(ValueError):
    """Typed text is not an amount; ``kind`` and ``params`` let the UI word it in any language.

    kinds: ``not_amount`` (no number, or letters / misplaced separators), ``too_precise`` (more
    decimals than the currency has: ``params["digits"]``), ``currency`` (an unknown code).
    """

    def __init__(self, kind: str, **params: object):
        self.kind = kind
        self.params = params
        super().__init__(_ENGLISH[kind].format(**params))


_ENGLISH = {
    "not_amount": "expected an amount such as 12500 or 12,500.50",
    "too_precise": "expected at most {digits} decimals for {currency}",
    "currency": "expected a currency code such as USD, EUR or JPY",
}


# -- locale and currency -------------------------------------------------------------------------


def set_locale(name: str | None) -> None:
    """The locale amounts are read and written in (``de_DE``); None goes back to the environment."""
    global _locale_name
    _locale_name = _known_locale(name) if name else None


def rep_locale() -> str:
    """The locale in use: the one set by the UI, else the environment's, else ``en_US``."""
    if _locale_name:
        return _locale_name
    for variable in ("LC_ALL", "LC_MONETARY", "LC_NUMERIC", "LANG"):
        value = os.environ.get(variable)
        if value:
            return _known_locale(value.split(".")[0].split("@")[0])
    return DEFAULT_LOCALE


@lru_cache(maxsize=64)
def _known_locale(name: str) -> str:
    """A locale Babel knows with a territory's number rules; ``C``/``POSIX``/unknown: en_US."""
    try:
        found = Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return DEFAULT_LOCALE
    if found.variant == "POSIX" or not found.language or found.language in ("root", "und"):
        return DEFAULT_LOCALE
    return str(found)


def normalize_currency(code: object) -> str:
    """An ISO 4217 code in capitals (``eur`` -> ``EUR``); MoneyError(``currency``) otherwise."""
    text = str(code).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", text) or text not in _iso_codes():
        raise MoneyError("currency")
    return text


@lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    return frozenset(Locale.parse("en").currencies)


def currency_name(code: str, locale: str | None = None) -> str:
    """The currency's name in the rep's language: ``CHF`` -> "Schweizer Franken"."""
    return str(get_currency_name(code, locale=locale or rep_locale()))


def minor_digits(currency: str | None) -> int:
    """Decimals of ``currency``'s minor unit: 2 for EUR, 0 for JPY."""
    return int(get_currency_precision(currency or DEFAULT_CURRENCY))


def locale_currency(locale: str | None = None) -> str:
    """The currency of the rep's country when we support it (de_DE -> EUR), else USD."""
    territory = Locale.parse(locale or rep_locale()).territory
    if territory:
        for code in get_territory_currencies(territory):
            if code in SUPPORTED_CURRENCIES:
                return code
    return DEFAULT_CURRENCY


def set_default_currency(code: str | None) -> None:
    """The CRM company's currency: what a record that names none is in (None: USD)."""
    global _default_currency
    _default_currency = normalize_currency(code) if code else None


def default_currency() -> str:
    """The currency of records that name none: the CRM company's, else USD."""
    return _default_currency or DEFAULT_CURRENCY


def currency_of(record: dict | None, default: str | None = None) -> str:
    """The currency a record's amounts are in: its own, else ``default``, else the company's."""
    found = (record or {}).get("currency")
    return str(found) if found else (default or default_currency())


# -- writing -------------------------------------------------------------------------------------


def to_decimal(minor: int, currency: str | None) -> Decimal:
    """Minor units as a Decimal amount of the currency: 125050 EUR -> 1250.50."""
    return Decimal(int(minor)).scaleb(-minor_digits(currency))


def from_decimal(amount: Decimal, currency: str | None) -> int:
    """A Decimal amount as minor units, rounded half up: 1250.505 EUR -> 125051."""
    return int(amount.scaleb(minor_digits(currency)).to_integral_value(ROUND_HALF_UP))


def format_amount(
    minor: int | None,
    currency: str | None = None,
    locale: str | None = None,
    with_cents: bool = True,
) -> str:
    """Minor units as the rep's locale writes them: ``12.500,50 €``, ``CHF 1'234.56``, ``￥1,234``.

    ``with_cents=False`` rounds to whole units (half up) for lists and headlines.
    """
    if minor is None:
        return ""
    currency = currency or default_currency()
    locale = locale or rep_locale()
    amount = to_decimal(minor, currency)
    if with_cents or minor_digits(currency) == 0:
        return format_currency(amount, currency, locale=locale)
    whole = amount.quantize(Decimal(1), ROUND_HALF_UP)
    return format_currency(
        whole, currency, format=_whole_pattern(locale), locale=locale, currency_digits=False
    )


@lru_cache(maxsize=64)
def _whole_pattern(locale: str) -> str:
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return re.sub(r"0\.0+", "0", pattern)


def format_plain(minor: int | None, currency: str | None = None, locale: str | None = None) -> str:
    """Minor units as an editable number, without the currency sign: ``12.500,50``."""
    if minor is None:
        return ""
    currency = currency or default_currency()
    locale = locale or rep_locale()
    digits = minor_digits(currency)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(to_decimal(minor, currency), format=pattern, locale=locale)


# -- reading -------------------------------------------------------------------------------------

_SIGNS = "-\u2212\u2012\u2013"  # hyphen-minus, minus sign, figure dash, en dash
_APOSTROPHES = "'\u2019\u02bc\u2032"  # Swiss group separators people type
_OTHER_CURRENCY_WORDS = ("SFr.", "Fr.", "fr.", "sFr.")


@lru_cache(maxsize=1)
def _currency_words() -> tuple[str, ...]:
    """Every symbol and code the supported locales write for the supported currencies."""
    words = set(_OTHER_CURRENCY_WORDS)
    for currency in SUPPORTED_CURRENCIES:
        words.add(currency)
        for locale in SUPPORTED_LOCALES:
            words.add(unicodedata.normalize("NFKC", get_currency_symbol(currency, locale)))
    return tuple(sorted(words, key=len, reverse=True))


def parse_amount(text: str, currency: str | None = None, locale: str | None = None) -> int:
    """Minor units of ``currency`` for what a person typed, read the way ``locale`` writes numbers.

    Currency signs and codes, spaces of every width and Swiss apostrophes are dropped. With both
    ``.`` and ``,`` present, the last one is the decimal mark. A single separator followed by
    exactly three digits (``1.234``) is ambiguous and is read the locale's way (a thousand in
    Germany, one point two three four in the US, which then has too many decimals). Raises
    MoneyError (a ValueError).
    """
    currency = currency or default_currency()
    locale = locale or rep_locale()
    digits_allowed = minor_digits(currency)
    s = unicodedata.normalize("NFKC", str(text)).strip()
    for word in _currency_words():
        s = s.replace(word, " ")
    s = "".join(" " if unicodedata.category(ch) == "Sc" else ch for ch in s)
    negative = False
    s = s.strip()
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    s = s.strip()
    if s and s[0] in _SIGNS:
        negative, s = True, s[1:]
    elif s and s[-1] in _SIGNS:  # "1.234,56-" as some ledgers write it
        negative, s = True, s[:-1]
    s = re.sub(rf"[\s{_APOSTROPHES}]", "", s)
    if not re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", s):
        raise MoneyError("not_amount")
    decimal_mark = _decimal_mark(s, locale)
    whole, _, fraction = s.rpartition(decimal_mark) if decimal_mark else (s, "", "")
    if decimal_mark and not whole:
        whole = "0"
    group = next((c for c in ".," if c in whole), None)
    if group and not re.fullmatch(rf"[0-9]{{1,3}}(\{group}[0-9]{{3}})+", whole):
        raise MoneyError("not_amount")
    if not re.fullmatch(r"[0-9]+", whole.replace(group or ".", "")) or not re.fullmatch(
        r"[0-9]*", fraction
    ):
        raise MoneyError("not_amount")
    if len(fraction.rstrip("0")) > digits_allowed:
        raise MoneyError("too_precise", digits=digits_allowed, currency=currency)
    amount = Decimal(whole.replace(group or "", "") + ("." + fraction if fraction else ""))
    minor = int(amount.scaleb(digits_allowed))
    return -minor if negative else minor


def _decimal_mark(s: str, locale: str) -> str | None:
    """Which of ``.`` / ``,`` in ``s`` is the decimal mark (None: it has none)."""
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        return "." if s.rfind(".") > s.rfind(",") else ","
    if not dots and not commas:
        return None
    mark = "." if dots else ","
    if dots + commas > 1:
        return None  # "1.234.567": only a group separator repeats
    after = len(s) - s.index(mark) - 1
    if after != 3:
        return mark  # "12,5" or "1234.50": a decimal mark in any locale
    # "1.234" / "1,234": the locale decides.
    local_decimal = get_decimal_symbol(locale)
    local_group = unicodedata.normalize("NFKC", get_group_symbol(locale))
    if mark == local_decimal:
        return mark
    if mark == local_group:
        return None
    # The locale groups with spaces or apostrophes: read the mark as a group, as in 1,234.
    return None


def amount_example(currency: str | None = None, locale: str | None = None) -> str:
    """A sample amount in the rep's way of writing, for placeholders: ``12.500,00``."""
    currency = currency or default_currency()
    return format_plain(12_500 * 10 ** minor_digits(currency), currency, locale)


__all__ = [
    "DEFAULT_CURRENCY",
    "MoneyError",
    "SUPPORTED_CURRENCIES",
    "SUPPORTED_LOCALES",
    "amount_example",
    "currency_name",
    "currency_of",
    "default_currency",
    "format_amount",
    "format_plain",
    "from_decimal",
    "locale_currency",
    "minor_digits",
    "normalize_currency",
    "parse_amount",
    "rep_locale",
    "set_default_currency",
    "set_locale",
    "to_decimal",
]
