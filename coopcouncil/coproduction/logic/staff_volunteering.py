"""Staff volunteering days: each employee's yearly entitlement and what is left of it.

Days are taken in halves (a morning at a food bank is half a day). Days waiting for the
manager count against what is left, so two requests cannot together exceed the entitlement.
The year is the council's financial year, 1 April to 31 March.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

__all__ = ["days_problem", "days_remaining", "financial_year_of"]


def financial_year_of(day: date) -> tuple[date, date]:
    """The first and last day of the financial year ``day`` falls in."""
    start_year = day.year if day.month >= 4 else day.year - 1
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def days_remaining(*, entitlement: Decimal, taken_or_asked: Decimal) -> Decimal:
    return max(entitlement - taken_or_asked, Decimal(0))


def days_problem(*, days: Decimal, remaining: Decimal) -> str | None:
    """``days_not_halves`` for 0.3 of a day, ``days_over_entitlement`` past what is left."""
    if days <= 0 or (days * 2) % 1 != 0:
        return "days_not_halves"
    if days > remaining:
        return "days_over_entitlement"
    return None
