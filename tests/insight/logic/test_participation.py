"""Rates per 1,000 and the deprivation comparison, by hand and as properties."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.insight.logic.participation import (
    WardRate,
    deprivation_gap,
    per_thousand,
    share_percent,
)


def test_a_ward_without_a_population_has_no_rate():
    assert per_thousand(5, 0) is None


def test_37_people_in_12345_residents_is_3_per_thousand():
    assert per_thousand(37, 12_345) == Decimal("3.0")


@given(st.integers(0, 10_000), st.integers(1, 100_000))
def test_more_people_taking_part_never_lowers_the_rate(count, population):
    assert per_thousand(count + 1, population) >= per_thousand(count, population)


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_a_share_is_between_0_and_100_when_the_part_is_within_the_whole(part, extra):
    share = share_percent(part, part + extra)
    assert share is None or 0 <= share <= 100


def test_more_deprived_wards_taking_part_twice_as_much_give_a_ratio_of_2():
    rows = [
        WardRate("poorer", Decimal(40), Decimal(20)),
        WardRate("middle", Decimal(25), Decimal(99)),
        WardRate("richer", Decimal(10), Decimal(10)),
    ]
    gap = deprivation_gap(rows)
    assert (gap.more_deprived_rate, gap.less_deprived_rate, gap.ratio) == (
        Decimal("20.0"),
        Decimal("10.0"),
        Decimal("2.00"),
    )


@given(st.permutations([Decimal(5), Decimal(15), Decimal(25), Decimal(35)]))
def test_the_order_wards_come_in_does_not_change_the_gap(rates):
    rows = [WardRate(str(i), Decimal(i * 10), rate) for i, rate in enumerate(rates)]
    assert deprivation_gap(rows) == deprivation_gap(list(reversed(rows)))
