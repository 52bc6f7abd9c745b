"""Reads for the register, membership classes and members."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.mutuals.logic.eligibility import Applicant, ClassRule
from coopcouncil.mutuals.models import (
    Member,
    MemberClass,
    MembershipClass,
    Mutual,
    MutualService,
)
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import (
    Actor,
    current_roles,
    is_signed_in,
    verified_residency,
)
from coopcouncil.places.models import District


def mutual_list(*, legal_form: str = "", district: District | None = None) -> QuerySet[Mutual]:
    """The public register, with each mutual's services and count of current members."""
    mutuals = (
        Mutual.objects.select_related("district", "organisation")
        .prefetch_related(
            Prefetch("services", MutualService.objects.select_related("contract", "asset"))
        )
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
    )
    if district is not None:
        mutuals = mutuals.filter(district=district)
    return mutuals.filter(legal_form=legal_form) if legal_form else mutuals


def mutual_get(slug: str, *, field: str = "mutual") -> Mutual:
    mutual = mutual_list().filter(slug=slug).first()
    if mutual is None:
        raise NotFound(
            "mutual_not_found",
            gettext("There is no co-operative %(slug)s.") % {"slug": slug},
            field,
        )
    return mutual


def mutual_get_by_id(mutual_id: int, *, field: str = "mutual") -> Mutual:
    mutual = mutual_list().filter(pk=mutual_id).first()
    if mutual is None:
        raise NotFound(
            "mutual_not_found",
            gettext("There is no co-operative %(slug)s.") % {"slug": mutual_id},
            field,
        )
    return mutual


def is_secretary(user: Actor, mutual: Mutual) -> bool:
    """The co-operative's secretary (who manages members, classes, ballots and elections)."""
    return is_signed_in(user) and mutual.secretaries.filter(pk=user.pk).exists()


def class_list(mutual: Mutual) -> QuerySet[MembershipClass]:
    return MembershipClass.objects.filter(mutual=mutual).annotate(
        holders=Count(
            "holdings",
            filter=Q(holdings__lapsed_on__isnull=True, holdings__member__left_on__isnull=True),
        )
    )


def classes_get(
    mutual: Mutual, class_ids: list[int], *, field: str = "classes"
) -> list[MembershipClass]:
    """The mutual's classes with these ids; one that is not the mutual's refuses them all."""
    classes = list(MembershipClass.objects.filter(mutual=mutual, pk__in=class_ids))
    if len(classes) != len(set(class_ids)):
        raise NotFound("class_not_found", gettext("Choose this co-operative's own classes."), field)
    return classes


def class_rule(membership_class: MembershipClass) -> ClassRule:
    """A class's eligibility rule as ``logic.eligibility`` reads it."""
    return ClassRule(
        min_age=membership_class.min_age,
        max_age=membership_class.max_age,
        requires_residency=membership_class.requires_residency,
        district_id=membership_class.mutual.district_id
        if membership_class.requires_residency
        else None,
        min_share_pence=membership_class.min_share_pence,
        requires_tenant=membership_class.requires_tenant,
        requires_employee=membership_class.requires_employee,
        is_for_organisations=membership_class.is_for_organisations,
    )


def applicant_facts(
    user: Actor,
    *,
    share_paid_pence: int,
    is_tenant: bool,
    is_employee: bool,
    organisation: Organisation | None = None,
) -> Applicant:
    """The facts the class rules read: age from people's date of birth, verified residency;
    for an organisation, whether ``user`` holds a current role in it (its representative)."""
    if organisation is not None:
        return Applicant(
            share_paid_pence=share_paid_pence,
            is_organisation=True,
            is_representative=current_roles(user).filter(organisation=organisation).exists(),
        )
    residency = verified_residency(user)
    return Applicant(
        date_of_birth=getattr(user, "date_of_birth", None),
        is_resident=residency is not None,
        resident_district_id=(
            residency.ward.district_id if residency is not None and residency.ward else None
        ),
        share_paid_pence=share_paid_pence,
        is_tenant=is_tenant,
        is_employee=is_employee,
    )


def _current_holdings() -> Prefetch:
    return Prefetch(
        "holdings",
        queryset=MemberClass.objects.filter(lapsed_on__isnull=True).select_related(
            "membership_class"
        ),
        to_attr="current_holdings",
    )


def member_list(mutual: Mutual, *, include_left: bool = False) -> QuerySet[Member]:
    """A co-operative's members with the classes they hold now (for its secretary)."""
    members = (
        Member.objects.filter(mutual=mutual)
        .select_related("user", "organisation")
        .prefetch_related(_current_holdings())
    )
    return members if include_left else members.filter(left_on__isnull=True)


def member_get(mutual: Mutual, member_id: int) -> Member:
    member = member_list(mutual, include_left=True).filter(pk=member_id).first()
    if member is None:
        raise NotFound("member_not_found", gettext("There is no such member."), "member")
    return member


def member_of(user: Actor, mutual: Mutual) -> Member | None:
    """The person's current membership of ``mutual``, or None."""
    if not is_signed_in(user):
        return None
    return member_list(mutual).filter(user=user).first()


def my_memberships(user: Actor) -> list[Member]:
    """The person's current memberships, with their classes (for their account page)."""
    if not is_signed_in(user):
        return []
    return list(
        Member.objects.filter(user=user, left_on__isnull=True)
        .select_related("mutual")
        .prefetch_related(_current_holdings())
    )


def members_to_recheck(*, mutual: Mutual | None = None) -> QuerySet[Member]:
    """Members holding a class with an age or residency rule, and organisations (their
    representative's role may end): those whose standing can change."""
    members = Member.objects.filter(left_on__isnull=True)
    if mutual is not None:
        members = members.filter(mutual=mutual)
    ruled = (
        Q(min_age__isnull=False)
        | Q(max_age__isnull=False)
        | Q(requires_residency=True)
        | Q(is_for_organisations=True)
    )
    return (
        members.filter(
            holdings__lapsed_on__isnull=True,
            holdings__membership_class__in=MembershipClass.objects.filter(ruled),
        )
        .distinct()
        .select_related("user", "mutual", "organisation")
        .prefetch_related(
            Prefetch(
                "holdings",
                queryset=MemberClass.objects.filter(lapsed_on__isnull=True).select_related(
                    "membership_class__mutual"
                ),
                to_attr="current_holdings",
            )
        )
    )


def voting_members_on(
    mutual: Mutual, classes: list[MembershipClass], day: date
) -> QuerySet[Member]:
    """The electorate snapshot: members who on ``day`` held one of ``classes`` with a vote.

    The holding's conditions are in one ``filter`` so that one and the same holding must
    be of the class, held by then and not lapsed by then.
    """
    held = Q(
        holdings__membership_class__in=[c for c in classes if c.is_voting],
        holdings__since__lte=day,
    ) & (Q(holdings__lapsed_on__isnull=True) | Q(holdings__lapsed_on__gt=day))
    return (
        Member.objects.filter(mutual=mutual, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .filter(held)
        .distinct()
    )
