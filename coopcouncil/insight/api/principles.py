"""Principles (versioned), tags, and the social productivity test of services."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.budgets.selectors import ladder_placement_get
from coopcouncil.insight import selectors, services
from coopcouncil.insight.logic.productivity import QUESTIONS

router = Router(tags=["insight: principles and services"])


class SubjectOut(Schema):
    kind: str
    id: int
    title: str
    url: str


class PrincipleOut(Schema):
    id: int
    number: int
    title: str
    description: str
    tagged: list[SubjectOut]


class PrinciplesOut(Schema):
    version: str | None
    adopted_on: date | None
    principles: list[PrincipleOut]


class PrincipleTagIn(Schema):
    principle: int
    subject_kind: str
    subject_id: int


class ProductivityAnswerIn(Schema):
    rating: int
    evidence: str


class ProductivityAssessmentIn(Schema):
    assessed_on: date
    social_value: ProductivityAnswerIn
    autonomy: ProductivityAnswerIn
    resources: ProductivityAnswerIn
    networks: ProductivityAnswerIn


class AnswerOut(Schema):
    question: str
    rating: int
    evidence: str


class ServiceProductivityOut(Schema):
    service: str
    slug: str
    rung: str
    assessed_on: date | None
    score: float | None
    answers: list[AnswerOut]


@router.get("/principles", response=PrinciplesOut, summary="The principles in force, in practice")
def principles(request: HttpRequest):
    version = selectors.principles_current()
    if version is None:
        return {"version": None, "adopted_on": None, "principles": []}
    return {
        "version": version.name,
        "adopted_on": version.adopted_on,
        "principles": [
            {
                "id": item.principle.pk,
                "number": item.principle.number,
                "title": item.principle.title,
                "description": item.principle.description,
                "tagged": [s.__dict__ for s in item.subjects],
            }
            for item in selectors.principles_in_practice(version)
        ],
    }


@router.post(
    "/principles/tags", response={201: dict}, auth=django_auth, summary="Tag with a principle"
)
def principle_tag(request: HttpRequest, payload: PrincipleTagIn):
    principle = selectors.principle_get(payload.principle)
    tag = services.principle_tag(
        actor=request.user,
        principle=principle,
        subject_kind=payload.subject_kind,
        subject_id=payload.subject_id,
    )
    return 201, {
        "principle": principle.pk,
        "subject_kind": tag.subject_kind,
        "subject_id": tag.subject_id,
    }


def _service_out(row) -> dict:
    return {
        "service": row.placement.service,
        "slug": row.placement.slug,
        "rung": row.placement.rung,
        "assessed_on": row.assessment.assessed_on if row.assessment else None,
        "score": float(row.score.mean) if row.score else None,
        "answers": [{"question": q, "rating": r, "evidence": e} for q, r, e in row.answers],
    }


@router.get(
    "/services",
    response=list[ServiceProductivityOut],
    summary="Services' social productivity tests",
)
def services_productivity(request: HttpRequest):
    return [_service_out(row) for row in selectors.services_productivity()]


@router.post(
    "/services/{slug}/assessments",
    response={201: ServiceProductivityOut},
    auth=django_auth,
    summary="Record a service's social productivity test",
)
def service_assess(request: HttpRequest, slug: str, payload: ProductivityAssessmentIn):
    placement = ladder_placement_get(slug)
    data = payload.dict()
    answers = {key: (data[key]["rating"], data[key]["evidence"]) for key in QUESTIONS}
    services.service_assess(
        actor=request.user, service=placement, assessed_on=payload.assessed_on, answers=answers
    )
    row = next(r for r in selectors.services_productivity() if r.placement.pk == placement.pk)
    return 201, _service_out(row)
