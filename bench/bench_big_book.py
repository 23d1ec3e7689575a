"""The biggest books side by side: 50,000 and 150,000 accounts (1.2 M and 3.6 M records).

    .venv/bin/python bench/bench_big_book.py [--books 50000 150000] [--runs 20] [--no-ui] [--no-sync]
                                             [--encryption]

Each book is built once by ``bench_store.py``'s builder and cached in ``bench/out/`` (the
150,000-account book takes a few minutes and 2.4 GB). For every book, in one run:

- store open (a new process each time);
- the accounts list: first page (100 rows) of every sort, both directions;
- filters: city, tier, owner and text (a rare word, a common word, two letters);
- search p95 for rare, common and prefix terms;
- the window (``bench_ui.py`` in a new process): shown, accounts list filled, RSS;
- first sync from the in-memory connector as a ratio of a raw insert of the same rows
  (``bench_sync.py`` in a new process).

``--encryption`` measures the SQLCipher-encrypted twin of each book instead (made once by
``store_encryption.encrypted_copy``, the first-start migration, timed; the key in a file
keyring in ``bench/out`` that the child processes share), against the same targets.

Targets (issue 17): every sort's first page < 20 ms p95; filters < 30 ms p95; search < 10 ms
p95; window shown and list filled < 1 s from start; RSS < 400 MB; first sync >= 50% of raw.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_store import OUT, build, percentile, search_terms
from store_encryption import ENCRYPTED, PLAIN, encrypted_copy, use_bench_keyring
from store_open import open_ms

from desktop.account_list import SORT_KEYS
from desktop.queries import AccountFilter
from desktop.store import Store

TARGETS = {"sort": 20.0, "filter": 30.0, "search": 10.0, "ui": 1000.0, "rss": 400.0, "sync": 0.5}
NOTES_PER_ACCOUNT = 10


def book_path(accounts: int, seed: int = 7) -> Path:
    path = OUT / f"store-a{accounts}-n{accounts * NOTES_PER_ACCOUNT}-s{seed}.sqlite"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"building {path.name} ...", flush=True)
        build(path, accounts, accounts * NOTES_PER_ACCOUNT, seed)
    return path


def p95(fn, runs: int) -> tuple[float, float]:
    """(CPU p95, wall-clock p95) in ms. Targets are read against CPU time: on a shared machine
    the wall clock measures the neighbours; on a quiet one the two agree for these reads."""
    fn()  # the first read of a page warms the cache, as the window's first paint does
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.thread_time(), time.perf_counter()
        fn()
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return percentile(cpu, 95), percentile(wall, 95)


def text_terms(store: Store) -> dict[str, str]:
    """A word in a handful of account names, a common one, and two letters, from the book."""
    names = [r[0] for r in store.db.execute("SELECT name FROM accounts ORDER BY seq LIMIT 5000")]
    words: dict[str, int] = {}
    for name in names:
        for word in re.findall(r"[A-Za-z]{5,}", name):
            words[word] = words.get(word, 0) + 1
    ranked = sorted(words, key=lambda w: (words[w], w))
    return {"rare word": ranked[0], "common word": ranked[-1], "two letters": ranked[-1][:2]}


def measure_book(
    accounts: int, runs: int, ui: bool, sync: bool, encrypted: bool = False
) -> dict[str, Any]:
    path = book_path(accounts)
    figures: dict[str, Any] = {}
    if encrypted:
        path, seconds = encrypted_copy(path)
        if seconds is not None:
            figures["encrypted in place (first start) s"] = seconds
    variant = "encrypted" if encrypted else "plain"
    figures["open median ms"] = open_ms({variant: path}, ROOT, "store", runs=5)[variant][0]
    store = Store.open(path, ENCRYPTED if encrypted else PLAIN)
    empty = AccountFilter()
    for key in SORT_KEYS:
        for descending in (False, True):
            figures[f"sort {key} {'desc' if descending else 'asc'}"] = p95(
                lambda key=key, descending=descending: store.account_page(
                    empty, key, descending, None, 100
                ),
                runs,
            )
    city = store.db.execute(
        "SELECT city FROM accounts GROUP BY city ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    owners = [
        r[0]
        for r in store.db.execute(
            "SELECT owner FROM accounts GROUP BY owner ORDER BY count(*) DESC"
        ).fetchall()
    ]
    filters = {
        f"filter city {city}": AccountFilter(city=city),
        "filter tier strategic": AccountFilter(tier="strategic"),
        f"filter owner {owners[0]} (most)": AccountFilter(owner=owners[0]),
        f"filter owner {owners[-1]} (fewest)": AccountFilter(owner=owners[-1]),
    }
    for label, term in text_terms(store).items():
        filters[f"filter text {label} '{term}'"] = AccountFilter(text=term)
    for label, flt in filters.items():
        figures[label] = p95(
            lambda flt=flt: store.account_page(flt, "name", False, None, 100), runs
        )
        figures[label + ", by MRR"] = p95(
            lambda flt=flt: store.account_page(flt, "mrr_cents", True, None, 100), runs
        )
    terms = search_terms(store, random.Random(3), runs)
    for kind, words in terms.items():
        cpu, wall = [], []
        for word in words:
            c, w = time.thread_time(), time.perf_counter()
            store.search(word)
            cpu.append((time.thread_time() - c) * 1000)
            wall.append((time.perf_counter() - w) * 1000)
        figures[f"search {kind}"] = (percentile(cpu, 95), percentile(wall, 95))
    store.close()
    if ui:
        figures.update(_ui_figures(path, encrypted))
    if sync:
        figures.update(_sync_figures(accounts, encrypted))
    return figures


def _child_env(encrypted: bool) -> dict[str, str]:
    # Plain stays plain: the window would otherwise encrypt the cached book on open.
    return {**os.environ, "FIELDBOOK_STORE_ENCRYPTION": "1" if encrypted else "0"}


def _ui_figures(path: Path, encrypted: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_ui.py"), "--store", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=_child_env(encrypted),
    ).stdout
    found = {}
    for label, pattern in (
        ("list filled since start ms", r"accounts list filled .*?\((\d+) ms since the process"),
        ("list filled, CPU of the process ms", r"accounts list filled .*?CPU (\d+) ms"),
        ("RSS MB", r"RSS with the book open\s+(\d+) MB"),
    ):
        match = re.search(pattern, out)
        found[label] = float(match.group(1)) if match else float("nan")
    return found


def _sync_figures(accounts: int, encrypted: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_sync.py"), "--accounts", str(accounts)],
        capture_output=True,
        text=True,
        check=False,
        env=_child_env(encrypted),
    ).stdout
    match = re.search(r"sync/raw ratio ([\d.]+)", out)
    rate = re.search(r"= ([\d,]+) records/s", out)
    return {
        "first sync records/s": float(rate.group(1).replace(",", "")) if rate else float("nan"),
        "first sync / raw insert": float(match.group(1)) if match else float("nan"),
    }


def target_of(label: str) -> tuple[float, bool] | None:
    """The target for a figure and whether it is a floor (higher is better)."""
    if label.startswith("sort "):
        return TARGETS["sort"], False
    if label.startswith("filter "):
        return TARGETS["filter"], False
    if label.startswith("search "):
        return TARGETS["search"], False
    if label.endswith("since start ms") or label.startswith("list filled, CPU"):
        return TARGETS["ui"], False
    if label == "RSS MB":
        return TARGETS["rss"], False
    if label == "first sync / raw insert":
        return TARGETS["sync"], True
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, nargs="+", default=[50_000, 150_000])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-ui", action="store_true")
    parser.add_argument("--no-sync", action="store_true")
    parser.add_argument("--encryption", action="store_true", help="the SQLCipher twin of each book")
    args = parser.parse_args()
    use_bench_keyring(OUT)
    results = {
        n: measure_book(n, args.runs, not args.no_ui, not args.no_sync, args.encryption)
        for n in args.books
    }
    labels = list(dict.fromkeys(label for figures in results.values() for label in figures))
    header = f"{'':58s}" + "".join(f"{f'{n:,} accounts':>18s}" for n in args.books) + "  target"
    print(header)
    missed = []
    print("(timed reads: CPU p95 / wall p95 in ms; targets apply to CPU time)")
    for label in labels:
        cells = ""
        target = target_of(label)
        for n in args.books:
            value = results[n].get(label, float("nan"))
            if isinstance(value, tuple):
                cells += f"{value[0]:9.2f} /{value[1]:7.2f}"
                value = value[0]
            else:
                cells += f"{value:18.2f}"
            if target and value == value:
                limit, floor = target
                if (value < limit) if floor else (value >= limit):
                    missed.append(f"{label} on {n:,}")
        goal = "" if target is None else f"  {'>=' if target[1] else '<'} {target[0]:g}"
        print(f"{label[:58]:58s}{cells}{goal}")
    print("targets: " + ("all met" if not missed else "missed: " + "; ".join(missed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
