"""Endpoints for volunteering, gritting and staff days."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.coproduction import policy, selectors, services
from coopcouncil.coproduction.models import Opportunity, Shift, SignUp, StaffVolunteeringRequest
from coopcouncil.core.ratelimits import rate_limit_request
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places

router = Router(tags=["coproduction: volunteering"])


class ShiftOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    places: int
    places_left: int


class OpportunityOut(Schema):
    id: int
    role: str
    description: str
    place: str
    ward: str
    organisation: str | None
    skills: str
    is_check_needed: bool
    shifts: list[ShiftOut]


class OpportunityIn(Schema):
    role: str
    place: str
    ward: str
    organisation_id: int | None = None
    description: str = ""
    skills: str = ""
    is_check_needed: bool = False


class ShiftIn(Schema):
    starts_at: datetime
    ends_at: datetime
    places: int


class SignUpOut(Schema):
    id: int
    shift_id: int
    status: str
    hours: Decimal | None


class ShiftAttendanceIn(Schema):
    hours: Decimal | None = None


def _shift_out(shift: Shift) -> dict:
    return {
        "id": shift.pk,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "places": shift.places,
        "places_left": shift.places_left,
    }


def _opportunity_out(opportunity: Opportunity, shifts: list[Shift]) -> dict:
    return {
        "id": opportunity.pk,
        "role": opportunity.role,
        "description": opportunity.description,
        "place": opportunity.place,
        "ward": opportunity.ward.slug,
        "organisation": opportunity.organisation.name if opportunity.organisation else None,
        "skills": opportunity.skills,
        "is_check_needed": opportunity.is_check_needed,
        "shifts": [_shift_out(shift) for shift in shifts],
    }


def _sign_up_out(sign_up: SignUp) -> dict:
    return {
        "id": sign_up.pk,
        "shift_id": sign_up.shift_id,
        "status": sign_up.status,
        "hours": sign_up.hours,
    }


@router.get(
    "/opportunities", response=list[OpportunityOut], summary="Opportunities with shifts to come"
)
def opportunity_list(request: HttpRequest, district: str = ""):
    found = selectors.opportunity_list(district=places.district_get(district) if district else None)
    return [_opportunity_out(o, o.upcoming_shifts) for o in found[:100]]


@router.get(
    "/opportunities/{opportunity_id}",
    response=OpportunityOut,
    summary="An opportunity and its shifts",
)
def opportunity_get(request: HttpRequest, opportunity_id: int):
    opportunity = selectors.opportunity_get(opportunity_id)
    return _opportunity_out(opportunity, list(opportunity.shifts.all()))


@router.post(
    "/opportunities",
    response={201: OpportunityOut},
    auth=django_auth,
    summary="Post an opportunity (council officers, or members of the organisation)",
)
def opportunity_post(request: HttpRequest, payload: OpportunityIn):
    data = payload.dict()
    organisation_id = data.pop("organisation_id")
    opportunity = services.opportunity_post(
        actor=request.user,
        **{**data, "ward": places.ward_get(payload.ward)},
        organisation=people.organisation_get_by_id(organisation_id, field="organisation_id")
        if organisation_id
        else None,
    )
    return 201, _opportunity_out(opportunity, [])


@router.post(
    "/opportunities/{opportunity_id}/shifts",
    response={201: ShiftOut},
    auth=django_auth,
    summary="Add a shift (the organiser)",
)
def shift_add(request: HttpRequest, opportunity_id: int, payload: ShiftIn):
    opportunity = selectors.opportunity_get(opportunity_id)
    return 201, _shift_out(
        services.shift_add(actor=request.user, opportunity=opportunity, **payload.dict())
    )


@router.post(
    "/shifts/{shift_id}/sign-ups",
    response={201: SignUpOut},
    auth=django_auth,
    summary="Take a place on a shift (verified residents; 409 when full)",
    openapi_extra={"x-rate-limited": True},
)
def shift_sign_up(request: HttpRequest, shift_id: int):
    rate_limit_request(policy.shift_sign_up_rate_limit(), request)
    return 201, _sign_up_out(
        services.shift_sign_up(actor=request.user, shift=selectors.shift_get(shift_id))
    )


@router.post(
    "/sign-ups/{sign_up_id}/cancel", response=SignUpOut, auth=django_auth, summary="Give up a place"
)
def sign_up_cancel(request: HttpRequest, sign_up_id: int):
    return _sign_up_out(
        services.sign_up_cancel(actor=request.user, sign_up=selectors.sign_up_get(sign_up_id))
    )


@router.post(
    "/sign-ups/{sign_up_id}/attendance",
    response=SignUpOut,
    auth=django_auth,
    summary="Confirm attendance and hours (the organiser); no hours records an absence",
)
def attendance_confirm(request: HttpRequest, sign_up_id: int, payload: ShiftAttendanceIn):
    sign_up = selectors.sign_up_get(sign_up_id)
    return _sign_up_out(
        services.attendance_confirm(actor=request.user, sign_up=sign_up, hours=payload.hours)
    )


class SafeguardingCheckIn(Schema):
    person_id: int
    checked_on: date
    expires_on: date


@router.post(
    "/safeguarding-checks",
    response={201: dict},
    auth=django_auth,
    summary="Record that a person's DBS check was seen, and its expiry (officers)",
)
def safeguarding_check_record(request: HttpRequest, payload: SafeguardingCheckIn):
    person = people.user_get(payload.person_id, field="person_id")
    check = services.safeguarding_check_record(
        actor=request.user,
        person=person,
        checked_on=payload.checked_on,
        expires_on=payload.expires_on,
    )
    return 201, {"person_id": person.pk, "expires_on": check.expires_on.isoformat()}


@router.get("/me/sign-ups", response=list[SignUpOut], auth=django_auth, summary="My sign-ups")
def my_sign_ups(request: HttpRequest):
    return [_sign_up_out(sign_up) for sign_up in selectors.sign_ups_for(request.user)[:200]]


# --- Gritting -------------------------------------------------------------------------


class RouteOut(Schema):
    id: int
    name: str
    ward: str
    is_adopted: bool
    runs_logged: int


class AlertIn(Schema):
    district: str
    message: str = ""


class AlertOut(Schema):
    district: str
    volunteers_told: int


class RouteIn(Schema):
    ward: str
    name: str
    description: str = ""


class EquipmentIn(Schema):
    kind: str
    reference: str


class LoanOut(Schema):
    id: int
    route_id: int
    kind: str
    reference: str
    issued_at: datetime
    returned_at: datetime | None


def _loan_out(loan) -> dict:
    return {
        "id": loan.pk,
        "route_id": loan.route_id,
        "kind": loan.kind,
        "reference": loan.reference,
        "issued_at": loan.issued_at,
        "returned_at": loan.returned_at,
    }


@router.post(
    "/gritting/routes", response={201: RouteOut}, auth=django_auth, summary="Add a route (officers)"
)
def route_add(request: HttpRequest, payload: RouteIn):
    route = services.gritting_route_add(
        actor=request.user,
        ward=places.ward_get(payload.ward),
        name=payload.name,
        description=payload.description,
    )
    return 201, {
        "id": route.pk,
        "name": route.name,
        "ward": route.ward.slug,
        "is_adopted": False,
        "runs_logged": 0,
    }


@router.post(
    "/gritting/routes/{route_id}/equipment",
    response={201: LoanOut},
    auth=django_auth,
    summary="Issue a salt bin or spreader to the route's volunteer (officers)",
)
def equipment_issue(request: HttpRequest, route_id: int, payload: EquipmentIn):
    route = selectors.gritting_route_get(route_id)
    loan = services.equipment_issue(
        actor=request.user, route=route, kind=payload.kind, reference=payload.reference
    )
    return 201, _loan_out(loan)


@router.post(
    "/gritting/equipment/{loan_id}/return",
    response=LoanOut,
    auth=django_auth,
    summary="Record equipment returned (officers)",
)
def equipment_return(request: HttpRequest, loan_id: int):
    loan = services.equipment_return(actor=request.user, loan=selectors.equipment_loan_get(loan_id))
    return _loan_out(loan)


@router.get("/gritting/routes", response=list[RouteOut], summary="Gritting routes")
def route_list(request: HttpRequest, district: str = ""):
    routes = selectors.gritting_routes(district=places.district_get(district) if district else None)
    return [
        {
            "id": r.pk,
            "name": r.name,
            "ward": r.ward.slug,
            "is_adopted": r.volunteer_id is not None,
            "runs_logged": r.runs_logged,
        }
        for r in routes[:500]
    ]


@router.post(
    "/gritting/routes/{route_id}/adoption",
    response={201: RouteOut},
    auth=django_auth,
    summary="Adopt a route",
)
def route_adopt(request: HttpRequest, route_id: int):
    route = services.gritting_route_adopt(
        actor=request.user, route=selectors.gritting_route_get(route_id)
    )
    return 201, {
        "id": route.pk,
        "name": route.name,
        "ward": route.ward.slug,
        "is_adopted": True,
        "runs_logged": 0,
    }


@router.post(
    "/gritting/routes/{route_id}/runs",
    response={201: dict},
    auth=django_auth,
    summary="Log gritting",
)
def route_log(request: HttpRequest, route_id: int):
    run = services.gritting_log(actor=request.user, route=selectors.gritting_route_get(route_id))
    return 201, {"route_id": run.route_id, "gritted_at": run.gritted_at.isoformat()}


@router.post(
    "/gritting/alerts",
    response={201: AlertOut},
    auth=django_auth,
    summary="Alert a district's gritters",
)
def alert_send(request: HttpRequest, payload: AlertIn):
    alert = services.gritting_alert_send(
        actor=request.user, district=places.district_get(payload.district), message=payload.message
    )
    return 201, {"district": payload.district, "volunteers_told": alert.volunteers_told}


# --- Staff volunteering ---------------------------------------------------------------


class StaffDaysIn(Schema):
    manager_id: int
    on_date: date
    days: Decimal
    hours: Decimal
    cause: str


class StaffDaysOut(Schema):
    id: int
    on_date: date
    days: Decimal
    hours: Decimal
    cause: str
    status: str


class StaffDecisionIn(Schema):
    is_approved: bool


class StaffSummaryOut(Schema):
    days_remaining: Decimal
    requests: list[StaffDaysOut]
    borough_hours: Decimal
    borough_target_hours: int


def _staff_out(r: StaffVolunteeringRequest) -> dict:
    return {
        "id": r.pk,
        "on_date": r.on_date,
        "days": r.days,
        "hours": r.hours,
        "cause": r.cause,
        "status": r.status,
    }


@router.get(
    "/staff-days", response=StaffSummaryOut, auth=django_auth, summary="My days left and requests"
)
def staff_days(request: HttpRequest, on_date: date | None = None):
    day = on_date or timezone.localdate()
    hours, target = selectors.staff_hours_given(on_date=day)
    return {
        "days_remaining": selectors.staff_days_remaining(request.user, on_date=day),
        "requests": [_staff_out(r) for r in selectors.staff_requests_of(request.user)],
        "borough_hours": hours,
        "borough_target_hours": target,
    }


@router.post(
    "/staff-days", response={201: StaffDaysOut}, auth=django_auth, summary="Ask my manager for days"
)
def staff_days_request(request: HttpRequest, payload: StaffDaysIn):
    data = payload.dict()
    manager = people.user_get(data.pop("manager_id"), field="manager_id")
    return 201, _staff_out(services.staff_days_request(actor=request.user, manager=manager, **data))


@router.post(
    "/staff-days/{request_id}/decision",
    response=StaffDaysOut,
    auth=django_auth,
    summary="Approve or refuse (the named manager)",
)
def staff_days_decide(request: HttpRequest, request_id: int, payload: StaffDecisionIn):
    staff_request = selectors.staff_request_get(request_id)
    return _staff_out(
        services.staff_days_decide(
            actor=request.user, request=staff_request, is_approved=payload.is_approved
        )
    )
