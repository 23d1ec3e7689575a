"""Preferences: the CRM connection and its actions, syncing, language, where to open; what IT
locked is read-only."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings

from desktop import provisioning
from desktop.provisioning import Provisioning
from sync import kinds
from ui.operations import OpContext
from ui.preferences_dialog import SYNC_INTERVAL, SYNC_ON_START, PreferencesDialog


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def connected_context(context):
    store = context.store
    for key, value in {
        kinds.URL_PREFERENCE: "https://crm.example.com",
        kinds.DATABASE_PREFERENCE: "prod",
        kinds.USER_PREFERENCE: "alex",
    }.items():
        context.writer.call(lambda k=key, v=value: store.set_preference(k, v))
    return context


def make(qtbot, settings, context, presets=None):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = PreferencesDialog(
        settings, parent, store=context.store, presets=presets or Provisioning()
    )
    dialog.test_parent = parent  # the parent (and so the dialog) lives as long as the test
    return dialog


def test_it_shows_the_connection_and_saves_sync_settings(qtbot, settings, connected_context):
    dialog = make(qtbot, settings, connected_context)
    assert "https://crm.example.com" in dialog.connection_label.text()
    assert "alex" in dialog.connection_label.text()
    assert dialog.sign_out_button.isEnabled() and dialog.remove_button.isEnabled()
    assert dialog.interval_spin.value() == 5 and dialog.on_start_check.isChecked()
    dialog.show()
    dialog.grab().save("/tmp/h13-preferences.png")
    dialog.interval_spin.setValue(15)
    dialog.on_start_check.setChecked(False)
    dialog.start_combo.setCurrentIndex(dialog.start_combo.findData("accounts"))
    dialog.accept()
    store = connected_context.store
    qtbot.waitUntil(lambda: store.preference(SYNC_INTERVAL) == "15")
    assert store.preference(SYNC_ON_START) == "0"
    assert settings.value("preferences/start_view") == "accounts"


def test_sign_out_buttons_ask_the_session(qtbot, settings, connected_context):
    dialog = make(qtbot, settings, connected_context)
    with qtbot.waitSignal(dialog.sign_out_requested) as blocker:
        dialog.remove_button.click()
    assert blocker.args == [True]
    dialog = make(qtbot, settings, connected_context)
    with qtbot.waitSignal(dialog.change_connection):
        dialog.change_button.click()


def test_not_connected_offers_to_connect_only(qtbot, settings, context):
    dialog = make(qtbot, settings, context)
    assert "Not connected" in dialog.connection_label.text()
    assert not dialog.sign_out_button.isEnabled()


def test_a_provisioning_file_locks_settings_read_only(
    qtbot, settings, connected_context, tmp_path, monkeypatch
):
    system = tmp_path / "system"
    system.mkdir()
    (system / "fieldbook.json").write_text(
        json.dumps(
            {
                "crm": {"url": "https://crm.example.com"},
                "sync": {"interval_minutes": 30},
                "ui": {"language": "de"},
                "locked": ["crm.url", "sync.interval_minutes", "ui.language"],
            }
        )
    )
    monkeypatch.setenv(provisioning.SYSTEM_CONFIG_ENV, str(system))
    dialog = make(qtbot, settings, connected_context, presets=provisioning.load())
    assert not dialog.interval_spin.isEnabled() and dialog.interval_spin.value() == 30
    assert not dialog.language_combo.isEnabled()
    assert dialog.language_combo.currentData() == "de"
    assert dialog.on_start_check.isEnabled()
    assert "IT department" in dialog.interval_spin.toolTip()
    dialog.show()
    dialog.grab().save("/tmp/h13-preferences-locked.png")
    dialog.accept()
    store = connected_context.store
    qtbot.waitUntil(lambda: store.preference(SYNC_ON_START) == "1")
    assert store.preference(SYNC_INTERVAL) is None  # a locked value is IT's, not saved as ours


def test_sessions_apply_locked_sync_presets(qtbot, tmp_path, monkeypatch, context):
    from ui.app import Session

    system = tmp_path / "system"
    system.mkdir()
    (system / "fieldbook.json").write_text(
        json.dumps(
            {
                "sync": {"interval_minutes": 30, "on_start": False},
                "locked": ["sync.interval_minutes"],
            }
        )
    )
    monkeypatch.setenv(provisioning.SYSTEM_CONFIG_ENV, str(system))
    Session._apply_presets(context)
    assert context.store.preference(SYNC_INTERVAL) == "30"
    assert context.store.preference(SYNC_ON_START) == "0"
    assert isinstance(context, OpContext)


def test_it_presets_the_language_and_a_lock_beats_the_reps_choice(tmp_path, monkeypatch, qapp):
    from ui import i18n
    from ui.app import preset_language

    system = tmp_path / "system"
    system.mkdir()
    monkeypatch.setenv(provisioning.SYSTEM_CONFIG_ENV, str(system))
    monkeypatch.setattr(i18n, "language_override", lambda settings=None: "en")
    (system / "fieldbook.json").write_text(json.dumps({"ui": {"language": "de"}}))
    assert preset_language() is None  # the rep chose English: a preset does not override that
    (system / "fieldbook.json").write_text(
        json.dumps({"ui": {"language": "de"}, "locked": ["ui.language"]})
    )
    assert preset_language() == "de"
    monkeypatch.setattr(i18n, "language_override", lambda settings=None: None)
    (system / "fieldbook.json").write_text(json.dumps({"ui": {"language": "de"}}))
    assert preset_language() == "de"
