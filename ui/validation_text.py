"""What the store's validation says, as a sentence in the rep's language, naming the field.

``desktop.validation`` words its messages in English for logs and the command line; each one it
can produce has a template here (tests/test_i18n.py checks that none is missing), so the form
shows "Name ist erforderlich." instead of gluing English fragments together.
"""

from __future__ import annotations

import re

from desktop import entities as E

from .form_fields import choice_label, field_label
from .i18n import QT_TRANSLATE_NOOP, translate

# (pattern of the core's message, sentence with {field} and the pattern's named groups)
TEMPLATES: tuple[tuple[str, str], ...] = (
    (r"is required", QT_TRANSLATE_NOOP("validation", "{field} is required.")),
    (r"must be at most (?P<n>\d+) characters",
     QT_TRANSLATE_NOOP("validation", "{field} must be at most {n} characters.")),
    (r"expected an e-mail address such as (?P<example>\S+)",
     QT_TRANSLATE_NOOP("validation", "Expected an e-mail address such as {example}.")),
    (r"expected one of: (?P<choices>.*)",
     QT_TRANSLATE_NOOP("validation", "Expected one of: {choices}.")),
    (r"expected a whole number", QT_TRANSLATE_NOOP("validation", "Expected a whole number.")),
    (r"expected a number from (?P<low>-?\d+) to (?P<high>-?\d+)",
     QT_TRANSLATE_NOOP("validation", "Expected a number from {low} to {high}.")),
    (r"expected an amount below (?P<max>\d+)",
     QT_TRANSLATE_NOOP("validation", "Expected an amount below {max}.")),
    (r"expected an amount.*", QT_TRANSLATE_NOOP("validation", "Expected an amount such as 12500 or 12,500.50.")),
    (r"expected at most (?P<digits>\d+) decimals for (?P<currency>[A-Z]{3})",
     QT_TRANSLATE_NOOP("validation", "Expected at most {digits} decimals for {currency}.")),
    (r"expected a currency code such as .*",
     QT_TRANSLATE_NOOP("validation", "Expected a currency code such as USD, EUR or JPY.")),
    (r"must not be negative", QT_TRANSLATE_NOOP("validation", "{field} must not be negative.")),
    (r"expected yes or no", QT_TRANSLATE_NOOP("validation", "Expected yes or no.")),
    (r"expected a date such as (?P<example>\S+)",
     QT_TRANSLATE_NOOP("validation", "Expected a date such as {example}.")),
    (r"expected a date and time such as (?P<example>\S+)",
     QT_TRANSLATE_NOOP("validation", "Expected a date and time such as {example}.")),
    (r"expected a date between (?P<low>\d+) and (?P<high>\d+)",
     QT_TRANSLATE_NOOP("validation", "Expected a date between {low} and {high}.")),
    (r"must not be before the start date",
     QT_TRANSLATE_NOOP("validation", "{field} must not be before the start date.")),
    (r"a contact cannot report to themselves",
     QT_TRANSLATE_NOOP("validation", "A contact cannot report to themselves.")),
    (r"an account cannot be its own parent",
     QT_TRANSLATE_NOOP("validation", "An account cannot be its own parent.")),
    (r"expected text", QT_TRANSLATE_NOOP("validation", "{field}: expected text.")),
    (r"contains a character that is not text.*",
     QT_TRANSLATE_NOOP("validation", "{field} contains a character that cannot be stored (a control character).")),
    (r"expected a web address", QT_TRANSLATE_NOOP("validation", "Expected a web address.")),
    (r"expected a record", QT_TRANSLATE_NOOP("validation", "{field}: expected a record.")),
    (r"expected a value", QT_TRANSLATE_NOOP("validation", "{field}: expected a value.")),
    (r"expected one of the listed choices",
     QT_TRANSLATE_NOOP("validation", "Expected one of the listed choices.")),
    (r"expected a whole number from 0 to 100",
     QT_TRANSLATE_NOOP("validation", "Expected a whole number from 0 to 100.")),
    (r"is read-only in your CRM",
     QT_TRANSLATE_NOOP("validation", "{field} cannot be changed: your CRM's admin does not let you change this field.")),
    (r"is not a field of .*", QT_TRANSLATE_NOOP("validation", "{field} is not a field of this record.")),
)  # fmt: skip
_COMPILED = tuple((re.compile(p + r"\.?$"), t) for p, t in TEMPLATES)


def known(message: str) -> bool:
    return any(pattern.match(message) for pattern, _ in _COMPILED)


def field_message(field: E.Field | None, message: str) -> str:
    """The sentence shown under ``field`` for the core's ``message``."""
    label = field_label(field) if field is not None else ""
    for pattern, template in _COMPILED:
        found = pattern.match(message)
        if found:
            values = found.groupdict()
            if "choices" in values and field is not None and field.choices:
                values["choices"] = ", ".join(choice_label(field.name, c) for c in field.choices)
            return translate("validation", template).format(field=label, **values)
    # A message the table does not know yet: shown as the core wrote it, never dropped.
    text = message[:1].upper() + message[1:]
    return text if text.endswith(".") else text + "."


__all__ = ["TEMPLATES", "field_message", "known"]
