"""The Qt half of ``fieldbook --self-test``: an offscreen window, icons, style, a PDF.

desktop/self_test.py holds the runner and the checks that need no Qt; ``main`` here runs both.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from desktop import self_test as core
from desktop.paths import resources_dir
from desktop.self_test import CheckFailed


def _application():
    from PySide6.QtWidgets import QApplication

    from .app import create_application

    return QApplication.instance() or create_application(["fieldbook"])


def check_qt() -> str:
    """Qt starts without a screen and a widget really draws something."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QCoreApplication, qVersion
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLabel

    _application()
    label = QLabel(QCoreApplication.translate("self_test", "Fieldbook self-test"))
    label.resize(240, 40)
    image = label.grab().toImage()
    label.deleteLater()
    if image.isNull() or image.width() < 10:
        raise CheckFailed("a label grabbed offscreen gave no image")
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    if len(colours) < 2:
        raise CheckFailed("a label with text rendered as a blank image (no fonts?)")
    return (
        f"Qt {qVersion()}, PySide6 {pyside_version}, platform "
        f"{QGuiApplication.platformName()}, a label rendered {image.width()}x{image.height()}"
    )


def check_icons() -> str:
    """Every shipped SVG icon renders (QtSvg and the SVG icon engine are bundled)."""
    from PySide6.QtGui import QImageReader

    from .style import icon

    _application()
    names = sorted(p.stem for p in (resources_dir() / "icons").glob("*.svg"))
    broken = [name for name in names if icon(name).pixmap(32, 32).isNull()]
    if broken:
        raise CheckFailed(f"icons that do not render: {', '.join(broken)}")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise CheckFailed("Qt's SVG image format plugin is missing")
    return f"{len(names)} icons rendered; image formats: {', '.join(sorted(formats))}"


def check_style() -> str:
    """The style sheet loads, with every colour filled in for the light and the dark scheme."""
    from .style import style_sheet

    _application()
    sizes = []
    for dark in (False, True):
        sheet = style_sheet(dark)
        rules = re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)  # comments may mention @names
        leftover = sorted(set(re.findall(r"@[a-z_]+", rules)))
        if not sheet.strip():
            raise CheckFailed("the Fieldbook style sheet is empty")
        if leftover:
            raise CheckFailed(f"colours not filled in: {', '.join(leftover)}")
        sizes.append(len(sheet))
    return f"light and dark style sheets filled in ({sizes[0]}, {sizes[1]} characters)"


def check_pdf() -> str:
    """A PDF can be written (how briefs are exported), and the file really is a PDF."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    _application()
    with tempfile.TemporaryDirectory(prefix="fieldbook-self-test-") as tmp:
        path = Path(tmp) / "brief.pdf"
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setTitle(QCoreApplication.translate("self_test", "Fieldbook self-test"))
        document = QTextDocument()
        document.setHtml("<h1>Account brief</h1><p>Zoë Ångström — Müller GmbH, 12 500 €</p>")
        document.print_(writer)
        del writer  # the file is finished when the writer goes away
        data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise CheckFailed(f"the written file does not start with %PDF ({data[:8]!r})")
    return f"{len(data)} bytes, starts with %PDF"


def check_collation() -> str:
    """Names sort the way each shipped language expects (Qt's ICU data; the Linux bundle keeps
    it for the shipped languages only, see packaging/icu_filter.py)."""
    from PySide6.QtCore import QCollator, QLocale

    _application()
    words = ["Zebra", "Birne", "Äpfel", "apfel", "Öl"]
    sorted_de = sorted(words, key=QCollator(QLocale("de_DE")).sortKey)
    if sorted_de != ["apfel", "Äpfel", "Birne", "Öl", "Zebra"]:
        raise core.CheckFailed(f"German collation sorts {sorted_de}")
    upper = QLocale("de_DE").toUpper("straße")
    if upper != "STRASSE":
        raise core.CheckFailed(f"German upper case of 'straße' is {upper!r}")
    return "German sort order and case mapping as expected"


def check_translations() -> str:
    """Every shipped catalogue loads, so counts are real plurals: "3 accounts", "3 Konten",
    never the source text's "3 account(s)" (English's plural forms live in its catalogue)."""
    from PySide6.QtCore import QCoreApplication

    from . import i18n

    app = _application()
    before = i18n.current_language()
    seen = []
    try:
        for language in i18n.SHIPPED_LANGUAGES:
            i18n.install_translators(app, language)
            one, three = (
                QCoreApplication.translate("AccountsView", "%n account(s)", "", n) for n in (1, 3)
            )
            if "(s)" in one + three or one.replace("1", "3") == three:
                raise CheckFailed(f"{language}: counts read {one!r}, {three!r}: no catalogue")
            seen.append(f"{language} {three!r}")
    finally:
        i18n.install_translators(app, before)
    return "plural forms from each catalogue: " + ", ".join(seen)


def check_connectors() -> str:
    """Every CRM connector imports (the client needs only requests, never a CRM server)."""
    from sync import kinds

    names = [f"{kind.label} ({kind.importable()})" for kind in kinds.KINDS.values()]
    return f"connectors importable: {', '.join(names)}"


QT_CHECKS: list[core.Check] = [
    ("qt-offscreen", check_qt),
    ("icons", check_icons),
    ("style", check_style),
    ("pdf", check_pdf),
    ("collation", check_collation),
    ("translations", check_translations),
    ("connectors", check_connectors),
]


def main(report: str | None = None) -> int:
    """Run every self-test check without a screen; the process exit code."""
    # Offscreen whatever the session has: the self-test must pass on a headless CI runner and
    # must not flash a window on a rep's desktop.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return core.main(QT_CHECKS, report=report)
