"""``fieldbook --self-test``: every check passes on a working install, and a broken part fails it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from desktop import self_test

ROOT = Path(__file__).resolve().parents[1]
CHECK_NAMES = [
    "store",
    "encryption",
    "keyring",
    "resources",
    "tls",
    "qt-offscreen",
    "icons",
    "style",
    "pdf",
    "collation",
    "translations",
    "connectors",
]


def test_from_source_without_a_screen_every_check_passes(tmp_path):
    """The real command in a fresh process, with no DISPLAY: what CI runs against the bundle."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen itself
    report = tmp_path / "report.txt"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test", "--self-test-report", str(report)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Fieldbook ") and "self-test (source" in lines[0]
    checks = [line for line in lines if line.startswith(("ok ", "FAIL "))]
    assert [line.split()[1] for line in checks] == CHECK_NAMES
    assert all(line.startswith("ok ") for line in checks)
    assert lines[-1] == "all checks passed"
    assert report.read_text(encoding="utf-8").splitlines() == lines


def test_a_failing_check_prints_fail_and_the_run_exits_non_zero(monkeypatch, tmp_path):
    def broken_store() -> str:
        raise self_test.CheckFailed("schema v1 after migration, expected v2")

    def crashing() -> str:
        raise OSError("disk full")

    monkeypatch.setattr(self_test, "CORE_CHECKS", [("store", broken_store), ("tls", crashing)])
    report = tmp_path / "report.txt"
    assert self_test.main([("fine", lambda: "all good")], report=str(report)) == 1
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[1].split(None, 2) == ["FAIL", "store", "schema v1 after migration, expected v2"]
    assert lines[2].startswith("FAIL  tls") and "OSError: disk full" in lines[2]
    assert lines[3].split(None, 2) == ["ok", "fine", "all good"]
    assert lines[-1] == "2 check(s) FAILED"


def test_run_checks_counts_failures():
    out = io.StringIO()
    failures = self_test.run_checks(
        [("a", lambda: "x"), ("b", lambda: 1 / 0), ("c", lambda: "y")], out
    )
    assert failures == 1
    assert [line.split()[0] for line in out.getvalue().splitlines()] == ["ok", "FAIL", "ok"]


def test_keyring_fail_backend_is_a_failure_on_windows_and_macos(monkeypatch):
    keyring.set_keyring(keyring.backends.fail.Keyring())  # conftest restores the memory one
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        with pytest.raises(self_test.CheckFailed, match="fell back to keyring.backends.fail"):
            self_test.check_keyring()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Secret Service is Linux's")
def test_keyring_on_linux_without_secret_service_explains_itself(monkeypatch):
    """No D-Bus session: the check passes only because the bundled backend says why it declines."""
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    detail = self_test.check_keyring()
    assert "no Secret Service on this session" in detail
    assert "keyring.backends.SecretService is bundled" in detail


def test_keyring_real_backend_is_named():
    # conftest installs an in-memory keyring, which counts as real (secrets are kept)
    assert self_test.check_keyring().startswith(type(keyring.get_keyring()).__module__)


def test_missing_resources_fail(monkeypatch, tmp_path):
    (tmp_path / "icons").mkdir()
    monkeypatch.setattr(self_test.paths, "resources_dir", lambda: tmp_path)
    with pytest.raises(self_test.CheckFailed, match="icons/fieldbook.svg"):
        self_test.check_resources()


def test_pdf_check_writes_a_real_pdf(qapp):
    from ui import self_test as qt_checks

    assert "starts with %PDF" in qt_checks.check_pdf()
    assert "rendered" in qt_checks.check_qt()


def test_connectors_line_names_every_crm_kind():
    from ui.self_test import check_connectors

    detail = check_connectors()
    assert detail.startswith("connectors importable")
    assert "Tryton (sync.tryton.connector)" in detail


def test_translations_check_finds_real_plurals_and_fails_without_a_catalogue(qapp, monkeypatch):
    from ui import i18n
    from ui import self_test as qt_checks

    detail = qt_checks.check_translations()
    assert "en '3 accounts'" in detail and "de '3 Konten'" in detail
    with monkeypatch.context() as patched:
        patched.setattr(i18n, "ensure_compiled", lambda language: None)  # nothing shipped
        with pytest.raises(self_test.CheckFailed, match="account"):
            qt_checks.check_translations()
    i18n.install_translators(qapp, i18n.current_language())  # the catalogue back, for the rest
    assert qt_checks.check_translations()
