"""Ballot validation for the platform's own PB votes, and the headline results summary."""

from __future__ import annotations

from fractions import Fraction

from coopcouncil.participation.logic.ballots import BallotConstraints, validate_ballot
from coopcouncil.participation.logic.counting import count_election
from coopcouncil.participation.logic.pabulib import parse_pabulib
from coopcouncil.participation.logic.summary import results_summary

COSTS = {"a": Fraction(5), "b": Fraction(7), "c": Fraction(3)}


def test_valid_approval_ballot_has_no_errors():
    rules = BallotConstraints(project_costs=COSTS, min_projects=1, max_projects=2)
    assert validate_ballot("approval", ["a", "c"], rules) == []


def test_approval_ballot_over_the_count_and_cost_limits_lists_every_problem():
    rules = BallotConstraints(project_costs=COSTS, max_projects=2, max_total_cost=Fraction(10))
    errors = validate_ballot("approval", ["a", "b", "c", "z"], rules)
    assert "project 'z' is not on the ballot" in errors
    assert "4 projects chosen; at most 2 allowed" in errors
    assert "the projects chosen cost 15 in total; the limit is 10" in errors


def test_cumulative_ballot_must_not_spread_more_points_than_allowed():
    rules = BallotConstraints(project_costs=COSTS, points_to_spread=5, max_points_per_project=3)
    assert validate_ballot("cumulative", {"a": 3, "b": 2}, rules) == []
    errors = validate_ballot("cumulative", {"a": 4, "b": 2, "c": -1}, rules)
    assert "4 points for 'a'; at most 3 per project" in errors
    assert "points for 'c' must be a whole number of 0 or more" in errors
    assert "6 points given; only 5 to spread" in errors


def test_ordinal_ballot_ranks_up_to_k_projects_without_repeats():
    rules = BallotConstraints(project_costs=COSTS, max_ranked=2)
    assert validate_ballot("ordinal", ["b", "a"], rules) == []
    assert validate_ballot("ordinal", ["a", "a"], rules) == ["project 'a' is chosen 2 times"]
    assert validate_ballot("ordinal", ["a", "b", "c"], rules) == [
        "3 projects ranked; at most 2 allowed"
    ]


def test_summary_counts_voters_with_a_funded_project_they_backed():
    election = parse_pabulib(
        "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
        "a;6\nb;5\nVOTES\nvoter_id;vote\n1;a\n2;a,b\n3;b\n4;b\n"
    )
    summary = results_summary(election, count_election(election, "greedy-cost"))
    assert summary.voters_with_funded_project == 3  # b (3 votes) is funded; voter 1 backed a
    assert summary.share_with_funded_project == Fraction(3, 4)
