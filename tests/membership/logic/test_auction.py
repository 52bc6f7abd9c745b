"""The reverse auction: exact pricing, the winner, the tie rule, and its properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.membership.logic.auction import (
    TIE_RULE,
    BidPrice,
    PriceKey,
    SealedBid,
    auction_run,
    cohort_costs,
    cohort_from_lists,
    household_cost,
    prices_missing,
    prices_needed,
)
from coopcouncil.membership.logic.tariffs import (
    PAYMENT_METHOD_CODES,
    REGION_CODES,
    Tariff,
)

NW = "north-west"


def _bid(reference: str, order: int, electricity: tuple, gas: tuple, keys=None) -> SealedBid:
    keys = keys or [(NW, "direct_debit")]
    prices = {}
    for region, method in keys:
        prices[PriceKey("electricity", region, method)] = BidPrice(*electricity)
        prices[PriceKey("gas", region, method)] = BidPrice(*gas)
    return SealedBid(reference, order, prices)


def test_the_worked_example_in_the_docstring_costs_1630_pounds():
    tariff = Tariff(24_000, 50_000, 6_000, 30_000)
    assert household_cost(2_700, 11_500, tariff) == 163_000


def test_a_household_without_gas_pays_no_gas_standing_charge():
    tariff = Tariff(24_000, 50_000, 6_000, 30_000)
    assert household_cost(2_700, 0, tariff) == 2_700 * 24 + 365 * 50


def test_a_cost_is_rounded_once_to_the_nearest_penny_halves_up():
    # 1 kWh at 0.5p and no standing charge: exactly half a penny rounds up to 1p.
    assert household_cost(1, 0, Tariff(500, 0)) == 1
    assert household_cost(1, 0, Tariff(499, 0)) == 0
    # 3 kWh at 24.333p = 72.999p: one rounding at the end, not one per kWh.
    assert household_cost(3, 0, Tariff(24_333, 0)) == 73


def _cohort(rows):
    return cohort_from_lists(
        regions=[r[0] for r in rows],
        payment_methods=[r[1] for r in rows],
        electricity_kwh=[r[2] for r in rows],
        gas_kwh=[r[3] for r in rows],
        current_cost=[r[4] for r in rows],
    )


def test_the_cheapest_bid_for_the_whole_cohort_wins_and_offers_price_each_household():
    cohort = _cohort(
        [(NW, "direct_debit", 2_700, 11_500, 200_000), (NW, "direct_debit", 1_800, 0, 90_000)]
    )
    cheap = _bid("cheap", 2, (24_000, 50_000), (6_000, 30_000))
    dear = _bid("dear", 1, (25_000, 50_000), (6_000, 30_000))
    outcome = auction_run(cohort, [dear, cheap])
    assert outcome.winner == "cheap"
    assert [s.reference for s in outcome.standings] == ["cheap", "dear"]
    second = 1_800 * 24 + 365 * 50
    assert outcome.new_cost.tolist() == [163_000, second]
    assert outcome.saving.tolist() == [200_000 - 163_000, 90_000 - second]


def test_a_household_that_would_not_save_is_not_counted_as_switching():
    cohort = _cohort(
        [(NW, "direct_debit", 2_700, 11_500, 100_000), (NW, "direct_debit", 2_700, 11_500, 170_000)]
    )
    outcome = auction_run(cohort, [_bid("only", 1, (24_000, 50_000), (6_000, 30_000))])
    assert outcome.saving.tolist() == [-63_000, 7_000]
    assert outcome.switching == 1
    assert outcome.total_saving == 7_000
    assert outcome.average_saving == 7_000
    assert outcome.largest_saving == 7_000


def test_prepayment_households_are_priced_on_the_prepayment_prices():
    keys = [(NW, "direct_debit"), (NW, "prepayment")]
    bid = _bid("b", 1, (24_000, 50_000), (6_000, 30_000), keys)
    bid.prices[PriceKey("electricity", NW, "prepayment")] = BidPrice(20_000, 40_000)
    cohort = _cohort([(NW, "prepayment", 1_000, 0, 50_000)])
    outcome = auction_run(cohort, [bid])
    assert outcome.new_cost.tolist() == [1_000 * 20 + 365 * 40]


def test_a_tie_goes_to_the_bid_submitted_first_then_to_the_reference_alphabetically():
    cohort = _cohort([(NW, "direct_debit", 2_700, 11_500, 200_000)])
    same = ((24_000, 50_000), (6_000, 30_000))
    later = _bid("a-later", 5, *same)
    earlier = _bid("z-earlier", 1, *same)
    assert auction_run(cohort, [later, earlier]).winner == "z-earlier"
    assert auction_run(cohort, [_bid("b", 1, *same), _bid("a", 1, *same)]).winner == "a"
    assert "submitted first" in TIE_RULE


def test_prices_needed_lists_gas_only_where_a_household_has_gas():
    cohort = _cohort([(NW, "prepayment", 1_000, 0, 1), ("london", "direct_debit", 1_000, 5_000, 1)])
    assert prices_needed(cohort) == {
        PriceKey("electricity", NW, "prepayment"),
        PriceKey("electricity", "london", "direct_debit"),
        PriceKey("gas", "london", "direct_debit"),
    }


def test_prices_missing_names_each_missing_price():
    cohort = _cohort([(NW, "prepayment", 1_000, 5_000, 1), (NW, "direct_debit", 1_000, 5_000, 1)])
    bid = _bid("b", 1, (24_000, 50_000), (6_000, 30_000))
    missing = prices_missing(bid.prices, prices_needed(cohort))
    assert missing == [PriceKey("electricity", NW, "prepayment"), PriceKey("gas", NW, "prepayment")]


def test_pricing_a_bid_that_lacks_a_needed_price_is_refused():
    cohort = _cohort([(NW, "prepayment", 1_000, 0, 1)])
    with pytest.raises(ValueError):
        cohort_costs(cohort, [_bid("b", 1, (1, 1), (1, 1))])


# --- Properties --------------------------------------------------------------------------

households = st.lists(
    st.tuples(
        st.sampled_from(REGION_CODES[:3]),
        st.sampled_from(PAYMENT_METHOD_CODES),
        st.integers(0, 20_000),
        st.integers(0, 40_000),
        st.integers(0, 1_000_000),
    ),
    min_size=1,
    max_size=30,
)
price = st.tuples(st.integers(1_000, 150_000), st.integers(0, 250_000))


@st.composite
def full_bids(draw):
    count = draw(st.integers(1, 6))
    bids = []
    for number in range(count):
        prices = {
            PriceKey(fuel, region, method): BidPrice(*draw(price))
            for fuel in ("electricity", "gas")
            for region in REGION_CODES[:3]
            for method in PAYMENT_METHOD_CODES
        }
        bids.append(SealedBid(f"bid-{number}", draw(st.integers(0, 3)), prices))
    return bids


@given(households, full_bids())
def test_each_saving_is_the_current_cost_minus_the_new_cost(rows, bids):
    cohort = _cohort(rows)
    outcome = auction_run(cohort, bids)
    assert (outcome.saving == cohort.current_cost - outcome.new_cost).all()
    winner = next(b for b in bids if b.reference == outcome.winner)
    for i, (region, method, electricity, gas, _) in enumerate(rows):
        e = winner.prices[PriceKey("electricity", region, method)]
        g = winner.prices[PriceKey("gas", region, method)]
        tariff = Tariff(e.unit, e.standing, g.unit, g.standing)
        assert outcome.new_cost[i] == household_cost(electricity, gas, tariff)


@given(households, full_bids())
def test_the_winners_cohort_cost_is_at_most_every_other_bids(rows, bids):
    cohort = _cohort(rows)
    outcome = auction_run(cohort, bids)
    totals = cohort_costs(cohort, bids).sum(axis=1)
    winning_total = int(outcome.new_cost.sum())
    assert all(winning_total <= int(total) for total in totals)
    assert outcome.standings[0].cohort_cost == winning_total


@given(households, full_bids(), st.randoms())
def test_the_order_of_the_bids_does_not_change_the_outcome(rows, bids, random):
    cohort = _cohort(rows)
    shuffled = list(bids)
    random.shuffle(shuffled)
    first, second = auction_run(cohort, bids), auction_run(cohort, shuffled)
    assert first.winner == second.winner
    assert first.standings == second.standings
    assert np.array_equal(first.saving, second.saving)
