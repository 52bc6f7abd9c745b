"""The social productivity test of a service (after the RSA's "social productivity" and the
Co-operative Councils Innovation Network): four questions, each rated 1–5 with evidence."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# The four questions, by field prefix, in the order published; the words residents read
# are ``models.principles.PRODUCTIVITY_QUESTIONS`` (translated).
QUESTIONS: tuple[str, ...] = ("social_value", "autonomy", "resources", "networks")
RATINGS = range(1, 6)


@dataclass(frozen=True)
class ProductivityScore:
    mean: Decimal
    weakest: str


def productivity_score(ratings: dict[str, int]) -> ProductivityScore:
    """The mean of the four ratings (one decimal) and the question rated lowest (the first
    of equals, in published order), where the service should change first.

    >>> productivity_score({"social_value": 4, "autonomy": 2, "resources": 3, "networks": 2})
    ProductivityScore(mean=Decimal('2.8'), weakest='autonomy')
    """
    values = [ratings[key] for key in QUESTIONS]
    mean = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    weakest = min(QUESTIONS, key=lambda question: ratings[question])
    return ProductivityScore(mean, weakest)
