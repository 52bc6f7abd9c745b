"""An illustrative switching cohort calibrated to Oldham's published outcome.

Oldham's collective energy switch reported about 8,700 households switching, an average
saving of £171 and a largest saving above £800. The cohort here is generated, not real:
12,000 households, seeded so it is the same every time, whose current tariffs are set so that
the illustrative winning bid (``illustrative_bids``) saves 8,700 of them money, on average
close to £171 each. Use, payment methods and gas connections follow the TDCV and a typical
northern borough's mix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coopcouncil.membership.logic.auction import BidPrice, PriceKey
from coopcouncil.membership.logic.bids_file import BidRows
from coopcouncil.membership.logic.tariffs import (
    DAYS_PER_YEAR,
    MAX_ELECTRICITY_KWH,
    MAX_GAS_KWH,
    MILLIPENCE_PER_PENNY,
    PAYMENT_METHOD_CODES,
    TDCV_KWH,
    tdcv_band,
)

COHORT_SIZE = 12_000
SWITCHING_TARGET = 8_700
AVERAGE_SAVING_TARGET = 17_100  # pence
SEED = 2013  # the year Oldham's first collective switch ran
COHORT_REGIONS = {"north-west": 0.97, "yorkshire": 0.03}
PAYMENT_MIX = {"direct_debit": 0.70, "prepayment": 0.18, "standard_credit": 0.12}
GAS_SHARE = 0.85
ESTIMATED_SHARE = 0.2

# Illustrative capped prices in millipence (unit per kWh, standing per day), direct debit.
_REFERENCE = {"electricity": (26_350, 53_680), "gas": (6_290, 32_670)}
_REGION_FACTOR = {"north-west": 1.00, "yorkshire": 0.98}
_METHOD_FACTOR = {"direct_debit": 1.00, "prepayment": 0.97, "standard_credit": 1.05}
WINNING_DISCOUNT = 0.88
WINNING_BID = "Fair Energy Switch 2026"
OTHER_BIDS = (
    ("North West Fix 12", "Pennine Power", 0.905),
    ("Community Tariff", "Northern Co-operative Energy", 0.92),
    ("Simple Saver", "Red Rose Energy", 0.94),
    ("Green Fixed 24", "Moorland Renewables", 0.97),
)


def _tariff(region: str, method: str, factor: float) -> dict[str, BidPrice]:
    scale = _REGION_FACTOR[region] * _METHOD_FACTOR[method] * factor
    return {
        fuel: BidPrice(round(unit * scale), round(standing * scale))
        for fuel, (unit, standing) in _REFERENCE.items()
    }


def _bid(reference: str, supplier: str, factor: float) -> BidRows:
    bid = BidRows(reference, supplier)
    for region in COHORT_REGIONS:
        for method in PAYMENT_METHOD_CODES:
            for fuel, price in _tariff(region, method, factor).items():
                bid.prices[PriceKey(fuel, region, method)] = price
    return bid


def illustrative_bids() -> list[BidRows]:
    """Five suppliers' bids for the cohort's regions; the first is the cheapest everywhere."""
    return [_bid(WINNING_BID, "Fair Energy Co-operative", WINNING_DISCOUNT)] + [
        _bid(reference, supplier, factor) for reference, supplier, factor in OTHER_BIDS
    ]


@dataclass(frozen=True)
class CohortHousehold:
    """One illustrative household; prices in millipence, use in kWh a year."""

    ward_index: int
    region: str
    payment_method: str
    electricity_kwh: int
    gas_kwh: int
    estimated_band: str
    electricity_unit: int
    electricity_standing: int
    gas_unit: int
    gas_standing: int


def _winning_cost(region: str, method: str, electricity: int, gas: int) -> tuple[dict, int]:
    prices = _tariff(region, method, WINNING_DISCOUNT)
    exact = (
        electricity * prices["electricity"].unit + DAYS_PER_YEAR * prices["electricity"].standing
    )
    if gas:
        exact += gas * prices["gas"].unit + DAYS_PER_YEAR * prices["gas"].standing
    return prices, exact


def calibration_cohort(
    ward_weights: Sequence[float], *, size: int = COHORT_SIZE
) -> list[CohortHousehold]:
    """The illustrative cohort, the same for the same ``ward_weights`` and ``size``.

    Each household's saving on the winning bid is drawn first (a long-tailed gamma for the
    households that save, a small loss for the rest), then its current prices are set to the
    winning prices scaled up by that margin, so the auction finds the saving again.
    """
    rng = np.random.default_rng(SEED)
    weights = np.asarray(ward_weights, dtype=float)
    wards = rng.choice(len(weights), size=size, p=weights / weights.sum())
    regions = rng.choice(list(COHORT_REGIONS), size=size, p=list(COHORT_REGIONS.values()))
    methods = rng.choice(list(PAYMENT_MIX), size=size, p=list(PAYMENT_MIX.values()))
    has_gas = rng.random(size) < GAS_SHARE
    estimated = rng.random(size) < ESTIMATED_SHARE
    people = rng.integers(1, 6, size=size)
    electricity = np.clip(rng.lognormal(np.log(2_700), 0.45, size), 600, MAX_ELECTRICITY_KWH)
    gas = np.clip(rng.lognormal(np.log(11_500), 0.40, size), 2_000, MAX_GAS_KWH)
    switching = SWITCHING_TARGET * size // COHORT_SIZE
    margin = np.concatenate(
        [
            np.maximum(rng.gamma(2.0, 1.0, switching), 0.05),
            -rng.uniform(0.01, 0.12, size - switching),
        ]
    )
    rng.shuffle(margin)
    households: list[tuple[str, int, int, dict]] = []
    costs = []
    for i in range(size):
        band = tdcv_band(int(people[i])) if estimated[i] else ""
        e_kwh = TDCV_KWH["electricity"][band] if band else int(electricity[i])
        g_kwh = 0 if not has_gas[i] else (TDCV_KWH["gas"][band] if band else int(gas[i]))
        prices, exact = _winning_cost(str(regions[i]), str(methods[i]), e_kwh, g_kwh)
        households.append((band, e_kwh, g_kwh, prices))
        costs.append(exact)
    # Scale the savers' margins so their average saving comes out at the target.
    exact_costs = np.asarray(costs, dtype=float) / MILLIPENCE_PER_PENNY
    savers = margin > 0
    margin[savers] *= AVERAGE_SAVING_TARGET / (exact_costs[savers] * margin[savers]).mean()
    return [
        _household(int(wards[i]), str(regions[i]), str(methods[i]), households[i], margin[i])
        for i in range(size)
    ]


def _household(
    ward: int, region: str, method: str, use: tuple[str, int, int, dict], margin: float
) -> CohortHousehold:
    band, e_kwh, g_kwh, prices = use
    scale = 1.0 + float(margin)
    return CohortHousehold(
        ward_index=ward,
        region=region,
        payment_method=method,
        electricity_kwh=e_kwh,
        gas_kwh=g_kwh,
        estimated_band=band,
        electricity_unit=round(prices["electricity"].unit * scale),
        electricity_standing=round(prices["electricity"].standing * scale),
        gas_unit=round(prices["gas"].unit * scale) if g_kwh else 0,
        gas_standing=round(prices["gas"].standing * scale) if g_kwh else 0,
    )
