"""Council policy for devolved money, each a published rule changed by a council decision.

Set in Django settings as ``COOPCOUNCIL_<NAME>``; the defaults below apply otherwise.
"""

from decimal import Decimal

from django.conf import settings

from coopcouncil.budgets.logic.autonomy import AutonomyThresholds
from coopcouncil.budgets.logic.ward_budgets import DEFAULT_WARD_BUDGET_PENCE


def ward_budget_pence() -> int:
    """Each councillor's annual ward budget (Stevenage: £3,300 in three-member wards)."""
    return int(getattr(settings, "COOPCOUNCIL_WARD_BUDGET_PENCE", DEFAULT_WARD_BUDGET_PENCE))


def autonomy_thresholds() -> AutonomyThresholds:
    """The benchmark bars agreed for negotiated autonomy (see ``logic.autonomy``)."""
    agreed = getattr(settings, "COOPCOUNCIL_AUTONOMY_THRESHOLDS", {})
    return AutonomyThresholds(**{key: Decimal(str(value)) for key, value in agreed.items()})
