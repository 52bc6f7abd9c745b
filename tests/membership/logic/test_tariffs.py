"""A household's registration is checked field by field; use may be estimated from the TDCV."""

from __future__ import annotations

from decimal import Decimal

from coopcouncil.membership.logic.tariffs import (
    TDCV_KWH,
    TDCV_SOURCE,
    RegistrationInput,
    pence_to_millipence,
    registration_check,
    tdcv_band,
)


def _entry(**changes) -> RegistrationInput:
    fields = {
        "region": "north-west",
        "payment_method": "direct_debit",
        "electricity_kwh": 2_700,
        "gas_kwh": 11_500,
        "household_size": None,
        "has_gas": True,
        "electricity_unit_rate": "24.5",
        "electricity_standing_charge": "53.68",
        "gas_unit_rate": "6.29",
        "gas_standing_charge": "32.67",
    }
    fields.update(changes)
    return RegistrationInput(**fields)


def test_a_good_registration_is_accepted_as_given():
    checked, errors = registration_check(_entry())
    assert errors == {}
    assert checked.electricity_kwh == 2_700
    assert checked.electricity_unit_rate == Decimal("24.5")
    assert checked.estimated_band == ""


def test_negative_use_an_unknown_region_and_a_rate_out_of_range_are_refused_field_by_field():
    checked, errors = registration_check(
        _entry(region="atlantis", electricity_kwh=-5, gas_unit_rate="900", gas_standing_charge="x")
    )
    assert checked is None
    assert set(errors) == {"region", "electricity_kwh", "gas_unit_rate", "gas_standing_charge"}
    assert "negative" in str(errors["electricity_kwh"][0])


def test_an_unknown_payment_method_is_refused():
    _, errors = registration_check(_entry(payment_method="cash"))
    assert list(errors) == ["payment_method"]


def test_a_price_with_more_than_three_decimals_is_refused():
    _, errors = registration_check(_entry(electricity_unit_rate="24.5001"))
    assert list(errors) == ["electricity_unit_rate"]


def test_missing_use_is_estimated_from_household_size_with_the_tdcv():
    checked, errors = registration_check(
        _entry(electricity_kwh=None, gas_kwh=None, household_size=4)
    )
    assert errors == {}
    assert checked.electricity_kwh == TDCV_KWH["electricity"]["high"]
    assert checked.gas_kwh == TDCV_KWH["gas"]["high"]
    assert checked.estimated_band == "high"
    assert "Ofgem" in TDCV_SOURCE


def test_missing_use_and_no_household_size_asks_for_one_or_the_other():
    _, errors = registration_check(_entry(electricity_kwh=None))
    assert list(errors) == ["household_size"]


def test_a_home_without_gas_needs_no_gas_prices_and_uses_no_gas():
    checked, errors = registration_check(
        _entry(has_gas=False, gas_kwh=None, gas_unit_rate=None, gas_standing_charge=None)
    )
    assert errors == {}
    assert checked.gas_kwh == 0
    assert checked.gas_unit_rate is None


def test_household_sizes_map_to_low_medium_and_high():
    assert [tdcv_band(n) for n in (1, 2, 3, 4, 6)] == ["low", "medium", "medium", "high", "high"]


def test_prices_become_whole_thousandths_of_a_penny():
    assert pence_to_millipence(Decimal("24.862")) == 24_862
