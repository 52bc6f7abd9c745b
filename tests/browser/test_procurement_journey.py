"""Commissioning in a browser: the panel scores a tender's three bids, the officer awards it,
and the award shows on the public contract page and in the OCDS download."""

import json

import pytest

# The procurement tests' fixtures: an officer, a young person on the panel, a tender, three bids.
from tests.procurement.conftest import (  # noqa: F401
    bids,
    catalogue,
    exercise,
    make_supplier,
    officer,
    opened,
    tender,
    young_person,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def _score_every_bid(page, published, scores_by_name):
    for name, score in scores_by_name.items():
        page.goto(f"/procurement/tenders/{published.pk}/lots/1/evaluate/")
        page.get_by_role("row", name=name).get_by_role("link", name="Score this bid").click()
        page.get_by_label("Safe sessions (50%)").select_option(str(score))
        page.get_by_label("Youth voice (50%)").select_option(str(score))
        page.get_by_role("button", name="Save scores").click()
        page.get_by_text("Your scores are saved.").wait_for()


def test_a_tender_with_three_bids_is_evaluated_and_awarded_and_published(
    page,
    officer,  # noqa: F811
    young_person,  # noqa: F811
    tender,  # noqa: F811
    bids,  # noqa: F811
):
    _sign_in(page, young_person)
    _score_every_bid(page, tender, {"Cheap Ltd": 2, "Balanced CIC": 3, "Local Trust": 4})
    _sign_out(page)

    _sign_in(page, officer)
    _score_every_bid(page, tender, {"Cheap Ltd": 2, "Balanced CIC": 3, "Local Trust": 5})
    page.goto(f"/procurement/tenders/{tender.pk}/")
    page.get_by_role("link", name="Award decision").click()
    page.get_by_role("heading", name="How each score was computed").wait_for()
    assert page.get_by_role("row", name="Local Trust").inner_text().endswith("88.38")
    page.get_by_label("Award to").select_option(label="Local Trust")
    page.get_by_label("Contract starts").fill("2026-04-01")
    page.get_by_label("Contract ends").fill("2027-03-31")
    page.get_by_role("button", name="Award the lot").click()
    page.get_by_text("The lot is awarded.").wait_for()
    _sign_out(page)

    page.goto("/procurement/contracts/")
    page.get_by_role("link", name="Youth work 2026 — Youth work").click()
    assert page.get_by_text("Local Trust").first.is_visible()
    page.get_by_role("heading", name="The award decision").wait_for()
    assert "88.38" in page.get_by_role("row", name="Local Trust").inner_text()

    response = page.request.get("/procurement/ocds/release-package.json")
    package = json.loads(response.text())
    awards = [a for r in package["releases"] if "awards" in r for a in r["awards"]]
    assert [a["suppliers"][0]["name"] for a in awards] == ["Local Trust"]
