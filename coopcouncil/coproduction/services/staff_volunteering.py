"""Writes for staff volunteering days: an employee asks, the named manager decides."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.coproduction.logic.staff_volunteering import days_problem
from coopcouncil.coproduction.models import StaffVolunteeringRequest
from coopcouncil.coproduction.selectors import staff_days_remaining
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.people.models import User
from coopcouncil.people.selectors import Actor, acting_user, is_officer

Status = StaffVolunteeringRequest.Status


def staff_days_request(
    *, actor: Actor, manager: User, on_date: date, days: Decimal, hours: Decimal, cause: str
) -> StaffVolunteeringRequest:
    """An employee asks their manager for volunteering days from their yearly entitlement."""
    require(actor, "coproduction.ask_staff_days")
    employee = acting_user(actor)
    if employee is None or manager.pk == employee.pk or not is_officer(manager):
        raise DomainError(
            "manager_invalid", gettext("Name your manager, another council officer."), "manager"
        )
    if not cause.strip():
        raise DomainError("cause_required", gettext("Say where you will volunteer."), "cause")
    if hours <= 0 or hours > days * 24:
        raise DomainError("hours_invalid", gettext("Give the hours you will volunteer."), "hours")
    with transaction.atomic():
        # One request at a time per employee, so two cannot both fit in what is left.
        User.objects.select_for_update().filter(pk=employee.pk).first()
        remaining = staff_days_remaining(employee, on_date=on_date)
        problem = days_problem(days=days, remaining=remaining)
        if problem == "days_not_halves":
            raise DomainError(problem, gettext("Ask for whole or half days."), "days")
        if problem == "days_over_entitlement":
            raise DomainError(
                problem,
                gettext("You have %(days)s days left this year.") % {"days": remaining},
                "days",
            )
        request = StaffVolunteeringRequest.objects.create(
            employee=employee,
            manager=manager,
            on_date=on_date,
            days=days,
            hours=hours,
            cause=cause.strip(),
        )
        audit_record(
            actor=actor,
            action="coproduction.staff_days_requested",
            target=request,
            summary=f"{days} days on {on_date} for {request.cause}",
        )
        email_after_commit(
            gettext("Volunteering days to approve"),
            gettext("%(employee)s asks for %(days)s volunteering days on %(date)s (%(cause)s).")
            % {"employee": employee, "days": days, "date": on_date, "cause": request.cause},
            [manager.email],
        )
    return request


def staff_days_decide(
    *, actor: Actor, request: StaffVolunteeringRequest, is_approved: bool
) -> StaffVolunteeringRequest:
    """The manager approves or refuses; the employee is told."""
    require(actor, "coproduction.decide_staff_days", request)
    with transaction.atomic():
        changed = StaffVolunteeringRequest.objects.filter(
            pk=request.pk, status=Status.WAITING
        ).update(
            status=Status.APPROVED if is_approved else Status.REFUSED, decided_at=timezone.now()
        )
        if not changed:
            raise Conflict("already_decided", gettext("This request has been decided."))
        request.refresh_from_db()
        audit_record(
            actor=actor,
            action="coproduction.staff_days_decided",
            target=request,
            summary=request.get_status_display(),
        )
        if request.employee is not None:
            email_after_commit(
                gettext("Your volunteering days: %(status)s")
                % {"status": request.get_status_display()},
                gettext("%(days)s days on %(date)s (%(cause)s).")
                % {"days": request.days, "date": request.on_date, "cause": request.cause},
                [request.employee.email],
            )
    return request
