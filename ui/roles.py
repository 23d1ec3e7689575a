"""Item-data roles every model and view shares: one number per meaning, defined once.

A view that reads ``ID_ROLE`` gets a record id whatever model or tree it shows, so search
results, Today, Pipeline, Renewals and the account tabs agree on what each role holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

_USER = Qt.ItemDataRole.UserRole

ID_ROLE = _USER + 1  # the record's id (an account id in the accounts table)
TABLE_ROLE = _USER + 2  # the table the record belongs to
ACCOUNT_ROLE = _USER + 3  # the id of the account the record belongs to
ROW_ROLE = _USER + 4  # the whole record as a dict, for delegates and tests
SORT_VALUE_ROLE = _USER + 5  # the raw value a column sorts by
BAND_ROLE = _USER + 6  # a contract's notice band ("overdue", "30", "90", "later")
CHIP_ROLE = _USER + 20  # (kind, value) a ChipDelegate draws for a cell

__all__ = [
    "ACCOUNT_ROLE",
    "BAND_ROLE",
    "CHIP_ROLE",
    "ID_ROLE",
    "ROW_ROLE",
    "SORT_VALUE_ROLE",
    "TABLE_ROLE",
]
