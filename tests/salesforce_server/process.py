"""The test server in its own process (``python -m tests.salesforce_server``), driven over
HTTP: what the demo and the crash test use (killing a client never touches the org)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent.parent


class ServerProcess:
    def __init__(self, port: int = 0, callbacks: tuple[str, ...] = ()):
        args = [sys.executable, "-m", "tests.salesforce_server", "--port", str(port)]
        for url in callbacks:
            args += ["--callback", url]
        self.proc = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.startswith("READY "):
            self.proc.kill()
            raise RuntimeError(f"the Salesforce-dialect server did not start: {line!r}")
        self.url = line.split(" ", 1)[1]
        self.port = int(self.url.rsplit(":", 1)[1])

    def switch(self, name: str, **args) -> Any:
        reply = requests.post(f"{self.url}/_test/{name}", json=args, timeout=30)
        reply.raise_for_status()
        return reply.json()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
