"""The engine's connector contract, run against SalesforceConnector and the Salesforce-dialect
test server (a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import pytest

from tests.connector_contract import ConnectorContract


class TestSalesforceConnector(ConnectorContract):
    @pytest.fixture
    def make_connector(self, make_sf):
        return make_sf
