"""Fast checks of the packaging files (the bundle itself is built and self-tested by .ci/run)."""

from __future__ import annotations

import ast
import plistlib
import re
import struct
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_config as cfg
import make_icons

PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_build_spec_parses_and_uses_the_shared_config():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    called = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= called
    for needed in (
        'copy_metadata("keyring")',
        'collect_submodules("keyring.backends")',
        "cfg.project_version",
        "cfg.keep_file",
        "FIELDBOOK_CODESIGN_IDENTITY",
        "FIELDBOOK_ENTITLEMENTS",
        '"resources"',
    ):
        assert needed in spec


def test_version_comes_from_pyproject():
    assert cfg.project_version(ROOT) == PYPROJECT_VERSION
    assert cfg.macos_info_plist(PYPROJECT_VERSION)["CFBundleShortVersionString"] == (
        PYPROJECT_VERSION
    )


@pytest.mark.parametrize(
    "version, expected",
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2.10", (2, 10, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 1)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
        ("1.0.0+local.7", (1, 0, 0, 0)),
    ],
)
def test_windows_version_numbers(version, expected):
    assert cfg.version_tuple(version) == expected


def test_windows_version_file_is_a_valid_expression():
    text = cfg.windows_version_text("1.4.2")
    tree = ast.parse(text, mode="exec")
    call = tree.body[0].value
    assert isinstance(call, ast.Call) and call.func.id == "VSVersionInfo"
    assert "filevers=(1, 4, 2, 0)" in text
    assert "StringStruct('ProductVersion', '1.4.2')" in text
    assert "StringStruct('OriginalFilename', 'fieldbook.exe')" in text


def test_macos_info_plist_serialises_with_dark_mode_and_high_dpi():
    info = cfg.macos_info_plist("1.0.0")
    assert plistlib.loads(plistlib.dumps(info)) == info
    assert info["NSHighResolutionCapable"] is True
    assert info["NSRequiresAquaSystemAppearance"] is False
    assert re.fullmatch(r"\d+\.\d+", info["LSMinimumSystemVersion"])
    assert cfg.BUNDLE_ID == "com.fieldbook.app"


def test_entitlements_plist_parses():
    data = plistlib.loads((ROOT / "packaging/macos/entitlements.plist").read_bytes())
    assert data["com.apple.security.cs.allow-unsigned-executable-memory"] is True


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/translations/qtbase_fr.qm",  # only the shipped languages' qtbase is kept
        "PySide6/Qt/translations/qtdeclarative_de.qm",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "libcairo.so.2",
        "libcups.so.2",
        "libpango-1.0.so.0",
        "libgdk_pixbuf-2.0.so.0",
        "libatk-1.0.so.0",
        "PySide6\\Qt6Quick.dll",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
        "PySide6/Qt/lib/QtPdf.framework/QtPdf",
    ],
)
def test_unused_qt_parts_are_dropped(dest):
    assert not cfg.keep_file(dest)


def test_qt_translations_of_the_shipped_languages_are_kept():
    # h14 (issue 14): Qt's standard buttons and dialogs in German need qtbase_de.qm.
    assert cfg.keep_file("PySide6/Qt/translations/qtbase_de.qm")


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",
        "PySide6/QtCore.abi3.so",
        "PySide6\\Qt6Widgets.dll",
        "PySide6\\Qt6PrintSupport.dll",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "libcrypto.so.3",
        "resources/icons/fieldbook.svg",
        "keyring-25.7.0.dist-info/entry_points.txt",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
    ],
)
def test_what_the_app_uses_is_kept(dest):
    assert cfg.keep_file(dest)


def test_every_qt_module_the_app_imports_is_kept():
    used = set()
    for path in (ROOT / "ui").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    excluded = {
        name.split(".", 1)[1] for name in cfg.EXCLUDED_MODULES if name.startswith("PySide6.")
    }
    assert used and not (used & excluded)


def test_server_side_tryton_module_stays_out():
    assert "trytond" in cfg.EXCLUDED_MODULES
    assert not cfg.keep_our_module("sync.tryton_module.fieldbook")
    assert cfg.keep_our_module("sync.tryton.connector")


def test_platform_keyring_backends_are_listed():
    assert "secretstorage" in cfg.platform_keyring_imports("linux")
    assert "win32ctypes.pywin32.win32cred" in cfg.platform_keyring_imports("win32")


