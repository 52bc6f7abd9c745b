"""Properties of the allocation for random boroughs: exact to the penny, fair, deterministic.

Borough shapes, weights, ring-fence and amount are drawn by hypothesis (so they shrink); the
thousands of ward figures in a big borough come from a seeded ``random.Random`` that hypothesis
also draws, which keeps examples fast while staying reproducible.
"""

import random
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coopcouncil.budgets.logic.allocation import Formula, WardFigures, allocate_budget_line

MAX_AMOUNT_PENCE = 10_000_000_000 * 100  # £10bn


@st.composite
def formulas(draw):
    """Weights in hundredths of a percent adding to exactly 100; ring-fence 0–50 %."""
    low, high = sorted(draw(st.integers(0, 10_000)) for _ in range(2))
    hundredths = (low, high - low, 10_000 - high)
    equal_share, population, need = (Decimal(h) / 100 for h in hundredths)
    return Formula(
        equal_share_percent=equal_share,
        population_percent=population,
        need_percent=need,
        need_indicator="imd_score",
        ring_fence_percent=Decimal(draw(st.integers(0, 5_000))) / 100,
        ring_fence_indicator="poverty",
    )


def _figure(rng: random.Random) -> Decimal | int:
    if rng.random() < 0.2:
        return 0
    if rng.random() < 0.5:
        return rng.randint(1, 100)
    return Decimal(rng.randint(1, 99_999)) / 1000


@st.composite
def boroughs(draw, max_districts=50, max_wards=30):
    """1–50 districts of 1–30 wards; some populations and figures zero, never all of them."""
    district_count = draw(st.integers(1, max_districts))
    most_wards = draw(st.integers(1, max_wards))
    rng = random.Random(draw(st.integers(0, 2**32)))
    ward_counts = [rng.randint(1, most_wards) for _ in range(district_count)]
    wards = []
    for d, count in enumerate(ward_counts):
        for w in range(count):
            population = 0 if rng.random() < 0.1 else rng.randint(1, 30_000)
            figures = {"imd_score": _figure(rng), "poverty": _figure(rng)}
            wards.append(
                WardFigures(f"E05{rng.randrange(10**6):06d}-{d}-{w}", f"D{d}", population, figures)
            )
    lucky = rng.randrange(len(wards))
    wards[lucky] = WardFigures(
        wards[lucky].ward_id, wards[lucky].district_id, 1, {"imd_score": 1, "poverty": 1}
    )
    rng.shuffle(wards)
    return wards


amounts = st.integers(0, MAX_AMOUNT_PENCE)


def reference_exact_shares(amount, formula, wards):
    """The formula written out with Fraction, independently of the engine."""
    ring_fence = Fraction(formula.ring_fence_percent) / 100
    blend = amount * (1 - ring_fence)
    totals = {
        "population": sum(w.population for w in wards),
        "imd_score": sum(Fraction(w.figures["imd_score"]) for w in wards),
        "poverty": sum(Fraction(w.figures["poverty"]) for w in wards),
    }
    return {
        w.ward_id: blend * Fraction(formula.equal_share_percent) / 100 / len(wards)
        + blend * Fraction(formula.population_percent) / 100 * w.population / totals["population"]
        + blend
        * Fraction(formula.need_percent)
        / 100
        * Fraction(w.figures["imd_score"])
        / totals["imd_score"]
        + amount * ring_fence * Fraction(w.figures["poverty"]) / totals["poverty"]
        for w in wards
    }


@settings(max_examples=60, deadline=None)
@given(borough=boroughs(), formula=formulas(), amount=amounts)
def test_ward_totals_add_up_to_the_line_exactly_and_none_is_negative(borough, formula, amount):
    allocation = allocate_budget_line(amount_pence=amount, formula=formula, wards=borough)
    assert sum(w.allocation_pence for w in allocation.wards) == amount
    assert all(w.allocation_pence >= 0 for w in allocation.wards)
    assert sum(w.exact_pence for w in allocation.wards) == amount


@settings(max_examples=60, deadline=None)
@given(borough=boroughs(), formula=formulas(), amount=amounts)
def test_district_total_is_the_sum_of_its_wards_and_districts_add_up(borough, formula, amount):
    allocation = allocate_budget_line(amount_pence=amount, formula=formula, wards=borough)
    by_district = {}
    for ward in allocation.wards:
        by_district[ward.district_id] = by_district.get(ward.district_id, 0) + ward.allocation_pence
    assert {d.district_id: d.allocation_pence for d in allocation.districts} == by_district
    assert sum(d.allocation_pence for d in allocation.districts) == amount


