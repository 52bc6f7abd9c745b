"""The illustrative cohort reproduces Oldham's published outcome on its illustrative bids."""

from __future__ import annotations

from coopcouncil.membership.logic.auction import (
    SealedBid,
    auction_run,
    cohort_from_lists,
    household_cost,
)
from coopcouncil.membership.logic.calibration import (
    COHORT_SIZE,
    WINNING_BID,
    calibration_cohort,
    illustrative_bids,
)
from coopcouncil.membership.logic.tariffs import Tariff


def _outcome(weights):
    households = calibration_cohort(weights)
    cohort = cohort_from_lists(
        regions=[h.region for h in households],
        payment_methods=[h.payment_method for h in households],
        electricity_kwh=[h.electricity_kwh for h in households],
        gas_kwh=[h.gas_kwh for h in households],
        current_cost=[
            household_cost(
                h.electricity_kwh,
                h.gas_kwh,
                Tariff(h.electricity_unit, h.electricity_standing, h.gas_unit, h.gas_standing),
            )
            for h in households
        ],
    )
    bids = [SealedBid(b.reference, i, b.prices) for i, b in enumerate(illustrative_bids())]
    return households, auction_run(cohort, bids)


def test_the_cohort_gives_about_8700_switching_an_average_near_171_and_a_largest_over_800():
    households, outcome = _outcome([1.0] * 20)
    assert len(households) == COHORT_SIZE
    assert outcome.winner == WINNING_BID
    assert abs(outcome.switching - 8_700) <= 87
    assert abs(outcome.average_saving - 17_100) <= 500
    assert outcome.largest_saving > 80_000


def test_the_cohort_is_the_same_every_time():
    assert calibration_cohort([1.0, 2.0]) == calibration_cohort([1.0, 2.0])


def test_the_cohort_includes_prepayment_households_and_homes_without_gas():
    households = calibration_cohort([1.0])
    assert any(h.payment_method == "prepayment" for h in households)
    assert any(h.gas_kwh == 0 for h in households)
