"""Demand figures from counted rows: rates, time to fix, trends and chart bars."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.servicerequests.logic.demand import (
    CountRow,
    bar_chart,
    category_demand,
    fixed_in_time,
    mean_days,
    months_back,
    per_thousand,
    ward_totals,
)


def test_thirty_reports_in_twelve_thousand_residents_is_two_and_a_half_per_thousand():
    assert per_thousand(30, 12_000) == Decimal("2.5")


def test_a_rate_where_nobody_lives_is_not_given():
    assert per_thousand(3, 0) is None


def test_mean_time_to_fix_is_in_days_and_absent_until_something_is_closed():
    assert mean_days(3 * 86400, 2) == Decimal("1.5")
    assert mean_days(0, 0) is None


def test_twelve_months_back_cross_the_new_year():
    months = months_back(date(2026, 2, 14), 12)
    assert months[0] == date(2025, 3, 1) and months[-1] == date(2026, 2, 1)
    assert len(set(months)) == 12


def row(ward, code, month, reported, closed=0, fix=0, failure=0):
    return CountRow(ward, code, date(2026, month, 1), reported, closed, fix, failure)


def test_categories_are_totalled_with_a_count_for_every_month_most_reported_first():
    months = months_back(date(2026, 3, 1), 3)
    rows = [
        row("A", "POTHOLE", 1, 2, 2, 2 * 86400),
        row("B", "POTHOLE", 1, 1),
        row("A", "FLY", 3, 5, 1, 86400, 1),
    ]
    fly, pothole = category_demand(rows, months)
    assert (fly.category_code, fly.reported, fly.open, fly.monthly) == ("FLY", 5, 4, (0, 0, 5))
    assert pothole.monthly == (3, 0, 0) and pothole.mean_days_to_fix == Decimal("1.0")
    assert ward_totals(rows) == {"A": 7, "B": 1}
    assert ward_totals(rows, category_code="FLY") == {"A": 5}


counts = st.lists(
    st.tuples(
        st.sampled_from("AB"), st.sampled_from(["X", "Y"]), st.integers(1, 12), st.integers(0, 50)
    ),
    max_size=30,
)


@given(counts)
def test_monthly_counts_always_add_up_to_the_total(drawn):
    rows = [row(w, c, m, n) for w, c, m, n in drawn]
    months = months_back(date(2026, 12, 1), 12)
    for category in category_demand(rows, months):
        assert sum(category.monthly) == category.reported
    assert sum(ward_totals(rows).values()) == sum(n for *_, n in drawn)


def test_the_tallest_bar_fills_the_chart_and_the_others_scale_to_it():
    bars = bar_chart(["Jan", "Feb", "Mar"], [10, 5, 0], height=100, width=300)
    assert [b.height for b in bars] == [100, 50, 0]
    assert [b.top for b in bars] == [0, 50, 100]
    assert [b.x for b in bars] == [0, 100, 200]
    assert all(b.height == 0 for b in bar_chart(["Jan"], [0], height=100, width=300))


def _two_days(day: date) -> date:
    return day + timedelta(days=2)


def test_a_request_is_fixed_in_time_if_closed_by_its_deadline_and_judged_once_it_passes():
    """The docstring's worked example: in time, late, and still open before its deadline."""
    first = date(2026, 6, 1)
    figure = fixed_in_time(
        [(first, date(2026, 6, 3)), (first, date(2026, 6, 4)), (first, None)],
        deadline=_two_days,
        today=date(2026, 6, 2),
    )
    assert (figure.judged, figure.in_time, figure.share_percent) == (2, 1, Decimal("50.0"))


def test_a_request_still_open_after_its_deadline_counts_as_late():
    figure = fixed_in_time([(date(2026, 6, 1), None)], deadline=_two_days, today=date(2026, 6, 4))
    assert (figure.judged, figure.in_time) == (1, 0)


def test_nothing_judged_has_no_share():
    assert fixed_in_time([], deadline=_two_days, today=date(2026, 6, 4)).share_percent is None


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 1, 31)),
            st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
        )
    )
)
def test_the_share_fixed_in_time_is_never_over_a_hundred_percent(requests):
    rows = [
        (day, None if after is None else day + timedelta(days=after)) for day, after in requests
    ]
    figure = fixed_in_time(rows, deadline=_two_days, today=date(2026, 1, 15))
    assert 0 <= figure.in_time <= figure.judged <= len(rows)
    if figure.share_percent is not None:
        assert Decimal(0) <= figure.share_percent <= Decimal(100)
