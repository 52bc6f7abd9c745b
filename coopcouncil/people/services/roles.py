"""Writes for roles: giving a person a role and ending it, each audited and historied."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.models import Organisation, RoleAssignment, User
from coopcouncil.people.selectors import Actor
from coopcouncil.places.models import District, Ward


def role_assign(
    *,
    actor: Actor,
    user: User,
    role: str,
    ward: Ward | None = None,
    district: District | None = None,
    organisation: Organisation | None = None,
    team: str = "",
    title: str = "",
    party: str = "",
    start_date: date | None = None,
) -> RoleAssignment:
    """Give a person a role. The command line passes ``actor=None`` (operator access)."""
    if actor is not None:
        require(actor, "people.manage_roles")
    with transaction.atomic():
        assignment = RoleAssignment(
            user=user,
            role=role,
            ward=ward,
            district=district,
            organisation=organisation,
            team=team,
            title=title,
            party=party,
        )
        if start_date is not None:
            assignment.start_date = start_date
        try:
            assignment.full_clean()
        except Exception as error:  # ValidationError: field messages for the form/API
            raise DomainError("role_invalid", f"This role is incomplete: {error}") from None
        assignment.save()
        audit_record(
            actor=actor, action="people.role_assigned", target=assignment, summary=str(assignment)
        )
    return assignment


def role_end(*, actor: Actor, assignment: RoleAssignment, end_date: date | None) -> RoleAssignment:
    if actor is not None:
        require(actor, "people.manage_roles")
    with transaction.atomic():
        assignment.end_date = end_date
        assignment.save(update_fields=["end_date"])
        audit_record(
            actor=actor, action="people.role_ended", target=assignment, summary=str(assignment)
        )
    return assignment
