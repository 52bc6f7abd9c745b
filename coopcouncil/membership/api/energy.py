"""Energy switching endpoints, mounted at /api/v1/membership/energy/.

Rounds and their published results are public; registering, accepting, bidding and running
the auction need a signed-in account (session + CSRF) and the permission layer's yes.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.errors import NotFound
from coopcouncil.core.permissions import require
from coopcouncil.membership import selectors, services
from coopcouncil.membership.api.schemas import (
    BidsIn,
    HouseholdIn,
    OfferDecisionIn,
    RegistrationOut,
    SwitchingBidOut,
    SwitchingFiguresOut,
    SwitchingOfferOut,
    SwitchingResultOut,
    SwitchingRoundIn,
    SwitchingRoundOut,
)
from coopcouncil.membership.logic.tariffs import RegistrationInput
from coopcouncil.people.selectors import organisation_get

router = Router()


@router.get("/rounds", response=list[SwitchingRoundOut])
def round_list(request: HttpRequest):
    """Every switching round, newest first."""
    return selectors.round_list()


@router.post("/rounds", response={201: SwitchingRoundOut}, auth=django_auth)
def round_create(request: HttpRequest, payload: SwitchingRoundIn):
    """Open a round (membership officers)."""
    return 201, services.round_create(actor=request.user, **payload.dict())


@router.get("/rounds/{round_id}", response=SwitchingRoundOut)
def round_detail(request: HttpRequest, round_id: int):
    return selectors.round_get(round_id)


@router.get("/rounds/{round_id}/result", response=SwitchingResultOut)
def round_result(request: HttpRequest, round_id: int):
    """The winner and cohort figures, once the auction has run (404 before)."""
    switching_round = selectors.round_get(round_id)
    result = getattr(switching_round, "result", None)
    if result is None:
        raise NotFound("energy_no_result", "The auction has not run yet.")
    return result


@router.put("/rounds/{round_id}/registration", response=RegistrationOut, auth=django_auth)
def register(request: HttpRequest, round_id: int, payload: HouseholdIn):
    """Register or update one's household; bad answers are refused field by field."""
    return services.household_register(
        user=request.user,
        switching_round=selectors.round_get(round_id),
        entry=RegistrationInput(**payload.dict()),
    )


@router.get("/rounds/{round_id}/offer", response=SwitchingOfferOut, auth=django_auth)
def offer_detail(request: HttpRequest, round_id: int):
    """One's personal offer: the cost now, on the winning tariff, and the saving."""
    registration = selectors.registration_of(request.user, selectors.round_get(round_id))
    offer = getattr(registration, "offer", None) if registration else None
    if offer is None:
        raise NotFound("energy_no_offer", "You have no offer in this round.")
    return _offer(offer)


def _offer(offer) -> dict:
    return {
        "current_cost_pence": offer.current_cost_pence,
        "new_cost_pence": offer.new_cost_pence,
        "saving_pence": offer.saving_pence,
        "status": offer.status,
        "would_save": offer.saving_pence > 0,
        "decided_at": offer.decided_at,
    }


@router.post("/rounds/{round_id}/offer", response=SwitchingOfferOut, auth=django_auth)
def offer_decide(request: HttpRequest, round_id: int, payload: OfferDecisionIn):
    """Accept or decline one's offer within the acceptance window."""
    offer = services.offer_decide(
        user=request.user,
        switching_round=selectors.round_get(round_id),
        is_accepted=payload.accept,
    )
    return _offer(offer)


@router.post("/rounds/{round_id}/bids", response={201: list[SwitchingBidOut]}, auth=django_auth)
def bids_submit(request: HttpRequest, round_id: int, payload: BidsIn):
    """Seal bids from CSV text; a missing price refuses the file and lists what is missing."""
    supplier = organisation_get(payload.supplier) if payload.supplier else None
    return 201, services.bids_import(
        actor=request.user,
        switching_round=selectors.round_get(round_id),
        text=payload.csv,
        supplier=supplier,
    )


@router.get("/rounds/{round_id}/bids", response=list[SwitchingBidOut], auth=django_auth)
def bids_list(request: HttpRequest, round_id: int):
    """The round's bids, ranked once the auction has run (membership officers)."""
    switching_round = selectors.round_get(round_id)
    require(request.user, "membership.manage", switching_round)
    return selectors.bids_of_round(switching_round)


@router.post("/rounds/{round_id}/auction", response={201: SwitchingResultOut}, auth=django_auth)
def auction_run(request: HttpRequest, round_id: int):
    """Run the auction once, after registration closes."""
    result = services.auction_hold(
        actor=request.user, switching_round=selectors.round_get(round_id)
    )
    return 201, result


@router.post("/rounds/{round_id}/finder-fee", response=SwitchingResultOut, auth=django_auth)
def finder_fee_settle(request: HttpRequest, round_id: int):
    """Fix the finder's fee once the acceptance window has closed (membership officers)."""
    return services.finder_fee_settle(
        actor=request.user, switching_round=selectors.round_get(round_id)
    )


@router.get("/rounds/{round_id}/figures", response=SwitchingFiguresOut, auth=django_auth)
def figures(request: HttpRequest, round_id: int):
    """The council's figures: registrations, acceptances, savings and the finder's fee."""
    switching_round = selectors.round_get(round_id)
    require(request.user, "membership.manage", switching_round)
    found = selectors.round_figures(switching_round)
    credited = found.result is not None and found.result.finder_fee_credited_at is not None
    return {
        **{
            name: getattr(found, name)
            for name in SwitchingFiguresOut.model_fields
            if hasattr(found, name)
        },
        "finder_fee_status": "credited" if credited else "to_be_credited",
    }
