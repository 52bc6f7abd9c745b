"""Decisions, named votes, call-in petitions and signatures."""

from __future__ import annotations

from django.utils.translation import gettext
from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.api import Problem
from coopcouncil.core.caching import shared_read, url_record_id
from coopcouncil.core.errors import NotFound
from coopcouncil.core.permissions import require
from coopcouncil.core.ratelimits import rate_limit_request
from coopcouncil.democracy import policy, selectors
from coopcouncil.democracy.api.meetings import ERRORS, RATE_LIMITED
from coopcouncil.democracy.api.schemas import (
    CallInOut,
    DecisionOut,
    DecisionOutcomeIn,
    DecisionVoteIn,
    EligibilityOut,
    PartnershipDecisionIn,
    SignatureIn,
    SignatureOut,
    SignatureRemovalIn,
    SignatureRemovalOut,
    SuspiciousBatchOut,
    VoteOut,
)
from coopcouncil.democracy.models import Decision
from coopcouncil.democracy.services import call_in_review
from coopcouncil.democracy.services import decisions as decision_services
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places

router = Router()


@router.get("/decisions", response=list[DecisionOut], summary="Published decisions, newest first")
def decisions(request, district: str = "", status: str = ""):
    partnership = (
        selectors.partnership_for_district(places.district_get(district)) if district else None
    )
    return list(selectors.decision_list_with_votes(partnership=partnership, status=status))


@router.post(
    "/decisions",
    response={201: DecisionOut, **ERRORS},
    auth=django_auth,
    summary="Record a draft decision (clerk)",
)
def decision_create(request, payload: PartnershipDecisionIn):
    district = places.district_get(payload.district)
    wards = places.wards_get(payload.wards, field="wards")
    meeting = selectors.meeting_get(payload.meeting_id) if payload.meeting_id else None
    decision = decision_services.decision_create(
        actor=request.user,
        partnership=selectors.partnership_for_district(district),
        title=payload.title,
        summary=payload.summary,
        kind=payload.kind,
        budget_pence=payload.budget_pence,
        wards=wards,
        meeting=meeting,
    )
    return 201, selectors.decision_get(decision.pk, include_drafts=True)


@router.get("/decisions/{decision_id}", response={200: DecisionOut, 404: Problem})
def decision_detail(request, decision_id: int):
    return selectors.decision_get(decision_id)


def _draft(decision_id: int) -> Decision:
    return selectors.decision_get(decision_id, include_drafts=True)


@router.post(
    "/decisions/{decision_id}/votes",
    response={201: VoteOut, **ERRORS},
    auth=django_auth,
    summary="Minute a councillor's vote; ineligible votes on budgets are refused with the reason",
)
def vote_create(request, decision_id: int, payload: DecisionVoteIn):
    try:
        councillor = people.user_get(payload.councillor_id, field="councillor_id")
    except NotFound:
        raise NotFound(
            "councillor_not_found", gettext("No such councillor."), "councillor_id"
        ) from None
    vote = decision_services.decision_vote_record(
        actor=request.user,
        decision=_draft(decision_id),
        councillor=councillor,
        choice=payload.choice,
    )
    return 201, vote


@router.post(
    "/decisions/{decision_id}/publish",
    response={200: DecisionOut, **ERRORS},
    auth=django_auth,
    summary="Publish a decision and open its call-in window",
)
def decision_publish(request, decision_id: int):
    decision_services.decision_publish(actor=request.user, decision=_draft(decision_id))
    return selectors.decision_get(decision_id)


@router.post(
    "/decisions/{decision_id}/outcome",
    response={200: DecisionOut, **ERRORS},
    auth=django_auth,
    summary="Record a call-in review's outcome",
)
def decision_outcome(request, decision_id: int, payload: DecisionOutcomeIn):
    decision_services.call_in_outcome_record(
        actor=request.user, decision=selectors.decision_get(decision_id), **payload.dict()
    )
    return selectors.decision_get(decision_id)


def _petition(decision_id: int):
    decision = selectors.decision_get(decision_id)
    petition = getattr(decision, "call_in", None)
    if petition is None:
        raise NotFound("call_in_not_found", gettext("This decision has no call-in."))
    return petition


@router.get(
    "/decisions/{decision_id}/call-in/suspicious-batches",
    response={200: list[SuspiciousBatchOut], **ERRORS},
    auth=django_auth,
    summary="Signatures sharing an address, a minute or a disposable email domain (the clerk)",
)
def suspicious_batches(request, decision_id: int):
    petition = _petition(decision_id)
    require(request.user, "democracy.review_call_in_signatures", petition.decision)
    return selectors.suspicious_batches(petition)


@router.post(
    "/decisions/{decision_id}/call-in/signature-removals",
    response={200: SignatureRemovalOut, **ERRORS},
    auth=django_auth,
    summary="Remove chosen signatures with a reason; a suspension no longer held is reversed",
)
def signatures_remove(request, decision_id: int, payload: SignatureRemovalIn):
    return call_in_review.call_in_signatures_remove(
        actor=request.user,
        petition=_petition(decision_id),
        signature_ids=payload.signature_ids,
        reason=payload.reason,
    )


@router.get("/decisions/{decision_id}/call-in", response={200: CallInOut, 404: Problem})
@shared_read(
    # What the decision's page shows of its call-in, so the page's topics.
    lambda decision_id: [
        "democracy",
        "places",
        "people",
        selectors.call_in_page_topic(url_record_id(decision_id)),
    ]
)
def call_in(request, decision_id: int):
    petition = _petition(decision_id)
    petition.by_ward = selectors.call_in_counts_by_ward(petition)
    petition.review_meeting_id = petition.review_item.meeting_id if petition.review_item else None
    return petition


@router.get(
    "/decisions/{decision_id}/call-in/signatures",
    response={200: list[SignatureOut], 404: Problem},
    summary="Signatures; names only of signers who chose to show them",
)
def signatures(request, decision_id: int):
    return list(_petition(decision_id).signatures.select_related("signer", "ward"))


@router.post(
    "/decisions/{decision_id}/call-in/signatures",
    response={201: SignatureOut, **ERRORS, **RATE_LIMITED},
    auth=django_auth,
    summary="Sign the call-in (verified residents, once, inside the window)",
)
def sign(request, decision_id: int, payload: SignatureIn):
    rate_limit_request(policy.call_in_signature_rate_limit(), request)
    decision = decision_services.call_in_decision_get(decision_id)
    if decision is None or decision.status == Decision.Status.DRAFT:
        raise NotFound(
            "decision_not_found",
            gettext("There is no published decision %(pk)s.") % {"pk": decision_id},
        )
    signature = decision_services.call_in_sign(
        resident=request.user, decision=decision, show_name=payload.show_name
    )
    return 201, signature


@router.get(
    "/local-leaders/eligibility",
    response=list[EligibilityOut],
    summary="Every councillor's Local Leaders Programme attendance and voting eligibility",
)
def eligibility(request):
    return selectors.councillors_eligibility_table()
