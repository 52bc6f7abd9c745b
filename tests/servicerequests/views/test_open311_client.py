"""The `georeport` client from PyPI (0.3.1), unchanged, against a live /open311/v2/."""

import pytest

georeport = pytest.importorskip("georeport")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_georeport_client_reads_services_definitions_and_requests(
    live_server, output_format, places
):
    from coopcouncil.people.models import User
    from coopcouncil.servicerequests import services
    from coopcouncil.servicerequests.demo import _load_boundaries, _load_categories

    _load_boundaries()
    categories = _load_categories()
    reporter = User.objects.create_user(
        email="r@test.invalid",
        password="x" * 12,
        full_name="R",
        email_verified_at="2026-01-01T00:00Z",
    )
    report = services.service_request_report(
        actor=reporter,
        category=categories["POTHOLE"],
        description="Deep hole by the bus stop",
        location=services.location_find(latitude=53.5482, longitude=-2.1198),
    )
    client = georeport.GeoReport(f"{live_server.url}/open311/v2/", output_format=output_format)

    service_list = client.get_service_list()
    assert {s["service_code"] for s in service_list} >= {"POTHOLE", "FLY_TIPPING"}
    definition = client.get_service_definition("FLY_TIPPING")
    assert definition["service_code"] == "FLY_TIPPING"
    listed = client.get_service_requests(status="open", service_code="POTHOLE")
    rows = listed if isinstance(listed, list) else [listed]
    assert [r["service_request_id"] for r in rows] == [str(report.pk)]
    one = client.get_service_request(str(report.pk))
    assert one["description"] == "Deep hole by the bus stop" and one["status"] == "open"
