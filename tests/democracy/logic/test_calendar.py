from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.democracy.logic.calendar import (
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_working_day,
    working_day_before,
    working_days_between,
)

# England and Wales, as published on gov.uk/bank-holidays (days in lieu included).
PUBLISHED = {
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: [
        "01-03",
        "04-15",
        "04-18",
        "05-02",
        "06-02",
        "06-03",
        "08-29",
        "09-19",
        "12-26",
        "12-27",
    ],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2028: ["01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_match_the_published_list_proclamations_included(year):
    expected = {date.fromisoformat(f"{year}-{day}") for day in PUBLISHED[year]}
    assert bank_holidays(year) == expected


@pytest.mark.parametrize(
    "year,easter",
    [(2000, date(2000, 4, 23)), (2019, date(2019, 4, 21)), (2038, date(2038, 4, 25))],
)
def test_easter_sunday_by_the_gregorian_computus(year, easter):
    assert easter_sunday(year) == easter


@given(st.integers(min_value=1971, max_value=2200))
def test_every_year_has_at_least_eight_holidays_all_on_weekdays(year):
    holidays = bank_holidays(year)
    assert len(holidays) >= 8
    assert all(day.weekday() < 5 and day.year == year for day in holidays)


def test_boxing_day_2026_on_a_saturday_moves_to_monday_28th():
    assert not is_working_day(date(2026, 12, 28))
    assert date(2026, 12, 26) not in bank_holidays(2026)


def test_years_beyond_the_published_list_still_skip_christmas_and_easter():
    # 2033: Christmas on a Sunday, so Boxing Day is Monday and Christmas moves to Tuesday.
    assert {date(2033, 12, 26), date(2033, 12, 27)} <= bank_holidays(2033)
    assert add_working_days(date(2033, 12, 23), 1) == date(2033, 12, 28)


def test_ten_working_days_skip_weekends():
    assert add_working_days(date(2026, 12, 2), 10) == date(2026, 12, 16)


def test_ten_working_days_over_christmas_skip_bank_holidays():
    assert add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 6)


def test_easter_2027_good_friday_and_easter_monday_are_not_working_days():
    assert add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)


def test_working_days_between_inverts_add_working_days():
    start = date(2028, 4, 10)
    assert working_days_between(start, add_working_days(start, 10)) == 10


def test_five_working_days_before_easter_tuesday_skip_good_friday_and_easter_monday():
    assert working_day_before(date(2026, 4, 7), 5) == date(2026, 3, 27)


def test_working_day_before_skips_the_weekend():
    assert working_day_before(date(2026, 3, 9), 1) == date(2026, 3, 6)


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(1, 40))
def test_working_day_before_is_a_working_day_that_many_working_days_back(day, days):
    earlier = working_day_before(day, days)
    assert is_working_day(earlier)
    # Between them lie the other days - 1 working days, and ``day`` itself if it is one.
    assert working_days_between(earlier, day) == days - 1 + is_working_day(day)
