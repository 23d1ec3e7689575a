"""Rules about opportunities: which are open, what the pipeline is worth, weighted or not."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import entities as E

MAX_PER_STAGE = 100  # rows the pipeline screen lists per stage; its totals count every one


def is_open(stage: str | None) -> bool:
    """Not yet closed, won or lost."""
    return stage in E.OPEN_STAGES


def probability_of(opportunity: dict[str, Any]) -> int:
    """The rep's probability, or the stage's default when none is set."""
    probability = opportunity.get("probability")
    if probability is None:
        return E.STAGE_PROBABILITY.get(opportunity.get("stage") or "", 0)
    return int(probability)


def weighted_cents(amount_cents: int | None, probability: int) -> int:
    """Amount times probability in integer cents, rounded half up: sums never drift."""
    return ((amount_cents or 0) * probability + 50) // 100


def open_pipeline_cents(opportunities: Iterable[dict[str, Any]]) -> int:
    """The amount of the open opportunities among ``opportunities``."""
    return sum(o.get("amount_cents") or 0 for o in opportunities if is_open(o.get("stage")))


def weighted_pipeline_cents(opportunities: Iterable[dict[str, Any]]) -> int:
    """Sum of amount times probability over the open opportunities among ``opportunities``."""
    return sum(
        weighted_cents(o.get("amount_cents"), probability_of(o))
        for o in opportunities
        if is_open(o.get("stage"))
    )


def pipeline_by_stage(
    store, limit: int = MAX_PER_STAGE
) -> dict[str, tuple[list[dict[str, Any]], int, int]]:
    """Per open stage: (its first ``limit`` opportunities, how many, their open amount)."""
    grouped = store.opportunities_by_stage(limit=limit)
    totals = store.pipeline_totals()
    return {stage: (rows, *totals[stage]) for stage, rows in grouped.items()}


__all__ = [
    "is_open",
    "open_pipeline_cents",
    "pipeline_by_stage",
    "probability_of",
    "weighted_cents",
    "weighted_pipeline_cents",
]
