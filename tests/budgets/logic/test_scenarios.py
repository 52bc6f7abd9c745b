"""Comparing formulas for one budget line, district by district, against the first."""

from decimal import Decimal

import pytest

from coopcouncil.budgets.logic.allocation import Formula, FormulaError, WardFigures
from coopcouncil.budgets.logic.scenarios import Scenario, compare_scenarios

WARDS = [
    WardFigures("A1", "A", 1000, {"imd_score": 10}),
    WardFigures("B1", "B", 3000, {"imd_score": 30}),
]
EQUAL = Scenario("Equal shares", Formula(equal_share_percent=100))
BY_POPULATION = Scenario("By population", Formula(population_percent=100))


def test_each_district_shows_every_scenario_and_its_difference_from_the_baseline():
    comparison = compare_scenarios(
        amount_pence=1_000_000, wards=WARDS, scenarios=[EQUAL, BY_POPULATION]
    )
    assert comparison.scenario_names == ("Equal shares", "By population")
    a, b = comparison.districts
    assert (a.area_id, a.amounts_pence, a.differences_pence) == (
        "A",
        (500_000, 250_000),
        (0, -250_000),
    )
    assert (b.area_id, b.amounts_pence, b.differences_pence) == (
        "B",
        (500_000, 750_000),
        (0, 250_000),
    )
    assert b.differences_pounds == ("£0.00", "+£2,500.00")
    assert a.differences_pounds[1] == "-£2,500.00"
    assert a.differences_percent == (Decimal("0.0"), Decimal("-50.0"))


def test_series_give_a_chart_one_list_per_scenario_in_district_order():
    comparison = compare_scenarios(
        amount_pence=1_000_000, wards=WARDS, scenarios=[EQUAL, BY_POPULATION]
    )
    assert comparison.series() == {
        "Equal shares": [500_000, 500_000],
        "By population": [250_000, 750_000],
    }


def test_ward_rows_and_full_allocations_come_with_the_comparison():
    comparison = compare_scenarios(
        amount_pence=100,
        wards=WARDS,
        scenarios=[
            EQUAL,
            BY_POPULATION,
            Scenario("Need", Formula(need_percent=100, need_indicator="imd_score")),
        ],
    )
    assert [row.area_id for row in comparison.wards] == ["A1", "B1"]
    assert comparison.wards[0].amounts_pence == (50, 25, 25)
    assert len(comparison.allocations) == 3


def test_difference_percent_is_none_when_the_baseline_gave_nothing():
    comparison = compare_scenarios(amount_pence=0, wards=WARDS, scenarios=[EQUAL, BY_POPULATION])
    assert comparison.districts[0].differences_percent == (None, None)


def test_fewer_than_two_scenarios_is_refused():
    with pytest.raises(FormulaError) as caught:
        compare_scenarios(amount_pence=100, wards=WARDS, scenarios=[EQUAL])
    assert caught.value.field == "scenarios"


def test_repeated_scenario_names_are_refused():
    with pytest.raises(FormulaError) as caught:
        compare_scenarios(amount_pence=100, wards=WARDS, scenarios=[EQUAL, EQUAL])
    assert caught.value.field == "scenarios"


def test_a_bad_formula_is_reported_with_its_scenario_name_and_field():
    broken = Scenario("Half-finished", Formula(equal_share_percent=60))
    with pytest.raises(FormulaError, match="^Half-finished: ") as caught:
        compare_scenarios(amount_pence=100, wards=WARDS, scenarios=[EQUAL, broken])
    assert caught.value.field == "weights"
