"""The fieldbook command: version, data folder choice, and a calm message without a screen."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop import __version__, paths


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_version_is_printed():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Fieldbook {__version__}"


def test_no_display_says_so_and_how_to_run_anyway():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = run("--demo", env=env)
    assert result.returncode == 2
    assert "no" in result.stderr.lower() and "display" in result.stderr.lower()
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_dir_override_order(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.data_dir() == (tmp_path / "env").resolve()
    assert paths.data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir().name == "Fieldbook"


def test_profile_slugs_are_safe_folder_names():
    slug = paths.profile_slug("Alex.Rivera", "https://crm.example.com:8000/", "prod db")
    assert slug == "alex.rivera@crm.example.com_8000_-prod_db"
    assert "/" not in slug and ":" not in slug
