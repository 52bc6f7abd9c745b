"""Endpoints for time credits: my balance, offers, spending and a partner's redemption."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.coproduction import selectors, services
from coopcouncil.coproduction.models import CreditOffer
from coopcouncil.people import selectors as people

router = Router(tags=["coproduction: time credits"])


class CreditOfferOut(Schema):
    id: int
    partner: str
    title: str
    description: str
    credits: int


class OfferIn(Schema):
    partner_id: int
    title: str
    credits: int
    description: str = ""


class EntryOut(Schema):
    amount: int
    at: datetime
    offer: str | None
    code: str | None
    is_redeemed: bool


class BalanceOut(Schema):
    balance: int
    entries: list[EntryOut]


class SpentOut(Schema):
    offer: str
    credits: int
    code: str
    balance: int


class RedeemIn(Schema):
    partner_id: int
    code: str


class RedeemedOut(Schema):
    offer: str
    credits: int
    redeemed_at: datetime


def _offer_out(offer: CreditOffer) -> dict:
    return {
        "id": offer.pk,
        "partner": offer.partner.name,
        "title": offer.title,
        "description": offer.description,
        "credits": offer.credits,
    }


@router.get(
    "/credits/offers", response=list[CreditOfferOut], summary="Offers to spend time credits on"
)
def offer_list(request: HttpRequest):
    return [_offer_out(offer) for offer in selectors.credit_offer_list()[:200]]


@router.post(
    "/credits/offers",
    response={201: CreditOfferOut},
    auth=django_auth,
    summary="Publish an offer (partners)",
)
def offer_create(request: HttpRequest, payload: OfferIn):
    data = payload.dict()
    partner = people.organisation_get_by_id(data.pop("partner_id"), field="partner_id")
    return 201, _offer_out(
        services.credit_offer_create(actor=request.user, partner=partner, **data)
    )


@router.get("/credits/me", response=BalanceOut, auth=django_auth, summary="My balance and ledger")
def my_credits(request: HttpRequest):
    entries = selectors.credit_entries(request.user)[:200]
    return {
        "balance": selectors.credit_balance(request.user),
        "entries": [
            {
                "amount": entry.amount,
                "at": entry.at,
                "offer": entry.offer.title if entry.offer else None,
                "code": entry.code,
                "is_redeemed": hasattr(entry, "redemption"),
            }
            for entry in entries
        ],
    }


@router.post(
    "/credits/offers/{offer_id}/spend",
    response={201: SpentOut},
    auth=django_auth,
    summary="Spend credits on an offer; the code is shown to the partner (409 if too few)",
)
def credits_spend(request: HttpRequest, offer_id: int):
    offer = selectors.credit_offer_get(offer_id)
    entry = services.credits_spend(actor=request.user, offer=offer)
    return 201, {
        "offer": offer.title,
        "credits": offer.credits,
        "code": entry.code,
        "balance": selectors.credit_balance(request.user),
    }


@router.post(
    "/credits/redemptions",
    response={201: RedeemedOut},
    auth=django_auth,
    summary="Redeem a code (the partner's members); says the offer, never who",
)
def credit_redeem(request: HttpRequest, payload: RedeemIn):
    partner = people.organisation_get_by_id(payload.partner_id, field="partner_id")
    redeemed = services.credit_redeem(actor=request.user, partner=partner, code=payload.code)
    return 201, {
        "offer": redeemed.offer,
        "credits": redeemed.credits,
        "redeemed_at": redeemed.redeemed_at,
    }
