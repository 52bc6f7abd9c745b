"""Neighbourhood standards: whether a month's figure meets the target."""

from __future__ import annotations

from decimal import Decimal


def standard_is_met(*, value: Decimal, target: Decimal, direction: str) -> bool:
    """ "at_least" standards are met at or above the target, "at_most" at or below it.

    >>> standard_is_met(value=Decimal("2.5"), target=Decimal(2), direction="at_most")
    False
    """
    return value >= target if direction == "at_least" else value <= target
