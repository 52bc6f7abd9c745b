"""STV elections: ranked votes, paper ballots imported all or nothing, the count and its seats."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.mutuals import selectors, services
from coopcouncil.mutuals.models import ElectionRanking, Representative


def test_members_rank_candidates_once_and_identical_rankings_are_grouped(
    make_member, open_election
):
    first, second = make_member(), make_member()
    election = open_election()
    services.election_vote(actor=first.user, election=election, ranking=[2, 1])
    services.election_vote(actor=second.user, election=election, ranking=[2, 1])
    assert list(ElectionRanking.objects.values_list("ranking", "papers")) == [("2 1", 2)]
    with pytest.raises(Conflict):
        services.election_vote(actor=first.user, election=election, ranking=[1])


@pytest.mark.parametrize(
    ("ranking", "code"),
    [([], "ranking_empty"), ([1, 1], "ranked_twice"), ([9], "candidate_not_standing")],
)
def test_a_bad_ranking_is_refused(make_member, open_election, ranking, code):
    member = make_member()
    with pytest.raises(DomainError) as error:
        services.election_vote(actor=member.user, election=open_election(), ranking=ranking)
    assert error.value.code == code


def test_a_bad_ballot_file_names_its_line_and_imports_nothing(open_election, secretary):
    election = open_election()
    text = '4 2\n3 1 2 0\n2 9 0\n0\n"Ann" "Ben" "Cat" "Dan"\n"x"\n'
    with pytest.raises(RowErrors) as error:
        services.election_ballots_import(
            actor=secretary, election=election, text=text, file_format="blt"
        )
    assert error.value.rows[0][0] == 3
    assert not ElectionRanking.objects.exists()


def test_the_count_publishes_every_stage_and_seats_the_winners(
    mutual, secretary, classes, open_election
):
    constituency = services.constituency_add(
        actor=secretary,
        mutual=mutual,
        name="Assembly",
        membership_class=classes["individuals"],
        seats=2,
    )
    election = open_election(constituency=constituency)
    csv_text = "count,1,2\n6,Ann,Ben\n5,Cat\n2,Dan,Cat\n"
    assert (
        services.election_ballots_import(
            actor=secretary, election=election, text=csv_text, file_format="csv"
        )
        == 13
    )
    with pytest.raises(Conflict):
        services.election_count(actor=secretary, election=election)
    counted = services.election_count(
        actor=secretary, election=election, now=election.closes_at + timedelta(minutes=1)
    )
    assert counted.result["elected"] == ["Ann", "Cat"]
    assert counted.result["quota"] == "5.00000"
    assert counted.result["stages"][0]["kind"] == "first_preferences"
    assert set(Representative.objects.values_list("name", flat=True)) == {"Ann", "Cat"}
    with pytest.raises(Conflict):
        services.election_count(
            actor=secretary, election=election, now=timezone.now() + timedelta(days=8)
        )


def test_the_counted_election_exports_the_ballots_it_counted(open_election, secretary):
    election = open_election()
    services.election_ballots_import(
        actor=secretary, election=election, text="1,2\nAnn,Ben\n", file_format="csv"
    )
    countable = selectors.election_countable(election)
    assert [(b.ranking, b.count) for b in countable.ballots] == [((0, 1), 1)]
