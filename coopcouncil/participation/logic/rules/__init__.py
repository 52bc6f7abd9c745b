"""Counting rules for participatory budgeting, each a pure function of a `BallotProfile`.

Every rule reproduces pabutools 1.2.3 exactly (exact rationals, ties to the smallest project
id compared as text) and returns an `Outcome` that explains each project.
"""

from coopcouncil.participation.logic.rules.completion import mes_cost_completed
from coopcouncil.participation.logic.rules.equal_shares import mes_card, mes_cost
from coopcouncil.participation.logic.rules.greedy import greedy_card, greedy_cost
from coopcouncil.participation.logic.rules.phragmen import phragmen

__all__ = [
    "greedy_card",
    "greedy_cost",
    "mes_card",
    "mes_cost",
    "mes_cost_completed",
    "phragmen",
]
