"""Secret ballots: who voted is kept apart from how, so nothing can join them.

A vote only adds to a tally (yes/no ballots) or to the count of a ranking (elections); those
rows hold no member, no user, no time and a random key. Who voted holds the member and the
day only. No field of one points at the other, the admin shows neither, and the exports
(open data, the person's own data, the API) carry no one's choice.
"""

import json
import uuid

from django.contrib import admin
from django.db import models

from coopcouncil.mutuals import selectors, services
from coopcouncil.mutuals.models import (
    BallotParticipation,
    BallotTally,
    ElectionParticipation,
    ElectionRanking,
    Member,
)
from coopcouncil.people.models import User

VOTES = (BallotTally, ElectionRanking)
WHO_VOTED = (BallotParticipation, ElectionParticipation)


def test_the_vote_rows_hold_no_person_no_time_and_a_random_key():
    for model in VOTES:
        for field in model._meta.get_fields():
            if field.is_relation:
                assert field.related_model not in (Member, User, *WHO_VOTED), (model, field)
            assert not isinstance(field, models.DateField | models.DateTimeField), (model, field)
        assert isinstance(model._meta.pk, models.UUIDField)
        assert model._meta.pk.default is uuid.uuid4


def test_who_voted_keeps_the_day_only_and_points_at_no_vote():
    for model in WHO_VOTED:
        for field in model._meta.get_fields():
            if field.is_relation:
                assert field.related_model not in VOTES, (model, field)
            assert not isinstance(field, models.DateTimeField), (model, field)
            assert not isinstance(field, models.TimeField), (model, field)


def test_no_admin_page_shows_votes_or_who_voted():
    for model in (*VOTES, *WHO_VOTED):
        assert not admin.site.is_registered(model)
    for model_admin in admin.site._registry.values():
        for inline in getattr(model_admin, "inlines", []):
            assert inline.model not in (*VOTES, *WHO_VOTED)


def test_the_exports_carry_no_ones_choice(make_member, open_ballot, open_election):
    first, second = make_member(), make_member()
    ballot = open_ballot()
    election = open_election()
    services.ballot_vote(actor=first.user, ballot=ballot, choice="yes")
    services.ballot_vote(actor=second.user, ballot=ballot, choice="no")
    services.election_vote(actor=first.user, election=election, ranking=[3, 1])
    mine = json.dumps(selectors.mutuals_personal_data(first.user))
    assert "yes" not in mine.replace("ballots_voted_in", "")
    assert "3 1" not in mine and "ranking" not in mine
    assert ballot.question in mine  # that they voted is theirs to see
    assert {tuple(row) for row in BallotTally.objects.values()} == {
        ("id", "ballot_id", "choice", "votes")
    }
    assert {tuple(row) for row in ElectionRanking.objects.values()} == {
        ("id", "election_id", "ranking", "papers")
    }


def test_the_vote_tables_share_nothing_with_who_voted_to_join_on(make_member, open_ballot):
    """Join attempts by every column the two tables have in common find only the ballot."""
    members = [make_member() for _ in range(3)]
    ballot = open_ballot()
    for member, choice in zip(members, ["yes", "no", "yes"], strict=True):
        services.ballot_vote(actor=member.user, ballot=ballot, choice=choice)
    vote_columns = {f.column for f in BallotTally._meta.concrete_fields}
    who_columns = {f.column for f in BallotParticipation._meta.concrete_fields}
    assert vote_columns & who_columns == {"id", "ballot_id"}
    # The shared "id" column cannot join: one is a random UUID, the other a sequence.
    assert isinstance(BallotTally._meta.pk, models.UUIDField)
    assert isinstance(BallotParticipation._meta.pk, models.AutoField | models.BigAutoField)


def test_once_counted_the_rows_are_rewritten_in_an_order_that_says_nothing_of_time(
    make_member, open_election, secretary
):
    from datetime import timedelta

    from django.db import connection

    members = [make_member() for _ in range(4)]
    election = open_election()
    for member, ranking in zip(members[::-1], ([4], [3, 1], [2], [1, 2]), strict=True):
        services.election_vote(actor=member.user, election=election, ranking=ranking)
    services.election_count(
        actor=secretary, election=election, now=election.closes_at + timedelta(minutes=1)
    )
    voters = list(ElectionParticipation.objects.order_by("id").values_list("member_id", flat=True))
    assert voters == sorted(voters)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT ranking FROM mutuals_electionranking ORDER BY ctid")
            physical = [row[0] for row in cursor.fetchall()]
            cursor.execute("SELECT member_id FROM mutuals_electionparticipation ORDER BY ctid")
            physical_voters = [row[0] for row in cursor.fetchall()]
        assert physical == sorted(physical)
        assert physical_voters == sorted(physical_voters)
