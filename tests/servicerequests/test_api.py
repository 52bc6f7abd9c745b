"""/api/v1/service-requests/: reading is public; reporting needs a session; handling the team.
Errors carry the shared body."""

from coopcouncil.servicerequests.models import ServiceRequest
from tests.servicerequests.conftest import COLDHURST, MANCHESTER

BASE = "/api/v1/service-requests"


def _payload(**fields):
    return {
        "service_code": "POTHOLE",
        "description": "Hole",
        "latitude": COLDHURST[0],
        "longitude": COLDHURST[1],
        **fields,
    }


def test_services_are_listed(client, sr_world):
    codes = {s["code"] for s in client.get(f"{BASE}/services").json()}
    assert "FLY_TIPPING" in codes


def test_a_signed_in_resident_reports_and_reads_it_back(client, sr_world, reporter):
    client.force_login(reporter)
    response = client.post(f"{BASE}/requests", _payload(), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["ward"] == "OLD08" and body["status"] == "open"
    assert client.get(f"{BASE}/requests/{body['id']}").json()["service_code"] == "POTHOLE"


def test_reporting_needs_a_session(client, sr_world):
    response = client.post(f"{BASE}/requests", _payload(), content_type="application/json")
    assert response.status_code == 401 and response.json()["code"] == "not_signed_in"


def test_a_place_outside_the_borough_is_a_400_on_the_location_field(client, sr_world, reporter):
    client.force_login(reporter)
    response = client.post(
        f"{BASE}/requests",
        _payload(latitude=MANCHESTER[0], longitude=MANCHESTER[1]),
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "location_outside_borough" and "location" in body["errors"]
    assert not ServiceRequest.objects.exists()


def test_an_unknown_service_is_a_404(client, sr_world, reporter):
    client.force_login(reporter)
    response = client.post(
        f"{BASE}/requests", _payload(service_code="NOPE"), content_type="application/json"
    )
    assert response.status_code == 404 and response.json()["code"] == "service_unknown"


def test_the_team_closes_and_a_resident_may_not(client, report, team_officer):
    client.force_login(report.reporter)
    url = f"{BASE}/requests/{report.pk}/stage"
    payload = {"stage": "closed", "note": "Filled"}
    refused = client.post(url, payload, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "not_allowed"
    client.force_login(team_officer)
    closed = client.post(url, payload, content_type="application/json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_assigning_to_an_unknown_email_is_a_400(client, report, team_officer):
    client.force_login(team_officer)
    response = client.post(
        f"{BASE}/requests/{report.pk}/assign",
        {"assignee_email": "nobody@test.invalid"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "assignee_email" in response.json()["errors"]


def test_tagging_records_root_cause_and_failure_demand(client, report, team_officer):
    client.force_login(team_officer)
    response = client.post(
        f"{BASE}/requests/{report.pk}/tag",
        {"root_cause": "repeat_offending", "is_failure_demand": True},
        content_type="application/json",
    )
    assert response.status_code == 200


def test_district_and_ward_demand_are_public(client, old_report, settings):
    settings.COOPCOUNCIL_DEMAND_PREVIEW_DAYS = 0
    district = client.get(f"{BASE}/demand/districts/west-oldham").json()
    assert district["reported"] == 1 and district["categories"][0]["category_code"] == "POTHOLE"
    ward = client.get(f"{BASE}/demand/wards/coldhurst").json()
    assert ward["wards"] == [{"ward": "OLD08", "reported": 1, "per_thousand": 0.1}]
    assert client.get(f"{BASE}/demand/districts/nowhere").status_code == 404


def test_reports_are_limited_per_account_and_address(client, sr_world, make_user, rate_limit_holds):
    def attempt(user, address):
        client.force_login(user)
        return client.post(
            f"{BASE}/requests", _payload(), content_type="application/json", REMOTE_ADDR=address
        )

    rate_limit_holds("service_request_report", attempt, make_user(), make_user(), api=True)
