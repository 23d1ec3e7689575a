"""What goes into the frozen bundle, kept out of build.spec so tests can check it without building.

build.spec imports this module; tests/test_packaging.py imports it too. Nothing here imports
PyInstaller or Qt.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

BUNDLE_ID = "com.fieldbook.app"
PUBLISHER = "Fieldbook"
MACOS_MINIMUM = "12.0"  # Qt 6.8+ supports macOS 12 and later

OUR_PACKAGES = ["desktop", "ui", "sync"]

# Server-side or developer-only modules of ours that must not be frozen into the client.
OUR_EXCLUDED_PREFIXES = ("sync.tryton_module",)

# Python modules the client never imports (and which PyInstaller would otherwise follow).
EXCLUDED_MODULES = [
    "trytond",
    "sync.tryton_module",
    "tkinter",
    "pytest",
    "_pytest",
    "hypothesis",
    "pytestqt",
    "IPython",
    "PyInstaller",
    "setuptools",
    "pkg_resources",
    "pip",
    # Qt modules Fieldbook does not use (ui/ imports QtCore, QtGui, QtWidgets, QtSvg,
    # QtNetwork for reachability, QtPrintSupport for the brief).
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtSvgWidgets",
    "PySide6.QtXml",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    "PySide6.Qt3DCore",
    "PySide6.QtNetworkAuth",
]

# Files (by their path inside the bundle) dropped after analysis. PyInstaller's Qt hooks collect
# whole plugin folders and all translations; these are the parts Fieldbook never loads.
_DROP_PATTERNS = [
    # libQt6Quick.so.6 (Linux), Qt6Quick.dll (Windows), QtQuick.framework/... (macOS)
    r"(Qt6|(^|/)Qt)(Qml|Quick|Designer|Help|Test|Sql|UiTools|Labs|Lottie|VirtualKeyboard|Pdf)",
    r"Qt6(Wayland(Compositor|Egl)|WlShell|EglFS|EglFs)",
    # The GTK platform theme pulls in GTK, Pango, Cairo and ATK (~20 MB); on Linux the app
    # draws Fusion with its own palette, and Qt's own file dialog serves brief export.
    r"plugins/platformthemes/libqgtk3",
    r"plugins/(designer|qmllint|qmltooling|sqldrivers|vectorimageformats|generic)/",
    r"plugins/(egldeviceintegrations|wayland-graphics-integration-server)/",
    r"plugins/platforminputcontexts/libqtvirtualkeyboard",
    # Reachability on Linux comes from the NetworkManager (or connman) backend over D-Bus; the
    # GLib backend alone pulls in GIO and what it mounts with (libgio, libmount, libblkid,
    # libselinux: 2.9 MB). Without any backend the watchdog's retries notice the network.
    r"plugins/networkinformation/libqglib",
    r"^(lib/)?lib(gio-2\.0|gmodule-2\.0|mount|blkid|selinux)\.so",
    r"plugins/platforms/(libqeglfs|libqlinuxfb|libqminimalegl|libqvkkhrdisplay|libqvnc)",
    r"plugins/imageformats/(libqpdf|libqtiff|libqwebp|libqtga|libqwbmp|libqgif)",
    r"plugins/imageformats/q(pdf|tiff|webp|tga|wbmp|gif)\.dll",
    # Linux system libraries that only the dropped GTK theme, or only CUPS, pull in. CUPS
    # printing uses the desktop's own libcups (it must match the system's cupsd anyway); without
    # one there are simply no printers, and PDF export still works.
    (
        r"^(lib/)?lib(atk-1\.0|cairo|cairo-gobject|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0"
        r"|gdk_pixbuf-2\.0|datrie|fribidi|graphite2|harfbuzz|thai|pixman-1|gtk-3|gdk-3|epoxy"
        r"|jpeg|Xrender|Xext)\.so"
    ),
    (
        r"^(lib/)?lib(cups|gnutls|avahi-client|avahi-common|gssapi_krb5|krb5|krb5support|k5crypto"
        r"|com_err|keyutils|p11-kit|tasn1|unistring|idn2|nettle|hogweed|gmp)\.so"
    ),
    # Qt's own translations (standard buttons, dialogs): only qtbase for the languages we ship
    # (h14, issue 14: the German UI needs qtbase_de.qm; see ui/i18n.py SHIPPED_LANGUAGES).
    r"(Qt|PySide6)/translations/(?!qtbase_de\.qm$)",
]
_DROP = re.compile("|".join(_DROP_PATTERNS))


_BABEL_DATA = re.compile(r"(^|/)babel/locale-data/(?P<name>[^/]+)\.dat$")


def babel_locales_kept() -> frozenset[str]:
    """The Babel locale files the app can load: the supported locales (desktop/money.py), their
    parents up to ``root`` (``en_GB`` -> ``en_001`` -> ``en`` -> ``root``). Installed, Babel has
    1,149 locales (32 MB); a locale outside these falls back to en_US (desktop/money.py)."""
    import sys

    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.insert(0, root)
    from babel.core import get_global

    from desktop.money import SUPPORTED_LOCALES

    parents = get_global("parent_exceptions")
    kept = {"root"}
    for name in SUPPORTED_LOCALES:
        while name and name != "root":
            kept.add(name)
            name = parents.get(name) or (name.rsplit("_", 1)[0] if "_" in name else "root")
    return frozenset(kept)


_babel_kept: frozenset[str] | None = None


def keep_file(dest: str) -> bool:
    """Whether a collected binary or data file (its path inside the bundle) is kept."""
    global _babel_kept
    dest = dest.replace("\\", "/")
    babel = _BABEL_DATA.search(dest)
    if babel:
        if _babel_kept is None:
            _babel_kept = babel_locales_kept()
        return babel.group("name") in _babel_kept
    return not _DROP.search(dest)


def keep_our_module(name: str) -> bool:
    return not name.startswith(OUR_EXCLUDED_PREFIXES)


def platform_keyring_imports(platform: str) -> list[str]:
    """Modules the OS's keyring backend needs, which keyring imports lazily."""
    if platform.startswith("linux"):
        return ["secretstorage", "jeepney", "jeepney.io.blocking"]
    if platform == "win32":
        return ["win32ctypes.core", "win32ctypes.pywin32.win32cred"]
    return []  # macOS: keyring.backends.macOS talks to the Security framework via ctypes


