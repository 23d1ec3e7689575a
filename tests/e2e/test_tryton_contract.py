"""The engine's connector contract, run against TrytonConnector and a real Tryton."""

from __future__ import annotations

import pytest

from sync.tryton.connector import TrytonConnector
from tests.connector_contract import ConnectorContract


class TestTrytonConnector(ConnectorContract):
    @pytest.fixture
    def make_connector(self, tryton_server):
        # The password goes to the (test) keyring, as the sign-in dialog does.
        TrytonConnector(tryton_server.url, tryton_server.database, "admin").sign_in_with_password(
            "admin"
        )
        made = []

        def make():
            connector = TrytonConnector(tryton_server.url, tryton_server.database, "admin")
            made.append(connector)
            return connector

        yield make
        for connector in made:
            connector.close()
