"""Writes for awards: a lot awarded after evaluation, a small contract after quotations.

The award decision stores every bid's scores and how they were computed, so the published
decision and each bidder's own breakdown show the figures the panel saw. Awarding a bid that
is not the highest scorer, or choosing between tied bids, needs a stated reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District
from coopcouncil.procurement import policy
from coopcouncil.procurement.logic.quotations import quotation_problems
from coopcouncil.procurement.models import (
    Bid,
    CommissioningExercise,
    Commitment,
    Contract,
    Quote,
    Tender,
    TenderLot,
)
from coopcouncil.procurement.selectors.evaluation import (
    LotEvaluation,
    evaluation_breakdown,
    lot_evaluation,
)
from coopcouncil.procurement.services.problems import problems_raise


def _dates_check(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise DomainError(
            "contract_ends_before_start",
            gettext("The contract must end after it starts."),
            "ends_on",
        )


def lot_award(
    *,
    actor: Actor,
    lot: TenderLot,
    bid: Bid,
    starts_on: date,
    ends_on: date,
    reason: str = "",
    now: datetime | None = None,
) -> Contract:
    """Award a lot to a bid once every bid is scored; the contract's commitments follow."""
    tender = lot.tender
    require(actor, "procurement.award", tender)
    now = now or timezone.now()
    _dates_check(starts_on, ends_on)
    if now <= tender.deadline:
        raise Conflict("tender_still_open", gettext("A lot is awarded after the deadline."))
    if bid.lot_id != lot.pk:
        raise DomainError("bid_not_in_lot", gettext("Choose one of this lot's bids."), "bid")
    found = lot_evaluation(lot)
    if not found.is_complete:
        raise Conflict(
            "scoring_incomplete",
            gettext("Every bid must be scored on every criterion before the award."),
        )
    if (bid.pk not in found.evaluation.leaders or found.evaluation.is_tied_at_top) and not (
        reason.strip()
    ):
        raise DomainError(
            "award_reason_required",
            gettext("Say why: this bid is not alone at the top of the scores."),
            "reason",
        )
    try:
        return _lot_contract_create(
            actor=actor,
            lot=lot,
            bid=bid,
            found=found,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason,
            now=now,
        )
    except IntegrityError:
        # The lot's contract is unique: a second award, even a simultaneous one, is refused.
        raise Conflict("lot_awarded", gettext("This lot has already been awarded.")) from None


def _lot_contract_create(
    *,
    actor: Actor,
    lot: TenderLot,
    bid: Bid,
    found: LotEvaluation,
    starts_on: date,
    ends_on: date,
    reason: str,
    now: datetime,
) -> Contract:
    """The contract, its commitments, the tender's status, the audit record and the emails."""
    tender = lot.tender
    with transaction.atomic():
        contract = Contract.objects.create(
            title=f"{tender.title} — {lot.title}",
            route=Contract.Route.TENDER,
            exercise=tender.exercise,
            lot=lot,
            winning_bid=bid,
            supplier=bid.organisation,
            district=tender.exercise.district,
            value_pence=bid.price_pence,
            starts_on=starts_on,
            ends_on=ends_on,
            awarded_by=acting_user(actor),
            awarded_at=now,
            award_breakdown=evaluation_breakdown(found),
            award_reason=reason,
        )
        Commitment.objects.bulk_create(
            Commitment(
                contract=contract,
                measure_id=offer.measure_id,
                promised=offer.quantity,
                proxy_value_pence=offer.proxy_value_pence,
            )
            for offer in bid.offers.all()
        )
        if not tender.lots.filter(contract__isnull=True).exclude(pk=lot.pk).exists():
            Tender.objects.filter(pk=tender.pk).update(status=Tender.Status.AWARDED)
        audit_record(
            actor=actor,
            action="procurement.lot_awarded",
            target=contract,
            summary=f"{lot} of '{tender.title}' awarded to {bid.organisation}",
            details={"bid": bid.pk, "total": contract.award_breakdown["bids"][0]["total"]},
        )
        email_after_commit(
            gettext("Award decision: %(tender)s") % {"tender": tender.title},
            gettext(
                "The council has decided the award of %(lot)s. Sign in to see your bid's "
                "scores and how they were computed."
            )
            % {"lot": lot},
            [b.submitted_by.email for b in found.bids if b.submitted_by is not None],
        )
    return contract


def quotation_award(
    *,
    actor: Actor,
    title: str,
    supplier: Organisation,
    value_pence: int,
    quotes: Sequence[tuple[Organisation, int]],
    starts_on: date,
    ends_on: date,
    district: District | None = None,
    exercise: CommissioningExercise | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Contract:
    """A district manager awards a small contract to a local supplier after a recorded
    quotation process (``logic/quotations.py`` says what counts as local)."""
    require(actor, "procurement.award_quotation", district)
    _dates_check(starts_on, ends_on)
    quoted = dict((organisation.pk, amount) for organisation, amount in quotes)
    if len(quoted) != len(quotes):
        raise DomainError("quote_repeated", gettext("Record one quote per supplier."), "quotes")
    problems_raise(
        problems=quotation_problems(
            value_pence=value_pence,
            threshold_pence=policy.quotation_threshold_pence(),
            quotes_pence=list(quoted.values()),
            winning_quote_pence=quoted.get(supplier.pk, -1),
            reason=reason,
            is_supplier_local=supplier.district_id is not None,
        )
    )
    with transaction.atomic():
        contract = Contract.objects.create(
            title=title.strip(),
            route=Contract.Route.QUOTATION,
            exercise=exercise,
            supplier=supplier,
            district=district,
            value_pence=value_pence,
            starts_on=starts_on,
            ends_on=ends_on,
            awarded_by=acting_user(actor),
            awarded_at=now or timezone.now(),
            quotation_reason=reason,
        )
        Quote.objects.bulk_create(
            Quote(contract=contract, organisation=organisation, amount_pence=amount)
            for organisation, amount in quotes
        )
        audit_record(
            actor=actor,
            action="procurement.quotation_awarded",
            target=contract,
            summary=f"'{contract.title}' to {supplier} after {len(quotes)} quotes",
        )
    return contract
