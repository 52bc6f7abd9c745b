"""Tender scoring: price, quality and social value, weighted, with every step explained.

How a bid is scored (the council's published method):

- **Price**: ``price weight × lowest price ÷ bid price``; the cheapest bid gets the full weight.
- **Social value**: the bid's offer is worth ``Σ quantity × proxy value`` (the measures
  catalogue's £ per unit); ``social value weight × offer ÷ best offer``. When no bid offers
  anything, every bid scores 0.
- **Quality**: each criterion is scored 0–5 by the panel and moderated (``quality_moderated``);
  ``quality weight × Σ (criterion weight % × moderated score ÷ 5)``.

Arithmetic is exact (``fractions.Fraction``) so the order the bids arrive in cannot change a
score, and equal totals are equal: ties are reported, never broken silently — the award
decision must then give its reason.

Worked example (price 40, quality 40, social value 20; one criterion weighted 100 %):
bid A £100,000, quality 4, offer worth £50,000; bid B £80,000, quality 3, offer £25,000.
A: price 40 × 80/100 = 32, quality 40 × 4/5 = 32, social value 20 × 50/50 = 20, total 84.
B: price 40 × 80/80 = 40, quality 40 × 3/5 = 24, social value 20 × 25/50 = 10, total 74.
A is awarded. Reference: Public Services (Social Value) Act 2012; the TOMs proxy method.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

__all__ = [
    "BidScore",
    "BidToScore",
    "CriterionScore",
    "Evaluation",
    "EvaluatorScore",
    "MAX_QUALITY_SCORE",
    "Offer",
    "Weights",
    "bids_evaluate",
    "points",
    "quality_moderated",
    "social_value_pence",
]

MAX_QUALITY_SCORE = 5


@dataclass(frozen=True)
class Weights:
    """Percent weights of the three parts, and of each quality criterion (by criterion id)."""

    price: int
    quality: int
    social_value: int
    criteria: Mapping[int, int]


@dataclass(frozen=True)
class Offer:
    """One social value commitment: a measure, how much, and its proxy £ value per unit."""

    measure: str
    quantity: Decimal
    proxy_pence: int


@dataclass(frozen=True)
class BidToScore:
    """What scoring needs of a bid: its price, its offers, its moderated quality scores."""

    bid_id: int
    price_pence: int
    offers: tuple[Offer, ...]
    quality: Mapping[int, Fraction]


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: int
    weight: int
    moderated: Fraction
    points: Fraction


@dataclass(frozen=True)
class BidScore:
    """One bid's scores and how each was computed."""

    bid_id: int
    price_pence: int
    social_value_pence: Fraction
    price_score: Fraction
    quality_score: Fraction
    social_value_score: Fraction
    criteria: tuple[CriterionScore, ...]
    rank: int

    @property
    def total(self) -> Fraction:
        return self.price_score + self.quality_score + self.social_value_score


@dataclass(frozen=True)
class Evaluation:
    """Every bid's score, best first (equal totals by bid id), and the ties among them."""

    weights: Weights
    lowest_price_pence: int
    best_social_value_pence: Fraction
    scores: tuple[BidScore, ...]
    ties: tuple[tuple[int, ...], ...]

    @property
    def leaders(self) -> tuple[int, ...]:
        """The bids with the highest total: one, or several when the top is tied."""
        if not self.scores:
            return ()
        best = self.scores[0].total
        return tuple(score.bid_id for score in self.scores if score.total == best)

    @property
    def is_tied_at_top(self) -> bool:
        return len(self.leaders) > 1

    def score_of(self, bid_id: int) -> BidScore:
        return next(score for score in self.scores if score.bid_id == bid_id)


@dataclass(frozen=True)
class EvaluatorScore:
    """One panel member's 0–5 score on one criterion; service users' count with their weight."""

    criterion_id: int
    score: int
    is_service_user: bool


