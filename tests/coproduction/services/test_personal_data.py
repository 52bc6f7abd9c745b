"""A person's co-production data, through people's export and erasure: exported whole,
erased without changing the figures."""

from decimal import Decimal

import pytest

from coopcouncil.coproduction.models import CreditAccount, SafeguardingCheck, Shift, SignUp
from coopcouncil.coproduction.selectors import (
    coproduction_personal_data,
    participation_sources,
    ward_figures,
)
from coopcouncil.coproduction.services import shift_sign_up
from coopcouncil.people.services import user_erase, user_export

from ..conftest import make_shift

pytestmark = pytest.mark.django_db


def test_the_persons_export_holds_their_shifts_hours_and_credits(confirmed, volunteer):
    data = user_export(user=volunteer)["coproduction"]
    assert data["sign_ups"][0]["hours"] == "3.00"
    assert data["time_credits"]["balance"] == 3


def test_erasure_unlinks_the_person_frees_future_places_and_keeps_the_hours(
    confirmed, organiser, opportunity, volunteer, ward
):
    later = make_shift(organiser, opportunity, days_ahead=20)
    shift_sign_up(actor=volunteer, shift=later)
    before = {row.slug: (row.hours, row.credits_earned) for row in ward_figures(ward.district)}

    user_erase(user=volunteer)

    assert not SignUp.objects.filter(volunteer=volunteer).exists()
    assert not SafeguardingCheck.objects.filter(person=volunteer).exists()
    assert Shift.objects.get(pk=later.pk).booked == 0
    assert CreditAccount.objects.filter(person__isnull=True).count() == 1
    after = {row.slug: (row.hours, row.credits_earned) for row in ward_figures(ward.district)}
    assert after == before and after[ward.slug] == (Decimal(3), 3)
    assert coproduction_personal_data(user=volunteer)["sign_ups"] == []


def test_insight_counts_volunteering_and_credits_by_person_and_time(confirmed, volunteer):
    sources = {source.kind: source for source in participation_sources()}
    assert {source.role for source in sources.values()} == {"delivering", "supporting"}
    volunteering = list(sources["volunteering_hours"].events)
    assert volunteering == [{"user_id": volunteer.pk, "at": confirmed.shift.starts_at}]
    assert [event["user_id"] for event in sources["time_credits"].events] == [volunteer.pk]
