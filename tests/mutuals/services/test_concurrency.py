"""One vote per member, even when the same member votes from two places at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from coopcouncil.core.errors import Conflict
from coopcouncil.mutuals import selectors, services
from coopcouncil.mutuals.models import BallotParticipation, ElectionParticipation


def _race(calls):
    outcomes = []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("counted")
        except Conflict:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_a_member_voting_twice_at_once_is_counted_once(make_member, open_ballot, open_election):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write, so there is no race to test")
    member = make_member()
    ballot = open_ballot()
    election = open_election()
    outcomes = _race(
        [
            lambda c=choice: services.ballot_vote(actor=member.user, ballot=ballot, choice=c)
            for choice in ("yes", "no", "yes", "no")
        ]
    )
    assert outcomes == ["counted", "refused", "refused", "refused"]
    assert BallotParticipation.objects.count() == 1
    assert selectors.ballot_result(ballot).voted == 1
    outcomes = _race(
        [
            lambda: services.election_vote(actor=member.user, election=election, ranking=[1, 2])
            for _ in range(4)
        ]
    )
    assert outcomes == ["counted", "refused", "refused", "refused"]
    assert ElectionParticipation.objects.count() == 1
    assert selectors.election_turnout(election) == 1


@pytest.mark.django_db(transaction=True)
def test_many_members_voting_at_once_are_all_counted(make_member, open_election):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write, so there is no race to test")
    members = [make_member() for _ in range(6)]
    election = open_election()
    outcomes = _race(
        [
            lambda m=m: services.election_vote(actor=m.user, election=election, ranking=[2, 1])
            for m in members
        ]
    )
    assert outcomes == ["counted"] * 6
    assert selectors.election_turnout(election) == 6
