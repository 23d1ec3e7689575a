"""A small HTTP proxy on 127.0.0.1 that can lose, delay or cut the CRM's answers.

It forwards each request to the real server and then, as told, passes the answer on, drops
it (the server did the work, the client never hears), cuts it half way, delays it, or refuses
the request before forwarding (the server never sees it). Each connection carries one
request (``Connection: close``), so every request is seen and can be targeted.
"""

from __future__ import annotations

import gzip
import http.client
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Fault:
    mode: str  # drop_response | cut_response | delay | refuse | reset | status | rewrite
    match: bytes = b""  # only requests whose body contains this
    count: int = 1
    seconds: float = 0.0
    status: int = 0  # mode "status": answer this status (with ``headers``, ``body``) instead
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    forward: bool = True  # "status": whether the server still gets the request first
    rewrite: Callable[[bytes], bytes] | None = None  # mode "rewrite": the answer's new body


class LoopbackProxy:
    """``with LoopbackProxy(upstream_port) as proxy: proxy.url``; add faults with ``fail``."""

    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.faults: list[Fault] = []
        self.log: list[tuple[str, bytes]] = []  # (what happened, request body)
        self._lock = threading.Lock()
        # Called for each request without a targeted fault: the fault to inject, or None.
        self.chaos: Callable[[bytes], Fault | None] | None = None
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                proxy._serve(self.rfile, self.connection)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail(self, mode: str, match: bytes | str = b"", count: int = 1, seconds: float = 0.0):
        if isinstance(match, str):
            match = match.encode()
        with self._lock:
            self.faults.append(Fault(mode, match, count, seconds))

    def _fault_for(self, body: bytes) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.count > 0 and fault.match in body:
                    fault.count -= 1
                    return fault
            chaos = self.chaos
        return chaos(body) if chaos is not None else None

    def _serve(self, rfile, conn: socket.socket) -> None:
        request_line = rfile.readline(65537).decode("latin-1").strip()
        if not request_line:
            return
        method, path, _ = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        while True:
            line = rfile.readline(65537).decode("latin-1")
            if line in ("\r\n", "\n", ""):
                break
            name, _, value = line.partition(":")
            headers[name.strip()] = value.strip()
        length = int(headers.get("Content-Length") or 0)
        body = rfile.read(length) if length else b""
        fault = self._fault_for(body)
        if fault and fault.mode == "refuse":
            self.log.append(("refused", body))
            conn.close()
            return
        if fault and fault.mode == "status" and not fault.forward:
            self.log.append((f"status {fault.status}", body))
            self._answer(conn, fault.status, fault.headers, fault.body)
            return
        upstream = http.client.HTTPConnection(*self.upstream, timeout=120)
        forward = {
            k: v
            for k, v in headers.items()
            if k.lower() not in ("connection", "keep-alive", "proxy-connection")
        }
        try:
            upstream.request(method, path, body=body, headers=forward)
            reply = upstream.getresponse()
            payload = reply.read()
        except OSError:
            self.log.append(("upstream down", body))
            conn.close()
            return
        finally:
            upstream.close()
        head = [f"HTTP/1.1 {reply.status} {reply.reason}"]
        for name, value in reply.getheaders():
            if name.lower() not in (
                "connection",
                "content-length",
                "transfer-encoding",
                "keep-alive",
            ):
                head.append(f"{name}: {value}")
        head += [f"Content-Length: {len(payload)}", "Connection: close", "", ""]
        raw = "\r\n".join(head).encode("latin-1") + payload
        if fault and fault.mode == "status":
            self.log.append((f"status {fault.status}", body))
            self._answer(conn, fault.status, fault.headers, fault.body)
            return
        if fault and fault.mode == "rewrite" and fault.rewrite is not None:
            self.log.append(("rewritten", body))
            if (reply.getheader("Content-Encoding") or "").lower() == "gzip":
                payload = gzip.decompress(payload)
            self._answer(conn, 200, (("Content-Type", "application/json"),), fault.rewrite(payload))
            return
        if fault and fault.mode == "reset":
            self.log.append(("reset", body))
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            return
        if fault and fault.mode == "drop_response":
            self.log.append(("dropped", body))
            conn.close()
            return
        if fault and fault.mode == "cut_response":
            self.log.append(("cut", body))
            conn.sendall(raw[: max(1, len(raw) // 2)])
            conn.close()
            return
        if fault and fault.mode == "delay":
            self.log.append(("delayed", body))
            time.sleep(fault.seconds)
        else:
            self.log.append(("passed", body))
        try:
            conn.sendall(raw)
        except OSError:
            pass

    @staticmethod
    def _answer(conn: socket.socket, status: int, headers, body: bytes) -> None:
        head = [f"HTTP/1.1 {status} Fault"]
        head += [f"{k}: {v}" for k, v in headers]
        head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
        try:
            conn.sendall("\r\n".join(head).encode("latin-1") + body)
        except OSError:
            pass
        conn.close()

    def start(self) -> LoopbackProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LoopbackProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
