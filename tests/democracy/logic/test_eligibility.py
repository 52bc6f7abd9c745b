from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.democracy.logic.eligibility import eligibility_from_attendance, modules_required


def test_three_of_six_modules_is_enough_because_the_rule_is_fewer_than_half():
    result = eligibility_from_attendance(
        modules_attended=3, modules_total=6, minimum_percent=50, programme="LLP 2011"
    )
    assert result.is_eligible
    assert result.modules_required == 3


def test_two_of_six_modules_loses_the_vote_and_says_why():
    result = eligibility_from_attendance(
        modules_attended=2, modules_total=6, minimum_percent=50, programme="LLP 2011"
    )
    assert not result.is_eligible
    assert "2 of 6" in result.reason and "at least 3" in result.reason


def test_odd_module_counts_round_up():
    assert modules_required(5, minimum_percent=50) == 3
    assert modules_required(0, minimum_percent=50) == 0


@given(st.integers(0, 40), st.integers(0, 40), st.integers(1, 100))
def test_eligible_exactly_when_attendance_is_not_below_the_percentage(attended, total, percent):
    attended = min(attended, total)
    result = eligibility_from_attendance(
        modules_attended=attended, modules_total=total, minimum_percent=percent, programme="P"
    )
    assert result.is_eligible == (attended * 100 >= total * percent)
