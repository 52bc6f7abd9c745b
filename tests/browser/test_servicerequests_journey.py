"""Service requests: a resident reports fly-tipping by clicking the map, the district team
closes it, and both the district dashboard and the Open311 GET change."""

from __future__ import annotations

import json

import pytest

from coopcouncil.people.models import RoleAssignment
from coopcouncil.servicerequests.demo import _load_boundaries, _load_categories
from coopcouncil.servicerequests.models import ServiceRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def _sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def _open311(page, query: str) -> list[str]:
    response = page.request.get(f"/open311/v2/requests.json?{query}")
    return [row["service_request_id"] for row in json.loads(response.text())]


def _counts(page, district_slug: str) -> tuple[str, str]:
    page.goto(f"/service-requests/demand/{district_slug}/")
    return page.locator("#reported-count").inner_text(), page.locator("#open-count").inner_text()


def test_report_on_the_map_close_and_see_the_dashboard_and_open311_change(page, places, make_user):
    _load_boundaries()
    _load_categories()
    resident = make_user("Rita Resident")

    _sign_in(page, resident)
    page.goto("/service-requests/report/")
    page.locator("#report-map .leaflet-interactive").first.wait_for()
    page.get_by_label("What is the problem?").select_option(label="Fly-tipping")
    page.get_by_label("Fly-tipping: What has been dumped?").select_option(label="Household rubbish")
    page.get_by_label("Describe it").fill("Black bags behind the shops")
    page.locator("#report-map").click()
    latitude = page.get_by_label("Latitude").input_value()
    assert latitude, "clicking the map fills in the point"
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("Thank you: your report").wait_for()

    report = ServiceRequest.objects.select_related("district").get()
    assert f"{report.latitude:.6f}" == latitude
    district = report.district
    assert _open311(page, "status=open") == [str(report.pk)]
    assert _open311(page, "status=closed") == []
    page.get_by_role("button", name="Sign out").click()

    officer = make_user("Owen Officer")
    RoleAssignment.objects.create(
        user=officer, role="officer", team="district_team", district=district
    )
    _sign_in(page, officer)
    # The district team sees the month's figures as they happen (the public a week after).
    assert _counts(page, district.slug) == ("1", "1")
    page.goto(f"/service-requests/{report.pk}/")
    page.get_by_label("New stage").select_option(label="Closed")
    page.get_by_label("Public note", exact=True).fill("Cleared by the street team.")
    page.get_by_role("button", name="Update").click()
    page.get_by_text("Saved.").wait_for()
    assert page.locator("#report-stage").inner_text() == "Closed"

    assert _counts(page, district.slug) == ("1", "0")
    assert _open311(page, "status=closed") == [str(report.pk)]
    assert _open311(page, "status=open") == []
