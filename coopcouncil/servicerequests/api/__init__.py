"""Service-request endpoints for the web app's own use, mounted at /api/v1/service-requests/.

Reading services, requests and demand is public; reporting needs a signed-in account
(session + CSRF), handling the district team. Open311 clients use /open311/v2/ instead.
Errors share the platform's body ``{"detail", "code", "errors"}``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.core.errors import DomainError
from coopcouncil.core.ratelimits import rate_limit_request
from coopcouncil.people.selectors import user_find_by_email
from coopcouncil.places.selectors import district_get, ward_get
from coopcouncil.servicerequests import policy, selectors, services

router = Router(tags=["service requests"])


class ServiceOut(Schema):
    code: str
    name: str
    description: str
    group: str
    attributes: list[dict]


class RequestOut(Schema):
    id: int
    service_code: str
    service_name: str
    description: str
    status: str
    stage: str
    status_notes: str
    latitude: float
    longitude: float
    ward: str
    district: str
    requested_at: datetime
    updated_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_service_code(obj) -> str:
        return obj.category.code

    @staticmethod
    def resolve_service_name(obj) -> str:
        return obj.category.name

    @staticmethod
    def resolve_ward(obj) -> str:
        return obj.ward.code

    @staticmethod
    def resolve_district(obj) -> str:
        return obj.district.slug


class ProblemReportIn(Schema):
    service_code: str
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    postcode: str = ""
    attributes: dict[str, str | list[str]] = {}


class StageIn(Schema):
    stage: str
    note: str = ""
    agency_responsible: str | None = None


class AssignIn(Schema):
    assignee_email: str
    note: str = ""


class TagIn(Schema):
    root_cause: str = ""
    is_failure_demand: bool = False


class CategoryDemandOut(Schema):
    category_code: str
    reported: int
    open: int
    closed: int
    mean_days_to_fix: float | None
    failure_demand: int
    monthly: list[int]


class WardDemandOut(Schema):
    ward: str
    reported: int
    per_thousand: float | None


class DemandOut(Schema):
    area: str
    months: list[date]
    through: datetime
    reported: int
    open_now: int
    failure_demand: int
    categories: list[CategoryDemandOut]
    wards: list[WardDemandOut]


@router.get("/services", response=list[ServiceOut])
def service_list(request: HttpRequest):
    return [
        ServiceOut(
            code=c.code,
            name=c.name,
            description=c.description,
            group=c.group,
            attributes=c.attributes,
        )
        for c in selectors.category_list()
    ]


@router.post(
    "/requests",
    response={201: RequestOut},
    auth=django_auth,
    # An OpenAPI link: the new request is read back by its id; reports are rate limited.
    openapi_extra={
        "x-rate-limited": True,
        "responses": {
            201: {
                "links": {
                    "detail": {
                        "operationId": "coopcouncil_servicerequests_api_request_detail",
                        "parameters": {"request_id": "$response.body#/id"},
                    }
                }
            }
        },
    },
)
def request_report(request: HttpRequest, payload: ProblemReportIn):
    """Report a problem at a map point or a postcode in the borough."""
    rate_limit_request(policy.report_rate_limit(), request)
    location = services.location_find(
        latitude=payload.latitude, longitude=payload.longitude, postcode=payload.postcode
    )
    report = services.service_request_report(
        actor=request.user,
        category=selectors.category_get(payload.service_code),
        description=payload.description,
        location=location,
        attributes=payload.attributes,
    )
    return 201, report


@router.get("/requests/{request_id}", response=RequestOut)
def request_detail(request: HttpRequest, request_id: int):
    return selectors.request_get(request_id)


@router.post("/requests/{request_id}/stage", response=RequestOut, auth=django_auth)
def request_stage(request: HttpRequest, request_id: int, payload: StageIn):
    """Triage, start, close or reopen a request, with a public note (district team)."""
    return services.service_request_update(
        actor=request.user, request=selectors.request_get(request_id), **payload.dict()
    )


@router.post("/requests/{request_id}/assign", response=RequestOut, auth=django_auth)
def request_assign(request: HttpRequest, request_id: int, payload: AssignIn):
    assignee = user_find_by_email(payload.assignee_email)
    if assignee is None:
        raise DomainError("assignee_unknown", "Nobody has that email.", "assignee_email")
    return services.service_request_assign(
        actor=request.user,
        request=selectors.request_get(request_id),
        assignee=assignee,
        note=payload.note,
    )


@router.post("/requests/{request_id}/tag", response=RequestOut, auth=django_auth)
def request_tag(request: HttpRequest, request_id: int, payload: TagIn):
    return services.service_request_tag(
        actor=request.user, request=selectors.request_get(request_id), **payload.dict()
    )


def _demand_out(demand) -> DemandOut:
    return DemandOut(
        area=demand.area_name,
        months=demand.months,
        through=demand.through,
        reported=demand.reported,
        open_now=demand.open_now,
        failure_demand=demand.failure_demand,
        categories=[
            CategoryDemandOut(
                category_code=c.category_code,
                reported=c.reported,
                open=c.open,
                closed=c.closed,
                mean_days_to_fix=c.mean_days_to_fix,
                failure_demand=c.failure_demand,
                monthly=list(c.monthly),
            )
            for c in demand.categories
        ],
        wards=[
            WardDemandOut(ward=w.ward.code, reported=w.reported, per_thousand=w.per_thousand)
            for w in demand.wards
        ],
    )


@router.get("/demand/districts/{slug}", response=DemandOut)
def district_demand(request: HttpRequest, slug: str):
    """A district's demand over twelve months: by service, month and ward."""
    district = district_get(slug)
    through = selectors.demand_through(request.user, district, now=timezone.now())
    return _demand_out(selectors.area_demand(district=district, through=through))


@router.get("/demand/wards/{slug}", response=DemandOut)
def ward_demand(request: HttpRequest, slug: str):
    ward = ward_get(slug)
    through = selectors.demand_through(request.user, ward.district, now=timezone.now())
    return _demand_out(selectors.area_demand(district=ward.district, ward=ward, through=through))
