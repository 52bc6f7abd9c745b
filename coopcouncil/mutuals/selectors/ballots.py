"""Reads for member ballots and elections: results, electorates, who may still vote.

Results read only the tallies and grouped rankings; who voted reads only the participation
rows. Nothing here reads both for one person.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.mutuals.logic.ballots import CHOICES, BallotOutcome, ballot_outcome
from coopcouncil.mutuals.logic.stv import Ballot
from coopcouncil.mutuals.logic.stv import Election as CountableElection
from coopcouncil.mutuals.models import (
    BallotElector,
    BallotParticipation,
    Candidate,
    Election,
    ElectionElector,
    ElectionParticipation,
    ElectionRanking,
    Member,
    MemberBallot,
    Mutual,
)
from coopcouncil.people.selectors import Actor, is_signed_in


def ballot_list(*, mutual: Mutual | None = None) -> QuerySet[MemberBallot]:
    ballots = MemberBallot.objects.select_related("mutual")
    return ballots.filter(mutual=mutual) if mutual is not None else ballots


def ballot_get(ballot_id: int) -> MemberBallot:
    ballot = ballot_list().filter(pk=ballot_id).first()
    if ballot is None:
        raise NotFound("ballot_not_found", gettext("There is no such ballot."), "ballot")
    return ballot


def ballot_result(ballot: MemberBallot) -> BallotOutcome:
    """Turnout and the yes share against the ballot's rules (from the tallies alone)."""
    votes = {choice: 0 for choice in CHOICES}
    votes.update(dict(ballot.tallies.values_list("choice", "votes")))
    return ballot_outcome(
        electorate=ballot.electorate_size,
        yes=votes["yes"],
        no=votes["no"],
        abstain=votes["abstain"],
        turnout_percent_required=ballot.turnout_percent_required,
        yes_percent_required=ballot.yes_percent_required,
    )


def ballot_elector(user: Actor, ballot: MemberBallot) -> Member | None:
    """The person's membership in the ballot's electorate snapshot, or None."""
    if not is_signed_in(user):
        return None
    found = (
        BallotElector.objects.filter(ballot=ballot, member__user=user)
        .select_related("member")
        .first()
    )
    return found.member if found is not None else None


def has_voted_in_ballot(user: Actor, ballot: MemberBallot) -> bool:
    return (
        is_signed_in(user)
        and BallotParticipation.objects.filter(ballot=ballot, member__user=user).exists()
    )


def election_list(*, mutual: Mutual | None = None) -> QuerySet[Election]:
    elections = Election.objects.select_related("mutual", "constituency")
    return elections.filter(mutual=mutual) if mutual is not None else elections


def election_get(election_id: int) -> Election:
    election = election_list().filter(pk=election_id).first()
    if election is None:
        raise NotFound("election_not_found", gettext("There is no such election."), "election")
    return election


def candidate_list(election: Election) -> list[Candidate]:
    return list(Candidate.objects.filter(election=election).order_by("position"))


def election_elector(user: Actor, election: Election) -> Member | None:
    if not is_signed_in(user):
        return None
    found = (
        ElectionElector.objects.filter(election=election, member__user=user)
        .select_related("member")
        .first()
    )
    return found.member if found is not None else None


def has_voted_in_election(user: Actor, election: Election) -> bool:
    return (
        is_signed_in(user)
        and ElectionParticipation.objects.filter(election=election, member__user=user).exists()
    )


def election_turnout(election: Election) -> int:
    """Papers cast (online and imported), from the grouped rankings."""
    return sum(election.rankings.values_list("papers", flat=True))


def election_countable(election: Election) -> CountableElection:
    """The election's ballots as ``logic.stv`` counts them (candidates by ballot position)."""
    candidates = candidate_list(election)
    index = {candidate.position: number for number, candidate in enumerate(candidates)}
    ballots = tuple(
        Ballot(tuple(index[int(position)] for position in ranking.split()), papers)
        for ranking, papers in ElectionRanking.objects.filter(election=election)
        .order_by("ranking")
        .values_list("ranking", "papers")
        if ranking
    )
    return CountableElection(
        candidates=tuple(candidate.name for candidate in candidates),
        seats=election.seats,
        ballots=ballots,
        title=election.title,
    )
