"""The demo's switching round reproduces Oldham's outcome, and loading twice adds nothing."""

from __future__ import annotations

from coopcouncil.demo import demo_load
from coopcouncil.membership import selectors
from coopcouncil.membership.demo import OPEN_ROUND, SWITCHED_ROUND
from coopcouncil.membership.models import Benefit, HouseholdRegistration, Membership, SwitchingRound


def test_the_demo_switch_shows_about_8700_households_switching_and_loads_once(db, demo_borough):
    switched = SwitchingRound.objects.get(name=SWITCHED_ROUND)
    figures = selectors.round_figures(switched)
    assert abs(figures.accepted - 8_700) <= 87
    assert abs(figures.average_accepted_saving_pence - 17_100) <= 500
    assert figures.largest_accepted_saving_pence > 80_000
    assert figures.finder_fee_pence == figures.accepted * switched.finder_fee_pence
    assert selectors.round_stage(SwitchingRound.objects.get(name=OPEN_ROUND)) == (
        "registration_open"
    )
    counts = (
        HouseholdRegistration.objects.count(),
        Membership.objects.count(),
        Benefit.objects.count(),
    )
    demo_load()
    assert (
        HouseholdRegistration.objects.count(),
        Membership.objects.count(),
        Benefit.objects.count(),
    ) == counts
