"""Energy switching journey: a household registers, the officer runs the auction after
registration closes, and the household sees its saving and accepts the offer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.membership import services
from coopcouncil.membership.logic.bids_file import bids_write
from coopcouncil.membership.logic.calibration import illustrative_bids
from coopcouncil.membership.models import EnergyOffer, SwitchingRound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def _sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def test_a_household_registers_the_auction_runs_and_it_accepts_its_saving(
    page, places, ward, make_resident, make_role
):
    officer = make_role("officer", "Fiona Finance", team="finance")
    now = timezone.now()
    switching_round = services.round_create(
        actor=officer,
        name="Browser Switch",
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=5),
    )
    household = make_resident(ward, "Hana Household")

    # The household registers, leaving its use to be estimated from its size.
    _sign_in(page, household)
    page.goto("/membership/energy/")
    page.get_by_role("link", name="Browser Switch").click()
    page.get_by_label("Electricity region").select_option("north-west")
    page.get_by_label("How you pay").select_option("prepayment")
    page.get_by_label("People living in your home (for an estimate)").fill("3")
    page.get_by_label("Your electricity unit rate (pence per kWh)").fill("31.5")
    page.get_by_label("Your electricity standing charge (pence per day)").fill("60")
    page.get_by_label("Your gas unit rate (pence per kWh)").fill("-2")
    page.get_by_label("Your gas standing charge (pence per day)").fill("35")
    page.get_by_role("button", name="Register").click()
    # A rate out of range is refused on its field; the household corrects it.
    page.locator("#id_gas_unit_rate_error").wait_for()
    page.get_by_label("Your gas unit rate (pence per kWh)").fill("8.25")
    page.get_by_role("button", name="Register").click()
    page.get_by_text("Your household is registered for the auction.").wait_for()

    # Registration closes; the suppliers' bids are sealed and the officer runs the auction.
    SwitchingRound.objects.filter(pk=switching_round.pk).update(
        registration_closes=timezone.now() - timedelta(minutes=1)
    )
    switching_round.refresh_from_db()
    services.bids_import(
        actor=officer, switching_round=switching_round, text=bids_write(illustrative_bids())
    )
    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, officer)
    page.goto(f"/membership/energy/{switching_round.pk}/")
    page.get_by_role("button", name="Run the auction").click()
    page.get_by_text("The auction has run").wait_for()
    page.get_by_role("button", name="Sign out").click()

    # The household sees its saving and accepts.
    _sign_in(page, household)
    page.goto(f"/membership/energy/{switching_round.pk}/")
    offer = EnergyOffer.objects.get(registration__user=household)
    assert offer.saving_pence > 0
    saving = page.locator("#saving").inner_text()
    assert f"£{offer.saving_pence // 100:,}.{offer.saving_pence % 100:02d}" in saving
    page.get_by_role("button", name="Accept the offer").click()
    page.get_by_text("You accepted the offer").wait_for()
    offer.refresh_from_db()
    assert offer.status == EnergyOffer.Status.ACCEPTED
