"""District reference groups: frequent reporters opt in, see figures first and comment.

Sunderland's Telecare service asked its most frequent contacts to help redesign it; here
the residents who report most in a district are offered a place on its reference group.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District
from coopcouncil.servicerequests.models import ReferenceGroupComment, ReferenceGroupMember

MAX_COMMENT = 2000


def reference_group_join(
    *, actor: Actor, district: District, now: datetime | None = None
) -> ReferenceGroupMember:
    """Accept the offer of a place on ``district``'s reference group."""
    require(actor, "servicerequests.join_reference_group", district)
    with transaction.atomic():
        member, created = ReferenceGroupMember.objects.get_or_create(
            district=district,
            user=acting_user(actor),
            defaults={"joined_at": now or timezone.now()},
        )
        if not created:
            raise Conflict("already_member", gettext("You are already in this reference group."))
        audit_record(
            actor=actor,
            action="servicerequests.reference_group_joined",
            target=member,
            summary=f"Joined the {district.name} reference group",
        )
    return member


def reference_group_leave(*, actor: Actor, district: District) -> None:
    """Leave a reference group; comments already made stay."""
    with transaction.atomic():
        member = ReferenceGroupMember.objects.filter(
            district=district, user=acting_user(actor)
        ).first()
        if member is None:
            raise Conflict("not_member", gettext("You are not in this reference group."))
        audit_record(
            actor=actor,
            action="servicerequests.reference_group_left",
            target=member,
            summary=f"Left the {district.name} reference group",
        )
        member.delete()


def reference_group_comment(
    *, actor: Actor, district: District, text: str, now: datetime | None = None
) -> ReferenceGroupComment:
    """A member comments on the district's demand figures; comments are public."""
    require(actor, "servicerequests.comment", district)
    text = text.strip()
    if not text:
        raise DomainError("comment_missing", gettext("Write your comment."), "text")
    if len(text) > MAX_COMMENT:
        raise DomainError(
            "comment_too_long", gettext("Keep the comment under 2,000 characters."), "text"
        )
    with transaction.atomic():
        comment = ReferenceGroupComment.objects.create(
            district=district,
            author=acting_user(actor),
            text=text,
            created_at=now or timezone.now(),
        )
        audit_record(
            actor=actor,
            action="servicerequests.reference_group_commented",
            target=comment,
            summary=f"Comment on {district.name}'s demand figures",
        )
    return comment
