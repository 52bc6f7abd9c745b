"""Fixtures for membership and energy switching: officers, partners, rounds at each stage."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.membership.logic.tariffs import RegistrationInput

HEADER = "bid,supplier,fuel,region,payment_method,unit_rate,standing_charge"


@pytest.fixture
def officer(make_role):
    return make_role("officer", "Fiona Finance", team="finance")


@pytest.fixture
def supplier(db):
    from coopcouncil.people.models import Organisation

    return Organisation.objects.create(name="Pennine Power", slug="pennine-power", kind="business")


@pytest.fixture
def supplier_person(make_role, supplier):
    return make_role("partner", "Sam Supplier", organisation=supplier)


@pytest.fixture
def partner(db):
    from coopcouncil.people.models import Organisation

    return Organisation.objects.create(name="Oldham Credit Union", slug="ocu", kind="business")


@pytest.fixture
def partner_person(make_role, partner):
    return make_role("partner", "Pat Partner", organisation=partner)


def household(**changes) -> RegistrationInput:
    fields = {
        "region": "north-west",
        "payment_method": "direct_debit",
        "electricity_kwh": 2_700,
        "gas_kwh": 11_500,
        "household_size": None,
        "has_gas": True,
        "electricity_unit_rate": "30",
        "electricity_standing_charge": "60",
        "gas_unit_rate": "8",
        "gas_standing_charge": "35",
    }
    fields.update(changes)
    return RegistrationInput(**fields)


def bid_csv(reference: str, supplier: str, electricity=(24, 50), gas=(6, 30), methods=None) -> str:
    """A bids file pricing the North West for each payment method given."""
    rows = [HEADER]
    for method in methods or ("direct_debit", "prepayment", "standard_credit"):
        rows.append(
            f"{reference},{supplier},electricity,north-west,{method},{electricity[0]},{electricity[1]}"
        )
        rows.append(f"{reference},{supplier},gas,north-west,{method},{gas[0]},{gas[1]}")
    return "\n".join(rows) + "\n"


@pytest.fixture
def open_round(officer):
    from coopcouncil.membership import services

    now = timezone.now()
    return services.round_create(
        actor=officer,
        name="Test Switch",
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=10),
    )


def close_registration(switching_round) -> None:
    """Move the round on to auction day, as the clock would."""
    switching_round.registration_closes = timezone.now() - timedelta(minutes=1)
    switching_round.save(update_fields=["registration_closes"])


def close_acceptance(switching_round) -> None:
    switching_round.acceptance_closes = timezone.now() - timedelta(seconds=1)
    switching_round.save(update_fields=["acceptance_closes"])


@pytest.fixture
def auctioned_round(open_round, officer, make_user):
    """A round whose auction has run: one household saves, one would not."""
    from coopcouncil.membership import services

    saver, non_saver = make_user("Sally Saver"), make_user("Noel Nosave")
    services.household_register(user=saver, switching_round=open_round, entry=household())
    services.household_register(
        user=non_saver,
        switching_round=open_round,
        entry=household(electricity_unit_rate="10", gas_unit_rate="2"),
    )
    close_registration(open_round)
    services.bids_import(actor=officer, switching_round=open_round, text=bid_csv("Fix", "Pennine"))
    services.auction_hold(actor=officer, switching_round=open_round)
    open_round.refresh_from_db()
    return open_round, saver, non_saver


@pytest.fixture
def member(make_resident, ward):
    from coopcouncil.membership import services

    resident = make_resident(ward, "Mo Member")
    resident.date_of_birth = date(1960, 5, 1)
    resident.save(update_fields=["date_of_birth"])
    services.membership_join(user=resident)
    return resident


@pytest.fixture
def benefit(officer, partner):
    from coopcouncil.membership import services

    today = timezone.localdate()
    return services.benefit_create(
        actor=officer,
        partner=partner,
        title="Saver's bonus",
        kind="credit_union",
        description="£10 on a new account",
        valid_from=today - timedelta(days=1),
        valid_until=today + timedelta(days=30),
        wards=[],
    )
