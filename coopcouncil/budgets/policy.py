"""Council policy for devolved money, each a published rule changed by a council decision.

Set as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment; the defaults below
apply otherwise.
"""

from dataclasses import fields

from coopcouncil.budgets.logic.autonomy import AutonomyThresholds
from coopcouncil.budgets.logic.ward_budgets import DEFAULT_WARD_BUDGET_PENCE
from coopcouncil.core.policy import policy_decimal_map, policy_int


def ward_budget_pence() -> int:
    """Each councillor's annual ward budget (Stevenage: £3,300 in three-member wards)."""
    return policy_int("COOPCOUNCIL_WARD_BUDGET_PENCE", DEFAULT_WARD_BUDGET_PENCE)


def autonomy_thresholds() -> AutonomyThresholds:
    """The benchmark bars agreed for negotiated autonomy (see ``logic.autonomy``).

    In the environment, a JSON object of the bars that differ from the defaults, e.g.
    ``COOPCOUNCIL_AUTONOMY_THRESHOLDS='{"pulse_survey_score": 65}'``.
    """
    agreed = policy_decimal_map(
        "COOPCOUNCIL_AUTONOMY_THRESHOLDS",
        {},
        keys=[bar.name for bar in fields(AutonomyThresholds)],
    )
    return AutonomyThresholds(**agreed)
