"""Build Fieldbook's bundle for this OS, check it with its self-test, and optionally package it.

    .venv/bin/python build.py              # dist/fieldbook/ (and dist/Fieldbook.app on macOS)
    .venv/bin/python build.py --package    # + the installer: Inno Setup .exe / .dmg / .tar.gz

Needs the build extra (``pip install -e ".[build]"``: PyInstaller). Packaging needs Inno Setup's
``iscc`` on Windows and ``hdiutil`` (built in) on macOS. Prints the build time and bundle size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_config as cfg

DIST = ROOT / "dist"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


SIZE_LIMIT = 130 * 2**20  # bytes, unpacked (issue 13); every new dependency states its cost

# What each big part of the bundle is for (first matching pattern wins; paths inside the bundle).
PARTS = [
    ("ICU", r"libicu", "Qt's Unicode, collation and case mapping (data: shipped languages only)"),
    (
        "Qt",
        r"(PySide6|shiboken6|libQt6|libpyside6|libshiboken6)",
        "Qt Widgets/Gui/Core, "
        "Network (reachability), Svg (icons), PrintSupport (briefs), their Python bindings, plugins",
    ),
    (
        "cryptography",
        r"cryptography|_cffi_backend",
        "the encrypted session with the Linux "
        "keyring (SecretStorage over D-Bus); bundles its own OpenSSL",
    ),
    (
        "Python",
        r"(libpython|python3\.\d+/|base_library\.zip|^fieldbook$)",
        "the interpreter, its "
        "standard library and the archive of our code and pure-Python dependencies",
    ),
    ("OpenSSL", r"lib(ssl|crypto)\.", "TLS for HTTPS to the CRM (Python's ssl, Qt's TLS plugin)"),
    ("SQLCipher", r"sqlcipher", "the encrypted store (issue 16): SQLCipher, with its own SQLite"),
    ("Babel", r"babel/", "CLDR money and number formats for the ten supported locales"),
    ("resources", r"resources/", "icons, style sheets, translations, brief templates, demo data"),
    (
        "system libraries",
        r"^lib",
        "X11/xcb, GLib, D-Bus, fontconfig, freetype, libstdc++, "
        "SQLite...: what Qt and Python link against, for Linux distributions that lack a version",
    ),
    ("other", r"", "certifi's CA bundle, charset_normalizer, package metadata"),
]


def size_report(bundle: Path) -> tuple[int, list[tuple[str, int, str]]]:
    """The bundle's size in bytes, and per part (largest first)."""
    import re

    sizes = {label: 0 for label, _, _ in PARTS}
    total = 0
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        size = path.stat().st_size
        total += size
        inside = path.relative_to(bundle).as_posix().removeprefix("_internal/")
        for label, pattern, _ in PARTS:
            if re.search(pattern, inside):
                sizes[label] += size
                break
    why = {label: text for label, _, text in PARTS}
    parts = sorted(((k, v, why[k]) for k, v in sizes.items() if v), key=lambda p: -p[1])
    return total, parts


def frozen_executable() -> Path:
    if sys.platform == "win32":
        return DIST / "fieldbook" / "fieldbook.exe"
    if sys.platform == "darwin":
        return DIST / "Fieldbook.app" / "Contents" / "MacOS" / "fieldbook"
    return DIST / "fieldbook" / "fieldbook"


def build() -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "build.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.monotonic() - started


def linux_desktop_entry(bundle: Path) -> None:
    """The desktop file, AppStream metainfo and icons (every hicolor size) in the bundle's
    ``share/``, and the script that adds them to the menu (packaging/linux/)."""
    linux = ROOT / "packaging" / "linux"
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(linux / "com.fieldbook.app.desktop", share / "applications")
    shutil.copy2(linux / "com.fieldbook.app.metainfo.xml", share / "metainfo")
    shutil.copy2(linux / "install-desktop-entry.sh", bundle)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "make_icons.py"),
            "--hicolor",
            str(share / "icons" / "hicolor"),
        ],
        check=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def self_test() -> int:
    """Run the frozen app's self-test; its report file is read back for windowed Windows exes."""
    report = ROOT / "build" / "self-test.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)  # prove it needs no screen
    result = subprocess.run(
        [str(frozen_executable()), "--self-test", "--self-test-report", str(report)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    print(report.read_text(encoding="utf-8") if report.exists() else result.stdout, end="")
    if result.stderr.strip():
        print(result.stderr, file=sys.stderr)
    return result.returncode


def package(version: str) -> Path:
    """The installer for this OS, under dist/."""
    if sys.platform == "win32":
        iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
        subprocess.run(
            [
                iscc,
                f"/DAppVersion={version}",
                f"/DSourceDir={DIST / 'fieldbook'}",
                f"/O{DIST}",
                str(ROOT / "packaging" / "windows" / "fieldbook.iss"),
            ],
            check=True,
        )
        return DIST / f"Fieldbook-{version}-setup.exe"
    if sys.platform == "darwin":
        subprocess.run(
            ["bash", str(ROOT / "packaging" / "macos" / "make_dmg.sh"), version], check=True
        )
        return DIST / f"Fieldbook-{version}.dmg"
    out = DIST / f"fieldbook-{version}-linux-x86_64.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(DIST / "fieldbook", arcname=f"fieldbook-{version}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", action="store_true", help="also make the installer")
    parser.add_argument("--skip-self-test", action="store_true")
    args = parser.parse_args(argv)
    version = cfg.project_version(ROOT)

    seconds = build()
    bundle = DIST / ("Fieldbook.app" if sys.platform == "darwin" else "fieldbook")
    if sys.platform.startswith("linux"):
        linux_desktop_entry(bundle)
    total, parts = size_report(bundle)
    print(
        f"built {bundle} (Fieldbook {version}) in {seconds:.0f} s: {total} bytes "
        f"({total / 2**20:.1f} MiB) unpacked, limit {SIZE_LIMIT} bytes ({SIZE_LIMIT // 2**20} MiB)"
    )
    for label, size, why in parts:
        print(f"  {size:>11} bytes  {label:<17} {why}")
    if total > SIZE_LIMIT and sys.platform.startswith("linux"):
        print(f"the bundle is over {SIZE_LIMIT} bytes: prune, or state the cost", file=sys.stderr)
        return 1
    if not args.skip_self_test:
        code = self_test()
        if code:
            print(f"the frozen self-test FAILED (exit {code})", file=sys.stderr)
            return code
    if args.package:
        installer = package(version)
        print(f"packaged {installer} ({installer.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
