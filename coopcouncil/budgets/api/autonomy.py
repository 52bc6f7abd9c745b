"""Endpoints for negotiated autonomy (requests, scorecards, Cabinet) and the devolution ladder."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth
from pydantic import ConfigDict

from coopcouncil.budgets import selectors, services
from coopcouncil.budgets.models import AutonomyRequest, LadderChallenge, LadderPlacement
from coopcouncil.places import selectors as places

router = Router(tags=["budgets: autonomy and ladder"])


class AutonomyRequestIn(Schema):
    district: str
    title: str
    justification: str
    outcomes_promised: str
    amount_pence: int = 0
    line: str | None = None


class ScorecardRowOut(Schema):
    key: str
    name: str
    figure: str
    threshold: str
    source: str
    data_from: str
    outcome: str
    reason_failure_matters: str
    threshold_set: str = ""
    commentary: str = ""


class AutonomyRequestOut(Schema):
    id: int
    district: str
    title: str
    line: str | None
    justification: str
    outcomes_promised: str
    amount_pence: int
    status: str
    submitted_at: datetime
    scorecard: list[ScorecardRowOut]
    recommendation: str
    recommendation_reason: str
    cabinet_reason: str
    cabinet_decided_on: date | None
    granted_amount_pence: int | None

    @staticmethod
    def resolve_district(request: AutonomyRequest) -> str:
        return request.district.slug

    @staticmethod
    def resolve_line(request: AutonomyRequest) -> str | None:
        return request.line.slug if request.line_id else None

    @staticmethod
    def resolve_scorecard(request: AutonomyRequest) -> list:
        return request.scorecard.get("rows", [])


class AutonomyAssessmentIn(Schema):
    """What the assessor adds. Figures the platform computes are not fields here: a body
    that tries to send one (``questions_asked``, ``papers_published_on_time_rate``...) is
    refused rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")

    pulse_survey_score: Decimal | None = None
    is_risk_assessment_passed: bool | None = None
    risk_assessment_note: str = ""
    reasons_failure_matters: dict[str, str] = {}
    commentary: dict[str, str] = {}


class ThresholdIn(Schema):
    model_config = ConfigDict(extra="forbid")

    district: str | None = None
    benchmark: str
    value: Decimal
    reason: str


class ThresholdOut(Schema):
    district: str | None
    benchmark: str
    value: Decimal
    reason: str
    set_by: str
    set_at: datetime

    @staticmethod
    def resolve_district(threshold) -> str | None:
        return threshold.district.slug if threshold.district_id else None

    @staticmethod
    def resolve_set_by(threshold) -> str:
        return threshold.set_by.full_name if threshold.set_by_id else ""


class ThresholdInForceOut(Schema):
    benchmark: str
    value: Decimal
    scope: str
    set_by: str
    set_at: datetime | None
    reason: str


class CabinetDecisionIn(Schema):
    is_granted: bool
    reason: str
    decided_on: date
    granted_amount_pence: int | None = None


class ChallengeOut(Schema):
    id: int
    challenger_name: str
    proposed_rung: str
    argument: str
    status: str
    answer: str
    created_at: datetime
    answered_at: datetime | None


class PlacementIn(Schema):
    service: str
    rung: str
    reason_not_further: str = ""


class PlacementOut(Schema):
    slug: str
    service: str
    rung: str
    reason_not_further: str
    challenges: list[ChallengeOut]

    @staticmethod
    def resolve_challenges(placement: LadderPlacement) -> list[LadderChallenge]:
        return list(placement.challenges.all())


class ChallengeIn(Schema):
    proposed_rung: str
    argument: str


class ChallengeAnswerIn(Schema):
    is_upheld: bool
    answer: str


@router.get("/autonomy-requests", response=list[AutonomyRequestOut], summary="Autonomy requests")
def autonomy_request_list(request: HttpRequest, district: str = ""):
    return selectors.autonomy_request_list(
        district=places.district_get(district) if district else None
    )


