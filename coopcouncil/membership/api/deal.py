"""Membership deal endpoints, mounted at /api/v1/membership/.

Benefits on offer are public; joining, pledges and claims are the member's own (session +
CSRF); partners check and use codes and see only the offer, never the member.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.api import Problem
from coopcouncil.core.errors import NotFound
from coopcouncil.core.permissions import require
from coopcouncil.membership import selectors, services
from coopcouncil.membership.api.schemas import (
    BenefitIn,
    BenefitOut,
    CodeIn,
    CodeOut,
    MemberBenefitOut,
    MembershipOut,
    PledgeIn,
    PledgeOut,
    WardUptakeOut,
)
from coopcouncil.membership.logic.deal import code_display
from coopcouncil.people.selectors import organisation_get
from coopcouncil.places.selectors import wards_get

router = Router()


def _member(request: HttpRequest):
    membership = selectors.membership_of(request.user)
    if membership is None:
        raise NotFound("membership_none", gettext("You are not a member."))
    return membership


@router.post("/join", response={201: MembershipOut}, auth=django_auth)
def join(request: HttpRequest):
    """Join the co-operative membership (verified residents)."""
    return 201, services.membership_join(user=request.user)


@router.get("/me", response={200: MembershipOut, 404: Problem}, auth=django_auth)
def me(request: HttpRequest):
    return _member(request)


@router.get("/me/pledges", response={200: list[PledgeOut], 404: Problem}, auth=django_auth)
def pledges(request: HttpRequest):
    """Every pledge, whether taken and whether kept (from the record where one exists)."""
    return [
        {
            "kind": p.kind.code,
            "label": gettext(p.kind.label),
            "kept_by": p.kind.kept_by,
            "is_taken": p.taken is not None,
            "is_kept": p.is_kept,
        }
        for p in selectors.pledges_of(_member(request))
    ]


@router.post("/me/pledges", response={201: None}, auth=django_auth)
def pledge_take(request: HttpRequest, payload: PledgeIn):
    services.pledge_take(user=request.user, kind=payload.kind)
    return 201, None


@router.post("/me/pledges/kept", response={204: None}, auth=django_auth)
def pledge_keep(request: HttpRequest, payload: PledgeIn):
    """Say a self-reported pledge is kept; those ticked from a record are refused."""
    services.pledge_keep(user=request.user, kind=payload.kind)
    return 204, None


@router.get("/benefits", response=list[BenefitOut])
def benefit_list(request: HttpRequest):
    """The benefits running today."""
    return selectors.benefit_list(current_on=timezone.localdate())


@router.post("/benefits", response={201: BenefitOut}, auth=django_auth)
def benefit_create(request: HttpRequest, payload: BenefitIn):
    """Offer a benefit (membership officers)."""
    data = payload.dict()
    data["partner"] = organisation_get(payload.partner)
    data["wards"] = wards_get(payload.wards) if payload.wards else []
    return 201, services.benefit_create(actor=request.user, **data)


@router.get("/me/benefits", response={200: list[MemberBenefitOut], 404: Problem}, auth=django_auth)
def my_benefits(request: HttpRequest):
    """Today's benefits with the member's code, or why they may not claim."""
    return [
        {
            "benefit": item.benefit,
            "problem": item.problem,
            "code": code_display(item.claim.code) if item.claim else None,
        }
        for item in selectors.benefits_for(_member(request), today=timezone.localdate())
    ]


@router.post("/benefits/{benefit_id}/claim", response={201: CodeOut}, auth=django_auth)
def benefit_claim(request: HttpRequest, benefit_id: int):
    """Claim a one-time redemption code."""
    claim = services.benefit_claim(user=request.user, benefit=selectors.benefit_get(benefit_id))
    return 201, _code(claim)


def _code(claim) -> dict:
    return {
        "code": code_display(claim.code),
        "benefit": claim.benefit.title,
        "valid_from": claim.benefit.valid_from,
        "valid_until": claim.benefit.valid_until,
        "claimed_at": claim.claimed_at,
        "redeemed_at": claim.redeemed_at,
    }


@router.post("/codes/check", response=CodeOut, auth=django_auth)
def code_check(request: HttpRequest, payload: CodeIn):
    """A partner checks a code of its own offers."""
    return _code(services.code_check(actor=request.user, code=payload.code))


@router.post("/codes/redeem", response=CodeOut, auth=django_auth)
def code_redeem(request: HttpRequest, payload: CodeIn):
    """A partner uses a code, once."""
    return _code(services.code_redeem(actor=request.user, code=payload.code))


@router.get("/uptake", response=list[WardUptakeOut], auth=django_auth)
def uptake(request: HttpRequest):
    """Members and claims by ward beside deprivation (membership officers)."""
    require(request.user, "membership.manage")
    return [
        {
            "ward": row.ward.slug,
            "population": row.ward.population,
            "imd_score": float(row.ward.imd_score),
            "members": row.members,
            "members_per_thousand": row.members_per_thousand,
            "claims": row.claims,
        }
        for row in selectors.uptake_by_ward()
    ]
