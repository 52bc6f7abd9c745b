from fractions import Fraction

from coopcouncil.democracy.logic.aggregates import (
    feedback_summary,
    on_time_rate,
    pulse_result,
    pulse_score,
)

COMPETENCIES = ("Listening", "Delivery")


def test_feedback_is_hidden_below_five_responses():
    summary = feedback_summary(
        [("councillor", {"Listening": 5, "Delivery": 4})] * 4, competencies=COMPETENCIES, minimum=5
    )
    assert not summary.is_shown and summary.scores == ()
    assert "4 so far" in summary.note


def test_feedback_means_and_small_groups_are_not_broken_out():
    responses = [("councillor", {"Listening": 4, "Delivery": 2})] * 5 + [
        ("partner", {"Listening": 1, "Delivery": 5})
    ]
    summary = feedback_summary(responses, competencies=COMPETENCIES, minimum=5)
    assert summary.is_shown
    assert summary.scores[0].mean == Fraction(21, 6)
    assert set(summary.by_group) == {"councillor"}
    assert "partner" in summary.note


def test_pulse_result_counts_each_rating_and_shares_round():
    result = pulse_result("Safe?", [5, 5, 4, 1])
    assert result.counts == {1: 1, 2: 0, 3: 0, 4: 1, 5: 2}
    assert result.share(5) == 50 and result.mean == Fraction(15, 4)


def test_pulse_score_maps_one_to_zero_and_five_to_hundred():
    assert pulse_score([pulse_result("q", [1, 1])]) == 0
    assert pulse_score([pulse_result("q", [5]), pulse_result("r", [3])]) == 75
    assert pulse_score([pulse_result("q", [])]) is None


def test_on_time_rate_is_none_when_nothing_was_due():
    assert on_time_rate([]) is None
    assert on_time_rate([True, True, False]) == 67
