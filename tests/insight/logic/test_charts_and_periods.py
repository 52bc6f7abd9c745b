"""Chart geometry stays inside the drawing; months step across years."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.insight.logic.charts import HEIGHT, MARGIN, bar_chart, line_chart
from coopcouncil.insight.logic.periods import months_after, recent_months
from coopcouncil.insight.logic.productivity import productivity_score


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=24))
def test_bars_stand_on_the_axis_and_the_tallest_fills_the_plot(values):
    chart = bar_chart([(str(i), v) for i, v in enumerate(values)])
    assert all(round(bar.y + bar.height, 1) == HEIGHT - MARGIN for bar in chart.bars)
    if max(values):
        assert max(bar.height for bar in chart.bars) == HEIGHT - 2 * MARGIN


def test_the_target_line_sits_above_lower_values():
    chart = line_chart([("a", 1), ("b", 2)], target=4)
    assert chart.target_y is not None and chart.target_y < min(p.y for p in chart.points)


def test_twelve_recent_months_end_with_this_one_and_cross_the_new_year():
    months = recent_months(date(2026, 3, 15), 12)
    assert (months[0], months[-1]) == (date(2025, 4, 1), date(2026, 3, 1))
    assert months_after(date(2026, 12, 31), 1) == date(2027, 1, 1)


def test_the_weakest_question_is_where_a_service_should_change_first():
    score = productivity_score({"social_value": 5, "autonomy": 4, "resources": 1, "networks": 1})
    assert (str(score.mean), score.weakest) == ("2.8", "resources")
