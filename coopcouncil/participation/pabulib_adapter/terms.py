"""What both directions of the adapter agree on: money units, constraint keys, rule names."""

from __future__ import annotations

from fractions import Fraction

from coopcouncil.participation.logic.pabulib import format_number, parse_number
from coopcouncil.participation.logic.process_terms import PLATFORM_BALLOT_TYPES
from coopcouncil.participation.models import BallotType, PBProcess

OFFICIAL = "official"
# Platform constraints and the META keys Pabulib files use for them.
CONSTRAINT_KEYS = {
    "min_projects": "min_length",
    "max_projects": "max_length",
    "max_total_cost_pence": "max_sum_cost",
    "points_to_spread": "max_sum_points",
    "max_points_per_project": "max_points",
}
MONEY_CONSTRAINTS = ("max_total_cost_pence",)


def units(pence: int) -> Fraction:
    """Pence (minor units) as exact currency units."""
    return Fraction(int(pence), 100)


def pence(amount: Fraction) -> int:
    """Exact currency units as pence; ValueError when the amount has a fraction of a penny."""
    scaled = Fraction(amount) * 100
    if scaled.denominator != 1:
        raise ValueError(f"{format_number(amount)} is not a whole number of pence")
    return int(scaled)


def number_or_none(text: str) -> Fraction | None:
    """A Pabulib number as an exact Fraction, or None when the text is not a number."""
    try:
        return parse_number(text)
    except (ValueError, ZeroDivisionError):
        return None


def meta_rule(process: PBProcess) -> str:
    """The META `rule` of the process: the city rule for `official`, else the rule's name."""
    return process.official_rule if process.rule == OFFICIAL else process.rule


def platform_ballot_types() -> tuple[str, ...]:
    """Ballot types a council can open on the platform (the others arrive only by import)."""
    return tuple(BallotType(name) for name in PLATFORM_BALLOT_TYPES)
