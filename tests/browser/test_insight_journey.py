"""Insight in a browser: an officer loads measurements and the indicator's chart appears;
a resident who voted finds their part on their profile and in the borough's count."""

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def test_an_officer_loads_measurements_and_the_indicator_page_charts_them(
    page, make_role, ward, tmp_path
):
    from decimal import Decimal

    from coopcouncil.insight.models import Indicator, Outcome

    officer = make_role("officer", "Olive Officer", team="district_team")
    outcome = Outcome.objects.create(title="Cleaner streets", slug="cleaner-streets")
    Indicator.objects.create(
        outcome=outcome, code="fly-tipping", name="Fly-tipping per 1,000", definition="Reports",
        unit="per 1,000", geography="district", source="Street scene", baseline=Decimal(9),
        baseline_year=2024, target=Decimal(5), target_year=2028, frequency="quarterly",
        is_higher_better=False,
    )  # fmt: skip
    path = tmp_path / "measurements.csv"
    district = ward.district.slug
    path.write_text(
        "indicator,period,district,value\n"
        f"fly-tipping,2026-01,{district},8\nfly-tipping,2026-04,{district},7\n"
    )
    _sign_in(page, officer)
    page.goto("/insight/outcomes/")
    page.get_by_label("Measurements file (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Load").click()
    page.get_by_text("Measurements loaded.").wait_for()
    page.get_by_role("link", name="Fly-tipping per 1,000").first.click()
    section = page.locator("section", has_text=ward.district.name).first
    assert section.locator("svg polyline").count() == 1
    assert "50% of the way" in section.inner_text()


def test_a_resident_who_voted_sees_their_part_and_the_borough_count(page, make_resident, ward):
    from coopcouncil.insight.services import participation_refresh
    from coopcouncil.participation.models import Ballot, PBProcess

    resident = make_resident(ward, "Rita Resident")
    process = PBProcess.objects.create(title="Pot", district=ward.district, budget_pence=100)
    Ballot.objects.create(process=process, voter=resident, ward=ward)
    participation_refresh(actor=None, check_permission=False, now=timezone.now())
    _sign_in(page, resident)
    assert "Participatory budgeting ballots: 1" in page.locator("#my-council").inner_text()
    page.get_by_role("link", name="participation at scale").click()
    assert page.locator("#participants").inner_text() == "1"


def test_the_social_map_draws_groups_and_assets_over_the_wards(page, ward):
    """Every ward boundary and every group and asset the GeoJSON places is drawn."""
    from coopcouncil.coproduction.models import CommunityAsset
    from coopcouncil.people.models import Organisation
    from coopcouncil.servicerequests.demo import _load_boundaries
    from coopcouncil.servicerequests.models import WardBoundary

    _load_boundaries()
    Organisation.objects.create(name="Coldhurst Friends", slug="friends", kind="community_group")
    CommunityAsset.objects.create(
        reference="hall", name="Coldhurst Hall", kind="building", ward=ward, condition="good"
    )
    page.goto("/insight/social-map/")
    shapes = page.locator("#social-map .leaflet-interactive")
    expected = WardBoundary.objects.count() + 1  # the hall; the group has no ward yet
    from playwright.sync_api import expect

    expect(shapes).to_have_count(expected)  # drawn by the map script, no eval (CSP)
    assert "Coldhurst Hall" in page.locator("#assets").inner_text()
