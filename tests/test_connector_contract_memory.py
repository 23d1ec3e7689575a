"""The connector contract, run against the in-memory CRM (with and without a deletion log)."""

from __future__ import annotations

import pytest
from connector_contract import ConnectorContract

from sync.memory import MemoryConnector, MemoryCRM


class TestMemoryConnector(ConnectorContract):
    @pytest.fixture
    def make_connector(self):
        crm = MemoryCRM()
        return lambda: MemoryConnector(crm)


class TestMemoryConnectorWithoutDeletionLog(ConnectorContract):
    @pytest.fixture
    def make_connector(self):
        crm = MemoryCRM(step=0.0)  # and every change at one timestamp
        return lambda: MemoryConnector(crm, has_deletion_log=False, max_batch=7)
