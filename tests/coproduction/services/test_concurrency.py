"""Bursts of simultaneous requests: a shift never overbooked, credits never below zero or
spent twice, a code redeemed once.

Real threads, each on its own database connection. SQLite serialises every writer behind one
file lock, so the race cannot happen there; these run on PostgreSQL (CI sets DATABASE_URL).
"""

import pytest
from django.db import connection

from coopcouncil.coproduction.models import (
    CreditAccount,
    CreditEntry,
    CreditRedemption,
    Shift,
    SignUp,
)
from coopcouncil.coproduction.services import credit_redeem, credits_spend, shift_sign_up
from tests.concurrency import burst

from ..conftest import make_shift

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]


# PostgreSQL allows 100 connections, shared with other test runs, so a burst of 200 runs on
# THREADS connections, each making its share of the attempts back to back.
THREADS = 25


def test_200_simultaneous_sign_ups_for_50_places_give_exactly_50(
    organiser, opportunity, make_resident, ward
):
    shift = make_shift(organiser, opportunity, places=50)
    residents = [make_resident(ward) for _ in range(200)]

    outcomes = burst(
        THREADS, residents, lambda resident: shift_sign_up(actor=resident, shift=shift)
    )

    assert outcomes == {"done": 50, "shift_full": 150}
    assert Shift.objects.get(pk=shift.pk).booked == 50
    assert SignUp.objects.filter(shift=shift, status="booked").count() == 50


def test_simultaneous_spends_never_take_the_balance_below_zero(confirmed, volunteer, offer):
    """Three credits, ten one-credit spends at once: exactly three succeed."""
    outcomes = burst(
        THREADS, list(range(10)), lambda _n: credits_spend(actor=volunteer, offer=offer)
    )

    assert outcomes == {"done": 3, "not_enough_credits": 7}
    account = CreditAccount.objects.get(person=volunteer)
    assert account.balance == 0
    assert sum(CreditEntry.objects.filter(account=account).values_list("amount", flat=True)) == 0


def test_a_code_presented_twice_at_once_is_redeemed_once(
    confirmed, volunteer, offer, partner, partner_member
):
    entry = credits_spend(actor=volunteer, offer=offer)

    outcomes = burst(
        THREADS,
        list(range(8)),
        lambda _n: credit_redeem(actor=partner_member, partner=partner, code=entry.code),
    )

    assert outcomes == {"done": 1, "code_already_redeemed": 7}
    assert CreditRedemption.objects.filter(entry=entry).count() == 1
