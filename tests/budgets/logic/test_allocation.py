"""Hand-worked allocations, explanations and every formula error, checked with a calculator."""

from decimal import Decimal

import pytest

from coopcouncil.budgets.logic.allocation import (
    Formula,
    FormulaError,
    WardFigures,
    allocate_budget_line,
)
from coopcouncil.budgets.logic.explanation import explain_district, explain_ward

# Three wards in two districts: populations 1,000 / 2,000 / 3,000 (6,000 in all), IMD scores
# 10 / 20 / 30 (60), poverty index 1.5 / 2.5 / 1 (5).
WARDS = (
    WardFigures("W1", "D1", 1000, {"imd_score": 10, "poverty": Decimal("1.5")}),
    WardFigures("W2", "D1", 2000, {"imd_score": 20, "poverty": Decimal("2.5")}),
    WardFigures("W3", "D2", 3000, {"imd_score": 30, "poverty": Decimal("1")}),
)
# £10,000: 10% (£1,000) ring-fenced by poverty; of the £9,000 left, 40% (£3,600) equal,
# 30% (£2,700) by population, 30% (£2,700) by IMD score.
FORMULA = Formula(
    equal_share_percent=40,
    population_percent=30,
    need_percent=30,
    need_indicator="imd_score",
    ring_fence_percent=10,
    ring_fence_indicator="poverty",
)


def allocate(formula=FORMULA, wards=WARDS, amount_pence=1_000_000):
    return allocate_budget_line(amount_pence=amount_pence, formula=formula, wards=wards)


def test_hand_worked_ring_fence_example_gives_each_ward_its_four_terms():
    allocation = allocate()
    # W1: 3,600/3 + 2,700×1/6 + 2,700×10/60 + 1,000×1.5/5 = 1,200 + 450 + 450 + 300
    # W2: 1,200 + 900 + 900 + 500;  W3: 1,200 + 1,350 + 1,350 + 200
    assert [w.allocation_pence for w in allocation.wards] == [240_000, 350_000, 410_000]
    assert [w.term_pence("ring_fence") for w in allocation.wards] == [30_000, 50_000, 20_000]


def test_district_total_is_the_sum_of_its_wards():
    allocation = allocate()
    assert [(d.district_id, d.allocation_pence) for d in allocation.districts] == [
        ("D1", 590_000),
        ("D2", 410_000),
    ]
    assert allocation.district("D1").ward_ids == ("W1", "W2")


def test_ward_explanation_shows_each_term_in_pence_and_pounds_with_its_figures():
    explanation = explain_ward(allocate(), "W1")
    assert explanation.allocation_pounds == "£2,400.00"
    assert [(line.term, line.pence, line.pounds) for line in explanation.lines] == [
        ("equal_share", 120_000, "£1,200.00"),
        ("population", 45_000, "£450.00"),
        ("need", 45_000, "£450.00"),
        ("ring_fence", 30_000, "£300.00"),
        ("rounding", 0, "£0.00"),
    ]
    reasons = {line.term: line.reason for line in explanation.lines}
    assert "shared equally by 3 wards" in reasons["equal_share"]
    assert "1,000 of 6,000 residents (16.7%)" in reasons["population"]
    assert "imd_score 10 of 60 (16.7%)" in reasons["need"]
    assert "poverty 1.5 of 5 (30.0%)" in reasons["ring_fence"]
    assert "£1,000.00" in reasons["ring_fence"]
    assert "largest-remainder" in explanation.note


def test_district_explanation_adds_up_its_wards_terms():
    explanation = explain_district(allocate(), "D1")
    assert explanation.allocation_pence == 590_000
    assert [line.pence for line in explanation.lines] == [240_000, 135_000, 135_000, 80_000, 0]
    assert "2 of them here" in explanation.lines[0].reason
    assert "poverty 4 of 5 (80.0%)" in explanation.lines[3].reason


