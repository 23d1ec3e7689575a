"""Guards against the Qt binding we ship leaking references to Python's singletons.

PySide6 6.12.0 on Python 3.11 dropped one reference to None on every call of a method
returning nothing; after a few thousand calls the interpreter aborted (none_dealloc).
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget


def test_void_and_bool_calls_keep_singleton_reference_counts(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    font = QFont()
    before = {
        name: sys.getrefcount(obj)
        for name, obj in (("None", None), ("True", True), ("False", False))
    }
    for _ in range(2000):
        widget.setObjectName("probe")
        font.setPointSizeF(10.5)
        widget.isVisible()
        widget.isHidden()
    after = {
        name: sys.getrefcount(obj)
        for name, obj in (("None", None), ("True", True), ("False", False))
    }
    drift = {name: after[name] - before[name] for name in before}
    assert all(abs(d) < 50 for d in drift.values()), drift