def platform_keyring_distributions(platform: str) -> list[str]:
    if platform.startswith("linux"):
        return ["SecretStorage", "jeepney"]
    if platform == "win32":
        return ["pywin32-ctypes"]
    return []


def project_version(root: Path) -> str:
    """The version in pyproject.toml: the one source for the bundle, installers and Info.plist."""
    with open(root / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3, 0)``; Windows wants four numbers (pre-release tags dropped)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def macos_info_plist(version: str) -> dict:
    """Info.plist keys added to PyInstaller's defaults for Fieldbook.app."""
    return {
        "CFBundleName": "Fieldbook",
        "CFBundleDisplayName": "Fieldbook",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "NSHighResolutionCapable": True,
        # False lets Qt follow the system's dark mode.
        "NSRequiresAquaSystemAppearance": False,
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHumanReadableCopyright": f"© {PUBLISHER}",
    }


def windows_version_text(version: str) -> str:
    """A PyInstaller version-resource file (VSVersionInfo) for fieldbook.exe."""
    v = version_tuple(version)
    dotted = ".".join(str(n) for n in v)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": "Fieldbook",
        "FileVersion": dotted,
        "InternalName": "fieldbook",
        "LegalCopyright": f"© {PUBLISHER}",
        "OriginalFilename": "fieldbook.exe",
        "ProductName": "Fieldbook",
        "ProductVersion": version,
    }
    string_lines = ",\n".join(
        f"          StringStruct({k!r}, {val!r})" for k, val in strings.items()
    )
    return f"""# Generated by packaging/bundle_config.py from pyproject.toml; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={v},
    prodvers={v},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{string_lines}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write_windows_version_file(path: Path, version: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(windows_version_text(version), encoding="utf-8")
    return str(path)