@router.post(
    "/autonomy-requests",
    response={201: AutonomyRequestOut},
    auth=django_auth,
    summary="A district partnership asks for a power or budget line",
)
def autonomy_request_create(request: HttpRequest, payload: AutonomyRequestIn):
    data = payload.dict()
    district = places.district_get(data.pop("district"))
    line = data.pop("line")
    return 201, services.autonomy_request_submit(
        actor=request.user,
        district=district,
        line=selectors.line_get(line) if line else None,
        **data,
    )


@router.get(
    "/autonomy-requests/{request_id}",
    response=AutonomyRequestOut,
    summary="A request with its scorecard (figure, source, pass/fail/no data per benchmark)",
)
def autonomy_request_detail(request: HttpRequest, request_id: int):
    return selectors.autonomy_request_get(request_id)


@router.post(
    "/autonomy-requests/{request_id}/assessment",
    response=AutonomyRequestOut,
    auth=django_auth,
    summary="Assess a request against the benchmarks (presumption to devolve)",
)
def autonomy_request_assess(request: HttpRequest, request_id: int, payload: AutonomyAssessmentIn):
    return services.autonomy_request_assess(
        actor=request.user, request=selectors.autonomy_request_get(request_id), **payload.dict()
    )


@router.post(
    "/autonomy-requests/{request_id}/cabinet-decision",
    response=AutonomyRequestOut,
    auth=django_auth,
    summary="Record Cabinet's decision on a request",
)
def autonomy_cabinet_decide(request: HttpRequest, request_id: int, payload: CabinetDecisionIn):
    return services.autonomy_cabinet_decide(
        actor=request.user, request=selectors.autonomy_request_get(request_id), **payload.dict()
    )


@router.get("/ladder", response=list[PlacementOut], summary="The devolution ladder")
def ladder(request: HttpRequest):
    return selectors.ladder()


@router.post(
    "/ladder", response={201: PlacementOut}, auth=django_auth, summary="Place or move a service"
)
def ladder_place(request: HttpRequest, payload: PlacementIn):
    placement = services.ladder_place(actor=request.user, **payload.dict())
    return 201, selectors.ladder_placement_get(placement.slug)


@router.post(
    "/ladder/{slug}/challenges",
    response={201: ChallengeOut},
    auth=django_auth,
    summary="Challenge a service's place on the ladder (published with your name)",
)
def ladder_challenge(request: HttpRequest, slug: str, payload: ChallengeIn):
    return 201, services.ladder_challenge_submit(
        actor=request.user, placement=selectors.ladder_placement_get(slug), **payload.dict()
    )


@router.post(
    "/ladder/challenges/{challenge_id}/answer",
    response=ChallengeOut,
    auth=django_auth,
    summary="Answer a challenge in public; upholding it moves the service",
)
def ladder_answer(request: HttpRequest, challenge_id: int, payload: ChallengeAnswerIn):
    return services.ladder_challenge_answer(
        actor=request.user,
        challenge=selectors.ladder_challenge_get(challenge_id),
        **payload.dict(),
    )


@router.get(
    "/autonomy-thresholds",
    response=list[ThresholdInForceOut],
    summary="The bars in force for a district (or the borough), with who set each and when",
)
def autonomy_thresholds_in_force(request: HttpRequest, district: str = ""):
    found = places.district_get(district) if district else None
    return list(selectors.autonomy_thresholds_in_force(found).in_force.values())


@router.get(
    "/autonomy-thresholds/history",
    response=list[ThresholdOut],
    summary="Every bar recorded for a district (or the borough default), newest first",
)
def autonomy_threshold_history(request: HttpRequest, district: str = ""):
    return selectors.autonomy_threshold_history(places.district_get(district) if district else None)


@router.post(
    "/autonomy-thresholds",
    response={201: ThresholdOut},
    auth=django_auth,
    summary="Record a bar agreed with a district (no district: the borough default)",
)
def autonomy_threshold_set(request: HttpRequest, payload: ThresholdIn):
    return 201, services.autonomy_threshold_set(
        actor=request.user,
        district=places.district_get(payload.district) if payload.district else None,
        benchmark=payload.benchmark,
        value=payload.value,
        reason=payload.reason,
    )
