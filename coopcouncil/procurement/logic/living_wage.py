"""The real Living Wage rate in force on a date, UK-wide or in London.

The Living Wage Foundation publishes new rates each autumn; a tender's mandatory condition
is that staff and subcontractors are paid at least the rate in force. The council keeps the
published rates as a dated table (policy ``COOPCOUNCIL_REAL_LIVING_WAGE_RATES``) so a new
year's rate is a setting, not a code change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["PUBLISHED_RATES", "LivingWageRate", "living_wage_rate"]


@dataclass(frozen=True)
class LivingWageRate:
    """Hourly rates in pence from ``effective_from`` until the next rate takes over."""

    effective_from: date
    uk_pence: int
    london_pence: int

    def for_area(self, area: str) -> int:
        return self.london_pence if area == "london" else self.uk_pence


# Announced by the Living Wage Foundation: 2024-25 (22 October 2024) and 2025-26 (22 October
# 2025); accredited employers have until the following 1 May to pay them.
PUBLISHED_RATES: tuple[LivingWageRate, ...] = (
    LivingWageRate(date(2024, 10, 22), uk_pence=1260, london_pence=1385),
    LivingWageRate(date(2025, 10, 22), uk_pence=1345, london_pence=1480),
)


def living_wage_rate(rates: Sequence[LivingWageRate], on: date) -> LivingWageRate | None:
    """The rate in force ``on`` a date: the latest that took effect by then (None before any)."""
    in_force = [rate for rate in rates if rate.effective_from <= on]
    return max(in_force, key=lambda rate: rate.effective_from, default=None)
