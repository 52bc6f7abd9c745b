"""Area figures derived from ward figures, weighted by population.

A district's or the borough's under-16 share, BME share, unemployment rate, life
expectancy and deprivation score are never typed in: they are the population-weighted
means of their wards, so the figures always agree with each other. Example: wards of
1,000 people at 10 % and 3,000 people at 30 % make a district of 4,000 at 25 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

WEIGHTED_FIGURES = (
    "under16_share",
    "bme_share",
    "unemployment_rate",
    "life_expectancy_male",
    "life_expectancy_female",
    "imd_score",
)


@dataclass(frozen=True)
class WardFigures:
    """One ward's published figures."""

    name: str
    population: int
    under16_share: Decimal
    bme_share: Decimal
    unemployment_rate: Decimal
    life_expectancy_male: Decimal
    life_expectancy_female: Decimal
    imd_score: Decimal


@dataclass(frozen=True)
class AreaFigures:
    """An area's figures, derived from its wards (population-weighted, one decimal place)."""

    population: int
    ward_count: int
    under16_share: Decimal
    bme_share: Decimal
    unemployment_rate: Decimal
    life_expectancy_male: Decimal
    life_expectancy_female: Decimal
    imd_score: Decimal

    def as_dict(self) -> dict:
        return {
            "population": self.population,
            "ward_count": self.ward_count,
            **{name: getattr(self, name) for name in WEIGHTED_FIGURES},
        }


def _weighted_mean(pairs: Sequence[tuple[int, Decimal]], places: Decimal) -> Decimal:
    total = sum(weight for weight, _ in pairs)
    if total == 0:
        return Decimal(0).quantize(places)
    mean = sum(Decimal(weight) * value for weight, value in pairs) / Decimal(total)
    return mean.quantize(places, rounding=ROUND_HALF_UP)


def aggregate_figures(wards: Iterable[WardFigures], places: str = "0.1") -> AreaFigures:
    """Derive an area's figures from its wards, weighting each by population.

    An area with no people gets zeros rather than a division error, so an empty
    district created by a boundary review still renders.
    """
    wards = list(wards)
    quantum = Decimal(places)
    values = {
        name: _weighted_mean([(w.population, getattr(w, name)) for w in wards], quantum)
        for name in WEIGHTED_FIGURES
    }
    return AreaFigures(population=sum(w.population for w in wards), ward_count=len(wards), **values)
