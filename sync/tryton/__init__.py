"""The Tryton connector: JSON-RPC client, field mapping, and the connector itself."""
