"""Scoring schemes, weighted scores and moderation."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.grants.logic.scoring import (
    CriterionWeight,
    moderate,
    scheme_problems,
    weighted_score,
)

SCHEME = [CriterionWeight(1, "Outcomes", 60), CriterionWeight(2, "Values", 40)]


def test_weights_must_sum_to_100():
    assert scheme_problems([60, 40]) == []
    assert scheme_problems([60, 30])[0].values == (("total", "90"),)
    assert scheme_problems([])[0].code == "criteria_required"


def test_the_worked_example_scores_70():
    assert weighted_score(SCHEME, {1: 5, 2: 10}, top=10) == 70


@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), min_size=1, max_size=8))
def test_a_weighted_score_is_always_between_0_and_100(marks):
    for first, second in marks:
        assert 0 <= weighted_score(SCHEME, {1: first, 2: second}, top=10) <= 100


def test_an_assessor_beyond_the_threshold_from_the_median_is_flagged():
    marks = {10: {1: 7, 2: 7}, 11: {1: 8, 2: 7}, 12: {1: 1, 2: 2}}
    result = moderate(SCHEME, marks, top=10, threshold=15, minimum_assessors=3)
    assert result.median == Fraction(70)
    assert [a.assessor_id for a in result.flagged] == [12]
    assert [(c.lowest, c.highest) for c in result.criteria] == [(1, 8), (2, 7)]


def test_an_assessor_who_left_a_criterion_unmarked_does_not_count():
    marks = {10: {1: 7, 2: 7}, 11: {1: 8, 2: 7}, 12: {1: 5}}
    result = moderate(SCHEME, marks, top=10, threshold=15, minimum_assessors=3)
    assert not result.is_complete
    assert len(result.assessors) == 2
