"""PB turnout counts as eligible only residents old enough to vote, where their age is known."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from coopcouncil.participation import selectors, services
from tests.participation.conftest import codes

pytestmark = pytest.mark.django_db


def _window():
    now = timezone.now()
    return now - timedelta(minutes=1), now + timedelta(minutes=1)


def test_residents_under_the_minimum_age_are_not_eligible(make_process, make_voter, ward):
    process = make_process([("A", 100)], min_voter_age=16)
    since, until = _window()
    today = timezone.localdate(until)
    voter = make_voter(ward)  # born 1990
    make_voter(ward, "Fifteen", born=today.replace(year=today.year - 15))
    make_voter(ward, "Sixteen today", born=today.replace(year=today.year - 16))
    services.ballot_cast(voter=voter, process=process, choices=[codes(process)["A"]])
    # Eligible: the voter, the 16-year-old and the fixture's proposer (no date of birth).
    assert selectors.district_pb_turnout(
        ward.district, since=since, until=until
    ) == selectors.PBTurnout(voters=1, eligible=3)
    assert selectors.district_pb_turnout(
        ward.district, since=since, until=until, min_age=11
    ) == selectors.PBTurnout(voters=1, eligible=4)


def test_residents_without_a_date_of_birth_are_counted_as_eligible(make_voter, ward):
    make_voter(ward, "Unknown age", born=None)
    make_voter(ward, "Child", born=timezone.localdate() - timedelta(days=365 * 5))
    since, until = _window()
    # No ballots in the window: the council's default minimum age (11) applies.
    assert selectors.district_pb_turnout(
        ward.district, since=since, until=until
    ) == selectors.PBTurnout(voters=0, eligible=1)


def test_age_is_taken_on_the_last_day_of_the_window(make_voter, ward, settings):
    from coopcouncil.people.models import Residency

    settings.COOPCOUNCIL_PB_MIN_VOTER_AGE = 18
    # Born on 29 February: 18 on 1 March 2022, as the voting check counts it.
    make_voter(ward, "Leap", born=date(2004, 2, 29))
    since = timezone.make_aware(datetime(2022, 2, 1))
    Residency.objects.update(verified_at=since, expires_at=since + timedelta(days=365))
    on_28th = timezone.make_aware(datetime(2022, 2, 28, 12))
    on_1st = timezone.make_aware(datetime(2022, 3, 1, 12))
    assert selectors.district_pb_turnout(
        ward.district, since=since, until=on_28th
    ) == selectors.PBTurnout(voters=0, eligible=0)
    assert selectors.district_pb_turnout(
        ward.district, since=since, until=on_1st
    ) == selectors.PBTurnout(voters=0, eligible=1)
