"""Staff handle a request: triage, assign, update with public notes, close; tag its cause.

Every change of stage is kept as a ``RequestUpdate`` with its public note, and the reporter
is emailed through the task queue once the change commits.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.people.models import User
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.servicerequests.models import (
    RequestUpdate,
    RootCause,
    ServiceRequest,
    Stage,
)
from coopcouncil.servicerequests.permissions import is_handler
from coopcouncil.servicerequests.services.demand import demand_count

MAX_NOTE = 2000


def _locked(request: ServiceRequest) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("category", "ward", "district", "reporter")
        .get(pk=request.pk)
    )


def _notify(request: ServiceRequest, note: str) -> None:
    """Tell the reporter the request's new stage, with the public note."""
    recipients = [request.contact_email]
    if request.reporter is not None and request.reporter.is_active:
        recipients.append(request.reporter.email)
    subject = gettext("Your report %(id)s: %(stage)s") % {
        "id": request.pk,
        "stage": request.get_stage_display(),
    }
    body = gettext(
        "Your report of %(category)s in %(ward)s is now: %(stage)s.\n\n%(note)s\n\n"
        "You can follow it at /service-requests/%(id)s/"
    ) % {
        "category": request.category.name,
        "ward": request.ward.name,
        "stage": request.get_stage_display(),
        "note": note,
        "id": request.pk,
    }
    email_after_commit(subject, body, recipients)


def _record(request: ServiceRequest, *, actor: Actor, stage: str, note: str, now: datetime) -> None:
    RequestUpdate.objects.create(
        request=request, stage=stage, note=note, created_at=now, author=acting_user(actor)
    )
    _notify(request, note)


def service_request_update(
    *,
    actor: Actor,
    request: ServiceRequest,
    stage: str,
    note: str = "",
    agency_responsible: str | None = None,
    expected_at: datetime | None = None,
    now: datetime | None = None,
) -> ServiceRequest:
    """Move a request to ``stage`` with a public note: triaged, in progress, closed, or
    back to received (reopened). Closing needs a note saying what was done."""
    if stage not in Stage.values or stage == Stage.ASSIGNED:
        raise DomainError(
            "stage_invalid",
            gettext("Choose triaged, in progress, closed or received (to reopen)."),
            "stage",
        )
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise DomainError("note_too_long", gettext("Keep the note under 2,000 characters."), "note")
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        require(actor, "servicerequests.handle", request)
        if stage == Stage.CLOSED and not note:
            raise DomainError(
                "note_missing", gettext("Say what was done before closing the request."), "note"
            )
        if stage == request.stage:
            raise Conflict(
                "stage_unchanged",
                gettext("The request is already %(stage)s.")
                % {"stage": request.get_stage_display().lower()},
                "stage",
            )
        previous = request.stage
        demand_count(request=request, sign=-1)
        request.stage = stage
        request.status_notes = note or request.status_notes
        request.updated_at = now
        request.closed_at = now if stage == Stage.CLOSED else None
        if agency_responsible is not None:
            request.agency_responsible = agency_responsible.strip()[:120]
        if expected_at is not None:
            request.expected_at = expected_at
        request.save()
        demand_count(request=request, sign=1)
        _record(request, actor=actor, stage=stage, note=note, now=now)
        audit_record(
            actor=actor,
            action=f"servicerequests.{stage}",
            target=request,
            summary=f"Request {request.pk}: {previous} → {stage}",
            details={"note": note},
        )
    return request


def service_request_assign(
    *,
    actor: Actor,
    request: ServiceRequest,
    assignee: User,
    note: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """Give an open request to an officer of its district's team (or an administrator)."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        require(actor, "servicerequests.handle", request)
        if request.stage == Stage.CLOSED:
            raise Conflict("request_closed", gettext("Reopen the request before assigning it."))
        if not is_handler(assignee, request.district):
            raise DomainError(
                "assignee_not_handler",
                gettext("%(name)s does not handle requests in %(district)s.")
                % {"name": assignee.full_name, "district": request.district.name},
                "assignee",
            )
        request.stage = Stage.ASSIGNED
        request.assignee = assignee
        request.status_notes = note.strip() or request.status_notes
        request.updated_at = now
        request.save()
        _record(request, actor=actor, stage=Stage.ASSIGNED, note=note.strip(), now=now)
        audit_record(
            actor=actor,
            action="servicerequests.assigned",
            target=request,
            summary=f"Request {request.pk} assigned to {assignee.full_name}",
            details={"assignee": assignee.pk},
        )
    return request


def service_request_tag(
    *,
    actor: Actor,
    request: ServiceRequest,
    root_cause: str,
    is_failure_demand: bool,
) -> ServiceRequest:
    """Record why the demand arose and whether it is failure demand: demand caused by a
    failure to do something, or to do it right, for the resident (Seddon, 2003)."""
    if root_cause and root_cause not in RootCause.values:
        raise DomainError(
            "root_cause_unknown", gettext("Choose a listed root cause."), "root_cause"
        )
    with transaction.atomic():
        request = _locked(request)
        require(actor, "servicerequests.handle", request)
        demand_count(request=request, sign=-1)
        request.root_cause = root_cause
        request.is_failure_demand = is_failure_demand
        request.save(update_fields=["root_cause", "is_failure_demand"])
        demand_count(request=request, sign=1)
        audit_record(
            actor=actor,
            action="servicerequests.tagged",
            target=request,
            summary=f"Request {request.pk} tagged {root_cause or 'no cause'}"
            f"{' (failure demand)' if is_failure_demand else ''}",
            details={"root_cause": root_cause, "is_failure_demand": is_failure_demand},
        )
    return request
