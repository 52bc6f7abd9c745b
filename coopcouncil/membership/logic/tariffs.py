"""Regions, payment methods, typical consumption and the checks on a household's registration.

Prices are held in thousandths of a penny (``millipence``) so that a unit rate such as
24.862p/kWh is a whole number and every cost is exact until it is rounded once
(``auction.ROUNDING``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from coopcouncil.membership.logic.messages import Message, gettext_noop

# The fourteen GB electricity distribution regions, as suppliers price their tariffs.
REGIONS: dict[str, str] = {
    "north-west": "North West",
    "north-east": "North East",
    "yorkshire": "Yorkshire",
    "east-midlands": "East Midlands",
    "west-midlands": "West Midlands",
    "eastern": "Eastern",
    "london": "London",
    "south-east": "South East",
    "southern": "Southern",
    "south-west": "South West",
    "north-wales-mersey": "North Wales and Mersey",
    "south-wales": "South Wales",
    "north-scotland": "North Scotland",
    "south-scotland": "South Scotland",
}
PAYMENT_METHODS: dict[str, str] = {
    "direct_debit": "Direct debit",
    "prepayment": "Prepayment meter",
    "standard_credit": "Standard credit (pay on receipt of bill)",
}
FUELS: dict[str, str] = {"electricity": "Electricity", "gas": "Gas"}
REGION_CODES = tuple(REGIONS)
PAYMENT_METHOD_CODES = tuple(PAYMENT_METHODS)
FUEL_CODES = tuple(FUELS)

DAYS_PER_YEAR = 365
MILLIPENCE_PER_PENNY = 1000

# Typical domestic consumption values (kWh a year), Ofgem, "Decision on Typical Domestic
# Consumption Values 2023", in force from 1 April 2024: electricity (profile class 1) and gas.
TDCV_SOURCE = (
    "Ofgem, Typical Domestic Consumption Values (decision 2023, in force from 1 April 2024):"
    " electricity low 1,800, medium 2,700, high 4,100 kWh; gas low 7,500, medium 11,500,"
    " high 17,000 kWh a year."
)
TDCV_KWH: dict[str, dict[str, int]] = {
    "electricity": {"low": 1_800, "medium": 2_700, "high": 4_100},
    "gas": {"low": 7_500, "medium": 11_500, "high": 17_000},
}

# Sanity limits: a value outside them is a typing slip, not a household's real use or price.
MAX_ELECTRICITY_KWH = 100_000
MAX_GAS_KWH = 200_000
UNIT_RATE_RANGE = (Decimal("1"), Decimal("150"))  # pence per kWh
STANDING_CHARGE_RANGE = (Decimal("0"), Decimal("250"))  # pence per day


def tdcv_band(household_size: int) -> str:
    """The TDCV band for a household of ``household_size`` people.

    Ofgem publishes low, medium and high values; as switching services do, one person is
    read as low, two or three as medium, four or more as high.
    """
    if household_size <= 1:
        return "low"
    return "medium" if household_size <= 3 else "high"


def typical_use(household_size: int, *, has_gas: bool) -> tuple[int, int]:
    """(electricity kWh, gas kWh) a year for a household of this size, from the TDCV."""
    band = tdcv_band(household_size)
    return TDCV_KWH["electricity"][band], TDCV_KWH["gas"][band] if has_gas else 0


def pence_to_millipence(value: Decimal) -> int:
    """A price in pence (at most three decimal places) as whole thousandths of a penny."""
    scaled = value * MILLIPENCE_PER_PENNY
    if scaled != scaled.to_integral_value():
        raise ValueError("more than three decimal places")
    return int(scaled)


@dataclass(frozen=True)
class Tariff:
    """One tariff's prices in millipence: per kWh and per day, for each fuel."""

    electricity_unit: int
    electricity_standing: int
    gas_unit: int = 0
    gas_standing: int = 0


@dataclass(frozen=True)
class RegistrationInput:
    """What a household types in, before it is checked (text or numbers as given)."""

    region: str
    payment_method: str
    electricity_kwh: int | None
    gas_kwh: int | None
    household_size: int | None
    has_gas: bool
    electricity_unit_rate: object
    electricity_standing_charge: object
    gas_unit_rate: object = None
    gas_standing_charge: object = None


