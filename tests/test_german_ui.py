"""Started with LANG=de_DE.UTF-8, Fieldbook speaks German: the window, a record dialog with a
validation error, the brief on screen and its PDF (read back with pdftotext)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("lang_child.py")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture(scope="module")
def german_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("de")
    env = dict(os.environ)
    for name in ("LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LC_MONETARY", "LC_TIME"):
        env.pop(name, None)
    env.update(
        LANG="de_DE.UTF-8",
        LANGUAGE="de",
        QT_QPA_PLATFORM="offscreen",
        FIELDBOOK_DATA_DIR=str(out / "data"),
        FIELDBOOK_LOG_DIR=str(out / "logs"),
        XDG_CONFIG_HOME=str(out / "config"),
    )
    done = subprocess.run(
        [sys.executable, str(CHILD), str(out)], env=env, capture_output=True, text=True,
        timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return out, report


def test_the_window_and_the_record_dialog_speak_german(german_run):
    out, report = german_run
    assert report["language"] == "de"
    assert report["menus"] == ["&Datei", "&Bearbeiten", "&Ansicht", "&Synchronisierung", "&Hilfe"]
    assert report["dialog_title"] == "Neue Verkaufschance"
    assert report["problem"] == "Bitte korrigieren Sie die 2 markierten Felder."
    assert report["name_error"] == "Name ist erforderlich."
    assert report["probability_error"] == "Erwartet wird eine ganze Zahl."
    assert report["amount_preview"] == "Gespeichert als 12.500,50\u00a0$"  # German digits, USD
    for shot in ("window.png", "dialog.png", "brief.png"):
        assert (out / shot).stat().st_size > 10_000


def test_the_brief_on_screen_is_german(german_run):
    _, report = german_run
    text = report["brief_text"]
    for words in ("Kunden-Briefing", "GESPRÄCHSPUNKTE", "Stand ", "Verträge und".upper(),
                  "Kündigung bis", "WICHTIGE PERSONEN", "Betreuer:", "Dez."):  # fmt: skip
        assert words in text, words
    for english in ("Account brief", "Talking points", "Notice by", "People who matter"):
        assert english not in text, english


@pytest.mark.skipif(not PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed")
def test_the_brief_pdf_is_german(german_run):
    out, _ = german_run
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(out / "brief.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    text = text.replace("\ufb01", "fi")  # the "fi" ligature
    for words in ("Kunden-Briefing", "Stand ", "GESPRÄCHSPUNKTE", "Kündigung bis", "Seite 1 von"):
        assert words in text, words
    for english in ("Talking points", "Notice by", "Page 1 of", "As of "):
        assert english not in text, english
