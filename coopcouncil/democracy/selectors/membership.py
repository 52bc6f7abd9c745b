"""Who sits on a partnership: its councillors (from their roles) and its dated members."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy.models import DistrictPartnership, PartnershipMember
from coopcouncil.people.models import RoleAssignment, User


def partnership_organisations(*, on: date | None = None) -> dict[int, set[int]]:
    """For every partnership, the organisations with a member in post on ``on``; one query."""
    on = on or timezone.localdate()
    seats = PartnershipMember.objects.filter(
        Q(start_date__lte=on),
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        organisation__isnull=False,
    ).values_list("partnership_id", "organisation_id")
    found: dict[int, set[int]] = {}
    for partnership_id, organisation_id in seats:
        found.setdefault(partnership_id, set()).add(organisation_id)
    return found


def partnership_councillors(partnership: DistrictPartnership, *, on: date | None = None):
    """Voting members: the councillors of the district's wards, read from their roles."""
    return (
        RoleAssignment.objects.current(on)
        .filter(role="councillor", ward__district_id=partnership.district_id)
        .select_related("user", "ward")
        .order_by("ward__name", "user__full_name")
    )


def partnership_members(
    partnership: DistrictPartnership, *, on: date | None = None
) -> QuerySet[PartnershipMember]:
    """District team and partner members in post on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return (
        partnership.members.filter(
            Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on)
        )
        .select_related("user", "organisation")
        .order_by("kind", "title")
    )


def partnership_member_history(partnership: DistrictPartnership):
    """Every change to the partnership's non-councillor membership, newest first."""
    return (
        PartnershipMember.history.filter(partnership_id=partnership.pk)
        .select_related("user", "history_user")
        .order_by("-history_date")
    )


def partnership_member_rows(partnership: DistrictPartnership) -> QuerySet[PartnershipMember]:
    """Every dated membership, serving first then past, for the manage page and the API."""
    return partnership.members.select_related("user", "organisation").order_by(
        F("end_date").desc(nulls_first=True), "kind", "title"
    )


def partnership_member_get(partnership: DistrictPartnership, member_id: int) -> PartnershipMember:
    member = partnership_member_rows(partnership).filter(pk=member_id).first()
    if member is None:
        raise NotFound(
            "member_not_found",
            gettext("%(partnership)s has no member %(member_id)s.")
            % {"partnership": partnership, "member_id": member_id},
        )
    return member


def member_get(member_id: int) -> PartnershipMember:
    member = (
        PartnershipMember.objects.select_related("partnership__district", "user", "organisation")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise NotFound(
            "member_not_found",
            gettext("There is no partnership member %(member_id)s.") % {"member_id": member_id},
        )
    return member


def serving_councillors(*, on: date | None = None) -> QuerySet[User]:
    """Everyone who holds a councillor seat on ``on`` (today by default), by name."""
    seats = RoleAssignment.objects.current(on).filter(role="councillor").values("user_id")
    return User.objects.filter(pk__in=seats).order_by("full_name")


def is_voting_member(user, partnership: DistrictPartnership, *, on: date | None = None) -> bool:
    return partnership_councillors(partnership, on=on).filter(user_id=user.pk).exists()
