"""/open311/v2/: services, definitions, requests (GET filters, keyed POST), tokens; JSON and
XML; errors in the spec's form."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from coopcouncil.servicerequests import services
from coopcouncil.servicerequests.models import ServiceRequest, Source, Stage
from tests.servicerequests.conftest import COLDHURST, MANCHESTER

BASE = "/open311/v2"


@pytest.fixture
def api_key(administrator):
    return services.api_key_create(actor=administrator, name="Client")[1]


def test_services_are_a_bare_json_array_and_an_xml_list(client, sr_world):
    rows = client.get(f"{BASE}/services.json").json()
    fly = next(r for r in rows if r["service_code"] == "FLY_TIPPING")
    assert fly["metadata"] is True and fly["type"] == "realtime"
    response = client.get(f"{BASE}/services.xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "services" and len(root.findall("service")) == len(rows)


def test_a_service_definition_lists_its_attributes_and_values(client, sr_world):
    definition = client.get(f"{BASE}/services/FLY_TIPPING.json").json()
    (attribute,) = definition["attributes"]
    assert attribute["code"] == "WASTE_TYPE" and attribute["required"] is True
    assert {"key": "bulky", "name": "Furniture or mattresses"} in attribute["values"]
    root = ElementTree.fromstring(client.get(f"{BASE}/services/FLY_TIPPING.xml").content)
    assert root.find("attributes/attribute/values/value/key") is not None


def test_an_unknown_service_is_a_404_in_the_spec_error_form(client, sr_world):
    response = client.get(f"{BASE}/services/NOPE.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "There is no service 'NOPE'."}]
    root = ElementTree.fromstring(client.get(f"{BASE}/services/NOPE.xml").content)
    assert root.tag == "errors" and root.find("error/code").text == "404"


def _post(client, key, **fields):
    data = {
        "service_code": "FLY_TIPPING",
        "lat": str(COLDHURST[0]),
        "long": str(COLDHURST[1]),
        "description": "Fridge on the pavement",
        "attribute[WASTE_TYPE]": "bulky",
        "email": "resident@example.org",
        **({"api_key": key} if key is not None else {}),
        **fields,
    }
    return client.post(f"{BASE}/requests.json", data)


def test_posting_with_a_key_creates_a_request_and_returns_its_id(client, sr_world, api_key):
    response = _post(client, api_key)
    assert response.status_code == 200
    (row,) = response.json()
    report = ServiceRequest.objects.get(pk=int(row["service_request_id"]))
    assert report.source == Source.OPEN311 and report.ward.slug == "coldhurst"
    assert report.contact_email == "resident@example.org"
    assert report.attributes == {"WASTE_TYPE": "bulky"}
    assert "token" not in row


def test_posting_without_a_key_or_with_a_bad_one_is_a_403(client, sr_world):
    for key in (None, "o311_wrong"):
        response = _post(client, key)
        assert response.status_code == 403
        assert response.json()[0]["code"] == 403
    assert not ServiceRequest.objects.exists()


def test_posting_outside_the_borough_or_without_a_required_answer_is_a_400(
    client, sr_world, api_key
):
    outside = _post(client, api_key, lat=str(MANCHESTER[0]), long=str(MANCHESTER[1]))
    assert outside.status_code == 400 and "outside" in outside.json()[0]["description"]
    unanswered = _post(client, api_key, **{"attribute[WASTE_TYPE]": ""})
    assert unanswered.status_code == 400
    missing = _post(client, api_key, service_code="")
    assert missing.status_code == 400
    unknown = _post(client, api_key, service_code="NOPE")
    assert unknown.status_code == 404
    assert not ServiceRequest.objects.exists()


def test_a_key_past_its_limit_gets_429(client, sr_world, api_key, settings):
    settings.COOPCOUNCIL_OPEN311_CALLS_PER_MINUTE = 1
    assert _post(client, api_key).status_code == 200
    limited = _post(client, api_key)
    assert limited.status_code == 429 and limited.json()[0]["code"] == 429


def _close(report, actor, when):
    services.service_request_update(
        actor=actor, request=report, stage=Stage.CLOSED, note="Cleared", now=when
    )


def test_get_requests_filters_by_status_service_and_dates(client, report, team_officer):
    older = ServiceRequest.objects.create(
        **{
            f.name: getattr(report, f.name)
            for f in ServiceRequest._meta.fields
            if f.name not in ("id", "token")
        },
        token="t-older",
    )
    ServiceRequest.objects.filter(pk=older.pk).update(
        requested_at=timezone.now() - timedelta(days=40)
    )
    _close(report, team_officer, timezone.now())

    def ids(query):
        return [r["service_request_id"] for r in client.get(f"{BASE}/requests.json{query}").json()]

    assert ids("") == [str(report.pk), str(older.pk)]
    assert ids("?status=closed") == [str(report.pk)]
    assert ids("?status=open") == [str(older.pk)]
    assert ids("?service_code=POTHOLE") == []
    start = (timezone.now() - timedelta(days=50)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(f"?start_date={start}&end_date={end}") == [str(older.pk)]
    assert ids(f"?service_request_id={older.pk}") == [str(older.pk)]


def test_a_date_span_over_90_days_is_a_400(client, sr_world):
    response = client.get(
        f"{BASE}/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"
    )
    assert response.status_code == 400
    assert ElementTree.fromstring(response.content).find("error/code").text == "400"


def test_one_request_is_still_an_array_and_carries_the_spec_fields(client, report):
    (row,) = client.get(f"{BASE}/requests/{report.pk}.json").json()
    assert row["status"] == "open" and row["service_code"] == "FLY_TIPPING"
    assert row["lat"] == COLDHURST[0] and row["long"] == COLDHURST[1]
    assert row["requested_datetime"].endswith(("+00:00", "+01:00"))
    assert row["media_url"] is None and row["expected_datetime"] is None
    root = ElementTree.fromstring(client.get(f"{BASE}/requests/{report.pk}.xml").content)
    assert root.find("request/service_request_id").text == str(report.pk)
    assert client.get(f"{BASE}/requests/99999999999999999999.json").status_code == 404


def test_no_personal_data_is_published(client, report):
    body = client.get(f"{BASE}/requests.json").content.decode()
    assert report.reporter.email not in body and report.reporter.full_name not in body


def test_a_token_gives_back_its_request_id(client, report):
    assert client.get(f"{BASE}/tokens/{report.token}.json").json() == [
        {"service_request_id": str(report.pk), "token": report.token}
    ]
    assert client.get(f"{BASE}/tokens/nope.json").status_code == 404


def test_discovery_names_the_endpoint_and_both_formats(client, sr_world):
    discovery = client.get(f"{BASE}/discovery.json").json()
    (endpoint,) = discovery["endpoints"]
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = ElementTree.fromstring(client.get(f"{BASE}/discovery.xml").content)
    assert root.find("endpoints/endpoint/formats/format").text == "text/xml"


def test_a_method_the_resource_does_not_take_is_refused(client, sr_world):
    assert client.post(f"{BASE}/services.json").status_code == 405