def test_explanation_lines_always_add_up_to_the_allocation_including_rounding():
    allocation = allocate(formula=Formula(equal_share_percent=100), amount_pence=10_000)
    for ward in allocation.wards:
        explanation = explain_ward(allocation, ward.ward_id)
        assert sum(line.pence for line in explanation.lines) == explanation.allocation_pence
    first = explain_ward(allocation, "W1")
    assert first.lines[0].pounds == "£33.33"
    assert first.lines[-1].pence == 1


def test_left_over_penny_goes_to_the_lowest_ward_id_when_remainders_tie():
    allocation = allocate(formula=Formula(equal_share_percent=100), amount_pence=10_000)
    assert [w.allocation_pence for w in allocation.wards] == [3334, 3333, 3333]


def test_left_over_pence_go_to_the_largest_remainders_first():
    # 10p by population 1:2:4 is exactly 1.43p, 2.86p, 5.71p; whole pence give 8p, and the
    # 2p left go to the remainders .86 (W2) and .71 (W3).
    wards = [WardFigures("W1", "D", 1), WardFigures("W2", "D", 2), WardFigures("W3", "D", 4)]
    allocation = allocate(formula=Formula(population_percent=100), wards=wards, amount_pence=10)
    assert [w.allocation_pence for w in allocation.wards] == [1, 3, 6]


def test_order_of_wards_given_does_not_change_the_allocation():
    assert allocate(wards=WARDS[::-1]) == allocate()


def test_ward_with_no_people_still_gets_its_equal_share():
    wards = [WardFigures("W1", "D", 0), WardFigures("W2", "D", 100)]
    formula = Formula(equal_share_percent=50, population_percent=50)
    allocation = allocate(formula=formula, wards=wards, amount_pence=1000)
    assert [w.allocation_pence for w in allocation.wards] == [250, 750]


def test_zero_amount_gives_every_ward_nothing():
    assert {w.allocation_pence for w in allocate(amount_pence=0).wards} == {0}


def test_decimal_weights_are_exact():
    formula = Formula(
        equal_share_percent=Decimal("33.33"),
        population_percent=Decimal("33.33"),
        need_percent=Decimal("33.34"),
        need_indicator="imd_score",
    )
    allocation = allocate(formula=formula)
    assert sum(w.allocation_pence for w in allocation.wards) == 1_000_000
    assert sum(w.exact_pence for w in allocation.wards) == 1_000_000


@pytest.mark.parametrize(
    ("formula", "field"),
    [
        (Formula(equal_share_percent=50, population_percent=40), "weights"),
        (Formula(equal_share_percent=Decimal("100.01")), "equal_share_percent"),
        (Formula(equal_share_percent=110, population_percent=-10), "equal_share_percent"),
        (Formula(equal_share_percent=50.0, population_percent=50), "equal_share_percent"),
        (Formula(equal_share_percent=Decimal("NaN")), "equal_share_percent"),
        (Formula(population_percent=50, need_percent=50), "need_indicator"),
        (Formula(equal_share_percent=100, ring_fence_percent=101), "ring_fence_percent"),
        (Formula(equal_share_percent=100, ring_fence_percent=-1), "ring_fence_percent"),
        (Formula(equal_share_percent=100, ring_fence_percent=5), "ring_fence_indicator"),
        (Formula(need_percent=100, need_indicator="unemployment_rate"), "need_indicator"),
        (
            Formula(equal_share_percent=100, ring_fence_percent=5, ring_fence_indicator="x"),
            "ring_fence_indicator",
        ),
    ],
)
def test_invalid_formula_names_the_field_to_fix(formula, field):
    with pytest.raises(FormulaError) as caught:
        allocate(formula=formula)
    assert caught.value.field == field
    assert caught.value.code == "formula_invalid"


def test_weights_not_adding_to_100_say_what_they_add_to():
    with pytest.raises(FormulaError, match=r"add up to 90%"):
        allocate(formula=Formula(equal_share_percent=50, population_percent=40))


