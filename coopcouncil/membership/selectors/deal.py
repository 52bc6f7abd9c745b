"""Reads for the membership deal: a member's pledges and benefits, a code, uptake by ward."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.coproduction.selectors import volunteer_hours_for
from coopcouncil.core.errors import NotFound
from coopcouncil.democracy.selectors import has_signed_a_call_in_since
from coopcouncil.membership.logic.deal import (
    CALL_IN_SIGNATURE,
    PB_BALLOT,
    PLEDGES,
    SELF_REPORTED,
    VOLUNTEERING_HOURS,
    Eligibility,
    Member,
    PledgeKind,
    code_normalise,
    eligibility_problem,
)
from coopcouncil.membership.logic.messages import Message
from coopcouncil.membership.models import Benefit, BenefitClaim, Membership, PledgeTaken
from coopcouncil.participation.selectors import has_voted_since
from coopcouncil.places.models import Ward


def membership_of(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("ward").filter(user=user).first()


@dataclass(frozen=True)
class PledgeStatus:
    kind: PledgeKind
    taken: PledgeTaken | None
    is_kept: bool

    @property
    def is_from_record(self) -> bool:
        return self.kind.kept_by != SELF_REPORTED


def _kept_from_record(kind: PledgeKind, user, since: datetime) -> bool:
    if kind.kept_by == CALL_IN_SIGNATURE:
        return has_signed_a_call_in_since(user, since)
    if kind.kept_by == PB_BALLOT:
        return has_voted_since(user, since)
    if kind.kept_by == VOLUNTEERING_HOURS:
        return volunteer_hours_for(user) > 0
    return False


def pledges_of(membership: Membership) -> list[PledgeStatus]:
    """Every pledge, whether the member took it, and whether it is kept (from the record
    where another app knows)."""
    taken = {p.kind: p for p in membership.pledges.all()}
    statuses = []
    for kind in PLEDGES:
        pledge = taken.get(kind.code)
        if pledge is None:
            kept = False
        elif kind.kept_by != SELF_REPORTED:
            kept = _kept_from_record(kind, membership.user, pledge.taken_at)
        else:
            kept = pledge.kept_at is not None
        statuses.append(PledgeStatus(kind, pledge, kept))
    return statuses


def benefit_eligibility(benefit: Benefit) -> Eligibility:
    return Eligibility(
        ward_ids=frozenset(w.pk for w in benefit.wards.all()),
        min_age=benefit.min_age,
        max_age=benefit.max_age,
        min_membership_days=benefit.min_membership_days,
        valid_from=benefit.valid_from,
        valid_until=benefit.valid_until,
    )


def member_facts(membership: Membership) -> Member:
    return Member(
        ward_id=membership.ward_id,
        date_of_birth=membership.user.date_of_birth,
        joined_on=timezone.localdate(membership.joined_at),
    )


def message_text(message: Message) -> str:
    """A rule's message in the reader's language (``logic.messages``)."""
    return gettext(message.text) % message.values if message.values else gettext(message.text)


def benefit_problem(benefit: Benefit, membership: Membership, *, today: date) -> str:
    """Why the member may not claim ``benefit`` today ("" when they may)."""
    problem = eligibility_problem(
        benefit_eligibility(benefit), member_facts(membership), today=today
    )
    return message_text(problem) if problem else ""


def benefit_list(*, current_on: date | None = None) -> QuerySet[Benefit]:
    benefits = Benefit.objects.select_related("partner").prefetch_related("wards")
    if current_on is not None:
        benefits = benefits.filter(valid_from__lte=current_on, valid_until__gte=current_on)
    return benefits


def benefit_get(benefit_id: int, *, field: str = "benefit") -> Benefit:
    benefit = benefit_list().filter(pk=benefit_id).first()
    if benefit is None:
        raise NotFound("membership_benefit_not_found", gettext("There is no such benefit."), field)
    return benefit


@dataclass(frozen=True)
class MemberBenefit:
    benefit: Benefit
    problem: str
    claim: BenefitClaim | None


def benefits_for(membership: Membership, *, today: date) -> list[MemberBenefit]:
    """The benefits running today, each with the member's claim or why they may not claim."""
    claims = {c.benefit_id: c for c in membership.claims.all()}
    return [
        MemberBenefit(
            benefit, benefit_problem(benefit, membership, today=today), claims.get(benefit.pk)
        )
        for benefit in benefit_list(current_on=today)
    ]


def claim_by_code(code: str) -> BenefitClaim:
    claim = (
        BenefitClaim.objects.select_related("benefit__partner")
        .filter(code=code_normalise(code))
        .first()
    )
    if claim is None:
        raise NotFound("membership_code_unknown", gettext("This code is not recognised."), "code")
    return claim


@dataclass(frozen=True)
class WardUptake:
    """A ward's members and claims against its population and deprivation."""

    ward: Ward
    members: int
    claims: int

    @property
    def members_per_thousand(self) -> float:
        return 1000 * self.members / self.ward.population if self.ward.population else 0.0


def uptake_by_ward() -> list[WardUptake]:
    wards = (
        Ward.objects.select_related("district")
        .annotate(member_count=Count("coop_members"))
        .order_by("name")
    )
    claims = dict(
        BenefitClaim.objects.values("ward_id").annotate(n=Count("id")).values_list("ward_id", "n")
    )
    return [WardUptake(ward, ward.member_count, claims.get(ward.pk, 0)) for ward in wards]


@dataclass(frozen=True)
class DistrictUptake:
    members: int
    population: int
    claims: int

    @property
    def members_per_thousand(self) -> float:
        return 1000 * self.members / self.population if self.population else 0.0


def district_uptake(district) -> DistrictUptake:
    """Members and benefit claims in a district's wards, beside its population."""
    wards = Ward.objects.filter(district=district)
    return DistrictUptake(
        members=Membership.objects.filter(ward__district=district).count(),
        population=wards.aggregate(total=Sum("population"))["total"] or 0,
        claims=BenefitClaim.objects.filter(ward__district=district).count(),
    )


def deal_last_changed() -> datetime | None:
    return Membership.objects.aggregate(last=Max("joined_at"))["last"]


def kept_pledge_events() -> QuerySet:
    """Self-reported kept pledges as (user_id, at) rows."""
    return PledgeTaken.objects.filter(kept_at__isnull=False).values(
        user_id=F("membership__user_id"), at=F("kept_at")
    )
