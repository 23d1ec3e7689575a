"""Load a Fieldbook book straight into the test org (no HTTP): for the bench, which measures
the first sync of a big book, not how it got there. Values as the connector writes them."""

from __future__ import annotations

import base64
from typing import Any

from sync.salesforce import mapping as M

from .org import Org


def load_book(org: Org, book: dict[str, list[dict]]) -> int:
    sfid: dict[str, str] = {}
    count = 0
    with org.lock:
        for table, primary in M.TABLE_MAPS.items():
            for row in book.get(table, ()):
                tm = primary
                if table == "tasks" and row.get("kind") == M.MEETING and row.get("due_date"):
                    tm = M.EVENTS  # as the connector writes a meeting: an all-day Event
                fields: dict[str, Any] = {M.UUID_FIELD: row["id"]}
                if tm is M.EVENTS:
                    fields["IsAllDayEvent"] = True
                currency = row.get("currency")
                for f in tm.fields:
                    value = row.get(f.ours)
                    if f.kind == M.REF:
                        if table == "tasks" and f.ours != "contact_id":
                            continue
                        fields[f.theirs] = sfid.get(value) if value else None
                    elif f.read_only_ok or f.theirs == "VersionData":
                        continue
                    else:
                        allowed = set(org.spec(tm.sobject).by_name[f.theirs].picklist) or None
                        fields[f.theirs] = M.to_salesforce(f, value, currency, allowed)
                if table == "tasks":
                    what = row.get("opportunity_id") or row.get("account_id")
                    fields["WhatId"] = sfid.get(what) if what else None
                if table == "notes":
                    fields["PathOnClient"] = f"{row['id']}.snote"
                    fields["Fieldbook_Body__c"] = row.get("body") or None
                    fields["VersionData"] = base64.b64encode(
                        (row.get("body") or "").encode()
                    ).decode()
                fields = {k: v for k, v in fields.items() if k in org.spec(tm.sobject).by_name}
                if table == "contacts":
                    fields["FirstName"] = None
                sfid[row["id"]] = org.create(tm.sobject, fields)
                count += 1
    return count
