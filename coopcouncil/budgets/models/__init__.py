"""Devolved money: budget lines and their formulas, allocations, monitoring, autonomy, ward budgets.

Money is integer pence (``BigIntegerField``). Financial years are written "2026/27". Adopted
allocations are never edited: adopting a new formula publishes a new version beside the old.
One module per part of the money's life; import the models from here.
"""

from coopcouncil.budgets.models.allocations import (
    INDICATOR_CHOICES,
    WARD_INDICATORS,
    Allocation,
    AllocationFormula,
    AllocationRow,
    ServiceBudgetLine,
)
from coopcouncil.budgets.models.autonomy import (
    AutonomyRequest,
    AutonomyThreshold,
    LadderChallenge,
    LadderPlacement,
    LadderRung,
)
from coopcouncil.budgets.models.cost_centres import CostCentre
from coopcouncil.budgets.models.monitoring import Commitment, SpendImport, SpendRecord
from coopcouncil.budgets.models.ward_budgets import WardBudget, WardBudgetAllocation
from coopcouncil.budgets.models.ward_polls import WardPoll, WardPollOption, WardPollVote

__all__ = [
    "INDICATOR_CHOICES",
    "WARD_INDICATORS",
    "Allocation",
    "AllocationFormula",
    "AllocationRow",
    "AutonomyRequest",
    "AutonomyThreshold",
    "Commitment",
    "CostCentre",
    "LadderChallenge",
    "LadderPlacement",
    "LadderRung",
    "ServiceBudgetLine",
    "SpendImport",
    "SpendRecord",
    "WardBudget",
    "WardBudgetAllocation",
    "WardPoll",
    "WardPollOption",
    "WardPollVote",
]
