"""Reads for co-operatives and mutuals; import them from here.

``participation_sources`` (for insight), ``mutuals_personal_data`` (for the person's data
export) and ``register_document`` (for the open dataset) are the reads other apps use.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import DateTimeField, F, Max
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.interfaces import ParticipationSource
from coopcouncil.mutuals.models import (
    BallotParticipation,
    ElectionParticipation,
    Member,
    MemberBallot,
    Mutual,
    ShareApplication,
)
from coopcouncil.mutuals.selectors.ballots import (
    ballot_elector,
    ballot_get,
    ballot_list,
    ballot_result,
    candidate_list,
    election_countable,
    election_elector,
    election_get,
    election_list,
    election_turnout,
    has_voted_in_ballot,
    has_voted_in_election,
)
from coopcouncil.mutuals.selectors.governance import (
    board_list,
    constituency_list,
    my_constituencies,
    paper_get,
    paper_list,
)
from coopcouncil.mutuals.selectors.register import (
    applicant_facts,
    class_list,
    class_rule,
    classes_get,
    is_secretary,
    member_get,
    member_list,
    member_of,
    members_to_recheck,
    mutual_get,
    mutual_get_by_id,
    mutual_list,
    my_memberships,
    voting_members_on,
)
from coopcouncil.mutuals.selectors.services import (
    ServiceLinkChoices,
    service_get,
    service_link_choices,
    service_list,
)
from coopcouncil.mutuals.selectors.shares import (
    my_share_application,
    share_applications,
    share_offer_get,
    share_offer_list,
)
from coopcouncil.mutuals.selectors.spinouts import spin_out_get, spin_out_list, spin_out_stage_get
from coopcouncil.people.selectors import Actor, is_signed_in

__all__ = [
    "ServiceLinkChoices",
    "service_get",
    "service_link_choices",
    "service_list",
    "applicant_facts",
    "ballot_elector",
    "ballot_get",
    "ballot_list",
    "ballot_result",
    "ballots_to_vote",
    "board_list",
    "candidate_list",
    "class_list",
    "class_rule",
    "classes_get",
    "constituency_list",
    "election_countable",
    "election_elector",
    "election_get",
    "election_list",
    "election_turnout",
    "elections_to_vote",
    "has_voted_in_ballot",
    "has_voted_in_election",
    "is_secretary",
    "member_get",
    "member_list",
    "member_of",
    "members_to_recheck",
    "mutual_get",
    "mutual_get_by_id",
    "mutual_list",
    "mutuals_last_updated",
    "mutuals_personal_data",
    "my_constituencies",
    "my_memberships",
    "my_share_application",
    "paper_get",
    "paper_list",
    "participation_sources",
    "register_document",
    "register_rows",
    "share_applications",
    "share_offer_get",
    "share_offer_list",
    "spin_out_get",
    "spin_out_list",
    "spin_out_stage_get",
    "voting_members_on",
]


def ballots_to_vote(user: Actor, *, now: datetime | None = None) -> list[MemberBallot]:
    """Open ballots the person is in the electorate of and has not voted in yet."""
    if not is_signed_in(user):
        return []
    now = now or timezone.now()
    return list(
        ballot_list()
        .filter(opens_at__lte=now, closes_at__gt=now, electors__member__user=user)
        .exclude(participation__member__user=user)
        .distinct()
    )


def elections_to_vote(user: Actor, *, now: datetime | None = None) -> list:
    """Open elections the person is in the electorate of and has not voted in yet."""
    if not is_signed_in(user):
        return []
    now = now or timezone.now()
    return list(
        election_list()
        .filter(opens_at__lte=now, closes_at__gt=now, status="open", electors__member__user=user)
        .exclude(participation__member__user=user)
        .distinct()
    )


def participation_sources() -> list[ParticipationSource]:
    """Members voting in ballots and elections: "deciding", from who voted, never how.

    ``at`` is the day they voted (midnight), the only time kept (models/ballots.py).
    """
    at = Cast("voted_on", DateTimeField())
    return [
        ParticipationSource(
            role="deciding",
            kind="mutuals.member_ballot",
            label=_("Votes in co-operatives' member ballots"),
            events=BallotParticipation.objects.annotate(user_id=F("member__user_id"), at=at).values(
                "user_id", "at"
            ),
        ),
        ParticipationSource(
            role="deciding",
            kind="mutuals.election",
            label=_("Votes in co-operatives' elections"),
            events=ElectionParticipation.objects.annotate(
                user_id=F("member__user_id"), at=at
            ).values("user_id", "at"),
        ),
    ]


def mutuals_personal_data(user) -> dict:
    """What the person's data export shows from this app: memberships, votes cast, shares.

    Which ballots they voted in is theirs to see; how they voted is not stored anywhere.
    """
    members = list(
        Member.objects.filter(user=user)
        .select_related("mutual")
        .prefetch_related("holdings__membership_class")
    )
    return {
        "memberships": [
            {
                "mutual": member.mutual.name,
                "joined_on": member.joined_on.isoformat(),
                "left_on": member.left_on.isoformat() if member.left_on else None,
                "share_paid_pence": member.share_paid_pence,
                "is_tenant": member.is_tenant,
                "is_employee": member.is_employee,
                "classes": [holding.membership_class.name for holding in member.holdings.all()],
            }
            for member in members
        ],
        "ballots_voted_in": [
            {"question": question, "voted_on": voted_on.isoformat()}
            for question, voted_on in BallotParticipation.objects.filter(
                member__user=user
            ).values_list("ballot__question", "voted_on")
        ],
        "elections_voted_in": [
            {"election": title, "voted_on": voted_on.isoformat()}
            for title, voted_on in ElectionParticipation.objects.filter(
                member__user=user
            ).values_list("election__title", "voted_on")
        ],
        "share_applications": [
            {"offer": title, "requested_pence": requested, "allocated_pence": allocated}
            for title, requested, allocated in ShareApplication.objects.filter(
                user=user
            ).values_list("offer__title", "requested_pence", "allocated_pence")
        ],
    }


def mutuals_last_updated() -> datetime | None:
    """When the register or a published result last changed (for the open-data catalogue)."""
    latest = [
        Mutual.objects.aggregate(at=Max("created_at"))["at"],
        election_list().filter(status="counted").aggregate(at=Max("counted_at"))["at"],
        ballot_list().filter(closes_at__lte=timezone.now()).aggregate(at=Max("closes_at"))["at"],
    ]
    found = [at for at in latest if at is not None]
    return max(found) if found else None


def register_document(*, now: datetime | None = None) -> dict:
    """The open dataset: the register, closed ballots' results and counted elections.

    No personal data: names of mutuals, counts and percentages, candidates' names as
    published on the ballot paper.
    """
    now = now or timezone.now()
    closed = ballot_list().filter(closes_at__lte=now)
    return {
        "mutuals": [
            {
                "name": mutual.name,
                "slug": mutual.slug,
                "legal_form": mutual.legal_form,
                "society_number": mutual.society_number,
                "company_number": mutual.company_number,
                "charity_number": mutual.charity_number,
                "district": mutual.district.slug if mutual.district else None,
                "is_spin_out": mutual.is_spin_out,
                "members": getattr(mutual, "member_count", 0),
                "services": [
                    {
                        "name": service.name,
                        "contract_id": service.contract_id,
                        "asset_reference": service.asset.reference if service.asset else None,
                    }
                    for service in mutual.services.all()
                ],
            }
            for mutual in mutual_list()
        ],
        "ballots": [_ballot_row(ballot) for ballot in closed],
        "elections": [
            {"mutual": election.mutual.slug, "title": election.title, "result": election.result}
            for election in election_list().filter(status="counted")
        ],
    }


def register_rows() -> list[dict]:
    """The register as flat rows (one per co-operative) for the open data CSV and JSON."""
    return [
        {
            "name": mutual.name,
            "slug": mutual.slug,
            "legal_form": mutual.legal_form,
            "society_number": mutual.society_number,
            "company_number": mutual.company_number,
            "charity_number": mutual.charity_number,
            "district": mutual.district.slug if mutual.district else "",
            "is_spin_out": mutual.is_spin_out,
            "members": getattr(mutual, "member_count", 0),
            "services": "; ".join(service.name for service in mutual.services.all()),
        }
        for mutual in mutual_list()
    ]


def _ballot_row(ballot: MemberBallot) -> dict:
    outcome = ballot_result(ballot)
    return {
        "mutual": ballot.mutual.slug,
        "question": ballot.question,
        "electorate_on": ballot.electorate_on.isoformat(),
        "electorate": outcome.electorate,
        "yes": outcome.yes,
        "no": outcome.no,
        "abstain": outcome.abstain,
        "turnout_percent": str(outcome.turnout_percent)
        if outcome.turnout_percent is not None
        else None,
        "yes_percent": str(outcome.yes_percent) if outcome.yes_percent is not None else None,
        "is_turnout_met": outcome.is_turnout_met,
        "is_threshold_met": outcome.is_threshold_met,
        "is_passed": outcome.is_passed,
    }
