"""The rules a PB process's terms keep, checked without a database."""

from dataclasses import replace
from datetime import UTC, datetime

from coopcouncil.participation.logic.process_terms import (
    HeadingTerms,
    PhaseDate,
    ProcessTerms,
    process_terms_problems,
    rule_fits_ballot,
    title_and_dates_problems,
)

GOOD = ProcessTerms(
    title="Oldham East 2026",
    budget_pence=10_000_000,
    ballot_type="approval",
    rule="greedy-cost",
    district_id=1,
    district_name="Oldham East",
)


def _on(day: int) -> datetime:
    return datetime(2026, 3, day, tzinfo=UTC)


def test_sound_terms_have_no_problems():
    assert process_terms_problems(GOOD, ()) == {}


def test_a_process_needs_a_title_and_a_budget_above_zero():
    problems = process_terms_problems(replace(GOOD, title="", budget_pence=0), ())
    assert problems == {
        "title": ["Give the process a title."],
        "budget_pence": ["The budget must be more than zero."],
    }


def test_problems_come_in_the_order_of_the_form():
    terms = replace(GOOD, title="", rule="no-such-rule", min_voter_age=130)
    assert list(process_terms_problems(terms, ())) == ["title", "rule", "min_voter_age"]


def test_only_approval_cumulative_and_ordinal_ballots_can_be_opened():
    problems = process_terms_problems(replace(GOOD, ballot_type="scoring"), ())
    assert problems["ballot_type"] == ["Choose approval, cumulative or ordinal ballots."]


def test_a_cumulative_ballot_needs_points_to_spread():
    problems = process_terms_problems(replace(GOOD, ballot_type="cumulative"), ())
    assert "points_to_spread" in problems


def test_one_project_cannot_take_more_points_than_there_are_to_spread():
    terms = replace(GOOD, ballot_type="cumulative", points_to_spread=5, max_points_per_project=6)
    assert list(process_terms_problems(terms, ())) == ["max_points_per_project"]


def test_the_most_projects_is_at_least_the_fewest_and_at_least_one():
    assert "max_projects" in process_terms_problems(replace(GOOD, max_projects=0), ())
    terms = replace(GOOD, min_projects=3, max_projects=2)
    assert "max_projects" in process_terms_problems(terms, ())
    assert process_terms_problems(replace(GOOD, min_projects=2, max_projects=2), ()) == {}


def test_a_cost_limit_must_be_above_zero():
    problems = process_terms_problems(replace(GOOD, max_total_cost_pence=0), ())
    assert list(problems) == ["max_total_cost_pence"]


def test_the_official_rule_needs_a_city_rule():
    problems = process_terms_problems(replace(GOOD, rule="official", official_rule=""), ())
    assert list(problems) == ["official_rule"]


def test_approval_only_rules_refuse_other_ballots():
    assert not rule_fits_ballot("phragmen", "ordinal")
    assert rule_fits_ballot("phragmen", "approval")
    assert rule_fits_ballot("greedy-cost", "ordinal")
    terms = replace(GOOD, ballot_type="ordinal", rule="mes-card")
    assert process_terms_problems(terms, ()) == {
        "rule": ["The mes-card rule counts approval ballots only."]
    }


def test_the_minimum_voting_age_is_between_0_and_120():
    assert process_terms_problems(replace(GOOD, min_voter_age=0), ()) == {}
    assert list(process_terms_problems(replace(GOOD, min_voter_age=121), ())) == ["min_voter_age"]


def test_each_planned_date_follows_the_one_before_and_unplanned_phases_are_skipped():
    dates = (
        PhaseDate("proposals_open_at", "Proposals open", _on(1)),
        PhaseDate("review_open_at", "Feasibility review starts", None),
        PhaseDate("voting_open_at", "Voting opens", _on(10)),
        PhaseDate("voting_close_at", "Voting closes", _on(10)),
    )
    problems = process_terms_problems(replace(GOOD, phase_dates=dates), ())
    assert problems == {"voting_close_at": ["Voting closes must be after voting opens."]}


def test_a_date_out_of_order_is_compared_with_the_last_good_one():
    dates = (
        PhaseDate("proposals_open_at", "Proposals open", _on(5)),
        PhaseDate("review_open_at", "Feasibility review starts", _on(2)),
        PhaseDate("voting_open_at", "Voting opens", _on(3)),
    )
    problems = title_and_dates_problems(replace(GOOD, phase_dates=dates))
    assert problems == {
        "review_open_at": ["Feasibility review starts must be after proposals open."],
        "voting_open_at": ["Voting opens must be after proposals open."],
    }


def test_once_voting_opens_only_the_title_and_dates_are_checked():
    terms = replace(GOOD, title="", budget_pence=0, rule="no-such-rule")
    assert title_and_dates_problems(terms) == {"title": ["Give the process a title."]}


def test_headings_need_distinct_names_and_budgets_within_the_whole():
    headings = (
        HeadingTerms("Parks", 6_000_000),
        HeadingTerms(" Parks ", 5_000_000),
    )
    assert process_terms_problems(GOOD, headings) == {
        "headings": [
            "Each heading needs its own name.",
            "The headings' budgets add up to £110,000.00, more than the whole budget of "
            "£100,000.00.",
        ]
    }


def test_a_heading_budget_cannot_be_negative():
    problems = process_terms_problems(GOOD, (HeadingTerms("Parks", -1),))
    assert problems == {"headings": ["A heading's budget cannot be negative."]}


def test_a_ward_heading_must_be_in_the_process_district():
    headings = (
        HeadingTerms("Coldhurst", 100, ward_name="Coldhurst", ward_district_id=1),
        HeadingTerms("Saddleworth South", 100, ward_name="Saddleworth South", ward_district_id=2),
    )
    assert process_terms_problems(GOOD, headings) == {
        "headings": ["Saddleworth South is not in Oldham East."]
    }


def test_a_borough_wide_process_takes_ward_headings_from_any_district():
    borough = replace(GOOD, district_id=None, district_name="")
    heading = HeadingTerms(
        "Saddleworth South", 100, ward_name="Saddleworth South", ward_district_id=2
    )
    assert process_terms_problems(borough, (heading,)) == {}
