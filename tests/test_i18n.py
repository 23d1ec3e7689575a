"""The translation pipeline: every visible string extractable, German complete, plurals real."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui import i18n

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


def _ui_sources() -> list[Path]:
    return sorted(UI.rglob("*.py"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> ET.ElementTree:
    """The German catalogue after a fresh lupdate over ui/ (what a new string would leave)."""
    if not LUPDATE.exists():
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path_factory.mktemp("ts") / "fieldbook_de.ts"
    shutil.copy(TRANSLATIONS / "fieldbook_de.ts", ts)
    done = subprocess.run(
        [str(LUPDATE), *map(str, _ui_sources()), "-ts", str(ts), "-no-obsolete",
         "-locations", "none", "-source-language", "en", "-target-language", "de"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "Found" in done.stdout
    return ET.parse(ts)


def test_lupdate_leaves_nothing_unfinished_in_german(extracted):
    unfinished = [
        (c.findtext("name"), m.findtext("source"))
        for c in extracted.getroot().iter("context")
        for m in c.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not "".join(m.find("translation").itertext()).strip()
    ]
    assert unfinished == [], "run tools/update_translations.sh"


def test_every_count_is_a_real_plural(extracted):
    messages = [m for m in extracted.getroot().iter("message")]
    counted = [m for m in messages if "%n" in (m.findtext("source") or "")]
    assert len(counted) >= 20
    assert [m.findtext("source") for m in counted if m.get("numerus") != "yes"] == []
    for m in counted:
        forms = m.find("translation").findall("numerusform")
        assert len(forms) == 2 and all(f.text for f in forms), m.findtext("source")
    # no hand-made plural left outside a %n message
    assert [m.findtext("source") for m in messages
            if "(s)" in (m.findtext("source") or "") and "%n" not in m.findtext("source")] == []  # fmt: skip


def test_placeholders_survive_translation(extracted):
    for m in extracted.getroot().iter("message"):
        source = m.findtext("source") or ""
        names = sorted(re.findall(r"\{[a-z_]*\}", source))
        for form in m.find("translation").itertext():
            if form.strip():
                assert sorted(re.findall(r"\{[a-z_]*\}", form)) == names, (source, form)


# -- no literal reaches a Qt text setter ----------------------------------------------------------

TEXT_SETTERS = {
    "setText", "setWindowTitle", "setPlaceholderText", "setToolTip", "setStatusTip", "setTitle",
    "setWhatsThis", "setLabelText", "setTabText", "addTab", "addAction", "addMenu", "showMessage",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "setHeaderLabel",
    "setInformativeText", "setDetailedText", "addButton", "setCancelButtonText", "addRow",
    "setWindowIconText", "setSpecialValueText", "setPrefix", "setSuffix",
}  # fmt: skip
TEXT_WIDGETS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
    "QCommandLinkButton", "QProgressDialog",
}  # fmt: skip
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}
MARKERS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


def _has_words(node: ast.AST) -> bool:
    """A literal (or an f-string, a .format or a + of one) that holds words a person reads."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[^\W\d_]{2}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _has_words(node.func.value)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_has_words(e) for e in node.elts)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def untranslated_literals(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in MARKERS:
            continue
        is_box = (
            name in MESSAGE_BOXES
            and isinstance(node.func, ast.Attribute)
            and _name(node.func.value) == "QMessageBox"
        )
        if name in TEXT_SETTERS or name in TEXT_WIDGETS or is_box:
            for arg in node.args:
                if _has_words(arg):
                    found.append(f"{filename}:{node.lineno}: {name}({ast.unparse(arg)[:60]})")
    return found


def test_no_string_literal_reaches_a_qt_text_setter():
    found = []
    for path in _ui_sources():
        found += untranslated_literals(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
        )
    assert found == []


def test_the_ast_check_catches_what_it_should():
    bad = """
label = QLabel("Accounts")
box.setText(f"{n} accounts")
menu.addAction("&Quit")
QMessageBox.warning(self, "Oops", text)
header.setHorizontalHeaderLabels(["Name", "City"])
w.setToolTip("Save " + name)
w.setText("{} accounts".format(n))
"""
    good = """
label = QLabel(self.tr("Accounts"))
box.setText(self.tr("%n account(s)", "", n))
menu.addAction(translate("window", "&Quit"))
w.setText("—")
w.setText(f"{a} · {b}")
"""
    assert len(untranslated_literals(bad, "bad.py")) == 7
    assert untranslated_literals(good, "good.py") == []


# -- generated marks and messages ------------------------------------------------------------------


def test_entity_words_are_marked_for_extraction():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gen_entity_text
    finally:
        sys.path.pop(0)
    assert (UI / "entity_text.py").read_text(encoding="utf-8") == gen_entity_text.render(), (
        "run python tools/gen_entity_text.py"
    )
    from ui.form_fields import _SPECIAL_LABELS

    for value, label in _SPECIAL_LABELS.items():
        assert gen_entity_text.choice_text(value) == label


