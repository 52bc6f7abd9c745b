"""Member ballots: electorate snapshot, one vote each, turnout and threshold in the result."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.mutuals import selectors, services


def test_the_electorate_is_the_voting_members_on_the_stated_date(make_member, open_ballot):
    voter = make_member("individuals", days_ago=10)
    make_member("associate", days_ago=10, date_of_birth=date(2014, 1, 1))  # no vote
    late = make_member("individuals", days_ago=0)  # joined after the snapshot date
    ballot = open_ballot()
    assert ballot.electorate_size == 1
    assert selectors.ballot_elector(voter.user, ballot) is not None
    assert selectors.ballot_elector(late.user, ballot) is None
    with pytest.raises(NotAllowed):
        services.ballot_vote(actor=late.user, ballot=ballot, choice="yes")


def test_a_member_votes_once(make_member, open_ballot):
    member = make_member()
    ballot = open_ballot()
    services.ballot_vote(actor=member.user, ballot=ballot, choice="yes")
    with pytest.raises(Conflict) as error:
        services.ballot_vote(actor=member.user, ballot=ballot, choice="no")
    assert error.value.code == "already_voted"
    result = selectors.ballot_result(ballot)
    assert (result.yes, result.no, result.voted) == (1, 0, 1)


def test_voting_outside_the_window_is_refused(make_member, open_ballot):
    member = make_member()
    ballot = open_ballot()
    with pytest.raises(Conflict):
        services.ballot_vote(actor=member.user, ballot=ballot, choice="yes", now=ballot.closes_at)


def test_an_unknown_choice_is_refused_on_its_field(make_member, open_ballot):
    member = make_member()
    with pytest.raises(DomainError) as error:
        services.ballot_vote(actor=member.user, ballot=open_ballot(), choice="maybe")
    assert error.value.field == "choice"


def test_the_result_says_whether_turnout_and_threshold_were_met(make_member, open_ballot):
    members = [make_member() for _ in range(4)]
    ballot = open_ballot(turnout_percent_required=60, yes_percent_required=50)
    for member, choice in zip(members[:3], ["yes", "yes", "no"], strict=True):
        services.ballot_vote(actor=member.user, ballot=ballot, choice=choice)
    result = selectors.ballot_result(ballot)
    assert result.is_turnout_met and result.is_threshold_met and result.is_passed


def test_a_snapshot_after_voting_opens_is_refused(open_ballot):
    with pytest.raises(DomainError) as error:
        open_ballot(electorate_on=timezone.localdate() + timedelta(days=1))
    assert error.value.field == "electorate_on"


def test_a_member_whose_voting_class_lapsed_before_the_snapshot_is_not_in_the_electorate(
    make_member, open_ballot, classes, secretary
):
    from coopcouncil.mutuals.models import MemberClass

    member = make_member("individuals", days_ago=10)
    # They also hold an associate class (no vote), still current.
    MemberClass.objects.create(
        member=member, membership_class=classes["associate"], since=member.joined_on
    )
    MemberClass.objects.filter(member=member, membership_class=classes["individuals"]).update(
        lapsed_on=timezone.localdate() - timedelta(days=5)
    )
    assert open_ballot().electorate_size == 0
