"""The uptake chart's geometry: axes from zero to a round top, more to the right and higher."""

from __future__ import annotations

from coopcouncil.membership.logic.chart import scatter


def test_a_more_deprived_ward_sits_further_right_and_more_members_sit_higher():
    chart = scatter([("Calm", 10.0, 5.0), ("Deprived", 40.0, 20.0)])
    calm, deprived = chart.dots
    assert deprived.x > calm.x
    assert deprived.y < calm.y  # SVG's y grows downwards
    assert chart.left <= calm.x <= chart.right
    assert chart.top <= deprived.y <= chart.bottom


def test_the_axes_end_at_a_round_number_at_or_above_the_largest_value():
    chart = scatter([("A", 43.0, 7.3)])
    assert chart.x_ticks[-1].text == "50"
    assert chart.y_ticks[-1].text == "10"
    assert chart.x_ticks[0].text == "0"


def test_an_empty_chart_still_has_axes():
    chart = scatter([])
    assert chart.dots == []
    assert len(chart.x_ticks) == 5
