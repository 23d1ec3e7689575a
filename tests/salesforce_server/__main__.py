"""``python -m tests.salesforce_server [--port N] [--callback URL ...]``: serve an org until
stopped; prints ``READY <url>`` once it listens (the demo and the crash test wait for it)."""

from __future__ import annotations

import argparse
import sys

from .server import SalesforceServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--callback", action="append", default=[])
    args = parser.parse_args()
    server = SalesforceServer(args.port, tuple(args.callback))
    print(f"READY {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
