"""A Salesforce-dialect test server for the connector's tests and the demo (see server.py)."""

from .server import SalesforceServer

__all__ = ["SalesforceServer"]
