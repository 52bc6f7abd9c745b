from decimal import Decimal

from coopcouncil.places.logic.figures import WardFigures, aggregate_figures


def ward(population: int, value: str) -> WardFigures:
    v = Decimal(value)
    return WardFigures("w", population, v, v, v, v, v, v)


def test_area_figures_are_population_weighted_means_of_wards():
    area = aggregate_figures([ward(1000, "10"), ward(3000, "30")])
    assert area.population == 4000
    assert area.ward_count == 2
    assert area.under16_share == Decimal("25.0")
    assert area.life_expectancy_male == Decimal("25.0")


def test_an_area_without_people_gets_zero_figures_not_an_error():
    area = aggregate_figures([ward(0, "10")])
    assert area.population == 0
    assert area.unemployment_rate == Decimal("0.0")


def test_derived_figures_round_half_up_to_one_decimal_place():
    # (1 * 10.05 + 1 * 10.1) / 2 = 10.075 -> 10.1
    area = aggregate_figures([ward(1, "10.05"), ward(1, "10.10")])
    assert area.bme_share == Decimal("10.1")
