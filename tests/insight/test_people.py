"""A resident's profile gathers their part; insight's personal data is only what officers
entered, and erasure forgets who entered it but keeps the evidence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from coopcouncil.insight.models import Measurement
from coopcouncil.insight.selectors import insight_personal_data
from coopcouncil.insight.services import insight_erase, measurements_import

BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_the_profile_counts_each_way_the_resident_took_part(client, ward, make_resident, take_part):
    resident = make_resident(ward)
    take_part(resident, "questions", timezone.now())
    take_part(resident, "questions", timezone.now())
    take_part(resident, "pb_ballots", timezone.now())
    client.force_login(resident, backend=BACKEND)
    page = client.get(reverse("people:profile")).content.decode()
    assert "Questions to a district partnership: 2" in page
    assert "Participatory budgeting ballots: 1" in page


def test_a_resident_who_has_not_taken_part_sees_how_to_start(client, ward, make_resident):
    client.force_login(make_resident(ward), backend=BACKEND)
    page = client.get(reverse("people:profile")).content.decode()
    assert 'id="my-council-heading"' in page and 'id="my-council"' not in page


def test_erasure_keeps_the_measurements_but_forgets_the_officer(officer, ward, make_indicator):
    make_indicator("vol", "borough")
    measurements_import(actor=officer, text="indicator,period,district,value\nvol,2026-01,,3\n")
    assert insight_personal_data(user=officer)["measurements_loaded"] == 1
    insight_erase(user=officer)
    measurement = Measurement.objects.get()
    assert (measurement.imported_by, measurement.value) == (None, Decimal("3.00"))
    assert measurement.period == date(2026, 1, 1)
    assert insight_personal_data(user=officer)["measurements_loaded"] == 0


def test_the_persons_data_export_and_erasure_reach_insight(officer, make_indicator):
    from coopcouncil.people.services import user_erase, user_export

    make_indicator("vol", "borough")
    measurements_import(actor=officer, text="indicator,period,district,value\nvol,2026-01,,3\n")
    assert user_export(user=officer)["insight"]["measurements_loaded"] == 1
    user_erase(user=officer)
    assert Measurement.objects.get().imported_by is None
