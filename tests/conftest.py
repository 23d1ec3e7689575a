"""Every test runs offscreen, with an in-memory keyring and its own data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import keyring
import pytest

from desktop.credentials import MemoryKeyring
from desktop.store import Store


@pytest.fixture(scope="session", autouse=True)
def english_ui(qapp):
    """The UI in English with its catalogue (plural forms: "1 account", "60 accounts")."""
    from ui import i18n

    i18n.install_translators(qapp, "en")
    yield
    i18n.install_translators(qapp, "en")


@pytest.fixture(autouse=True)
def memory_keyring():
    """Nothing in a test touches the machine's keyring."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """No test reads or writes a real profile or real settings."""
    data = tmp_path / "fieldbook-data"
    monkeypatch.setenv("FIELDBOOK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return data


@pytest.fixture
def store(tmp_path):
    """An empty store in a temporary file."""
    s = Store.open(tmp_path / "store" / "book.sqlite")
    yield s
    s.close()


@pytest.fixture
def context(store):
    """An operation context on the test's store, current for the widgets (fresh undo history)."""
    from ui.operations import OpContext

    ctx = OpContext(store).make_current()
    yield ctx
    ctx.close()


@pytest.fixture
def demo_context(tmp_path):
    """The demo book in a temporary store, as the app opens it (the current operation context)."""
    from desktop.demo import ensure_demo_store
    from ui.operations import OpContext

    store = ensure_demo_store(tmp_path / "demo" / "book.sqlite")
    context = OpContext(store).make_current()
    yield context
    context.close()
