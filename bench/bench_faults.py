"""The full fault storm against a real Tryton on 127.0.0.1 (issue 12).

    .venv/bin/python bench/bench_faults.py [--seed N] [--budget 100] [--rate 0.12]

Every kind of fault (refused or reset connections, dropped, cut or delayed answers, 5xx, 429
with seconds and with an HTTP date, a Wi-Fi page with status 200, JSON of the wrong shape, null
ids, result lists of the wrong length, empty lookups) is injected at least ``--budget`` times
while a rep keeps editing; then the proxy turns clean and the book must have converged. Prints
the seed, faults per kind and per call type, cycles, edits, and lost / duplicated / false
conflicts / wrongly parked / quarantined, which must all be 0. The bounded run of the same
storm is ``tests/e2e/test_fault_injection.py`` (CI).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring

from desktop.credentials import MemoryKeyring
from sync.tryton import server as crm_server
from tests.fault_storm import storm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=random.randrange(1_000_000))
    parser.add_argument("--budget", type=int, default=100, help="faults of every kind, at least")
    parser.add_argument("--rate", type=float, default=0.12, help="share of requests faulted")
    parser.add_argument("--max-seconds", type=float, default=1800.0)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fieldbook-test-cache"
    )
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())  # never the machine's keyring
    template = crm_server.build_template(args.cache)
    with tempfile.TemporaryDirectory(prefix="fieldbook-faults-") as tmp:
        server = crm_server.start_copy(template, Path(tmp) / "crm")
        try:
            tally = storm(
                Path(tmp), server, args.seed, args.budget, rate=args.rate,
                max_seconds=args.max_seconds,
            )  # fmt: skip
        finally:
            server.stop()
    print("\n".join(tally.lines()))
    bad = (tally.lost, tally.duplicated, tally.false_conflicts, tally.wrongly_parked,
           tally.quarantined)  # fmt: skip
    ok = not any(bad) and tally.position_ok and tally.session_ok and not tally.problems
    print("target (0 lost, 0 duplicated, 0 false conflicts, 0 parked, 0 held back):",
          "met" if ok else "NOT met")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
