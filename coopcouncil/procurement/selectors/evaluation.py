"""Reads for scoring: a lot's bids turned into the pure scoring inputs, and the breakdown.

Four queries whatever the number of bids: the bids with their organisations, their offers,
the panel's scores and the moderated scores (prefetched).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch, QuerySet

from coopcouncil.procurement.logic.scoring import (
    BidToScore,
    Evaluation,
    EvaluatorScore,
    Offer,
    Weights,
    bids_evaluate,
    points,
    quality_moderated,
)
from coopcouncil.procurement.models import (
    Bid,
    QualityCriterion,
    QualityScore,
    SocialValueOffer,
    Tender,
    TenderLot,
)
from coopcouncil.procurement.models.tenders import PanelMember


def lot_bids(lot: TenderLot) -> QuerySet[Bid]:
    """The lot's bids with everything scoring reads, loaded up front."""
    return (
        Bid.objects.filter(lot=lot)
        .select_related("organisation", "lot__tender__exercise")
        .prefetch_related(
            Prefetch("offers", SocialValueOffer.objects.select_related("measure")),
            Prefetch("quality_scores", QualityScore.objects.select_related("evaluator")),
            "moderated_scores",
        )
        .order_by("id")
    )


def tender_weights(tender: Tender) -> Weights:
    return Weights(
        price=tender.price_weight,
        quality=tender.quality_weight,
        social_value=tender.social_value_weight,
        criteria={c.pk: c.weight for c in tender.criteria.all()},
    )


def bid_to_score(bid: Bid, *, service_user_weight: int) -> BidToScore:
    """A bid as the scoring logic reads it, its quality scores moderated."""
    moderated = quality_moderated(
        [
            EvaluatorScore(
                criterion_id=score.criterion_id,
                score=score.score,
                is_service_user=score.evaluator.kind == PanelMember.Kind.SERVICE_USER,
            )
            for score in bid.quality_scores.all()
        ],
        service_user_weight=service_user_weight,
        agreed={m.criterion_id: Fraction(m.score) for m in bid.moderated_scores.all()},
    )
    return BidToScore(
        bid_id=bid.pk,
        price_pence=bid.price_pence,
        offers=tuple(
            Offer(o.measure.code, o.quantity, o.proxy_value_pence) for o in bid.offers.all()
        ),
        quality=moderated,
    )


@dataclass(frozen=True)
class LotEvaluation:
    """A lot's bids, their scores and which criteria each bid still lacks a score for."""

    lot: TenderLot
    bids: list[Bid]
    criteria: list[QualityCriterion]
    evaluation: Evaluation
    unscored: dict[int, list[str]]

    @property
    def is_complete(self) -> bool:
        return bool(self.bids) and not self.unscored


def lot_evaluation(lot: TenderLot) -> LotEvaluation:
    tender = lot.tender
    criteria = list(tender.criteria.all())
    bids = list(lot_bids(lot))
    inputs = [
        bid_to_score(bid, service_user_weight=tender.exercise.service_user_weight) for bid in bids
    ]
    unscored = {
        entry.bid_id: [c.name for c in criteria if c.pk not in entry.quality]
        for entry in inputs
        if any(c.pk not in entry.quality for c in criteria)
    }
    return LotEvaluation(
        lot=lot,
        bids=bids,
        criteria=criteria,
        evaluation=bids_evaluate(inputs, tender_weights(tender)),
        unscored=unscored,
    )


def evaluation_breakdown(found: LotEvaluation) -> dict:
    """Every bid's scores and the figures they came from, as the award decision publishes it."""
    evaluation = found.evaluation
    bids = {bid.pk: bid for bid in found.bids}
    names = {criterion.pk: criterion.name for criterion in found.criteria}
    weights = evaluation.weights
    return {
        "weights": {
            "price": weights.price,
            "quality": weights.quality,
            "social_value": weights.social_value,
        },
        "lowest_price_pence": evaluation.lowest_price_pence,
        "best_social_value_pence": str(points(evaluation.best_social_value_pence)),
        "leaders": list(evaluation.leaders),
        "ties": [list(group) for group in evaluation.ties],
        "bids": [
            {
                "bid_id": score.bid_id,
                "organisation": bids[score.bid_id].organisation.name,
                "rank": score.rank,
                "price_pence": score.price_pence,
                "price_score": str(points(score.price_score)),
                "quality_score": str(points(score.quality_score)),
                "criteria": [
                    {
                        "name": names[c.criterion_id],
                        "weight": c.weight,
                        "moderated": str(points(c.moderated)),
                        "points": str(points(c.points)),
                    }
                    for c in score.criteria
                ],
                "social_value_pence": str(points(score.social_value_pence)),
                "social_value_score": str(points(score.social_value_score)),
                "total": str(points(score.total)),
            }
            for score in evaluation.scores
        ],
    }