def _validation_messages() -> list[str]:
    """Every message desktop/validation.py and desktop/money.py can give (f-string parts as 1)."""
    messages = []
    for name in ("validation.py", "money.py"):
        tree = ast.parse((ROOT / "desktop" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) == "ValueError" and node.args:
                arg = node.args[0]
            elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
                target = node.targets[0].value
                if not (isinstance(target, ast.Name) and target.id == "errors"):
                    continue
                arg = node.value
            elif isinstance(node, ast.Call) and _name(node.func) == "setdefault":
                arg = node.args[1] if len(node.args) > 1 else None
            else:
                continue
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                messages.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                messages.append("".join(
                    v.value if isinstance(v, ast.Constant) else "1" for v in arg.values
                ))  # fmt: skip
    from desktop.money import _ENGLISH

    messages += [m.format(digits=2, currency="EUR") for m in _ENGLISH.values()]
    return messages


def test_every_validation_message_has_a_translated_sentence():
    from ui.validation_text import known

    messages = _validation_messages()
    assert len(messages) >= 15
    assert [m for m in messages if not known(m)] == []


# -- the language at run time ----------------------------------------------------------------------


@pytest.fixture
def german(qapp):
    assert i18n.install_translators(qapp, "de") == "de"
    yield
    i18n.install_translators(qapp, "en")


def test_language_follows_the_os_and_can_be_overridden(tmp_path, monkeypatch):
    from PySide6.QtCore import QLocale, QSettings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_CH")))
    assert i18n.chosen_language(settings) == "de"
    i18n.set_language_override("en", settings)
    assert i18n.chosen_language(settings) == "en"
    i18n.set_language_override(None, settings)
    assert i18n.chosen_language(settings) == "de"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("ja_JP")))
    assert i18n.chosen_language(settings) == "en"
    with pytest.raises(ValueError):
        i18n.set_language_override("xx", settings)
    assert [code for code, _ in i18n.available_languages()] == ["en", "de"]


def test_accounts_header_counts_in_english_and_german(qtbot, store, qapp):
    from ui.accounts_view import AccountsView
    from ui.operations import OpContext

    store.create_many("accounts", [{"name": f"Account {n:02d}"} for n in range(60)])
    context = OpContext(store).make_current()
    try:
        view = AccountsView(context)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.count_label.text() == "60 accounts")
        view.filter_edit.setText("Account 07") if hasattr(view, "filter_edit") else None
        i18n.install_translators(qapp, "de")
        try:
            view._on_loaded(60)
            assert view.count_label.text() == "60 Konten"
            view._on_loaded(1)
            assert view.count_label.text() in ("1 Konto", "1 Treffer")
        finally:
            i18n.install_translators(qapp, "en")
        view._on_loaded(1)
        assert view.count_label.text() in ("1 account", "1 match")
        view.close_model()
    finally:
        context.close()


def test_german_words_plurals_dates_and_money(german):
    from PySide6.QtCore import QCoreApplication

    from desktop import money
    from ui.entity_words import count, new_title
    from ui.style import days_text, format_date

    assert new_title("accounts") == "Neues Konto" and new_title("contacts") == "Neuer Kontakt"
    assert count("contacts", 1) == "1 Kontakt" and count("contacts", 5) == "5 Kontakte"
    assert days_text(3) == "in 3 Tagen" and days_text(-1) == "gestern"
    assert format_date("2027-03-05") == "5. März 2027"
    assert money.rep_locale().startswith("de")
    assert money.format_amount(1_250_050, "EUR") == "12.500,50\u00a0€"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"  # Qt's own


def _marked_texts() -> set[tuple[str, str]]:
    """(context, text) of every tr()/translate()/QT_TRANSLATE_NOOP call with literals in ui/."""
    found = set()
    for path in _ui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for child in ast.walk(node):
                    classes.setdefault(id(child), node.name)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _name(node.func)
            args = node.args
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                if all(isinstance(a, ast.Constant) for a in args[:2]):
                    found.add((args[0].value, args[1].value))
            elif name == "tr" and isinstance(args[0], ast.Constant):
                owner = node.func.value if isinstance(node.func, ast.Attribute) else None
                if isinstance(owner, ast.Name) and owner.id != "self":
                    found.add((owner.id, args[0].value))
                elif id(node) in classes:
                    found.add((classes[id(node)], args[0].value))
    return found


def test_lupdate_sees_every_marked_string(extracted):
    """lupdate's Python parser skips some constructs (quotes nested in f-strings): none used."""
    in_catalogue = {
        (c.findtext("name"), m.findtext("source"))
        for c in extracted.getroot().iter("context")
        for m in c.iter("message")
    }
    assert sorted(_marked_texts() - in_catalogue) == []


def test_english_plurals_are_english():
    """The English catalogue's plural forms (made by tools/ts_fill.py): "days", never "daies"
    (a rep saw "Overdue · 20 daies ago" on the Today page)."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from ts_fill import english_plural

    assert english_plural("%n day(s) ago") == ["%n day ago", "%n days ago"]
    assert english_plural("%n opportunity(s)") == ["%n opportunity", "%n opportunities"]
    english = ET.parse(TRANSLATIONS / "fieldbook_en.ts")
    for m in english.getroot().iter("message"):
        if m.get("numerus") == "yes":
            one, other = [f.text for f in m.find("translation").findall("numerusform")]
            assert other == english_plural(m.findtext("source"))[1], m.findtext("source")
            assert "(s)" not in one and "(es)" not in one  # a singular may be reworded by hand
