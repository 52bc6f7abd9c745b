"""The terms a tender must meet before it is published.

The evaluation weights for price, quality and social value are whole percentages that sum to
100, and social value carries at least the council's minimum (policy, default 10 %) — "every
pound buys social value". Quality criteria carry their own weights, summing to 100 within
quality. A tender has at least one lot and a deadline in the future.

Worked example: price 50, quality 35, social value 15, minimum 10 → no problems; price 60,
quality 35, social value 5 → ``social_value_weight_below_minimum``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from coopcouncil.procurement.logic.problems import Problem

__all__ = ["tender_terms_problems"]


def tender_terms_problems(
    *,
    price_weight: int,
    quality_weight: int,
    social_value_weight: int,
    minimum_social_value_weight: int,
    criteria_weights: Sequence[int],
    lot_count: int,
    deadline: datetime,
    now: datetime,
) -> list[Problem]:
    """Every rule the tender's terms break, in form order; empty means it may be published."""
    problems = []
    weights = (price_weight, quality_weight, social_value_weight)
    if any(weight < 0 or weight > 100 for weight in weights):
        problems.append(
            Problem("weight_out_of_range", "price_weight", "Each weight is between 0 and 100 %.")
        )
    elif sum(weights) != 100:
        problems.append(
            Problem(
                "weights_do_not_sum",
                "price_weight",
                f"Price, quality and social value weights must add up to 100 %; "
                f"they add up to {sum(weights)} %.",
            )
        )
    if social_value_weight < minimum_social_value_weight:
        problems.append(
            Problem(
                "social_value_weight_below_minimum",
                "social_value_weight",
                f"Social value must carry at least {minimum_social_value_weight} % "
                f"of the evaluation.",
            )
        )
    if quality_weight > 0 and not criteria_weights:
        problems.append(
            Problem("criteria_required", "criteria", "Give at least one quality criterion.")
        )
    elif criteria_weights and (
        any(weight <= 0 for weight in criteria_weights) or sum(criteria_weights) != 100
    ):
        problems.append(
            Problem(
                "criteria_weights_do_not_sum",
                "criteria",
                f"Quality criteria weights must be positive and add up to 100 %; "
                f"they add up to {sum(criteria_weights)} %.",
            )
        )
    if lot_count < 1:
        problems.append(Problem("lots_required", "lots", "Give the tender at least one lot."))
    if deadline <= now:
        problems.append(
            Problem("deadline_in_past", "deadline", "The deadline must be in the future.")
        )
    return problems
