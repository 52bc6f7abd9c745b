"""The Local Leaders Programme rule for voting on budgets and grant awards.

Oldham's rule (2011): a councillor who attends fewer than 50 % of the programme
year's modules loses the right to vote on district partnership budgets and grant
awards and to allocate their individual councillor budget, until they meet it.
Specialised sessions (e.g. for partnership chairs) are not modules of the rule.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Eligibility:
    """Whether a councillor may vote on budgets and grant awards, and why."""

    is_eligible: bool
    modules_attended: int
    modules_required: int
    modules_total: int
    reason: str


def modules_required(total: int, *, minimum_percent: int) -> int:
    """Smallest number of modules that is not fewer than ``minimum_percent`` of ``total``.

    Integer arithmetic so 50 % of 6 is exactly 3, and of 5 is 3 (2 is 40 %).
    """
    return -(-total * minimum_percent // 100)


def eligibility_from_attendance(
    *, modules_attended: int, modules_total: int, minimum_percent: int, programme: str
) -> Eligibility:
    """Apply the rule to a councillor's attendance on the programme ``programme``."""
    required = modules_required(modules_total, minimum_percent=minimum_percent)
    if modules_attended >= required:
        reason = (
            f"Attended {modules_attended} of {modules_total} modules of {programme}"
            f" (at least {required} needed)."
        )
        return Eligibility(True, modules_attended, required, modules_total, reason)
    reason = (
        f"Attended {modules_attended} of {modules_total} modules of {programme}; at least"
        f" {required} ({minimum_percent} %) are needed to vote on budgets and grant awards"
        " or allocate a councillor budget."
    )
    return Eligibility(False, modules_attended, required, modules_total, reason)


def not_a_councillor() -> Eligibility:
    return Eligibility(False, 0, 0, 0, "Only serving councillors can vote on partnership budgets.")


def no_programme() -> Eligibility:
    return Eligibility(
        True, 0, 0, 0, "No Local Leaders Programme year has started, so no attendance is required."
    )
