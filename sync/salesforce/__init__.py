"""The Salesforce connector (issue 15); see connector.py."""
