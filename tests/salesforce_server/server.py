"""The Salesforce-dialect test server: a real HTTP server on 127.0.0.1 in a thread (tests) or
its own process (``python -m tests.salesforce_server``: the demo and the crash test).

Besides the org's own endpoints, ``POST /_test/<switch>`` with a JSON body flips the test
switches (faults, the clock, another user's edits); a real org has no such door.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .api import Api, dumps, form_of
from .org import Org

RETRY_AFTER = "Retry-After"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format, *args):  # quiet: tests read the org, not the log
        pass

    def date_time_string(self, timestamp=None):
        """The ``Date`` header on the org's own clock (``Org.advance`` moves it), as a real org
        answers with its time, not the laptop's."""
        if timestamp is None:
            timestamp = self.server.org.now().timestamp()
        return super().date_time_string(timestamp)

    def setup(self):
        super().setup()
        # One answer is written in two sends (head, body): without this, Nagle's algorithm and
        # the client's delayed ACK add 40 ms to every call.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.connections.add(self.connection)

    def finish(self):
        self.server.connections.discard(self.connection)
        super().finish()

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, headers: dict[str, str], body: Any) -> None:
        org = self.server.org
        if isinstance(body, bytes):
            payload, ctype = body, headers.pop("Content-Type", "application/octet-stream")
        elif isinstance(body, str):
            payload, ctype = body.encode(), headers.pop("Content-Type", "text/plain")
        elif body is None:
            payload, ctype = b"", ""
        else:
            payload, ctype = dumps(body), "application/json;charset=UTF-8"
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Sforce-Limit-Info", org.limit_info())
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _handle(self, method: str) -> None:
        org = self.server.org
        api = self.server.api
        raw = self._body()
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/")
        if path.startswith("/_test/"):
            self._send(
                200, {}, self.server.switch(path[len("/_test/") :], json.loads(raw or b"{}"))
            )
            return
        if path == "/services/oauth2/authorize" and method == "GET":
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            self._send(*api.authorize(query))
            return
        if path == "/services/oauth2/token" and method == "POST":
            host = self.headers.get("Host")
            self._send(*api.token(form_of(raw), f"http://{host}" if host else None))
            return
        if path == "/services/oauth2/revoke" and method == "POST":
            self._send(*api.revoke(form_of(raw)))
            return
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else ""
        with org.lock:
            known = token in org.access
        if not known:
            self._send(
                401,
                {},
                [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}],
            )
            return
        with org.lock:
            faults = org.faults
            if faults.unavailable > 0:
                faults.unavailable -= 1
                self._send(
                    503,
                    {RETRY_AFTER: str(faults.retry_after)},
                    [
                        {
                            "message": "Server temporarily unavailable",
                            "errorCode": "SERVER_UNAVAILABLE",
                        }
                    ],
                )
                return
            if faults.rate_limited > 0 or not org.count_call():
                faults.rate_limited = max(0, faults.rate_limited - 1)
                self._send(
                    403,
                    {RETRY_AFTER: str(faults.retry_after)},
                    [
                        {
                            "message": "TotalRequests Limit exceeded.",
                            "errorCode": "REQUEST_LIMIT_EXCEEDED",
                        }
                    ],
                )
                return
            org.purge()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            self._send(
                400, {}, [{"message": "Unexpected character", "errorCode": "JSON_PARSER_ERROR"}]
            )
            return
        headers = {k: v for k, v in self.headers.items()}
        self._send(*api.rest(method, self.path, headers, body))

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PATCH(self):
        self._handle("PATCH")

    def do_DELETE(self):
        self._handle("DELETE")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    connections: set
    org: Org
    api: Api

    def switch(self, name: str, args: dict) -> Any:
        org = self.org
        with org.lock:
            if name == "expire_sessions":
                org.expire_sessions()
            elif name == "revoke_refresh_tokens":
                org.revoke_refresh_tokens()
            elif name == "advance":
                org.advance(float(args["seconds"]))
            elif name == "fault":
                for key, value in args.items():
                    setattr(org.faults, key, value)
            elif name == "set":
                for key, value in args.items():
                    setattr(org, key, value)
            elif name == "callback":
                org.callbacks.add(args["url"])
            elif name == "record_types":  # {sobject, types: [{id, name, ..., values}]}
                org.install_record_types(args["sobject"], args["types"])
            elif name == "edit":  # another user of the org
                org.update(args["id"], args["values"])
            elif name == "create":
                return {"id": org.create(args["sobject"], args["values"])}
            elif name == "delete":
                org.delete(args["id"])
            elif name == "find":
                return [
                    {k: v for k, v in r.items() if not k.startswith("_")}
                    for r in org.records.values()
                    if r["_type"] == args["sobject"]
                    and all(r.get(k) == v for k, v in args.get("where", {}).items())
                ]
            elif name == "load_demo_book":
                from desktop.demo import generate_book

                from .book import load_book

                book = generate_book(seed=int(args.get("seed", 7)), accounts=int(args["accounts"]))
                return {"records": load_book(org, book)}
            elif name == "stats":
                return {"api_used": org.api_used, "records": len(org.records)}
            else:
                return {"error": f"unknown switch {name}"}
        return {"ok": True}


class SalesforceServer:
    """``SalesforceServer().start()`` serves a fresh org; ``url`` is its login and instance URL."""

    def __init__(self, port: int = 0, callbacks: tuple[str, ...] = ()):
        self.org = Org(callbacks=set(callbacks))
        self._httpd = self._bind(port)
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.org.base_url = self.url
        self._thread: threading.Thread | None = None
        self.running = False

    def _bind(self, port: int) -> _Server:
        _Server.allow_reuse_address = True
        httpd = _Server(("127.0.0.1", port), _Handler)
        httpd.connections = set()
        httpd.org = self.org
        httpd.api = Api(self.org)
        return httpd

    def start(self) -> SalesforceServer:
        """Serve (again, after ``stop``: the same org on the same port)."""
        if self._thread is not None:
            self._httpd = self._bind(self.port)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self.running = True
        return self

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def switch(self, name: str, **args) -> Any:
        """Flip a test switch directly (same as ``POST /_test/<name>``)."""
        return self._httpd.switch(name, args)

    def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        self._httpd.shutdown()
        self._httpd.server_close()
        for conn in list(self._httpd.connections):  # kept-alive connections end too
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(5)

    def sfid(self, sobject: str, uuid: str) -> str:
        """The Salesforce Id of the live record carrying client UUID ``uuid``."""
        with self.org.lock:
            [found] = [
                r["Id"]
                for r in self.org.records.values()
                if r["_type"] == sobject
                and not r["IsDeleted"]
                and r.get("Fieldbook_UUID__c") == uuid
                and r.get("IsLatest", True) is not False
            ]
        return found

    def count(self, sobject: str, uuid: str) -> int:
        """Live records of ``sobject`` with client UUID ``uuid`` (notes: documents)."""
        with self.org.lock:
            return len(
                {
                    r.get("ContentDocumentId") or r["Id"]
                    for r in self.org.records.values()
                    if r["_type"] == sobject
                    and not r["IsDeleted"]
                    and r.get("Fieldbook_UUID__c") == uuid
                }
            )
