"""The web pages: reporting without JavaScript, following and handling a report, the demand
dashboards (with query counts that do not grow with the data), downloads and API keys."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.logic.keys import key_hash
from coopcouncil.servicerequests.demo import demo_requests
from coopcouncil.servicerequests.models import ApiKey, ServiceRequest, Stage
from tests.conftest import counted_get
from tests.servicerequests.conftest import COLDHURST, MANCHESTER


def _form(**fields):
    return {
        "category": "FLY_TIPPING",
        "description": "Bags of rubbish",
        "latitude": "",
        "longitude": "",
        "postcode": "",
        "attribute[WASTE_TYPE]": "household",
        **fields,
    }


def test_a_resident_reports_with_typed_coordinates_and_sees_the_report(client, sr_world, reporter):
    client.force_login(reporter)
    response = client.post(
        "/service-requests/report/",
        _form(latitude=str(COLDHURST[0]), longitude=str(COLDHURST[1])),
    )
    report = ServiceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/service-requests/{report.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Bags of rubbish" in page and "Coldhurst" in page


def test_a_resident_reports_by_postcode(client, sr_world, reporter, addresses):
    client.force_login(reporter)
    response = client.post("/service-requests/report/", _form(postcode="OL1 9CK"))
    assert response.status_code == 302
    assert ServiceRequest.objects.get().postcode == "OL1 9CK"


def test_a_point_outside_the_borough_is_shown_on_the_form_and_nothing_is_saved(
    client, sr_world, reporter
):
    client.force_login(reporter)
    response = client.post(
        "/service-requests/report/",
        _form(latitude=str(MANCHESTER[0]), longitude=str(MANCHESTER[1])),
    )
    assert response.status_code == 400
    assert "outside" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_the_report_form_offers_the_map_and_its_no_script_fallback(client, sr_world, reporter):
    client.force_login(reporter)
    page = client.get("/service-requests/report/").content.decode()
    assert 'data-map="pick"' in page and 'name="latitude"' in page and 'name="postcode"' in page
    assert "<script>" not in page and "leaflet.js" in page


def test_the_district_team_closes_a_report_from_its_page(client, report, team_officer):
    client.force_login(team_officer)
    page = client.get(f"/service-requests/{report.pk}/").content.decode()
    assert "Handle this request" in page
    response = client.post(
        f"/service-requests/{report.pk}/stage", {"stage-stage": "closed", "stage-note": "Gone"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.stage == Stage.CLOSED


def test_a_resident_sees_no_handling_forms_and_cannot_post_them(client, report):
    client.force_login(report.reporter)
    assert (
        "Handle this request" not in client.get(f"/service-requests/{report.pk}/").content.decode()
    )
    response = client.post(
        f"/service-requests/{report.pk}/stage", {"stage-stage": "closed", "stage-note": "x"}
    )
    assert response.status_code == 403


def test_the_queue_is_for_the_district_team(client, report, team_officer, reporter):
    client.force_login(reporter)
    assert client.get("/service-requests/queue/").status_code == 403
    client.force_login(team_officer)
    page = client.get("/service-requests/queue/?district=west-oldham").content.decode()
    assert f"/service-requests/{report.pk}/" in page


def _bulk(sr_world, scale):
    ServiceRequest.objects.bulk_create(
        demo_requests(categories=sr_world, now=timezone.now(), seed=3, scale=scale)
    )


def test_dashboard_queries_do_not_grow_with_the_number_of_requests(client, sr_world, settings):
    settings.COOPCOUNCIL_DEMAND_PREVIEW_DAYS = 0
    _bulk(sr_world, 0.02)
    small = {
        url: counted_get(client, url)[0]
        for url in (
            "/service-requests/demand/west-oldham/",
            "/service-requests/demand/ward/coldhurst/",
            "/service-requests/demand/",
            "/open311/v2/requests.json",
            "/api/v1/service-requests/demand/districts/west-oldham",
        )
    }
    _bulk(sr_world, 0.1)
    for url, queries in small.items():
        assert counted_get(client, url)[0] == queries, url


def test_the_dashboard_counts_by_service_and_ward_and_shows_charts_map_and_list(
    client, report, team_officer
):
    client.force_login(team_officer)
    page = client.get("/service-requests/demand/west-oldham/").content.decode()
    assert 'data-service="FLY_TIPPING"' in page and 'id="reported-count">1<' in page
    assert "<svg" in page and 'data-map="show"' in page and "<script>" not in page
    assert f"/service-requests/{report.pk}/" in page
    assert "requests.geojson" in page


def test_the_public_sees_a_month_only_after_the_preview(client, report, old_report, settings):
    settings.COOPCOUNCIL_DEMAND_PREVIEW_DAYS = 0
    page = client.get("/service-requests/demand/west-oldham/").content.decode()
    assert 'id="reported-count">1<' in page and 'data-service="FLY_TIPPING"' not in page


def test_the_geojson_download_has_points_and_no_personal_data(client, report, team_officer):
    client.force_login(team_officer)
    response = client.get("/service-requests/demand/west-oldham/requests.geojson")
    collection = json.loads(response.content)
    (feature,) = collection["features"]
    assert feature["geometry"]["coordinates"] == [COLDHURST[1], COLDHURST[0]]
    assert report.reporter.email not in response.content.decode()


def test_the_open_data_files_hold_every_request_without_personal_data(client, report):
    text = b"".join(client.get("/service-requests/open-data/service-requests.csv")).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["service_request_id"] for r in rows] == [str(report.pk)]
    assert report.reporter.email not in text and "Mattresses" not in text
    data = json.loads(b"".join(client.get("/service-requests/open-data/service-requests.json")))
    assert data[0]["service_code"] == "FLY_TIPPING" and "description" not in data[0]


def test_the_borough_page_compares_rates_per_thousand_with_deprivation(client, report):
    ServiceRequest.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - timedelta(days=1)
    )
    page = client.get("/service-requests/demand/?service=FLY_TIPPING").content.decode()
    assert 'id="district-rates"' in page and "West Oldham" in page


def test_an_administrator_issues_a_key_shown_once_and_revokes_it(client, administrator):
    client.force_login(administrator)
    page = client.post("/service-requests/keys/", {"name": "Street app"}).content.decode()
    key = page.split('id="new-key">')[1].split("<")[0]
    assert key.startswith("o311_")
    assert key not in client.get("/service-requests/keys/").content.decode()
    api_key = ApiKey.objects.get()
    client.post(f"/service-requests/keys/{api_key.pk}/revoke")
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None


def test_keys_are_for_administrators_only(client, reporter):
    client.force_login(reporter)
    assert client.get("/service-requests/keys/").status_code == 403


@pytest.mark.parametrize("url", ["/service-requests/", "/service-requests/demand/"])
def test_public_pages_open_without_signing_in(client, sr_world, url):
    assert client.get(url).status_code == 200


def test_the_account_page_lists_a_residents_reports(client, report):
    client.force_login(report.reporter)
    page = client.get("/accounts/profile/").content.decode()
    assert "Problems you reported" in page and f"/service-requests/{report.pk}/" in page


def test_the_district_page_links_to_its_demand_dashboard(client, west_oldham):
    page = client.get(f"/districts/{west_oldham.slug}/")
    assert "/service-requests/demand/west-oldham/" in page.content.decode()


def test_an_administrator_issues_a_key_in_the_admin_and_only_its_hash_is_stored(client, make_user):
    admin = make_user("Ada", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/servicerequests/apikey/add/", {"name": "Partner app"}, follow=True
    )
    assert response.status_code == 200
    api_key = ApiKey.objects.get()
    shown = next(str(m) for m in response.context["messages"] if "o311_" in str(m))
    key = shown.split(" is ")[1].split(" ")[0]
    assert api_key.key_hash == key_hash(key) and api_key.name == "Partner app"


def test_a_photo_whose_file_is_missing_is_the_404_page_not_a_server_error(
    client, sr_world, reporter, png_upload
):
    """A record can outlive its file (a restore without the files): the reader gets a 404."""
    from coopcouncil.servicerequests import services

    report = services.service_request_report(
        actor=reporter,
        category=sr_world["FLY_TIPPING"],
        description="Mattresses in the alley",
        location=services.location_find(latitude=COLDHURST[0], longitude=COLDHURST[1]),
        attributes={"WASTE_TYPE": "bulky"},
        photo=png_upload,
    )
    report.photo.storage.delete(report.photo.name)
    response = client.get(f"/service-requests/{report.pk}/photo")
    assert response.status_code == 404
    assert "no photo" in response.content.decode()