@dataclass(frozen=True)
class CheckedRegistration:
    region: str
    payment_method: str
    electricity_kwh: int
    gas_kwh: int
    estimated_band: str  # "" when the household gave its own use
    electricity_unit_rate: Decimal
    electricity_standing_charge: Decimal
    gas_unit_rate: Decimal | None
    gas_standing_charge: Decimal | None


def _price(
    value: object, field: str, limits: tuple[Decimal, Decimal], errors: dict[str, list[Message]]
) -> Decimal | None:
    try:
        price = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors.setdefault(field, []).append(
            Message(gettext_noop("Give a number of pence, e.g. 24.5."))
        )
        return None
    low, high = limits
    if not price.is_finite() or not low <= price <= high:
        errors.setdefault(field, []).append(
            Message(
                gettext_noop("Give a price between %(low)s and %(high)s pence."),
                {"low": low, "high": high},
            )
        )
        return None
    if price != price.quantize(Decimal("0.001")):
        errors.setdefault(field, []).append(
            Message(gettext_noop("Give at most three decimal places."))
        )
        return None
    return price


def _use(value: int | None, field: str, high: int, errors: dict[str, list[Message]]) -> int | None:
    if value is None:
        return None
    if value < 0:
        errors.setdefault(field, []).append(Message(gettext_noop("Use cannot be negative.")))
    elif value > high:
        errors.setdefault(field, []).append(
            Message(
                gettext_noop("Give a yearly use of at most %(high)s kWh."), {"high": f"{high:,}"}
            )
        )
    else:
        return value
    return None


def registration_check(
    entry: RegistrationInput,
) -> tuple[CheckedRegistration | None, dict[str, list[Message]]]:
    """Check a registration field by field: (the checked values, or None; errors by field).

    Use is the household's own figure, or, where it gives none, the TDCV for its size.
    """
    errors: dict[str, list[Message]] = {}
    if entry.region not in REGIONS:
        errors["region"] = [
            Message(gettext_noop("Choose one of the fourteen electricity regions."))
        ]
    if entry.payment_method not in PAYMENT_METHODS:
        errors["payment_method"] = [
            Message(gettext_noop("Choose direct debit, prepayment or standard credit."))
        ]
    electricity = _use(entry.electricity_kwh, "electricity_kwh", MAX_ELECTRICITY_KWH, errors)
    gas = _use(entry.gas_kwh, "gas_kwh", MAX_GAS_KWH, errors) if entry.has_gas else 0
    band = ""
    if (electricity is None and entry.electricity_kwh is None) or (
        entry.has_gas and gas is None and entry.gas_kwh is None
    ):
        if entry.household_size is None or not 1 <= entry.household_size <= 20:
            errors.setdefault("household_size", []).append(
                Message(
                    gettext_noop(
                        "Give your yearly use in kWh, or how many people live in your home"
                        " (1 to 20)."
                    )
                )
            )
        else:
            band = tdcv_band(entry.household_size)
            typical_electricity, typical_gas = typical_use(
                entry.household_size, has_gas=entry.has_gas
            )
            electricity = typical_electricity if electricity is None else electricity
            gas = typical_gas if gas is None else gas
    unit = _price(entry.electricity_unit_rate, "electricity_unit_rate", UNIT_RATE_RANGE, errors)
    standing = _price(
        entry.electricity_standing_charge,
        "electricity_standing_charge",
        STANDING_CHARGE_RANGE,
        errors,
    )
    gas_unit = gas_standing = None
    if entry.has_gas:
        gas_unit = _price(entry.gas_unit_rate, "gas_unit_rate", UNIT_RATE_RANGE, errors)
        gas_standing = _price(
            entry.gas_standing_charge, "gas_standing_charge", STANDING_CHARGE_RANGE, errors
        )
    if errors or electricity is None or gas is None or unit is None or standing is None:
        return None, errors
    return (
        CheckedRegistration(
            region=entry.region,
            payment_method=entry.payment_method,
            electricity_kwh=electricity,
            gas_kwh=gas,
            estimated_band=band,
            electricity_unit_rate=unit,
            electricity_standing_charge=standing,
            gas_unit_rate=gas_unit,
            gas_standing_charge=gas_standing,
        ),
        {},
    )
