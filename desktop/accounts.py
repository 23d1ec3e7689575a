"""Rules about an account as a whole: its tier."""

from __future__ import annotations

# Monthly recurring revenue, in cents, above which an account enters a tier.
STRATEGIC_MRR_CENTS = 5_000_000  # over $50k MRR
ENTERPRISE_MRR_CENTS = 1_500_000
GROWTH_MRR_CENTS = 300_000


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


__all__ = ["tier_for"]