def test_app_icons_exist_and_hold_every_size():
    icons = ROOT / "resources" / "icons"
    png = (icons / "fieldbook.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (512, 512)

    ico = (icons / "fieldbook.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    widths = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert widths == make_icons.ICO_SIZES

    icns = (icons / "fieldbook.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, offset = [], 8
    while offset < len(icns):
        kinds.append(icns[offset : offset + 4])
        offset += struct.unpack(">I", icns[offset + 4 : offset + 8])[0]
    assert kinds == [kind for kind, _ in make_icons.ICNS_TYPES]


def test_icons_are_readable_by_qt(qapp):
    from PySide6.QtGui import QImageReader

    for name, count in (
        ("fieldbook.ico", len(make_icons.ICO_SIZES)),
        ("fieldbook.icns", len(make_icons.ICNS_TYPES)),
    ):
        reader = QImageReader(str(ROOT / "resources" / "icons" / name))
        assert reader.imageCount() == count
        assert not reader.read().isNull()


def test_inno_setup_script_installs_per_user_with_start_menu_and_uninstaller():
    iss = (ROOT / "packaging/windows/fieldbook.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.MULTILINE)
    assert re.search(r"^DefaultDirName=\{autopf\}", iss, re.MULTILINE)
    assert re.search(
        r'^Name: "\{group\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', iss, re.MULTILINE
    )
    assert "{uninstallexe}" in iss
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.MULTILINE).group(1)
    assert (ROOT / "packaging/windows" / icon.replace("\\", "/")).resolve().is_file()
    assert "#error" in iss  # refuses to build without the version from pyproject


def test_workflow_covers_windows_and_macos_and_uploads_installers():
    text = (ROOT / ".github/workflows/build.yml").read_text(encoding="utf-8")
    assert "os: [windows-latest, macos-latest, ubuntu-latest]" in text
    for needed in (
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "actions/upload-artifact@v4",
        "python build.py --package",
        "--self-test",
        "Fieldbook-*-setup.exe",
        "Fieldbook-*.dmg",
    ):
        assert needed in text


def test_babel_keeps_the_supported_locales_and_their_parents_only():
    from desktop.money import SUPPORTED_LOCALES

    for name in SUPPORTED_LOCALES:
        assert cfg.keep_file(f"babel/locale-data/{name}.dat")
    for parent in ("root", "en", "en_001", "de", "pt"):
        assert cfg.keep_file(f"babel/locale-data/{parent}.dat")
    assert not cfg.keep_file("babel/locale-data/nl_NL.dat")
    assert not cfg.keep_file("babel\\locale-data\\ff_Adlm.dat")
    assert cfg.keep_file("babel/global.dat")


def test_icu_keeps_core_tables_and_shipped_languages_only():
    import icu_filter as icu

    kept = [
        ("uprops.icu", 140_000),
        ("nfc.nrm", 35_000),
        ("zoneinfo64.res", 150_000),
        ("supplementalData.res", 240_000),
        ("de_CH.res", 4_000),
        ("root.res", 50_000),
        ("coll/de.res", 1_000),
        ("coll/ucadata.icu", 570_000),
        ("brkitr/word.brk", 90_000),
        ("ibm-5348_P100-1997.cnv", 1_500),  # windows-1252: single byte
        ("zone/pool.res", 1_000),
    ]
    dropped = [
        ("nl.res", 20_000),
        ("coll/zh.res", 712_000),
        ("brkitr/cjdict.dict", 2_000_000),
        ("translit/root.res", 1_000_000),
        ("gb18030.cnv", 232_000),
        ("lang/sv.res", 20_000),
    ]
    assert all(icu.keep_item(name, size) for name, size in kept)
    assert not any(icu.keep_item(name, size) for name, size in dropped)


def test_build_explains_every_big_part_and_has_a_size_limit():
    import build

    assert build.SIZE_LIMIT == 130 * 2**20
    labels = [label for label, _, why in build.PARTS if why]
    assert {"Qt", "ICU", "cryptography", "Python", "Babel"} <= set(labels)


LINUX = ROOT / "packaging" / "linux"


def test_linux_desktop_entry_and_metainfo_name_the_bundle_id():
    desktop = (LINUX / "com.fieldbook.app.desktop").read_text(encoding="utf-8")
    assert f"Icon={cfg.BUNDLE_ID}" in desktop and "Exec=fieldbook" in desktop
    metainfo = (LINUX / "com.fieldbook.app.metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{cfg.BUNDLE_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{cfg.BUNDLE_ID}.desktop</launchable>' in metainfo
    version = cfg.project_version(ROOT)
    assert f'<release version="{version}"' in metainfo


@pytest.mark.skipif(
    not (
        __import__("shutil").which("desktop-file-validate")
        and __import__("shutil").which("appstreamcli")
    ),
    reason="desktop-file-utils / appstream not installed (CI installs them)",
)
def test_linux_desktop_entry_and_metainfo_validate():
    import subprocess

    subprocess.run(["desktop-file-validate", str(LINUX / "com.fieldbook.app.desktop")], check=True)
    subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / "com.fieldbook.app.metainfo.xml")],
        check=True,
    )


def test_gio_and_the_glib_reachability_backend_are_left_out():
    assert not cfg.keep_file("PySide6/Qt/plugins/networkinformation/libqglib.so")
    assert cfg.keep_file("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so")
    for lib in ("libgio-2.0.so.0", "libmount.so.1", "libblkid.so.1", "libselinux.so.1"):
        assert not cfg.keep_file(lib)
    for lib in ("libglib-2.0.so.0", "libgobject-2.0.so.0", "libpcre2-8.so.0"):
        assert cfg.keep_file(lib)