def points(value: Fraction) -> Decimal:
    """A score as published: two decimal places, halves rounded up."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def social_value_pence(offers: Iterable[Offer]) -> Fraction:
    """What the offers are worth: the sum of quantity × proxy value, in pence."""
    return sum(
        (Fraction(offer.quantity) * offer.proxy_pence for offer in offers), start=Fraction(0)
    )


def quality_moderated(
    scores: Sequence[EvaluatorScore],
    *,
    service_user_weight: int,
    agreed: Mapping[int, Fraction],
) -> dict[int, Fraction]:
    """Each criterion's moderated score, 0–5, from the panel's scores.

    The moderator's agreed score stands where one is recorded. Otherwise officers' and
    service users' means are combined, service users counting ``service_user_weight`` %
    (the weight the commissioning exercise states); a group that has not scored leaves the
    other's mean to stand alone. A criterion nobody has scored is absent from the result.
    Example: officers 4 and 2 (mean 3), young people 5, weight 40 → 0.6 × 3 + 0.4 × 5 = 3.8.
    """
    by_criterion: dict[int, tuple[list[int], list[int]]] = {}
    for score in scores:
        officers, service_users = by_criterion.setdefault(score.criterion_id, ([], []))
        (service_users if score.is_service_user else officers).append(score.score)
    moderated: dict[int, Fraction] = {}
    for criterion_id, (officers, service_users) in by_criterion.items():
        if officers and service_users:
            share = Fraction(service_user_weight, 100)
            moderated[criterion_id] = (1 - share) * _mean(officers) + share * _mean(service_users)
        else:
            moderated[criterion_id] = _mean(officers or service_users)
    moderated.update(agreed)
    return moderated


def _mean(values: Sequence[int]) -> Fraction:
    return Fraction(sum(values), len(values))


def bids_evaluate(bids: Sequence[BidToScore], weights: Weights) -> Evaluation:
    """Score every bid against the others, best first, reporting ties.

    Every bid must have a positive price and a moderated score (0–5) for every criterion;
    the services check both before calling. A criterion missing from a bid scores 0.
    """
    if not bids:
        return Evaluation(weights, 0, Fraction(0), (), ())
    lowest_price = min(bid.price_pence for bid in bids)
    values = {bid.bid_id: social_value_pence(bid.offers) for bid in bids}
    best_value = max(values.values())
    unranked = []
    for bid in bids:
        criteria = tuple(
            CriterionScore(
                criterion_id=criterion_id,
                weight=weight,
                moderated=bid.quality.get(criterion_id, Fraction(0)),
                points=Fraction(weights.quality * weight, 100)
                * bid.quality.get(criterion_id, Fraction(0))
                / MAX_QUALITY_SCORE,
            )
            for criterion_id, weight in sorted(weights.criteria.items())
        )
        social_value_share = values[bid.bid_id] / best_value if best_value > 0 else Fraction(0)
        unranked.append(
            BidScore(
                bid_id=bid.bid_id,
                price_pence=bid.price_pence,
                social_value_pence=values[bid.bid_id],
                price_score=weights.price * Fraction(lowest_price, bid.price_pence),
                quality_score=sum((c.points for c in criteria), start=Fraction(0)),
                social_value_score=weights.social_value * social_value_share,
                criteria=criteria,
                rank=0,
            )
        )
    return Evaluation(
        weights=weights,
        lowest_price_pence=lowest_price,
        best_social_value_pence=best_value,
        scores=_ranked(unranked),
        ties=_ties(unranked),
    )


def _ranked(scores: list[BidScore]) -> tuple[BidScore, ...]:
    """Best total first; equal totals share a rank (1, 2, 2, 4) and list by bid id."""
    ordered = sorted(scores, key=lambda score: (-score.total, score.bid_id))
    ranked: list[BidScore] = []
    for position, score in enumerate(ordered, start=1):
        tied_above = ranked and ranked[-1].total == score.total
        rank = ranked[-1].rank if tied_above else position
        ranked.append(replace(score, rank=rank))
    return tuple(ranked)


def _ties(scores: list[BidScore]) -> tuple[tuple[int, ...], ...]:
    """Groups of two or more bids with equal totals, highest total first."""
    groups: dict[Fraction, list[int]] = {}
    for score in scores:
        groups.setdefault(score.total, []).append(score.bid_id)
    return tuple(
        tuple(sorted(ids)) for total, ids in sorted(groups.items(), reverse=True) if len(ids) > 1
    )
