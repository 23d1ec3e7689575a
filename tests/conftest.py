"""Every test runs offscreen, with an in-memory keyring and its own data folder.

``FIELDBOOK_TEST_ENCRYPTION=1`` runs the suite with every store encrypted: the keyring is then a
file keyring (``desktop.credentials.FileKeyring``) that child processes share through
``PYTHON_KEYRING_BACKEND`` and ``FIELDBOOK_TEST_KEYRING``, so stores get and keep their keys.
Without it the in-memory keyring keeps nothing across processes, so stores stay plain.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import keyring
import pytest

from desktop.credentials import TEST_KEYRING_ENV, FileKeyring, MemoryKeyring
from desktop.store import Store


@pytest.fixture(scope="session", autouse=True)
def english_ui(qapp):
    """The UI in English with its catalogue (plural forms: "1 account", "60 accounts")."""
    from ui import i18n

    i18n.install_translators(qapp, "en")
    yield
    i18n.install_translators(qapp, "en")


ENCRYPTED_SUITE = os.environ.get("FIELDBOOK_TEST_ENCRYPTION") == "1"


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path, monkeypatch):
    """Nothing in a test touches the machine's keyring (a file keyring per test when the suite
    runs encrypted)."""
    previous = keyring.get_keyring()
    backend = _file_keyring(tmp_path, monkeypatch) if ENCRYPTED_SUITE else MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _file_keyring(tmp_path, monkeypatch) -> FileKeyring:
    path = tmp_path / "test-keyring.json"
    monkeypatch.setenv(TEST_KEYRING_ENV, str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "desktop.credentials.FileKeyring")
    return FileKeyring(path)


@pytest.fixture
def file_keyring(tmp_path, monkeypatch, memory_keyring):
    """A keyring that keeps secrets across processes (a file), so stores are encrypted."""
    backend = _file_keyring(tmp_path, monkeypatch)
    keyring.set_keyring(backend)
    return backend


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


def pytest_terminal_summary(terminalreporter):
    """The fault storm's tally (seed, faults per kind and call, what went wrong) near the end of
    the log, where CI readers look (tests/e2e/test_fault_injection.py)."""
    import sys

    storm = sys.modules.get("tests.fault_storm")
    for lines in getattr(storm, "TALLIES", []):
        terminalreporter.write_sep("-", "fault storm")
        for line in lines:
            terminalreporter.write_line(line)
