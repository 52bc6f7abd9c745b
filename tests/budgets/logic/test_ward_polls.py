"""Ward polls: two to five options, a window that closes after it opens, one count per vote."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.budgets.logic.ward_polls import (
    check_ward_poll_terms,
    is_ward_poll_open,
    ward_poll_count,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
OPTIONS = [(1, "Benches"), (2, "Bulbs"), (3, "Bins")]


def _codes(**changes):
    terms = {
        "question": "What should the ward budget fund?",
        "options": ["Benches", "Bulbs"],
        "opens_at": NOW,
        "closes_at": NOW + timedelta(days=14),
        "now": NOW,
    } | changes
    return [problem.code for problem in check_ward_poll_terms(**terms)]


def test_a_poll_of_two_to_five_distinct_options_in_a_forward_window_may_open():
    assert _codes() == []
    assert _codes(options=["A", "B", "C", "D", "E"]) == []


@pytest.mark.parametrize("options", [[], ["Only one"], ["A", "B", "C", "D", "E", "F"], ["A", " "]])
def test_fewer_than_two_or_more_than_five_options_are_refused(options):
    assert _codes(options=options) == ["options_count"]


def test_the_same_option_twice_is_refused_whatever_its_case():
    assert _codes(options=["Benches", "benches "]) == ["options_repeated"]


def test_a_poll_must_close_after_it_opens_and_not_in_the_past():
    assert _codes(closes_at=NOW) == ["closes_before_opening"]
    assert _codes(opens_at=NOW - timedelta(days=9), closes_at=NOW - timedelta(days=1)) == [
        "closes_in_past"
    ]


def test_a_blank_question_is_refused_beside_the_other_problems():
    assert _codes(question=" ", options=["A"]) == ["question_required", "options_count"]


def test_votes_count_from_the_opening_time_up_to_but_not_at_the_close():
    window = {"opens_at": NOW, "closes_at": NOW + timedelta(hours=1)}
    assert is_ward_poll_open(now=NOW, **window)
    assert not is_ward_poll_open(now=NOW - timedelta(seconds=1), **window)
    assert not is_ward_poll_open(now=NOW + timedelta(hours=1), **window)


def test_the_worked_example_counts_votes_shares_turnout_and_the_leader():
    result = ward_poll_count(options=OPTIONS, ballots=[1, 2, 1, 1], eligible=40)
    assert [(o.label, o.votes, o.percent) for o in result.options] == [
        ("Benches", 3, Decimal("75.0")),
        ("Bulbs", 1, Decimal("25.0")),
        ("Bins", 0, Decimal("0.0")),
    ]
    assert result.turnout_percent == Decimal("10.0")
    assert result.leading_ids == (1,) and not result.is_tie
    assert result.is_residents_choice(1) and not result.is_residents_choice(2)


def test_equal_leaders_are_a_published_tie_and_either_follows_the_vote():
    result = ward_poll_count(options=OPTIONS, ballots=[1, 2], eligible=10)
    assert result.is_tie and result.leading_ids == (1, 2)
    assert result.is_residents_choice(2) and not result.is_residents_choice(3)


def test_before_any_vote_nothing_leads_and_no_share_is_given():
    result = ward_poll_count(options=OPTIONS, ballots=[], eligible=0)
    assert result.leading_ids == () and result.turnout_percent is None
    assert all(option.percent is None for option in result.options)


def test_a_vote_for_an_option_not_on_the_poll_is_a_fault():
    with pytest.raises(ValueError, match="not on the poll"):
        ward_poll_count(options=OPTIONS, ballots=[4], eligible=10)


@given(st.lists(st.sampled_from([1, 2, 3]), max_size=60))
def test_every_vote_is_counted_once_whatever_the_order(ballots):
    forward = ward_poll_count(options=OPTIONS, ballots=ballots, eligible=100)
    backward = ward_poll_count(options=OPTIONS, ballots=list(reversed(ballots)), eligible=100)
    assert sum(o.votes for o in forward.options) == forward.votes == len(ballots)
    assert forward == backward
