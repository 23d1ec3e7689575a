"""The support log: a rotating file in the log folder, secrets scrubbed, a report to copy."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication

from desktop import logs
from ui.main_window import MainWindow
from ui.operations import OpContext


def test_registered_secrets_and_credential_shapes_never_reach_the_file(tmp_path):
    path = logs.setup_logging(logging.INFO, tmp_path)
    try:
        logs.redact("s3cr3t-t0ken-value")
        log = logging.getLogger("fieldbook.test")
        log.info("session is s3cr3t-t0ken-value now")
        log.warning(
            "retrying with password=hunter2hunter2 and Authorization: Session QWxhZGRpbjpvcGVu"
        )
        try:
            raise RuntimeError("failed for s3cr3t-t0ken-value")
        except RuntimeError:
            log.exception("sync crashed")
        log.debug("not at the default level")
    finally:
        logs.stop_logging()
    text = path.read_text(encoding="utf-8")
    assert path.parent == tmp_path and path.name == "fieldbook.log"
    for secret in ("s3cr3t-t0ken-value", "hunter2hunter2", "QWxhZGRpbjpvcGVu"):
        assert secret not in text
    assert text.count(logs.REDACTED) >= 4
    assert "not at the default level" not in text
    assert any("retrying" in p for p in logs.recent_problems())


def test_the_file_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup_logging(logging.INFO, tmp_path)
    try:
        for n in range(200):
            logging.getLogger("fieldbook.test").info("line %d of a long session", n)
    finally:
        logs.stop_logging()
    assert (tmp_path / "fieldbook.log.1").exists()
    assert len(list(tmp_path.glob("fieldbook.log*"))) <= logs.BACKUPS + 1
    assert path.stat().st_size <= 2_500


def test_the_default_folder_is_the_os_log_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(logs.LOG_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert logs.log_dir() == tmp_path / "state" / "Fieldbook" / "log"


def test_help_copy_diagnostics_and_open_log_folder(qtbot, store, tmp_path, monkeypatch):
    logs.setup_logging(logging.INFO, tmp_path / "logs")
    opened = []
    monkeypatch.setattr("ui.diagnostics.open_url", lambda url: opened.append(url) or True)
    context = OpContext(store).make_current()
    window = MainWindow(context)
    qtbot.addWidget(window)
    try:
        logging.getLogger("fieldbook.test").error("zq-problem-4471 happened last")
        window.copy_diagnostics_action.trigger()
        copied = QGuiApplication.clipboard().text()
        window.open_log_folder_action.trigger()
    finally:
        logs.stop_logging()
        context.close()
    assert copied.startswith("Fieldbook diagnostics")
    for needle in ("version", "os ", "qt ", "schema", "store size", "sync mode", "Log (last"):
        assert needle in copied, needle
    assert "zq-problem-4471 happened last" in copied
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "logs")]
