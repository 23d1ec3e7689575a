"""Sync engine and CRM connectors. Plain Python: never imports Qt."""
