"""The cities' own rules reproduce the `selected` column of the shared Pabulib files."""

from __future__ import annotations

from fractions import Fraction

import pytest

from coopcouncil.participation.logic.counting import count_election
from coopcouncil.participation.logic.official import official_outcome
from coopcouncil.participation.logic.pabulib import parse_pabulib
from coopcouncil.participation.logic.profile import UnsupportedRule


@pytest.mark.pabulib
@pytest.mark.usefixtures("pabulib_absent_guard")
def test_official_rule_funds_the_projects_the_city_funded(official_file, shared_election):
    election = shared_election(official_file["file"])
    funded_by_city = {p.project_id for p in election.projects if (p.selected or 0) >= 1}
    assert set(count_election(election, "official").selected) == funded_by_city


def city(rule: str, extra_meta: str = "", costs=(("a", 6), ("b", 5), ("c", 4))) -> str:
    projects = "\n".join(f"{p};{c};{cat}" for (p, c), cat in zip(costs, "xyx", strict=False))
    return (
        f"META\nkey;value\nbudget;10\nvote_type;approval\nrule;{rule}\n{extra_meta}"
        f"PROJECTS\nproject_id;cost;category\n{projects}\n"
        "VOTES\nvoter_id;vote\n1;a,b,c\n2;a,b\n3;a\n"
    )


def test_greedy_skips_a_project_that_does_not_fit():
    assert official_outcome(parse_pabulib(city("greedy"))).selected == ("a", "c")


def test_greedy_no_skip_stops_at_the_first_project_that_does_not_fit():
    outcome = official_outcome(parse_pabulib(city("greedy-no-skip")))
    assert outcome.selected == ("a",)
    assert "counting had stopped" in outcome.result("c").reason


def test_projects_below_the_score_threshold_are_not_eligible():
    text = city("greedy-threshold", "min_project_score_threshold;2\n")
    outcome = official_outcome(parse_pabulib(text))
    assert outcome.selected == ("a",)
    assert "below the threshold 2" in outcome.result("c").reason
    assert outcome.result("c").is_below_minimum
    assert not outcome.result("b").is_below_minimum
    assert outcome.minimum_support == Fraction(2)


def test_a_threshold_rule_without_its_threshold_is_refused_not_counted_without_one():
    with pytest.raises(UnsupportedRule, match="min_project_score_threshold"):
        official_outcome(parse_pabulib(city("greedy-threshold")))


def test_equal_shares_cities_apply_the_recorded_minimum_support_too():
    # Budget 10, a and c cost 5 each: raising each voter's share lets c's one voter pay for c.
    def add1(extra_meta: str = "") -> str:
        return (
            f"META\nkey;value\nbudget;10\nvote_type;approval\nrule;equalshares/add1\n"
            f"{extra_meta}PROJECTS\nproject_id;cost\nc;5\na;5\n"
            "VOTES\nvoter_id;vote\n1;a\n2;a\n3;c\n"
        )

    assert set(official_outcome(parse_pabulib(add1())).selected) == {"a", "c"}
    minimum = official_outcome(parse_pabulib(add1("min_project_score_threshold;2\n")))
    assert minimum.selected == ("a",)
    assert minimum.result("c").is_below_minimum
    assert "below the threshold 2" in minimum.result("c").reason
    assert minimum.minimum_support == Fraction(2)
    assert [p.project_id for p in minimum.projects] == ["c", "a"]


def test_category_budget_caps_a_category_until_the_leftover_pass():
    meta = "categories;x,y\nbudget_per_category;7,5\n"
    capped = official_outcome(parse_pabulib(city("greedy", meta)))
    assert capped.selected == ("a",)
    leftover = official_outcome(parse_pabulib(city("greedy", meta + "leftover_budget;yes\n")))
    assert leftover.selected == ("a", "c")


def test_poznan_funds_the_next_project_from_reserve_when_80_percent_is_covered():
    text = city("greedy-custom", costs=(("a", 6), ("b", 5), ("c", 1)))
    outcome = official_outcome(parse_pabulib(text))
    assert outcome.selected == ("a", "b")  # 4 left covers 80 % of b's 5
    assert "reserve" in outcome.result("b").reason


def test_an_unknown_city_rule_is_refused():
    with pytest.raises(UnsupportedRule):
        official_outcome(parse_pabulib(city("unknown")))
