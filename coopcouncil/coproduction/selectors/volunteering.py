"""Reads for volunteering, time credits, gritting and staff days."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.coproduction import policy
from coopcouncil.coproduction.logic.staff_volunteering import days_remaining, financial_year_of
from coopcouncil.coproduction.models import (
    CreditAccount,
    CreditEntry,
    CreditOffer,
    EquipmentLoan,
    GrittingRoute,
    Opportunity,
    SafeguardingCheck,
    Shift,
    SignUp,
    StaffVolunteeringRequest,
)
from coopcouncil.core.errors import NotFound
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor, current_roles, is_signed_in
from coopcouncil.places.models import District, Ward


def opportunity_list(
    *, ward: Ward | None = None, district: District | None = None, now: datetime | None = None
) -> QuerySet[Opportunity]:
    """Opportunities with shifts still to come, each with its shifts to come prefetched."""
    now = now or timezone.now()
    upcoming = Shift.objects.filter(starts_at__gt=now).order_by("starts_at")
    found = (
        Opportunity.objects.filter(shifts__starts_at__gt=now)
        .distinct()
        .select_related("ward__district", "organisation")
        .prefetch_related(Prefetch("shifts", queryset=upcoming, to_attr="upcoming_shifts"))
    )
    if ward is not None:
        found = found.filter(ward=ward)
    if district is not None:
        found = found.filter(ward__district=district)
    return found.order_by("role")


def opportunities_by_id(opportunity_ids: Collection[int]) -> QuerySet[Opportunity]:
    """Opportunities with these ids, past or to come, for insight's outcome links."""
    return Opportunity.objects.filter(pk__in=opportunity_ids).select_related("ward")


def opportunity_get(opportunity_id: int) -> Opportunity:
    """The opportunity, its shifts, and each shift's sign-ups still standing (``taken``)."""
    taken = SignUp.objects.exclude(status=SignUp.Status.CANCELLED).select_related("volunteer")
    opportunity = (
        Opportunity.objects.select_related("ward__district", "organisation", "organiser")
        .prefetch_related("shifts", Prefetch("shifts__sign_ups", queryset=taken, to_attr="taken"))
        .filter(pk=opportunity_id)
        .first()
    )
    if opportunity is None:
        raise NotFound("opportunity_not_found", gettext("There is no such opportunity."))
    return opportunity


def shift_get(shift_id: int) -> Shift:
    shift = (
        Shift.objects.select_related("opportunity__ward", "opportunity__organisation")
        .filter(pk=shift_id)
        .first()
    )
    if shift is None:
        raise NotFound("shift_not_found", gettext("There is no such shift."), "shift_id")
    return shift


def sign_up_get(sign_up_id: int) -> SignUp:
    sign_up = (
        SignUp.objects.select_related("shift__opportunity__organisation", "volunteer")
        .filter(pk=sign_up_id)
        .first()
    )
    if sign_up is None:
        raise NotFound("sign_up_not_found", gettext("There is no such sign-up."), "sign_up_id")
    return sign_up


def sign_ups_for(user: Actor) -> QuerySet[SignUp]:
    """A person's sign-ups, latest shift first."""
    if not is_signed_in(user):
        return SignUp.objects.none()
    return (
        SignUp.objects.filter(volunteer=user)
        .select_related("shift__opportunity__ward")
        .order_by("-shift__starts_at")
    )


def volunteer_hours_for(user: Actor) -> Decimal:
    """Confirmed hours a person has volunteered (membership's "volunteer" pledge reads it)."""
    if not is_signed_in(user):
        return Decimal(0)
    total = SignUp.objects.filter(volunteer=user, status=SignUp.Status.ATTENDED).aggregate(
        hours=Sum("hours")
    )["hours"]
    # SQLite sums decimals to "3", PostgreSQL to "3.00"; both answer in hundredths.
    return (total or Decimal(0)).quantize(Decimal("0.01"))


def safeguarding_check_expires_on(user: Actor) -> date | None:
    if not is_signed_in(user):
        return None
    latest = SafeguardingCheck.objects.filter(person=user).order_by("-expires_on").first()
    return latest.expires_on if latest else None


# --- Time credits ---------------------------------------------------------------------


def credit_balance(user: Actor) -> int:
    if not is_signed_in(user):
        return 0
    account = CreditAccount.objects.filter(person=user).first()
    return account.balance if account else 0


def credit_entries(user: Actor) -> QuerySet[CreditEntry]:
    """A person's ledger, latest first, with each spend's offer and whether it was used."""
    if not is_signed_in(user):
        return CreditEntry.objects.none()
    return CreditEntry.objects.filter(account__person=user).select_related(
        "offer__partner", "sign_up__shift__opportunity", "redemption"
    )


