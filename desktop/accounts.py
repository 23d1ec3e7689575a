"""Rules about an account as a whole: its tier, when its business review is coming up."""

from __future__ import annotations

# Monthly recurring revenue, in cents, above which an account enters a tier.
STRATEGIC_MRR_CENTS = 5_000_000  # over $50k MRR
ENTERPRISE_MRR_CENTS = 1_500_000
GROWTH_MRR_CENTS = 300_000

# A business review this many days ahead (or fewer) is coming up: Today lists it, and the brief
# counts it as booked instead of suggesting one.
REVIEW_SOON_DAYS = 30


def tier_for(mrr_cents: int | None) -> str:
    """The tier an account's MRR puts it in (strategic: over $50k a month)."""
    mrr = mrr_cents or 0
    if mrr > STRATEGIC_MRR_CENTS:
        return "strategic"
    if mrr > ENTERPRISE_MRR_CENTS:
        return "enterprise"
    if mrr > GROWTH_MRR_CENTS:
        return "growth"
    return "standard"


def review_is_soon(days_to_review: int | None) -> bool:
    """The next business review is today or within ``REVIEW_SOON_DAYS``."""
    return days_to_review is not None and 0 <= days_to_review <= REVIEW_SOON_DAYS


__all__ = ["REVIEW_SOON_DAYS", "review_is_soon", "tier_for"]
