"""The insight API: public reads, staff writes, 4xx errors in the shared shape."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

BACKEND = "django.contrib.auth.backends.ModelBackend"
pytestmark = pytest.mark.django_db


def _shared_shape(body: dict) -> None:
    assert {"detail", "code"} <= set(body)


def test_participation_is_public_and_lists_every_ward(client, places):
    response = client.get("/api/v1/insight/participation")
    assert response.status_code == 200
    body = response.json()
    assert body["participants"] == 0 and len(body["wards"]) > 0


def test_participation_for_an_unknown_district_is_a_404_in_the_shared_shape(client, places):
    response = client.get("/api/v1/insight/participation?district=atlantis")
    assert response.status_code == 404
    _shared_shape(response.json())


def test_refreshing_participation_needs_staff(client, officer, ward, make_resident):
    assert client.post("/api/v1/insight/participation/refresh").status_code == 401
    client.force_login(make_resident(ward), backend=BACKEND)
    response = client.post("/api/v1/insight/participation/refresh")
    assert response.status_code == 403
    _shared_shape(response.json())
    client.force_login(officer, backend=BACKEND)
    assert client.post("/api/v1/insight/participation/refresh").status_code == 202


def test_an_officer_builds_the_framework_and_loads_measurements(client, officer, ward):
    client.force_login(officer, backend=BACKEND)
    response = client.post(
        "/api/v1/insight/outcomes", {"title": "Cleaner streets"}, content_type="application/json"
    )
    assert response.status_code == 201
    slug = response.json()["slug"]
    indicator = {
        "code": "fly-tipping",
        "name": "Fly-tipping",
        "definition": "Reports per 1,000",
        "unit": "per 1,000",
        "geography": "district",
        "source": "Street scene",
        "baseline": "9",
        "baseline_year": 2024,
        "target": "5",
        "target_year": 2028,
        "frequency": "quarterly",
        "is_higher_better": False,
    }
    response = client.post(
        f"/api/v1/insight/outcomes/{slug}/indicators", indicator, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    csv = f"indicator,period,district,value\nfly-tipping,2026-01,{ward.district.slug},8\n"
    response = client.post(
        "/api/v1/insight/measurements", {"csv": csv}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json() == {"loaded": 1}
    trend = client.get("/api/v1/insight/indicators/fly-tipping").json()
    area = next(t for t in trend["trends"] if t["area"] == ward.district.slug)
    assert area["values"] == [{"period": "2026-01-01", "value": "8.00"}]
    assert area["percent_of_way"] == 25


def test_a_bad_measurements_file_is_a_400_with_errors_by_row(client, officer):
    client.force_login(officer, backend=BACKEND)
    response = client.post(
        "/api/v1/insight/measurements",
        {"csv": "indicator,period,district,value\nnothing,2026-01,,1\n"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "measurements_invalid" and "row 2" in body["errors"]


def test_commitments_are_public_and_staff_publish_them(client, officer, make_resident, ward):
    payload = {
        "title": "Open data",
        "owner": "Digital",
        "made_on": "2026-01-01",
        "due_on": "2026-06-01",
    }
    client.force_login(make_resident(ward), backend=BACKEND)
    response = client.post("/api/v1/insight/commitments", payload, content_type="application/json")
    assert response.status_code == 403
    client.force_login(officer, backend=BACKEND)
    response = client.post("/api/v1/insight/commitments", payload, content_type="application/json")
    assert response.status_code == 201
    client.logout()
    listed = client.get("/api/v1/insight/commitments").json()
    assert [c["title"] for c in listed] == ["Open data"]
    response = client.post(
        "/api/v1/insight/commitments/open-data/progress",
        {"status": "done"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_a_standard_with_a_missing_part_is_a_400_naming_the_field(client, officer, ward):
    client.force_login(officer, backend=BACKEND)
    payload = {
        "district": ward.district.slug,
        "outcome": "Clean",
        "council_does": "a",
        "community_does": "b",
        "residents_do": "c",
        "measure": "d",
        "unit": "%",
        "target": "90",
        "direction": "at_least",
        "consequence": "",
        "agreed_on": date(2026, 1, 1).isoformat(),
    }
    response = client.post("/api/v1/insight/standards", payload, content_type="application/json")
    assert response.status_code == 400
    assert "consequence" in response.json()["errors"]
    payload["consequence"] = "Recovery plan"
    response = client.post("/api/v1/insight/standards", payload, content_type="application/json")
    assert response.status_code == 201
    standard_id = response.json()["id"]
    month = timezone.localdate().replace(day=1).isoformat()
    response = client.post(
        f"/api/v1/insight/standards/{standard_id}/figures",
        {"month": month, "value": "95"},
        content_type="application/json",
    )
    assert response.status_code == 201
    listed = client.get(f"/api/v1/insight/standards?district={ward.district.slug}").json()
    assert listed[0]["performance"][-1]["is_met"] is True


def test_principles_services_and_social_map_are_public(client, places):
    assert client.get("/api/v1/insight/principles").json()["principles"] == []
    assert client.get("/api/v1/insight/services").status_code == 200
    assert client.get("/api/v1/insight/social-map").status_code == 200
