"""How fast the store refuses (or takes) the largest and most hostile inputs (issue 12).

    .venv/bin/python bench/bench_validation.py [--runs 20]

For each case (10 MB of text in a short field and in a long one, a 32,764-character e-mail
address, 10**400, 1e309, NaN, lone surrogates, an offset at year 9999, a 100,000-character
accounts filter) prints the p50 and worst time of validating it (and, for the filter, of the
accounts-list query), and whether the worst stays under the 100 ms target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import account_list
from desktop import entities as E
from desktop.store import Store
from desktop.validation import ValidationError, validate

TARGET = 0.100

CASES = [
    ("10 MB in a name", E.ACCOUNT, "name", "x" * 10_000_000),
    ("10 MB in a description", E.ACCOUNT, "description", "x" * 10_000_000),
    ("1 MB in a description (taken)", E.ACCOUNT, "description", "word " * 200_000),
    ("32,764-character e-mail", E.CONTACT, "email", "a" * 32_764 + "@"),
    ("10 MB e-mail", E.CONTACT, "email", "a" * 10_000_000 + "@example.com"),
    ("10**400 as MRR", E.ACCOUNT, "mrr_cents", 10**400),
    ("1e309 as NPS", E.ACCOUNT, "nps", 1e309),
    ("NaN as probability", E.OPPORTUNITY, "probability", float("nan")),
    ("a lone surrogate in a city", E.ACCOUNT, "city", "Lyon \ud800"),
    ("an offset at year 9999", E.NOTE, "occurred_at", "9999-12-31T23:30:00-05:00"),
    ("10 MB of digits as an amount", E.OPPORTUNITY, "amount_cents", "9" * 10_000_000),
]


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    ok = True
    print(f"{'case':40} {'p50 ms':>8} {'worst ms':>9}  outcome")
    for label, entity, name, value in CASES:
        outcome = "taken"

        def check(entity=entity, name=name, value=value) -> None:
            nonlocal outcome
            try:
                validate(entity, {name: value}, existing={})
            except ValidationError as exc:
                outcome = "refused: " + exc.errors[name][:40]

        p50, worst = timed(check, args.runs)
        ok &= worst < TARGET
        print(f"{label:40} {p50 * 1000:8.2f} {worst * 1000:9.2f}  {outcome}")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "b.sqlite")
        store.create_many("accounts", [{"name": f"Account {i}"} for i in range(2000)])
        for label, text in (("filter of 100,000 characters", "x" * 100_000),
                            ("filter of 60,000 %", "%" * 60_000),
                            ("filter with a NUL", "a\x00b")):  # fmt: skip
            p50, worst = timed(
                lambda text=text: account_list.page(
                    store.db, account_list.AccountFilter(text=text)
                ),
                args.runs,
            )
            ok &= worst < TARGET
            print(f"{label:40} {p50 * 1000:8.2f} {worst * 1000:9.2f}  no rows")
        store.close()
    print("target (worst under 100 ms):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
