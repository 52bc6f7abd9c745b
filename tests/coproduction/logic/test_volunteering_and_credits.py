"""Safeguarding refusals, confirmed hours, credits earned, spending and codes."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.coproduction.logic.figures import bar_lengths
from coopcouncil.coproduction.logic.time_credits import (
    CODE_ALPHABET,
    CODE_LENGTH,
    credits_for_hours,
    redemption_code_clean,
    redemption_code_new,
    spend_problem,
)
from coopcouncil.coproduction.logic.volunteering import (
    check_confirmed_hours,
    safeguarding_problem,
    shift_hours,
)

SHIFT_DAY = date(2026, 3, 10)


def test_a_role_without_a_check_needs_nothing():
    assert (
        safeguarding_problem(
            is_check_needed=False, check_expires_on=None, shift_starts_on=SHIFT_DAY
        )
        is None
    )


def test_a_role_needing_a_check_refuses_someone_with_none_recorded():
    assert (
        safeguarding_problem(is_check_needed=True, check_expires_on=None, shift_starts_on=SHIFT_DAY)
        == "no_check"
    )


def test_a_check_expiring_before_the_shift_refuses_but_one_expiring_that_day_admits():
    expired = safeguarding_problem(
        is_check_needed=True, check_expires_on=date(2026, 3, 9), shift_starts_on=SHIFT_DAY
    )
    on_the_day = safeguarding_problem(
        is_check_needed=True, check_expires_on=SHIFT_DAY, shift_starts_on=SHIFT_DAY
    )
    assert (expired, on_the_day) == ("check_expired", None)


def test_shift_hours_are_counted_to_the_minute():
    assert shift_hours(datetime(2026, 3, 10, 9, 0), datetime(2026, 3, 10, 12, 30)) == Decimal(
        "3.50"
    )


@pytest.mark.parametrize(
    ("hours", "code"),
    [
        (Decimal(0), "hours_not_positive"),
        (Decimal(-1), "hours_not_positive"),
        (Decimal(25), "hours_too_many"),
        (Decimal("1.1"), "hours_not_quarter"),
    ],
)
def test_confirmed_hours_must_be_positive_at_most_a_day_in_quarter_hours(hours, code):
    problem = check_confirmed_hours(hours)
    assert problem is not None and problem.code == code


def test_quarter_hours_are_accepted():
    assert check_confirmed_hours(Decimal("2.25")) is None


def test_one_whole_confirmed_hour_earns_one_credit_and_part_hours_round_down():
    assert [credits_for_hours(Decimal(h)) for h in ("0.75", "1", "2.5", "3")] == [0, 1, 2, 3]


@given(st.decimals(min_value=0, max_value=24, places=2))
def test_credits_never_exceed_hours_and_miss_less_than_one(hours):
    earned = credits_for_hours(hours)
    assert earned <= hours < earned + 1


def test_spending_more_than_the_balance_is_refused_and_exactly_the_balance_is_allowed():
    assert spend_problem(balance=2, cost=3) == "not_enough_credits"
    assert spend_problem(balance=3, cost=3) is None
    assert spend_problem(balance=3, cost=0) == "cost_not_positive"


def test_codes_use_no_look_alike_characters_and_are_read_back_however_typed():
    code = redemption_code_new()
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert redemption_code_clean(f" {code[:4].lower()}-{code[4:]} ") == code


def test_bars_are_in_proportion_to_the_largest():
    assert bar_lengths([2, 5, 0], 200) == [80, 200, 0]
    assert bar_lengths([0, 0], 200) == [0, 0]


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30))
def test_no_bar_is_longer_than_the_chart_and_the_largest_fills_it(values):
    lengths = bar_lengths(values, 300)
    assert all(0 <= length <= 300 for length in lengths)
    if max(values) > 0:
        assert lengths[values.index(max(values))] == 300