def test_unknown_figure_names_the_ward_and_the_figures_it_has():
    with pytest.raises(FormulaError, match=r"W1 has no figure 'under16_share'.*imd_score"):
        allocate(formula=Formula(need_percent=100, need_indicator="under16_share"))


@pytest.mark.parametrize("population", [-1, Decimal("10.5"), None])
def test_population_must_be_a_whole_number_of_people(population):
    wards = [WardFigures("W1", "D", 10), WardFigures("W2", "D", population)]
    with pytest.raises(FormulaError) as caught:
        allocate(formula=Formula(equal_share_percent=100), wards=wards)
    assert caught.value.field == "population"
    assert "W2" in caught.value.message


@pytest.mark.parametrize("value", [-1, Decimal("-0.5"), 1.5, "12", Decimal("Infinity"), True])
def test_need_figure_must_be_a_number_zero_or_more(value):
    wards = [
        WardFigures("W1", "D", 10, {"imd_score": 3}),
        WardFigures("W2", "D", 10, {"imd_score": value}),
    ]
    with pytest.raises(FormulaError) as caught:
        allocate(formula=Formula(need_percent=100, need_indicator="imd_score"), wards=wards)
    assert caught.value.field == "need_indicator"


def test_need_zero_in_every_ward_is_refused_rather_than_moved_to_equal_shares():
    wards = [WardFigures(f"W{i}", "D", 10, {"imd_score": 0}) for i in range(3)]
    formula = Formula(equal_share_percent=50, need_percent=50, need_indicator="imd_score")
    with pytest.raises(FormulaError) as caught:
        allocate(formula=formula, wards=wards)
    assert caught.value.field == "need_indicator"


def test_need_zero_everywhere_is_fine_when_need_carries_no_weight():
    wards = [WardFigures(f"W{i}", "D", 10, {"imd_score": 0}) for i in range(3)]
    formula = Formula(equal_share_percent=100, need_indicator="imd_score")
    assert allocate(formula=formula, wards=wards, amount_pence=300).wards[0].allocation_pence == 100


def test_population_zero_everywhere_is_refused_when_population_carries_weight():
    wards = [WardFigures("W1", "D", 0), WardFigures("W2", "D", 0)]
    with pytest.raises(FormulaError) as caught:
        allocate(formula=Formula(population_percent=100), wards=wards)
    assert caught.value.field == "population_percent"


def test_ring_fence_figure_zero_everywhere_is_refused():
    wards = [WardFigures("W1", "D", 5, {"poverty": 0})]
    formula = Formula(
        equal_share_percent=100, ring_fence_percent=20, ring_fence_indicator="poverty"
    )
    with pytest.raises(FormulaError) as caught:
        allocate(formula=formula, wards=wards)
    assert caught.value.field == "ring_fence_indicator"


@pytest.mark.parametrize("amount", [-1, 10.0, Decimal("10"), True])
def test_amount_must_be_whole_pence_zero_or_more(amount):
    with pytest.raises(FormulaError) as caught:
        allocate(amount_pence=amount)
    assert caught.value.field == "amount_pence"


def test_no_wards_is_refused():
    with pytest.raises(FormulaError) as caught:
        allocate(wards=[])
    assert caught.value.field == "wards"


def test_same_ward_twice_is_refused():
    with pytest.raises(FormulaError, match="W1 appears more than once") as caught:
        allocate(wards=[*WARDS, WARDS[0]])
    assert caught.value.field == "wards"


def test_full_ring_fence_shares_everything_by_the_priority_figure():
    formula = Formula(
        equal_share_percent=100, ring_fence_percent=100, ring_fence_indicator="poverty"
    )
    allocation = allocate(formula=formula)
    assert [w.allocation_pence for w in allocation.wards] == [300_000, 500_000, 200_000]