def credit_offer_list(*, partner: Organisation | None = None) -> QuerySet[CreditOffer]:
    offers = CreditOffer.objects.filter(is_open=True).select_related("partner")
    return offers.filter(partner=partner) if partner is not None else offers


def credit_offer_get(offer_id: int) -> CreditOffer:
    offer = CreditOffer.objects.select_related("partner").filter(pk=offer_id).first()
    if offer is None:
        raise NotFound("offer_not_found", gettext("There is no such offer."), "offer_id")
    return offer


def partners_of(user: Actor) -> QuerySet[Organisation]:
    """Organisations a person is a current partner or group member of (to post or redeem for)."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    roles = current_roles(user).filter(role__in=("partner", "group_member"))
    return Organisation.objects.filter(pk__in=roles.values("organisation_id"))


# --- Gritting -------------------------------------------------------------------------


def gritting_routes(*, district: District | None = None) -> QuerySet[GrittingRoute]:
    """Routes with their runs counted and the equipment now out on each (``equipment_now``)."""
    out = EquipmentLoan.objects.filter(returned_at__isnull=True)
    routes = (
        GrittingRoute.objects.select_related("ward__district", "volunteer")
        .annotate(runs_logged=Count("runs"))
        .prefetch_related(Prefetch("loans", queryset=out, to_attr="equipment_now"))
    )
    return routes.filter(ward__district=district) if district is not None else routes


def gritting_route_get(route_id: int) -> GrittingRoute:
    route = (
        GrittingRoute.objects.select_related("ward__district", "volunteer")
        .filter(pk=route_id)
        .first()
    )
    if route is None:
        raise NotFound("route_not_found", gettext("There is no such route."), "route_id")
    return route


def equipment_out(route: GrittingRoute) -> QuerySet[EquipmentLoan]:
    return route.loans.filter(returned_at__isnull=True)


def equipment_loan_get(loan_id: int) -> EquipmentLoan:
    loan = EquipmentLoan.objects.select_related("route").filter(pk=loan_id).first()
    if loan is None:
        raise NotFound("loan_not_found", gettext("There is no such loan."), "loan_id")
    return loan


def routes_adopted_by(user: Actor) -> QuerySet[GrittingRoute]:
    if not is_signed_in(user):
        return GrittingRoute.objects.none()
    return GrittingRoute.objects.filter(volunteer=user).select_related("ward")


# --- Staff volunteering ---------------------------------------------------------------


def staff_days_remaining(employee: User, *, on_date: date) -> Decimal:
    """Days left in the financial year of ``on_date``: approved and waiting days count."""
    first, last = financial_year_of(on_date)
    Status = StaffVolunteeringRequest.Status
    used = StaffVolunteeringRequest.objects.filter(
        employee=employee,
        on_date__range=(first, last),
        status__in=(Status.WAITING, Status.APPROVED),
    ).aggregate(days=Sum("days"))["days"] or Decimal(0)
    return days_remaining(
        entitlement=Decimal(policy.staff_volunteering_days()), taken_or_asked=used
    )


def staff_requests_of(user: Actor) -> QuerySet[StaffVolunteeringRequest]:
    if not is_signed_in(user):
        return StaffVolunteeringRequest.objects.none()
    return StaffVolunteeringRequest.objects.filter(employee=user).select_related("manager")


def staff_requests_to_decide(user: Actor) -> QuerySet[StaffVolunteeringRequest]:
    if not is_signed_in(user):
        return StaffVolunteeringRequest.objects.none()
    return StaffVolunteeringRequest.objects.filter(
        manager=user, status=StaffVolunteeringRequest.Status.WAITING
    ).select_related("employee")


def staff_request_get(request_id: int) -> StaffVolunteeringRequest:
    request = (
        StaffVolunteeringRequest.objects.select_related("employee", "manager")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise NotFound("request_not_found", gettext("There is no such request."), "request_id")
    return request


def staff_hours_given(*, on_date: date) -> tuple[Decimal, int]:
    """Hours the borough's staff gave in the financial year of ``on_date``, and the target."""
    first, last = financial_year_of(on_date)
    hours = StaffVolunteeringRequest.objects.filter(
        status=StaffVolunteeringRequest.Status.APPROVED, on_date__range=(first, last)
    ).aggregate(hours=Sum("hours"))["hours"]
    return hours or Decimal(0), policy.staff_volunteering_target_hours()
