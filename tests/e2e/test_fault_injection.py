"""Issue 12: a storm of network and answer faults against the real Tryton, then convergence.

Bounded for CI (every kind of fault at least ``FIELDBOOK_FAULTS_BUDGET`` times, default 20;
``FIELDBOOK_FAULT_SEED`` repeats a run). A developer's run draws a new seed each time, to find
what no seed so far has; CI (``CI`` set) uses a seed known to pass unless one is given, so a
new finding reaches an issue rather than blocking every landing. ``bench/bench_faults.py`` runs
the full storm.
"""

from __future__ import annotations

import os
import random

from tests.fault_storm import KINDS, storm

CI_SEED = 11  # passed: seeds 4, 11, 12, 21 (budget 20) and 777 (budget 40, bench_faults.py)


def test_a_storm_of_faults_loses_duplicates_and_parks_nothing(tryton_server, tmp_path):
    default = CI_SEED if os.environ.get("CI") else random.randrange(1_000_000)
    seed = int(os.environ.get("FIELDBOOK_FAULT_SEED") or default)
    budget = int(os.environ.get("FIELDBOOK_FAULTS_BUDGET") or 20)
    tally = storm(tmp_path, tryton_server, seed, budget, max_seconds=160.0)
    # The tally is printed at the end of the run (tests/conftest.py, pytest_terminal_summary).
    assert all(tally.faults[k] >= budget for k in KINDS), tally.lines()
    assert tally.problems == [], tally.lines()
    assert (tally.lost, tally.duplicated, tally.false_conflicts) == (0, 0, 0), tally.lines()
    assert (tally.wrongly_parked, tally.quarantined) == (0, 0), tally.lines()
    assert tally.position_ok and tally.session_ok, tally.lines()
