"""The commitment tracker and neighbourhood standards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.insight import selectors, services
from coopcouncil.insight.models import Commitment, Standard
from coopcouncil.places import selectors as places

router = Router(tags=["insight: commitments and standards"])


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    done_on: date | None
    evidence: str


class CommitmentOut(Schema):
    slug: str
    title: str
    description: str
    owner: str
    district: str | None
    made_on: date
    due_on: date
    status: str
    evidence: str
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_district(commitment: Commitment) -> str | None:
        return commitment.district.slug if commitment.district_id else None

    @staticmethod
    def resolve_milestones(commitment: Commitment) -> list:
        return list(commitment.milestones.all())


class CommitmentIn(Schema):
    title: str
    owner: str
    made_on: date
    due_on: date
    description: str = ""
    district: str | None = None


class CommitmentUpdateIn(Schema):
    status: str
    evidence: str = ""


class MilestoneIn(Schema):
    title: str
    due_on: date


@router.get("/commitments", response=list[CommitmentOut], summary="Public commitments")
def commitment_list(request: HttpRequest, status: str = ""):
    return selectors.commitment_list(status=status)


@router.get("/commitments/{slug}", response=CommitmentOut, summary="One commitment")
def commitment_detail(request: HttpRequest, slug: str):
    return selectors.commitment_get(slug)


@router.post(
    "/commitments", response={201: CommitmentOut}, auth=django_auth, summary="Publish a commitment"
)
def commitment_create(request: HttpRequest, payload: CommitmentIn):
    data = payload.dict()
    slug = data.pop("district")
    district = places.district_get(slug) if slug else None
    return 201, services.commitment_create(actor=request.user, district=district, **data)


@router.post(
    "/commitments/{slug}/progress",
    response=CommitmentOut,
    auth=django_auth,
    summary="Report a commitment's status and evidence",
)
def commitment_update(request: HttpRequest, slug: str, payload: CommitmentUpdateIn):
    commitment = selectors.commitment_get(slug)
    services.commitment_update(actor=request.user, commitment=commitment, **payload.dict())
    return selectors.commitment_get(slug)


@router.post(
    "/commitments/{slug}/milestones",
    response={201: MilestoneOut},
    auth=django_auth,
    summary="Add a milestone",
)
def milestone_add(request: HttpRequest, slug: str, payload: MilestoneIn):
    commitment = selectors.commitment_get(slug)
    return 201, services.milestone_add(actor=request.user, commitment=commitment, **payload.dict())


class FigureOut(Schema):
    month: date
    value: Decimal | None
    is_met: bool | None
    source: str


class StandardOut(Schema):
    id: int
    district: str
    outcome: str
    council_does: str
    community_does: str
    residents_do: str
    measure_code: str
    measure: str
    unit: str
    target: Decimal
    direction: str
    consequence: str
    agreed_on: date
    performance: list[FigureOut]


class StandardIn(Schema):
    district: str
    outcome: str
    council_does: str
    community_does: str
    residents_do: str
    measure: str
    unit: str
    target: Decimal
    direction: str
    consequence: str
    agreed_on: date
    measure_code: str = ""


class FigureIn(Schema):
    month: date
    value: Decimal
    note: str = ""


def _standard_out(standard: Standard, months: list) -> dict:
    return {
        **{f: getattr(standard, f) for f in StandardIn.model_fields if f != "district"},
        "id": standard.pk,
        "district": standard.district.slug,
        "performance": [
            {
                "month": f.month,
                "value": f.performance.value if f.performance else None,
                "is_met": f.is_met,
                "source": f.performance.source if f.performance else "",
            }
            for f in months
        ],
    }


@router.get("/standards", response=list[StandardOut], summary="Neighbourhood standards")
def standard_list(request: HttpRequest, district: str = ""):
    area = places.district_get(district) if district else None
    rows = selectors.standards_performance(today=timezone.localdate(), district=area)
    return [_standard_out(row.standard, row.months) for row in rows]


@router.post(
    "/standards", response={201: StandardOut}, auth=django_auth, summary="Agree a standard"
)
def standard_create(request: HttpRequest, payload: StandardIn):
    data = payload.dict()
    district = places.district_get(data.pop("district"))
    standard = services.standard_create(actor=request.user, district=district, **data)
    return 201, _standard_out(standard, [])


@router.post(
    "/standards/{standard_id}/figures",
    response={201: FigureOut},
    auth=django_auth,
    summary="Record a month's figure for a standard measured by hand",
)
def standard_figure(request: HttpRequest, standard_id: int, payload: FigureIn):
    standard = selectors.standard_get(standard_id)
    figure = services.standard_performance_record(
        actor=request.user, standard=standard, **payload.dict()
    )
    return 201, {
        "month": figure.month,
        "value": figure.value,
        "is_met": None,
        "source": figure.source,
    }
