"""A tiny JSON-RPC server on 127.0.0.1 that answers like a Tryton database WITHOUT our module:
sign-in works, ``party.party`` has no ``fieldbook_uuid``. For the "module not activated" test."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        method = body["method"]
        if method == "common.db.login":
            result: object = [1, "token", None]
        elif method.endswith(".fields_get"):
            result = {"name": {"type": "char"}}
        else:
            result = []
        data = json.dumps({"id": body["id"], "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class TrytonWithoutModule:
    def __enter__(self) -> TrytonWithoutModule:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
