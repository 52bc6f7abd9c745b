"""Council policy for buying services, each a published rule changed by a council decision.

Set as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment; the defaults below
apply otherwise.
"""

from __future__ import annotations

import json
import os
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from coopcouncil.core.policy import policy_int, policy_str
from coopcouncil.procurement.logic.living_wage import PUBLISHED_RATES, LivingWageRate

RATES_SETTING = "COOPCOUNCIL_REAL_LIVING_WAGE_RATES"


def quotation_threshold_pence() -> int:
    """Below this a district manager may award after quotations; at or above, a tender."""
    return policy_int("COOPCOUNCIL_QUOTATION_THRESHOLD_PENCE", 2_500_000)


def minimum_social_value_weight() -> int:
    """The least weight, in percent, social value carries in any tender (default 10 %)."""
    return policy_int("COOPCOUNCIL_MINIMUM_SOCIAL_VALUE_WEIGHT", 10)


def ocid_prefix() -> str:
    """The council's OCDS ocid prefix (registered with the Open Contracting Partnership)."""
    return policy_str("COOPCOUNCIL_OCID_PREFIX", "ocds-coopcc")


def living_wage_area() -> str:
    """Which real Living Wage applies to the council's contracts: ``uk`` or ``london``."""
    return policy_str("COOPCOUNCIL_LIVING_WAGE_AREA", "uk", choices=("uk", "london"))


def living_wage_rates() -> tuple[LivingWageRate, ...]:
    """The dated table of real Living Wage rates (UK and London), newest announced last.

    A setting replaces the published table: a list of ``{"from": "2026-10-20", "uk_pence":
    1400, "london_pence": 1550}``, as a Python list in settings or JSON in the environment.
    """
    value = getattr(settings, RATES_SETTING, None) or os.environ.get(RATES_SETTING)
    if value is None:
        return PUBLISHED_RATES
    try:
        rows = json.loads(value) if isinstance(value, str) else value
        return tuple(
            LivingWageRate(
                effective_from=date.fromisoformat(row["from"]),
                uk_pence=int(row["uk_pence"]),
                london_pence=int(row["london_pence"]),
            )
            for row in rows
        )
    except (TypeError, ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"{RATES_SETTING} must be a list of "
            f'{{"from": "YYYY-MM-DD", "uk_pence": N, "london_pence": N}}: {error}'
        ) from None
