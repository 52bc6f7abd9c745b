"""Reads for people: councillors, organisations and a person's own standing."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from coopcouncil.core.errors import NotFound
from coopcouncil.people.models import Organisation, Residency, RoleAssignment, User


def councillor_assignments(*, district=None, ward=None) -> QuerySet[RoleAssignment]:
    """Current councillor seats, with the person and ward loaded."""
    seats = (
        RoleAssignment.objects.current()
        .filter(role="councillor")
        .select_related("user", "ward__district")
        .order_by("ward__name", "user__full_name")
    )
    if district is not None:
        seats = seats.filter(ward__district=district)
    if ward is not None:
        seats = seats.filter(ward=ward)
    return seats


def councillor_get(pk: int) -> RoleAssignment:
    seat = councillor_assignments().filter(user_id=pk).first()
    if seat is None:
        raise NotFound("councillor_not_found", f"There is no councillor {pk}.", "councillor")
    return seat


def organisation_list(*, kind: str = "", district=None, search: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("district").order_by("name")
    if kind:
        organisations = organisations.filter(kind=kind)
    if district is not None:
        organisations = organisations.filter(district=district)
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations


def district_partners(district) -> QuerySet[Organisation]:
    """Partner bodies serving a district: based there, or with a current member there."""
    from django.db.models import Q

    serving = RoleAssignment.objects.current().filter(role="partner", district=district)
    return (
        Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY_GROUP)
        .filter(Q(district=district) | Q(pk__in=serving.values("organisation_id")))
        .order_by("name")
    )


def organisation_get(slug: str) -> Organisation:
    organisation = Organisation.objects.select_related("district").filter(slug=slug).first()
    if organisation is None:
        raise NotFound("organisation_not_found", f"There is no organisation '{slug}'.")
    return organisation


def pending_residencies(*, district=None) -> QuerySet[Residency]:
    claims = Residency.objects.filter(status=Residency.Status.PENDING).select_related(
        "user", "ward__district"
    )
    if district is not None:
        claims = claims.filter(ward__district=district)
    return claims.prefetch_related("postal_codes")


def verified_resident_count(*, district, at, born_by=None) -> int:
    """People with a residency in ``district`` verified and unexpired at ``at``.

    With ``born_by``, only those born on or before that date, plus those who have not given
    a date of birth (it is asked for only where an age limit is checked).
    """
    from django.db.models import Q

    residencies = Residency.objects.filter(
        ward__district=district,
        status=Residency.Status.VERIFIED,
        verified_at__lte=at,
        expires_at__gt=at,
    )
    if born_by is not None:
        residencies = residencies.filter(
            Q(user__date_of_birth__isnull=True) | Q(user__date_of_birth__lte=born_by)
        )
    return residencies.values("user").distinct().count()


def user_profile(user: User) -> User:
    return User.objects.prefetch_related(
        Prefetch("residencies", queryset=Residency.objects.select_related("ward__district")),
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("ward", "district", "organisation"),
        ),
    ).get(pk=user.pk)
