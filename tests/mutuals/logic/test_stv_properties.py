"""Properties every STV count keeps, whatever the ballots (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from coopcouncil.mutuals.logic.counting import count
from coopcouncil.mutuals.logic.stv import SCALE, Ballot, Election


@st.composite
def elections(draw):
    candidates = draw(st.integers(min_value=1, max_value=7))
    seats = draw(st.integers(min_value=1, max_value=candidates))
    rankings = st.permutations(range(candidates)).flatmap(
        lambda order: st.integers(min_value=1, max_value=len(order)).map(
            lambda length: tuple(order[:length])
        )
    )
    ballots = draw(
        st.lists(
            st.builds(Ballot, rankings, st.integers(min_value=1, max_value=40)),
            min_size=1,
            max_size=25,
        )
    )
    return Election(
        candidates=tuple(f"Candidate {c}" for c in range(candidates)),
        seats=seats,
        ballots=tuple(ballots),
    )


@settings(max_examples=200, deadline=None)
@given(elections())
def test_a_candidate_with_a_quota_of_first_preferences_is_elected(election):
    result = count(election)
    first = result.stages[0]
    for candidate, votes in enumerate(first.votes):
        if votes >= result.quota:
            assert candidate in result.elected


@settings(max_examples=200, deadline=None)
@given(elections(), st.sampled_from(["scottish", "meek"]))
def test_votes_are_conserved_at_every_stage(election, rule):
    result = count(election, rule)
    valid = election.valid_papers * SCALE
    for stage in result.stages:
        # elected + continuing (every candidate's votes) + non-transferable = valid
        assert sum(stage.votes) + stage.non_transferable + stage.rounding_loss == valid
        assert stage.rounding_loss >= 0


@settings(max_examples=200, deadline=None)
@given(elections(), st.sampled_from(["scottish", "meek", "plurality"]), st.randoms())
def test_relabelling_the_candidates_does_not_change_the_winners(election, rule, random):
    n = len(election.candidates)
    new_label = list(range(n))
    random.shuffle(new_label)
    relabelled = Election(
        candidates=tuple(
            election.candidates[old] for old in sorted(range(n), key=new_label.__getitem__)
        ),
        seats=election.seats,
        ballots=tuple(
            Ballot(tuple(new_label[c] for c in ballot.ranking), ballot.count)
            for ballot in election.ballots
        ),
    )
    # The lot must draw the same people, whatever their new numbers.
    lot = list(range(n))
    original = count(election, rule, lot_order=lot)
    renamed = count(relabelled, rule, lot_order=[new_label[c] for c in lot])
    assert {election.candidates[c] for c in original.elected} == {
        relabelled.candidates[c] for c in renamed.elected
    }


@settings(max_examples=100, deadline=None)
@given(elections(), st.sampled_from(["scottish", "meek", "plurality"]))
def test_exactly_the_seats_are_filled_when_enough_stand(election, rule):
    result = count(election, rule)
    assert len(result.elected) == election.seats
    assert len(set(result.elected)) == election.seats