@settings(max_examples=40, deadline=None)
@given(borough=boroughs(), formula=formulas(), amount=amounts, seed=st.randoms())
def test_same_input_in_any_order_gives_the_same_allocation(borough, formula, amount, seed):
    first = allocate_budget_line(amount_pence=amount, formula=formula, wards=borough)
    shuffled = list(borough)
    seed.shuffle(shuffled)
    again = allocate_budget_line(amount_pence=amount, formula=formula, wards=shuffled)
    assert again.wards == first.wards
    assert again.districts == first.districts


@settings(max_examples=60, deadline=None)
@given(borough=boroughs(max_districts=5, max_wards=8), formula=formulas(), amount=amounts)
def test_each_ward_is_its_exact_share_rounded_by_largest_remainder(borough, formula, amount):
    exact = reference_exact_shares(amount, formula, borough)
    allocation = allocate_budget_line(amount_pence=amount, formula=formula, wards=borough)
    assert {w.ward_id: w.exact_pence for w in allocation.wards} == exact
    # Hamilton: whole pence of each share, then the left-over pence one each by largest
    # remainder, ties to the lower ward id.
    floors = {ward_id: share.numerator // share.denominator for ward_id, share in exact.items()}
    left_over = amount - sum(floors.values())
    order = sorted(exact, key=lambda ward_id: (-(exact[ward_id] - floors[ward_id]), ward_id))
    expected = {ward_id: floors[ward_id] + (ward_id in order[:left_over]) for ward_id in exact}
    assert {w.ward_id: w.allocation_pence for w in allocation.wards} == expected


@settings(max_examples=60, deadline=None)
@given(borough=boroughs(max_districts=4, max_wards=15), formula=formulas(), amount=amounts)
def test_ward_with_more_of_everything_never_gets_less(borough, formula, amount):
    """Monotonicity, as it holds for largest remainder.

    If ward A has at least the population, need and ring-fence figure of ward B, A's exact
    share is at least B's, and A's rounded allocation is at least B's — unless the exact shares
    are equal, when the tie order may give B the one extra penny.
    """
    allocation = allocate_budget_line(amount_pence=amount, formula=formula, wards=borough)
    figures = {w.ward_id: w for w in borough}
    result = {w.ward_id: w for w in allocation.wards}

    def key(ward):
        return (
            ward.population,
            Fraction(ward.figures["imd_score"]),
            Fraction(ward.figures["poverty"]),
        )

    for a in borough:
        for b in borough:
            if all(x >= y for x, y in zip(key(figures[a.ward_id]), key(b), strict=True)):
                got_a, got_b = result[a.ward_id], result[b.ward_id]
                assert got_a.exact_pence >= got_b.exact_pence
                if got_a.exact_pence > got_b.exact_pence:
                    assert got_a.allocation_pence >= got_b.allocation_pence
                else:
                    assert abs(got_a.allocation_pence - got_b.allocation_pence) <= 1


@settings(max_examples=40, deadline=None)
@given(borough=boroughs(max_districts=6, max_wards=6), formula=formulas(), amount=amounts)
def test_no_ward_is_more_than_a_penny_from_its_exact_share(borough, formula, amount):
    allocation = allocate_budget_line(amount_pence=amount, formula=formula, wards=borough)
    for ward in allocation.wards:
        assert abs(ward.allocation_pence - ward.exact_pence) < 1


def test_largest_borough_shape_at_ten_billion_pounds_adds_up_exactly():
    rng = random.Random(50 * 30)
    wards = [
        WardFigures(
            f"W{d:02d}{w:02d}",
            f"D{d:02d}",
            rng.randint(0, 30_000),
            {"imd_score": _figure(rng), "poverty": _figure(rng) or 1},
        )
        for d in range(50)
        for w in range(30)
    ]
    formula = Formula(
        equal_share_percent=Decimal("12.34"),
        population_percent=Decimal("45.66"),
        need_percent=42,
        need_indicator="imd_score",
        ring_fence_percent=50,
        ring_fence_indicator="poverty",
    )
    allocation = allocate_budget_line(amount_pence=MAX_AMOUNT_PENCE, formula=formula, wards=wards)
    assert len(allocation.districts) == 50
    assert sum(w.allocation_pence for w in allocation.wards) == MAX_AMOUNT_PENCE
    assert sum(d.allocation_pence for d in allocation.districts) == MAX_AMOUNT_PENCE
