"""A real Tryton for end-to-end tests: a template database built once (and cached between
runs, keyed by the Tryton and module versions), copied per test, served on a free port."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("trytond")

from sync.tryton import server as crm_server
from sync.tryton.connector import TrytonConnector


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


def template_cache_dir() -> Path:
    return Path(
        os.environ.get("FIELDBOOK_TEST_CACHE")
        or Path(tempfile.gettempdir()) / "fieldbook-test-cache"
    )


@pytest.fixture(scope="session")
def tryton_template() -> Path:
    """The template CRM database: built on first use (about 40 s), then a file copy."""
    return crm_server.build_template(template_cache_dir())


@pytest.fixture
def tryton_server(tryton_template, tmp_path):
    """A fresh CRM for one test, stopped afterwards."""
    server = crm_server.start_copy(tryton_template, tmp_path / "crm")
    yield server
    server.stop()


def signed_in_connector(server, **kwargs) -> TrytonConnector:
    connector = TrytonConnector(server.url, server.database, crm_server.ADMIN_USER, **kwargs)
    connector.sign_in_with_password(crm_server.ADMIN_PASSWORD)
    return connector


@pytest.fixture
def tryton(tryton_server):
    """A connector signed in to the test's CRM (password and session in the test keyring)."""
    connector = signed_in_connector(tryton_server)
    yield connector
    connector.close()
