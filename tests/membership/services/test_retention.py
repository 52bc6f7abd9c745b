"""A switching round's registrations lose their household a year after acceptance closes;
the round's figures stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.retention import retention_apply
from coopcouncil.membership.models import HouseholdRegistration, SwitchingRound
from coopcouncil.membership.selectors.energy import round_figures
from coopcouncil.membership.services.retention import MEMBERSHIP_RETENTION_RULES

pytestmark = pytest.mark.django_db

RULE = MEMBERSHIP_RETENTION_RULES[0]
PERIOD = timedelta(days=365)


def _acceptance_closed(switching_round, *, days_ago: int) -> None:
    SwitchingRound.objects.filter(pk=switching_round.pk).update(
        acceptance_closes=timezone.now() - timedelta(days=days_ago)
    )


def test_dry_run_counts_and_changes_nothing(auctioned_round):
    switching_round, *_ = auctioned_round
    _acceptance_closed(switching_round, days_ago=366)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=True) == 2
    assert not HouseholdRegistration.objects.filter(user__isnull=True).exists()


def test_registrations_lose_their_household_after_the_period_and_figures_stay(
    auctioned_round, open_round
):
    switching_round, saver, _ = auctioned_round
    _acceptance_closed(switching_round, days_ago=366)
    figures = round_figures(switching_round)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 2
    registrations = HouseholdRegistration.objects.filter(round=switching_round)
    assert registrations.count() == 2 and not registrations.filter(user=saver).exists()
    assert round_figures(switching_round) == figures
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 0


def test_a_round_closed_within_the_period_keeps_its_households(auctioned_round):
    switching_round, *_ = auctioned_round
    _acceptance_closed(switching_round, days_ago=200)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 0


def test_the_run_reports_the_rule_and_its_setting(settings, auctioned_round):
    switching_round, *_ = auctioned_round
    _acceptance_closed(switching_round, days_ago=31)
    settings.COOPCOUNCIL_RETENTION_MEMBERSHIP_ENERGY_REGISTRATIONS_DAYS = 30
    report = {o.record_type: o for o in retention_apply(dry_run=True)}[
        "membership.energy_registrations"
    ]
    assert (report.action, report.days, report.count) == ("anonymised", 30, 2)
