"""The UI's language: which translation is loaded, and the few helpers every module uses.

How strings become translatable (``pyside6-lupdate`` extracts exactly these forms):

- In a QObject class: ``self.tr("Accounts")``; a count: ``self.tr("%n account(s)", "", n)``
  (the positional third argument is the only form lupdate marks ``numerus="yes"``).
- Elsewhere: ``QCoreApplication.translate("context", "text")`` or, for a count,
  ``QCoreApplication.translate("context", "%n account(s)", "", n)``.
- At module level (a table of labels): ``QT_TRANSLATE_NOOP("context", "text")`` marks it, and
  ``translate("context", value)`` looks it up when shown.

Never a home-made ``_tr()`` wrapper around a variable: lupdate cannot see through it.

The language follows the OS (``QLocale.system().uiLanguages()``) unless the rep chose one
(``set_language_override``: Preferences ▸ Language, applied at the next start). Our catalogue
``resources/translations/fieldbook_<lang>.qm`` and Qt's own ``qtbase_<lang>.qm`` (standard
buttons, dialogs) are both installed. The ``.qm`` files are built from the checked-in ``.ts``
by ``pyside6-lrelease`` at build time (build.spec, tools/bootstrap.sh), and in a source tree at
start-up when missing or older than the ``.ts`` (``ensure_compiled``).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
)

from desktop import money
from desktop.paths import resources_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
# Languages with a complete catalogue (English is the source).
SHIPPED_LANGUAGES = ("en", "de")
LANGUAGE_SETTING = "ui/language"  # "" or missing: follow the OS
CATALOGUE = "fieldbook"

_LANGUAGE_NAMES = {
    "en": QT_TRANSLATE_NOOP("i18n", "English"),
    "de": QT_TRANSLATE_NOOP("i18n", "German"),
}


class Counts(QObject):
    """The context of counted messages outside QObject classes: ``Counts.tr("%n x(s)", "", n)``.

    lupdate marks a message plural (``numerus="yes"``) only in the positional ``X.tr(text,
    disambiguation, n)`` form, so functions at module level count through this class.
    """


_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Look up ``text`` marked elsewhere with QT_TRANSLATE_NOOP (same context)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def catalogue_path(language: str, suffix: str = ".qm") -> Path:
    return translations_dir() / f"{CATALOGUE}_{language}{suffix}"


def available_languages() -> list[tuple[str, str]]:
    """(code, name in the current language) for Preferences ▸ Language, source language first."""
    return [(code, translate("i18n", _LANGUAGE_NAMES[code])) for code in SHIPPED_LANGUAGES]


def language_override(settings: QSettings | None = None) -> str | None:
    """The language the rep chose in Preferences, or None to follow the OS."""
    value = (settings or QSettings()).value(LANGUAGE_SETTING, "")
    value = str(value or "")
    return value if value in SHIPPED_LANGUAGES else None


def set_language_override(language: str | None, settings: QSettings | None = None) -> None:
    """Preferences ▸ Language: ``"de"``, ``"en"``, or None to follow the OS (next start)."""
    if language is not None and language not in SHIPPED_LANGUAGES:
        raise ValueError(f"no {language!r} translation is shipped")
    (settings or QSettings()).setValue(LANGUAGE_SETTING, language or "")


def system_language() -> str:
    """The first of the OS's preferred languages that we ship (``de-CH`` -> ``de``), else en."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SHIPPED_LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def chosen_language(settings: QSettings | None = None) -> str:
    return language_override(settings) or system_language()


def current_language() -> str:
    return _current


def lrelease() -> str | None:
    """The ``pyside6-lrelease`` next to this Python, or on PATH."""
    for folder in (Path(sys.executable).parent,):
        for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
            if (folder / name).exists():
                return str(folder / name)
    return shutil.which("pyside6-lrelease")


def ensure_compiled(language: str) -> Path | None:
    """The ``.qm`` of ``language``: built from the ``.ts`` when missing or stale (source tree)."""
    qm, ts = catalogue_path(language), catalogue_path(language, ".ts")
    if getattr(sys, "frozen", False) or not ts.exists():
        return qm if qm.exists() else None
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    tool = lrelease()
    if tool is None:
        log.warning("pyside6-lrelease not found: %s stays untranslated", language)
        return qm if qm.exists() else None
    done = subprocess.run(
        [tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    if done.returncode:
        log.warning("lrelease failed for %s: %s", ts.name, done.stderr.strip()[:300])
    return qm if qm.exists() else None


def _qt_translations_dirs() -> list[Path]:
    """Where Qt's own ``qtbase_*.qm`` are: the bundle's copy, then the Qt installation's."""
    return [
        translations_dir() / "qt",
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]


def install_translators(app: QCoreApplication | None = None, language: str | None = None) -> str:
    """Load ``language`` (default: the chosen one) for the app; returns the language in use.

    Replaces what an earlier call installed, so tests can switch languages. Also sets the
    default QLocale (dates, numbers on screen) and the money locale to the language when it
    differs from the OS's, so a German UI never shows amounts the English way.
    """
    global _current
    app = app or QCoreApplication.instance()
    language = language or chosen_language()
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    system = QLocale.system()
    if language == SOURCE_LANGUAGE:
        locale = system if system.name().startswith("en") else QLocale(QLocale.Language.English,
                                                                       QLocale.Country.UnitedStates)  # fmt: skip
    elif system.name().split("_")[0] == language:
        locale = system
    else:
        locale = QLocale(language)
    QLocale.setDefault(locale)
    money.set_locale(locale.name() if locale.name() not in ("C", "") else None)
    _current = language
    if app is None:
        return language
    # English has a catalogue too: the plural forms of "%n account(s)".
    ours = ensure_compiled(language)
    if ours is not None:
        translator = QTranslator(app)
        if translator.load(str(ours)):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("could not load %s", ours)
    if language == SOURCE_LANGUAGE:
        return language
    for folder in _qt_translations_dirs():
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", str(folder)):
            QCoreApplication.installTranslator(qt)
            _installed.append(qt)
            break
    return language


__all__ = [
    "QT_TRANSLATE_NOOP",
    "Counts",
    "LANGUAGE_SETTING",
    "SHIPPED_LANGUAGES",
    "available_languages",
    "chosen_language",
    "current_language",
    "ensure_compiled",
    "install_translators",
    "language_override",
    "set_language_override",
    "system_language",
    "translate",
]
