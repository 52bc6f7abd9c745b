"""The Localism Act's dates for assets of community value, worked by hand and as properties."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.coproduction.logic.community_value import (
    disposal_dates,
    listing_ends_on,
    months_after,
)


def test_worked_example_notice_with_a_bid_in_time_runs_six_months_and_protects_eighteen():
    dates = disposal_dates(notice_on=date(2026, 1, 15), intention_to_bid_on=date(2026, 2, 1))
    assert dates.bid_window_ends_on == date(2026, 2, 26)
    assert dates.moratorium_ends_on == date(2026, 7, 15)
    assert dates.protected_period_ends_on == date(2027, 7, 15)
    assert dates.may_sell_from() == date(2026, 7, 16)


def test_without_an_intention_to_bid_only_the_six_week_interim_moratorium_runs():
    dates = disposal_dates(notice_on=date(2026, 1, 15), intention_to_bid_on=None)
    assert dates.moratorium_ends_on is None
    assert dates.may_sell_from() == date(2026, 2, 27)
    assert dates.protected_period_ends_on == date(2027, 7, 15)


def test_an_intention_to_bid_after_the_six_weeks_does_not_start_the_full_moratorium():
    dates = disposal_dates(notice_on=date(2026, 1, 15), intention_to_bid_on=date(2026, 2, 27))
    assert dates.moratorium_ends_on is None


def test_a_bid_on_the_last_day_of_the_window_counts():
    dates = disposal_dates(notice_on=date(2026, 1, 15), intention_to_bid_on=date(2026, 2, 26))
    assert dates.moratorium_ends_on == date(2026, 7, 15)


def test_a_listing_lasts_five_years_and_29_february_ends_on_28_february():
    assert listing_ends_on(date(2026, 3, 1)) == date(2031, 3, 1)
    assert listing_ends_on(date(2024, 2, 29)) == date(2029, 2, 28)


def test_months_after_the_end_of_a_long_month_lands_on_the_short_months_last_day():
    assert months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert months_after(date(2027, 8, 31), 6) == date(2028, 2, 29)


@given(
    notice=st.dates(min_value=date(2012, 1, 1), max_value=date(2090, 12, 31)),
    bid_after=st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
)
def test_the_dates_always_follow_in_order(notice, bid_after):
    bid = None if bid_after is None else notice + timedelta(days=bid_after)
    dates = disposal_dates(notice_on=notice, intention_to_bid_on=bid)
    assert notice < dates.bid_window_ends_on < dates.protected_period_ends_on
    assert (dates.moratorium_ends_on is not None) == (bid_after is not None and bid_after <= 42)
    if dates.moratorium_ends_on is not None:
        assert dates.bid_window_ends_on < dates.moratorium_ends_on < dates.protected_period_ends_on


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    months=st.integers(0, 240),
)
def test_months_after_keeps_the_day_or_the_months_last_day(start, months):
    later = months_after(start, months)
    assert (later.year * 12 + later.month) - (start.year * 12 + start.month) == months
    assert later.day == start.day or (
        later.day < start.day and (later + timedelta(days=1)).day == 1
    )
