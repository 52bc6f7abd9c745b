from datetime import date

from coopcouncil.democracy.logic.calendar import (
    BANK_HOLIDAYS,
    add_working_days,
    is_working_day,
    working_days_between,
)


def test_bank_holidays_are_weekdays_because_substitute_days_replace_weekend_ones():
    assert all(day.weekday() < 5 for day in BANK_HOLIDAYS)
    assert {day.year for day in BANK_HOLIDAYS} == {2025, 2026, 2027, 2028}


def test_boxing_day_2026_on_a_saturday_moves_to_monday_28th():
    assert not is_working_day(date(2026, 12, 28))
    assert date(2026, 12, 26) not in BANK_HOLIDAYS


def test_ten_working_days_skip_weekends():
    assert add_working_days(date(2026, 12, 2), 10) == date(2026, 12, 16)


def test_ten_working_days_over_christmas_skip_bank_holidays():
    assert add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 6)


def test_easter_2027_good_friday_and_easter_monday_are_not_working_days():
    assert add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)


def test_working_days_between_inverts_add_working_days():
    start = date(2028, 4, 10)
    assert working_days_between(start, add_working_days(start, 10)) == 10
