"""Hand-worked examples for each counting rule (the same ones as in the rules' docstrings)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from coopcouncil.participation.logic.counting import (
    UnknownRule,
    count_election,
    outcome_as_json,
)
from coopcouncil.participation.logic.pabulib import parse_pabulib
from coopcouncil.participation.logic.profile import UnsupportedRule, ballot_profile
from coopcouncil.participation.logic.rules import (
    greedy_card,
    greedy_cost,
    mes_card,
    mes_cost,
    mes_cost_completed,
    phragmen,
)


def election(budget, costs: dict[str, int], ballots: list[str], vote_type="approval"):
    """A tiny election: `ballots` are comma-separated ids ("a,b"), or "a:2,b:1" for points."""
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{vote_type}", "PROJECTS"]
    lines += ["project_id;cost", *(f"{p};{c}" for p, c in costs.items()), "VOTES"]
    if vote_type == "cumulative":
        lines.append("voter_id;vote;points")
        for i, ballot in enumerate(ballots):
            pairs = [item.split(":") for item in ballot.split(",")]
            lines.append(f"{i};{','.join(p for p, _ in pairs)};{','.join(s for _, s in pairs)}")
    else:
        lines.append("voter_id;vote")
        lines += [f"{i};{ballot}" for i, ballot in enumerate(ballots)]
    return parse_pabulib("\n".join(lines) + "\n")


def profile(*args, **kwargs):
    return ballot_profile(election(*args, **kwargs))


def test_greedy_funds_most_approved_first_and_skips_what_does_not_fit():
    outcome = greedy_cost(
        profile(10, {"a": 6, "b": 5, "c": 4}, ["a", "a", "a", "b", "b", "c", "c"])
    )
    assert outcome.selected == ("a", "c")
    assert outcome.result("b").reason.endswith("did not fit: cost 5 > remaining 4")
    assert outcome.budget_left == 0


def test_greedy_card_ranks_by_approvals_per_unit_of_cost():
    outcome = greedy_card(profile(10, {"a": 8, "b": 2, "c": 2}, ["a", "a", "a", "b", "c"]))
    assert outcome.selected == ("b", "c")


@pytest.mark.parametrize("rule", [greedy_cost, greedy_card, mes_cost, mes_card, phragmen])
def test_ties_go_to_the_smallest_id_compared_as_text(rule):
    outcome = rule(profile(5, {"2": 5, "10": 5}, ["2,10", "2,10"]))
    assert outcome.selected == ("10",)  # "10" < "2" as text


def test_equal_shares_leaves_money_unspent_when_a_minority_cannot_afford_its_project():
    instance = profile(30, {"a": 18, "b": 12}, ["a", "a", "b"])
    outcome = mes_cost(instance)
    assert outcome.selected == ("a",)
    assert outcome.result("a").rho == Fraction(1, 2)
    assert "supporters had 10 left" in outcome.result("b").reason


def test_completion_raises_the_budget_until_the_minority_can_pay():
    outcome = mes_cost_completed(profile(30, {"a": 18, "b": 12}, ["a", "a", "b"]))
    assert set(outcome.selected) == {"a", "b"}
    assert "raised by 20 %" in outcome.notes[0]


def test_equal_shares_with_points_charges_in_proportion_to_points():
    instance = profile(20, {"a": 10, "b": 10}, ["a:3,b:1", "b:2"], vote_type="cumulative")
    outcome = mes_cost(instance)
    # Each voter holds 10. a and b both cost 10/3 per point: the tie goes to a, which voter 0
    # pays alone (3 points x 10/3); then voter 1 alone pays b at rho 5 (2 points x 5).
    assert outcome.selected == ("a", "b")
    assert outcome.result("a").rho == Fraction(10, 3)
    assert outcome.result("b").rho == 5
    with pytest.raises(UnsupportedRule):
        mes_card(instance)


def test_phragmen_stops_at_the_first_best_project_that_does_not_fit():
    outcome = phragmen(profile(10, {"a": 4, "b": 6, "c": 3}, ["a,c", "a,c", "b,c"]))
    assert outcome.selected == ("c", "a")
    assert outcome.result("a").rho == 3
    assert "stopped: the best next project b costs 6 > remaining 3" in outcome.notes


def test_borda_gives_the_last_ranked_project_nothing():
    instance = profile(4, {"a": 4, "b": 4}, ["a,b", "a,b", "b,a"], vote_type="ordinal")
    assert instance.score_totals == (2, 1)
    assert greedy_cost(instance).selected == ("a",)
    with pytest.raises(UnsupportedRule):
        phragmen(instance)


def test_count_election_takes_cli_names_and_explains_itself_in_json():
    outcome = count_election(election(10, {"a": 6, "b": 5}, ["a", "a", "b"]), "greedy-cost")
    report = outcome_as_json(outcome)
    assert report["winners"] == ["a"]
    assert report["total_cost"] == "6" and report["budget_left"] == "4"
    assert report["projects"][1]["reason"].endswith("did not fit: cost 5 > remaining 4")
    with pytest.raises(UnknownRule):
        count_election(election(10, {"a": 6}, ["a"]), "borda-count")
