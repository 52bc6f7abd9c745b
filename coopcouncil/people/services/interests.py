"""Writes for interests: declaring one's own, or an officer recording someone else's."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.models import InterestDeclaration, Organisation, User
from coopcouncil.people.selectors import Actor, acting_user


def interest_declare(
    *, actor: Actor, organisation: Organisation, reason: str, user: User | None = None
) -> InterestDeclaration:
    """Record that ``user`` (the actor by default) has an interest in ``organisation``.

    Declaring again updates the reason; the declaration is never silently duplicated.
    """
    person = user or acting_user(actor)
    if person is None:
        raise DomainError("user_required", gettext("Say whose interest this is."), "user")
    require(actor, "people.declare_interest", None if person == actor else person)
    reason = reason.strip()
    if not reason:
        raise DomainError(
            "reason_required", gettext("Say what the interest is, in a few words."), "reason"
        )
    recorded_by = acting_user(actor) if person != actor else None
    with transaction.atomic():
        declaration, _created = InterestDeclaration.objects.update_or_create(
            user=person,
            organisation=organisation,
            defaults={"reason": reason[:300], "recorded_by": recorded_by},
        )
        audit_record(
            actor=actor,
            action="people.declare_interest",
            target=declaration,
            summary=f"Interest of user {person.pk} in {organisation.name} recorded",
        )
    return declaration
