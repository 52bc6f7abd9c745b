"""The person's data export and erasure; insight's participation sources."""

from coopcouncil.core.interfaces import ParticipationSource
from coopcouncil.mutuals import selectors, services
from coopcouncil.mutuals.models import Member


def test_personal_data_lists_memberships_and_ballots_voted_in(make_member, open_ballot):
    member = make_member()
    ballot = open_ballot()
    services.ballot_vote(actor=member.user, ballot=ballot, choice="no")
    data = selectors.mutuals_personal_data(member.user)
    assert data["memberships"][0]["mutual"] == "Youth Co-op"
    assert data["ballots_voted_in"][0]["question"] == ballot.question


def test_erasure_ends_memberships_and_keeps_the_turnout(make_member, open_ballot):
    member = make_member()
    ballot = open_ballot()
    services.ballot_vote(actor=member.user, ballot=ballot, choice="yes")
    services.mutuals_erase(user=member.user)
    assert Member.objects.get(pk=member.pk).left_on is not None
    result = selectors.ballot_result(ballot)
    assert (result.voted, result.yes) == (1, 1)


def test_participation_sources_count_deciding_from_who_voted(
    make_member, open_ballot, open_election
):
    member = make_member()
    services.ballot_vote(actor=member.user, ballot=open_ballot(), choice="yes")
    services.election_vote(actor=member.user, election=open_election(), ranking=[1])
    sources = selectors.participation_sources()
    assert all(isinstance(s, ParticipationSource) and s.role == "deciding" for s in sources)
    events = [row for source in sources for row in source.events]
    assert [row["user_id"] for row in events] == [member.user_id, member.user_id]
    assert all(row["at"] is not None for row in events)


def test_the_persons_export_and_erasure_reach_their_memberships(make_member):
    from coopcouncil.people.services import user_erase, user_export

    member = make_member()
    assert user_export(user=member.user)["mutuals"]["memberships"][0]["mutual"] == "Youth Co-op"
    user_erase(user=member.user)
    assert Member.objects.get(pk=member.pk).left_on is not None
