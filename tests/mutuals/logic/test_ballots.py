"""A member ballot's turnout and pass-threshold rules."""

from decimal import Decimal

from coopcouncil.mutuals.logic.ballots import ballot_outcome


def test_rochdale_style_ballot_passes_with_76_percent_yes():
    outcome = ballot_outcome(
        electorate=100,
        yes=38,
        no=12,
        abstain=0,
        turnout_percent_required=0,
        yes_percent_required=50,
    )
    assert outcome.yes_percent == Decimal("76.0")
    assert outcome.turnout_percent == Decimal("50.0")
    assert outcome.is_passed


def test_turnout_below_the_rule_fails_however_large_the_yes_vote():
    outcome = ballot_outcome(
        electorate=1000,
        yes=399,
        no=0,
        abstain=0,
        turnout_percent_required=40,
        yes_percent_required=50,
    )
    assert not outcome.is_turnout_met and outcome.is_threshold_met and not outcome.is_passed
    met = ballot_outcome(
        electorate=1000,
        yes=400,
        no=0,
        abstain=0,
        turnout_percent_required=40,
        yes_percent_required=50,
    )
    assert met.is_turnout_met


def test_a_majority_means_more_than_half_and_a_tie_fails():
    tie = ballot_outcome(
        electorate=10, yes=4, no=4, abstain=2, turnout_percent_required=0, yes_percent_required=50
    )
    assert not tie.is_threshold_met


def test_a_special_resolution_needs_at_least_three_quarters():
    exactly = ballot_outcome(
        electorate=8, yes=6, no=2, abstain=0, turnout_percent_required=0, yes_percent_required=75
    )
    assert exactly.is_threshold_met


def test_abstentions_count_for_turnout_not_for_the_yes_share():
    outcome = ballot_outcome(
        electorate=10, yes=3, no=1, abstain=4, turnout_percent_required=80, yes_percent_required=50
    )
    assert outcome.turnout_percent == Decimal("80.0")
    assert outcome.yes_percent == Decimal("75.0")
