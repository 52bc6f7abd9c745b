"""The outcomes framework: outcomes, indicators and their trends, measurement imports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.insight import selectors, services
from coopcouncil.insight.models import Indicator, Outcome

router = Router(tags=["insight: outcomes"])


class IndicatorOut(Schema):
    code: str
    outcome: str
    name: str
    definition: str
    unit: str
    geography: str
    source: str
    baseline: Decimal
    baseline_year: int
    target: Decimal
    target_year: int
    is_higher_better: bool
    frequency: str

    @staticmethod
    def resolve_outcome(indicator: Indicator) -> str:
        return indicator.outcome.slug


class OutcomeOut(Schema):
    slug: str
    title: str
    description: str
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(outcome: Outcome) -> list:
        return list(outcome.indicators.all())


class OutcomeIn(Schema):
    title: str
    description: str = ""


class IndicatorIn(Schema):
    code: str
    name: str
    definition: str
    unit: str
    geography: str
    source: str
    baseline: Decimal
    baseline_year: int
    target: Decimal
    target_year: int
    frequency: str
    is_higher_better: bool = True


class PointOut(Schema):
    period: date
    value: Decimal


class TrendOut(Schema):
    area: str
    latest: Decimal | None
    percent_of_way: int | None
    is_met: bool
    values: list[PointOut]


class IndicatorTrendOut(Schema):
    indicator: IndicatorOut
    trends: list[TrendOut]


class MeasurementsIn(Schema):
    csv: str


class ActivityLinkIn(Schema):
    subject_kind: str
    subject_id: int
    strength: str
    evidence: str = ""


class ActivityLinkOut(Schema):
    outcome: str
    subject_kind: str
    subject_id: int
    strength: str
    evidence: str

    @staticmethod
    def resolve_outcome(link) -> str:
        return link.outcome.slug


@router.get("/outcomes", response=list[OutcomeOut], summary="The outcomes framework")
def outcome_list(request: HttpRequest):
    return selectors.outcome_list()


@router.post("/outcomes", response={201: OutcomeOut}, auth=django_auth, summary="Add an outcome")
def outcome_create(request: HttpRequest, payload: OutcomeIn):
    return 201, services.outcome_create(actor=request.user, **payload.dict())


@router.post(
    "/outcomes/{slug}/indicators",
    response={201: IndicatorOut},
    auth=django_auth,
    summary="Add an indicator to an outcome",
)
def indicator_create(request: HttpRequest, slug: str, payload: IndicatorIn):
    outcome = selectors.outcome_get(slug)
    return 201, services.indicator_create(actor=request.user, outcome=outcome, **payload.dict())


@router.post(
    "/outcomes/{slug}/activities",
    response={201: ActivityLinkOut},
    auth=django_auth,
    summary="Link an activity to an outcome, with the strength of evidence",
)
def activity_link(request: HttpRequest, slug: str, payload: ActivityLinkIn):
    outcome = selectors.outcome_get(slug)
    return 201, services.activity_link(actor=request.user, outcome=outcome, **payload.dict())


@router.get(
    "/indicators/{code}", response=IndicatorTrendOut, summary="An indicator's trend against target"
)
def indicator_detail(request: HttpRequest, code: str):
    indicator = selectors.indicator_get(code)
    return {
        "indicator": indicator,
        "trends": [
            {
                "area": trend.district.slug if trend.district else "borough",
                "latest": trend.progress.latest,
                "percent_of_way": trend.progress.percent_of_way,
                "is_met": trend.progress.is_met,
                "values": [{"period": m.period, "value": m.value} for m in trend.values],
            }
            for trend in selectors.indicator_trends(indicator)
        ],
    }


@router.post(
    "/measurements",
    response={201: dict},
    auth=django_auth,
    summary="Load measurements (CSV text): all rows or none, errors by row",
)
def measurements_import(request: HttpRequest, payload: MeasurementsIn):
    loaded = services.measurements_import(actor=request.user, text=payload.csv)
    return 201, {"loaded": loaded}
