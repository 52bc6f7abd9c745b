"""The participation-at-scale page reads the snapshot: its queries do not grow with the
number of people taking part."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coopcouncil.insight.services import participation_refresh
from tests.conftest import counted_get


def _people_take_part(count, ward, make_resident, take_part):
    residents = [make_resident(ward) for _ in range(count)]
    moment = timezone.now()
    for resident in residents:
        take_part(resident, "questions", moment - timedelta(days=40))
        take_part(resident, "pb_ballots", moment - timedelta(days=1))
    participation_refresh(actor=None, check_permission=False, now=timezone.now())


def test_the_page_costs_the_same_queries_for_3_or_30_residents(
    client, ward, make_resident, take_part
):
    _people_take_part(3, ward, make_resident, take_part)
    few, page = counted_get(client, "/insight/participation/")
    assert 'id="participants">3<' in page.content.decode()
    _people_take_part(27, ward, make_resident, take_part)
    many, page = counted_get(client, "/insight/participation/")
    assert 'id="participants">30<' in page.content.decode()
    assert many == few


def test_only_staff_see_the_refresh_button_and_may_use_it(client, officer, ward, make_resident):
    client.force_login(make_resident(ward), backend="django.contrib.auth.backends.ModelBackend")
    assert "Count again now" not in client.get("/insight/participation/").content.decode()
    assert client.post("/insight/participation/refresh/").status_code == 403
    client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
    assert "Count again now" in client.get("/insight/participation/").content.decode()
    response = client.post("/insight/participation/refresh/")
    assert response.status_code == 302
