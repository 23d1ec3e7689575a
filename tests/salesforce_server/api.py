"""The REST and OAuth endpoints of the test org, routed without HTTP so ``/composite`` can
call them for its subrequests. Every answer is ``(status, headers, body)``; bodies follow the
documented shapes in ``shared/salesforce/shapes``."""

from __future__ import annotations

import base64
import email.utils
import hashlib
import json
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from . import soql
from .org import Org, RecordError, stamp
from .schema import MASTER_RECORD_TYPE

API = "/services/data/v60.0"
Reply = tuple[int, dict[str, str], Any]


def _errors(status: int, code: str, message: str, fields: list[str] | None = None) -> Reply:
    body: dict[str, Any] = {"message": message, "errorCode": code}
    if fields:
        body["fields"] = fields
    return status, {}, [body]


def _record_result(fn) -> dict:
    """One record's result in an sObject Collections reply."""
    try:
        out = fn()
    except RecordError as exc:
        return {"id": None, "success": False, "errors": [exc.as_error()]}
    return {"success": True, "errors": [], **out}


class Api:
    def __init__(self, org: Org):
        self.org = org

    # -- OAuth -----------------------------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> Reply:
        """The browser step: this org's user is signed in and approves at once."""
        org = self.org
        redirect = query.get("redirect_uri", "")
        if query.get("client_id") != org.client_id:
            return 400, {"Content-Type": "text/plain"}, "error=invalid_client_id"
        if redirect not in org.callbacks:
            return 400, {"Content-Type": "text/plain"}, "error=redirect_uri_mismatch"
        if query.get("response_type") != "code":
            return 302, {"Location": redirect + "?error=unsupported_response_type"}, ""
        challenge = query.get("code_challenge")
        if not challenge or query.get("code_challenge_method", "S256") != "S256":
            params = {"error": "invalid_request", "error_description": "missing code challenge"}
            return 302, {"Location": redirect + "?" + urlencode(params)}, ""
        code = secrets.token_urlsafe(24)
        with org.lock:
            org.codes[code] = {"challenge": challenge, "redirect": redirect}
        params = {"code": code}
        if "state" in query:
            params["state"] = query["state"]
        return 302, {"Location": redirect + "?" + urlencode(params)}, ""

    def token(self, form: dict[str, str], base: str | None = None) -> Reply:
        """The token endpoint; ``base``: the address the client reached us at (the instance)."""
        org = self.org
        grant = form.get("grant_type")

        def refused(desc: str, error: str = "invalid_grant") -> Reply:
            return 400, {}, {"error": error, "error_description": desc}

        if form.get("client_id") != org.client_id:
            return refused("client identifier invalid", "invalid_client_id")
        with org.lock:
            if grant == "authorization_code":
                issued = org.codes.pop(form.get("code", ""), None)
                if issued is None:
                    return refused("invalid authorization code")
                if form.get("redirect_uri") != issued["redirect"]:
                    return refused("redirect_uri must match configuration", "redirect_uri_mismatch")
                verifier = form.get("code_verifier", "")
                digest = hashlib.sha256(verifier.encode()).digest()
                if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != issued["challenge"]:
                    return refused("invalid code verifier")
                return 200, {}, org.issue_tokens(base=base)
            if grant == "refresh_token":
                if form.get("refresh_token") not in org.refresh:
                    return refused("expired access/refresh token")
                return 200, {}, org.issue_tokens(with_refresh=False, base=base)
        return refused("unsupported grant type", "unsupported_grant_type")

    def revoke(self, form: dict[str, str]) -> Reply:
        token = form.get("token", "")
        with self.org.lock:
            self.org.refresh.discard(token)
            self.org.access.pop(token, None)
        return 200, {}, ""

    # -- REST ------------------------------------------------------------------------------

    def rest(self, method: str, url: str, headers: dict[str, str], body: Any) -> Reply:
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if not path.startswith(API):
            return _errors(404, "NOT_FOUND", "The requested resource does not exist")
        path = path[len(API) :]
        try:
            return self._route(method, path, query, headers, body)
        except soql.SoqlError as exc:
            return _errors(400, exc.code, str(exc))
        except RecordError as exc:
            return _errors(400, exc.code, exc.message, exc.fields)

    def _route(self, method, path, query, headers, body) -> Reply:
        org = self.org
        if path in ("/query", "/queryAll") and method == "GET":
            return 200, {}, org.query(query.get("q", ""), path == "/queryAll")
        m = re.fullmatch(r"/query(?:All)?/([\w-]+)", path)
        if m and method == "GET":
            return 200, {}, org.more(m.group(1))
        if path == "/limits":
            return (
                200,
                {},
                {"DailyApiRequests": {"Max": org.api_max, "Remaining": org.api_max - org.api_used}},
            )
        if path == "/composite" and method == "POST":
            return self._composite(body)
        if path == "/composite/sobjects":
            return self._collections(method, query, body)
        m = re.fullmatch(r"/composite/sobjects/(\w+)/(\w+)", path)
        if m and method == "PATCH":
            return self._upsert_collection(m.group(1), m.group(2), body)
        m = re.fullmatch(r"/ui-api/object-info/(\w+)/picklist-values/(\w+)", path)
        if m and method == "GET":
            return self._picklist_values(m.group(1), m.group(2))
        m = re.fullmatch(r"/sobjects/(\w+)/describe", path)
        if m:
            return 200, {}, org.spec(m.group(1)).describe()
        m = re.fullmatch(r"/sobjects/(\w+)/(updated|deleted)", path)
        if m:
            return self._changed(m.group(1), m.group(2) == "deleted", query)
        m = re.fullmatch(r"/sobjects/ContentVersion/(\w+)/VersionData", path)
        if m:
            data = org.version_data(m.group(1))
            if data is None:
                return _errors(404, "NOT_FOUND", "The requested resource does not exist")
            return 200, {"Content-Type": "application/octetstream"}, data
        m = re.fullmatch(r"/sobjects/(\w+)", path)
        if m and method == "POST":
            record = {k: v for k, v in (body or {}).items() if k != "attributes"}
            new = org.create(m.group(1), record)
            return 201, {}, {"id": new, "success": True, "errors": []}
        m = re.fullmatch(r"/sobjects/(\w+)/(\w+)", path)
        if m:
            return self._record(method, m.group(1), m.group(2), headers, body)
        return _errors(404, "NOT_FOUND", "The requested resource does not exist")

    def _record(self, method, sobject, record_id, headers, body) -> Reply:
        org = self.org
        with org.lock:
            row = org.get(record_id)
            if row is None or row["_type"] != sobject:
                if record_id in org.records:
                    return _errors(404, "ENTITY_IS_DELETED", "entity is deleted")
                return _errors(404, "NOT_FOUND", "The requested resource does not exist")
            since = headers.get("If-Unmodified-Since")
            if since and method in ("PATCH", "GET"):
                limit = email.utils.parsedate_to_datetime(since)
                if soql.parse_datetime(row["LastModifiedDate"]) > limit:
                    return _errors(412, "PRECONDITION_FAILED", "The entity has been modified")
            if method == "GET":
                names = [f.name for f in org.spec(sobject).fields]
                return 200, {}, org.output(row, names)
            if method == "PATCH":
                org.update(record_id, {k: v for k, v in (body or {}).items() if k != "attributes"})
                return 204, {}, None
            if method == "DELETE":
                org.delete(record_id)
                return 204, {}, None
        return _errors(405, "METHOD_NOT_ALLOWED", "method not allowed")

    def _collections(self, method: str, query: dict[str, str], body: Any) -> Reply:
        org = self.org
        if method == "DELETE":
            ids = [i for i in query.get("ids", "").split(",") if i]
            if len(ids) > 200:
                return _errors(
                    400,
                    "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records into this call",
                )

            def drop(i):
                org.delete(i)
                return {"id": i}

            return (
                200,
                {},
                self._all_or_none(
                    query.get("allOrNone") == "true", [lambda i=i: drop(i) for i in ids]
                ),
            )
        records = (body or {}).get("records") or []
        if len(records) > 200:
            return _errors(
                400,
                "EXCEEDED_ID_LIMIT",
                "record limit reached. cannot submit more than 200 records into this call",
            )
        calls = []
        for record in records:
            sobject = (record.get("attributes") or {}).get("type")
            values = {k: v for k, v in record.items() if k not in ("attributes", "id")}
            if method == "POST":
                calls.append(lambda s=sobject, v=values: {"id": org.create(s, v)})
            elif method == "PATCH":
                rid = record.get("id")

                def upd(rid=rid, v=values):
                    org.update(rid, v)
                    return {"id": rid}

                calls.append(upd)
            else:
                return _errors(405, "METHOD_NOT_ALLOWED", "method not allowed")
        return 200, {}, self._all_or_none(bool((body or {}).get("allOrNone")), calls)

    def _upsert_collection(self, sobject: str, ext_field: str, body: Any) -> Reply:
        org = self.org
        records = (body or {}).get("records") or []
        if len(records) > 200:
            return _errors(400, "EXCEEDED_ID_LIMIT", "record limit reached")
        calls = []
        for record in records:
            values = {k: v for k, v in record.items() if k != "attributes"}

            def ups(v=values):
                rid, created = org.upsert(sobject, ext_field, v)
                return {"id": rid, "created": created}

            calls.append(ups)
        return 200, {}, self._all_or_none(bool((body or {}).get("allOrNone")), calls)

    def _all_or_none(self, all_or_none: bool, calls) -> list[dict]:
        org = self.org
        with org.lock:
            saved = None
            if all_or_none:
                import copy

                saved = copy.deepcopy(org.records)
            results = [_record_result(c) for c in calls]
            if all_or_none and any(not r["success"] for r in results):
                org.records = saved  # type: ignore[assignment]
                org.reindex()
                rolled = {
                    "statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                    "message": "Record rolled back because not all records were valid and the "
                    "request was using AllOrNone header",
                }
                results = [
                    r if not r["success"] else {"id": None, "success": False, "errors": [rolled]}
                    for r in results
                ]
            return results

    def _composite(self, body: Any) -> Reply:
        subs = (body or {}).get("compositeRequest") or []
        if len(subs) > 25:
            return _errors(400, "INVALID_BATCH_REQUEST", "Limit Exceeded: 25 subrequests")
        out = []
        for sub in subs:
            status, headers, reply = self.rest(
                sub.get("method", "GET"),
                sub.get("url", ""),
                sub.get("httpHeaders") or {},
                sub.get("body"),
            )
            out.append(
                {
                    "body": reply,
                    "httpHeaders": headers,
                    "httpStatusCode": status,
                    "referenceId": sub.get("referenceId"),
                }
            )
        return 200, {}, {"compositeResponse": out}

    def _picklist_values(self, sobject: str, record_type: str) -> Reply:
        """UI API's Picklist Values Collection: every picklist of the object with the values
        this record type allows (``picklistFieldValues``)."""
        spec = self.org.spec(sobject)
        known = {t["id"] for t in spec.record_types} | {MASTER_RECORD_TYPE}
        if record_type not in known:
            return _errors(404, "NOT_FOUND", "The requested resource does not exist")
        base = f"{API}/ui-api/object-info/{sobject}/picklist-values/{record_type}"
        fields = {}
        for f in spec.fields:
            if f.type != "picklist":
                continue
            values = spec.values_for(record_type, f.name)
            fields[f.name] = {
                "controllerValues": {},
                "defaultValue": None,
                "eTag": hashlib.sha1(repr(values).encode()).hexdigest(),
                "url": f"{base}/{f.name}",
                "values": [
                    {"attributes": None, "label": v, "validFor": [], "value": v} for v in values
                ],
            }
        etag = hashlib.sha1(repr(sorted(fields)).encode()).hexdigest()
        return 200, {}, {"eTag": etag, "picklistFieldValues": fields}

    def _changed(self, sobject: str, deleted: bool, query: dict[str, str]) -> Reply:
        org = self.org
        org.spec(sobject)
        try:
            start = soql.parse_datetime(query["start"]).replace(second=0)
            end = soql.parse_datetime(query["end"]).replace(second=0)
        except (KeyError, ValueError):
            return _errors(400, "INVALID_REPLICATION_DATE", "start and end are required dates")
        covered = min(end, org.now().replace(second=0))
        rows = org.changed_ids(sobject, start, covered, deleted)
        if deleted:
            earliest = org.purged_before or org.started
            return (
                200,
                {},
                {
                    "deletedRecords": [
                        {"id": r["Id"], "deletedDate": r["SystemModstamp"]} for r in rows
                    ],
                    "earliestDateAvailable": stamp(earliest),
                    "latestDateCovered": stamp(covered),
                },
            )
        return 200, {}, {"ids": [r["Id"] for r in rows], "latestDateCovered": stamp(covered)}


def form_of(raw: bytes) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(raw.decode()).items()}


def dumps(body: Any) -> bytes:
    return json.dumps(body).encode()
