"""Participation at scale: rates per 1,000 residents and how they sit against deprivation.

Pure arithmetic over counts the selectors have already made in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def per_thousand(count: int, population: int) -> Decimal | None:
    """``count`` per 1,000 of ``population`` to one decimal place; None without a population.

    >>> per_thousand(37, 12_345)
    Decimal('3.0')
    """
    if population <= 0:
        return None
    return (Decimal(count) * 1000 / Decimal(population)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def share_percent(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` as a whole percentage; None when there is no whole."""
    if whole <= 0:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class WardRate:
    """One ward's participation for the deprivation comparison."""

    ward: str
    imd_score: Decimal
    rate: Decimal | None


@dataclass(frozen=True)
class DeprivationGap:
    """Participation in the most deprived half of wards against the least deprived half.

    ``ratio`` above 1 means residents of more deprived wards take part more, per head.
    """

    more_deprived_rate: Decimal | None
    less_deprived_rate: Decimal | None
    ratio: Decimal | None


def deprivation_gap(rows: list[WardRate]) -> DeprivationGap:
    """Compare the mean rate of the more deprived half of wards (higher IMD score) with the
    less deprived half. With an odd number of wards, the middle ward joins neither half.

    >>> deprivation_gap([WardRate("a", Decimal(40), Decimal(20)),
    ...                  WardRate("b", Decimal(10), Decimal(10))]).ratio
    Decimal('2.00')
    """
    rated = sorted((r for r in rows if r.rate is not None), key=lambda r: r.imd_score)
    half = len(rated) // 2
    if half == 0:
        return DeprivationGap(None, None, None)
    less = _mean([r.rate for r in rated[:half] if r.rate is not None])
    more = _mean([r.rate for r in rated[-half:] if r.rate is not None])
    ratio = (more / less).quantize(Decimal("0.01"), ROUND_HALF_UP) if less else None
    return DeprivationGap(more, less, ratio)


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)
