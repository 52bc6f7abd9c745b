"""Writes for bids and their evaluation: a supplier bids, the panel scores, a moderator agrees.

A bid is refused whole, with every reason on its field, when it is late, lacks a mandatory
condition, or has a quantity that is negative or not a number (``logic.bids``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.procurement import policy
from coopcouncil.procurement.logic.bids import BidTerms, bid_problems, quantity_read
from coopcouncil.procurement.logic.living_wage import living_wage_rate
from coopcouncil.procurement.logic.scoring import MAX_QUALITY_SCORE
from coopcouncil.procurement.models import (
    Bid,
    Contract,
    Measure,
    ModeratedScore,
    QualityCriterion,
    QualityScore,
    SocialValueOffer,
    Tender,
    TenderLot,
)
from coopcouncil.procurement.services.problems import problems_raise


def living_wage_now(*, now: datetime | None = None) -> int:
    """The hourly real Living Wage in force for the council's area, in pence."""
    rate = living_wage_rate(policy.living_wage_rates(), timezone.localdate(now))
    return rate.for_area(policy.living_wage_area()) if rate is not None else 0


def bid_submit(
    *,
    actor: Actor,
    lot: TenderLot,
    organisation: Organisation,
    price_pence: int,
    pays_real_living_wage: bool,
    accepts_local_clauses: bool,
    quantities: Mapping[str, object],
    summary: str = "",
    now: datetime | None = None,
) -> Bid:
    """Receive a supplier's bid for a lot, with its social value offer by measure code."""
    require(actor, "procurement.bid", organisation)
    now = now or timezone.now()
    tender = lot.tender
    measures = {m.code: m for m in Measure.objects.all()}
    texts = {code: str(value) for code, value in quantities.items() if str(value).strip()}
    problems_raise(
        problems=bid_problems(
            BidTerms(
                submitted_at=now,
                deadline=tender.deadline,
                price_pence=price_pence,
                pays_real_living_wage=pays_real_living_wage,
                accepts_local_clauses=accepts_local_clauses,
                quantities=texts,
            ),
            known_measures=frozenset(measures),
        )
    )
    if tender.status != Tender.Status.OPEN:
        raise Conflict("tender_closed", gettext("This tender is no longer open."))
    try:
        with transaction.atomic():
            bid = Bid.objects.create(
                lot=lot,
                organisation=organisation,
                submitted_by=acting_user(actor),
                submitted_at=now,
                price_pence=price_pence,
                pays_real_living_wage=True,
                living_wage_rate_pence=living_wage_now(now=now),
                accepts_local_clauses=True,
                summary=summary,
            )
            SocialValueOffer.objects.bulk_create(
                SocialValueOffer(
                    bid=bid,
                    measure=measures[code],
                    quantity=quantity_read(text),
                    proxy_value_pence=measures[code].proxy_value_pence,
                )
                for code, text in sorted(texts.items())
                if quantity_read(text) > 0
            )
            audit_record(
                actor=actor,
                action="procurement.bid_submitted",
                target=bid,
                summary=f"{organisation} bids £{price_pence / 100:,.2f} for {lot}",
            )
    except IntegrityError:
        raise Conflict(
            "bid_exists", gettext("Your organisation has already bid for this lot.")
        ) from None
    return bid


def _open_for_scoring(bid: Bid) -> None:
    # Asked of the database: the bid's cached lot may predate the award.
    if Contract.objects.filter(lot_id=bid.lot_id).exists():
        raise Conflict("lot_awarded", gettext("This lot has been awarded; scores are final."))


def quality_scores_record(
    *,
    actor: Actor,
    bid: Bid,
    scores: Mapping[int, int],
    comment: str = "",
    now: datetime | None = None,
) -> list[QualityScore]:
    """A panel member scores a bid 0–5 on every quality criterion (again, to change them)."""
    require(actor, "procurement.evaluate", bid)
    now = now or timezone.now()
    if now <= bid.lot.tender.deadline:
        raise Conflict("tender_still_open", gettext("Bids are scored after the deadline."))
    _open_for_scoring(bid)
    criteria = {c.pk: c for c in QualityCriterion.objects.filter(tender=bid.lot.tender)}
    if set(scores) != set(criteria):
        raise DomainError("scores_incomplete", gettext("Score every criterion."), "scores")
    if any(not 0 <= score <= MAX_QUALITY_SCORE for score in scores.values()):
        raise DomainError(
            "score_out_of_range", gettext("Each score is a whole number from 0 to 5."), "scores"
        )
    seat = bid.lot.tender.exercise.panel.get(user=acting_user(actor))
    with transaction.atomic():
        rows = [
            QualityScore.objects.update_or_create(
                bid=bid,
                criterion=criteria[criterion_id],
                evaluator=seat,
                defaults={"score": score, "comment": comment},
            )[0]
            for criterion_id, score in sorted(scores.items())
        ]
        audit_record(
            actor=actor,
            action="procurement.bid_scored",
            target=bid,
            summary=f"{seat} scored the bid of {bid.organisation}",
            details={str(k): v for k, v in scores.items()},
        )
    return rows


def moderated_score_record(
    *,
    actor: Actor,
    bid: Bid,
    criterion: QualityCriterion,
    score: Decimal,
    note: str,
) -> ModeratedScore:
    """Record the score the panel agreed at moderation, with the reason it differs."""
    require(actor, "procurement.moderate", bid.lot.tender)
    _open_for_scoring(bid)
    score = Decimal(score)
    if criterion.tender_id != bid.lot.tender_id:
        raise DomainError(
            "criterion_not_in_tender", gettext("Choose one of this tender's criteria."), "criterion"
        )
    if not Decimal(0) <= score <= MAX_QUALITY_SCORE or score != score.quantize(Decimal("0.01")):
        raise DomainError(
            "score_out_of_range", gettext("A moderated score is from 0 to 5."), "score"
        )
    if not note.strip():
        raise DomainError("note_required", gettext("Say why the panel agreed this score."), "note")
    score = score.quantize(Decimal("0.01"))
    with transaction.atomic():
        moderated, _ = ModeratedScore.objects.update_or_create(
            bid=bid,
            criterion=criterion,
            defaults={"score": score, "note": note, "moderated_by": acting_user(actor)},
        )
        audit_record(
            actor=actor,
            action="procurement.score_moderated",
            target=bid,
            summary=f"{criterion.name}: moderated to {score}",
        )
    return moderated
