"""The Scottish STV count on hand-worked examples, and its tie rules."""

from coopcouncil.mutuals.logic.counting import count, result_document
from coopcouncil.mutuals.logic.stv import SCALE, Ballot, Election, break_tie, votes_text


def election(seats, *ballots, candidates="ABC"):
    return Election(
        candidates=tuple(candidates),
        seats=seats,
        ballots=tuple(
            Ballot(tuple(candidates.index(c) for c in ranking), papers)
            for ranking, papers in ballots
        ),
    )


def test_one_seat_is_the_alternative_vote_excluding_the_lowest_until_a_quota():
    result = count(election(1, ("AB", 4), ("B", 3), ("CB", 2)))
    assert result.quota == 5 * SCALE
    assert [stage.kind for stage in result.stages] == ["first_preferences", "exclusion"]
    assert result.stages[1].subject == 2
    assert result.stages[1].elected == (1,)
    assert result.elected == (1,)


def test_surplus_moves_at_a_transfer_value_truncated_to_five_places():
    result = count(election(2, ("AB", 6), ("AC", 3), ("C", 2), ("B", 1)))
    first, surplus, exclusion, last = result.stages
    assert result.quota == 5 * SCALE
    assert first.elected == (0,)
    # 4 surplus over 9 papers: 0.44444 each, remainder ignored (rule 48(3)).
    assert votes_text(surplus.votes[1]) == "3.66664"
    assert votes_text(surplus.votes[2]) == "3.33332"
    assert votes_text(surplus.rounding_loss) == "0.00004"
    assert exclusion.subject == 2
    assert votes_text(exclusion.non_transferable) == "3.33332"
    assert last.kind == "last_vacancies"
    assert result.elected == (0, 1)


def test_exclusion_moves_each_paper_at_the_value_it_arrived_with():
    result = count(election(2, ("ACB", 8), ("B", 4)))
    # A's surplus 3 over 8 papers: 0.375 each to C; C is then excluded and those eight
    # papers reach B at 0.375, three votes, not eight.
    exclusion = result.stages[2]
    assert exclusion.subject == 2
    assert votes_text(exclusion.transfers[1]) == "3.00000"
    assert exclusion.elected == (1,)


def test_exclusion_tie_goes_to_the_most_recent_stage_at_which_they_differed():
    history = [(5, 3, 2), (5, 4, 4)]
    assert break_tie([1, 2], history, lot=(0, 1, 2), highest=False) == (2, "previous_stage")


def test_tie_equal_at_every_stage_is_decided_by_the_lot_order_given():
    history = [(5, 3, 3)]
    assert break_tie([1, 2], history, lot=(0, 1, 2), highest=False) == (1, "lot")
    assert break_tie([1, 2], history, lot=(0, 2, 1), highest=False) == (2, "lot")


def test_largest_surplus_is_transferred_first():
    result = count(election(3, ("AC", 8), ("BD", 7), ("C", 3), ("D", 3), candidates="ABCD"))
    assert result.stages[0].elected == (0, 1)
    assert [(stage.kind, stage.subject) for stage in result.stages[1:3]] == [
        ("surplus", 0),
        ("surplus", 1),
    ]


def test_lot_order_settles_a_tie_for_the_last_exclusion():
    ballots = (("A", 3), ("B", 1), ("C", 1))
    assert count(election(1, *ballots), lot_order=(1,)).excluded[0] == 1
    assert count(election(1, *ballots), lot_order=(2,)).excluded[0] == 2


def test_plurality_elects_the_most_first_preferences():
    result = count(election(1, ("AB", 3), ("BA", 2), ("CB", 4)), rule="plurality")
    assert result.elected == (2,)
    assert len(result.stages) == 1


def test_meek_passes_a_surplus_through_an_elected_candidate():
    result = count(election(2, ("AB", 6), ("BA", 3), ("C", 3)), rule="meek")
    assert set(result.elected) == {0, 1}


def test_result_document_names_candidates_and_writes_votes_as_decimals():
    document = result_document(count(election(1, ("AB", 4), ("B", 3), ("CB", 2))))
    assert document["elected"] == ["B"]
    assert document["quota"] == "5.00000"
    assert document["stages"][1]["votes"]["B"] == "5.00000"
