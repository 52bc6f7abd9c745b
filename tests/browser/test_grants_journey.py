"""Grants in a browser: a group applies, three assessors score, a fourth declares a conflict
and is blocked from the scores, the panel awards, and the award is published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.grants import services
from coopcouncil.people.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer(make_role, ward):
    return make_role("officer", "Dee District", team="district_team", district=ward.district)


@pytest.fixture
def grant_round(officer, ward):
    from coopcouncil.democracy.models import DistrictPartnership

    DistrictPartnership.objects.create(district=ward.district, name="West Oldham Partnership")
    fund = services.fund_create(actor=officer, name="Co-operative Dividend Fund")
    now = timezone.now()
    return services.round_create(
        actor=officer,
        fund=fund,
        title="Neighbourhood outcomes",
        amount_pence=10_000_000,
        max_award_pence=2_500_000,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        criteria=[("Outcomes", 60), ("Values", 40)],
    )


@pytest.fixture
def member(make_role, ward):
    group = Organisation.objects.create(
        name="Coldhurst Hydro Co-op", slug="coldhurst-hydro", kind="community_group",
        district=ward.district, charity_number="1234567",
    )  # fmt: skip
    return make_role("group_member", "Gail Group", organisation=group)


@pytest.fixture
def assessors(make_role, grant_round, officer):
    people = [make_role("officer", f"Assessor {n}", team="district_team") for n in range(1, 5)]
    for person in people:
        services.round_assessor_add(actor=officer, round_=grant_round, assessor=person)
    return people


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def _apply(page, member):
    _sign_in(page, member)
    page.goto("/grants/rounds/neighbourhood-outcomes/")
    page.get_by_role("link", name="Start an application").click()
    page.get_by_label("Applying for").select_option(label="Coldhurst Hydro Co-op")
    page.get_by_label("Project title").fill("Community hydro on the Beal")
    page.get_by_label("The project").fill("A turbine owned by the neighbourhood.")
    page.get_by_label("Amount asked (£)").fill("20,000")
    page.get_by_label("Outcomes promised").fill("Cheaper energy for 200 homes.")
    page.get_by_label("Ward where the people who benefit live").select_option(label="Coldhurst")
    page.get_by_label("Budget lines").fill("Turbine, 15000\nInstallation, 5000")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Your draft is saved.").wait_for()
    page.get_by_role("button", name="Submit the application").click()
    page.get_by_text("Your application is submitted.").wait_for()
    application_url = page.url
    _sign_out(page)
    return application_url


def _score(page, assessor, application_url, mark: str):
    _sign_in(page, assessor)
    page.goto(application_url)
    page.get_by_role("link", name="Score this application").click()
    page.get_by_label("Outcomes (60%)").fill(mark)
    page.get_by_label("Values (40%)").fill(mark)
    page.get_by_role("button", name="Save scores").click()
    page.get_by_text("Your scores are saved.").wait_for()
    _sign_out(page)


def test_a_group_applies_is_scored_a_conflict_is_blocked_and_the_award_is_published(
    page, member, officer, assessors
):
    application_url = _apply(page, member)

    _sign_in(page, officer)
    page.goto(application_url)
    page.get_by_label("Eligibility").select_option(label="Eligible")
    page.get_by_role("button", name="Record eligibility").click()
    page.get_by_text("Eligibility recorded.").wait_for()
    _sign_out(page)

    for assessor, mark in zip(assessors[:3], ("7", "8", "6"), strict=True):
        _score(page, assessor, application_url, mark)

    fourth = assessors[3]
    _sign_in(page, fourth)
    page.goto(application_url)
    page.get_by_role("heading", name="Moderation").wait_for()
    page.get_by_label("Your interest, in a few words").fill("I chair the co-op")
    page.get_by_role("button", name="Declare an interest").click()
    page.get_by_text("Your interest is declared.").wait_for()
    page.goto(application_url)
    assert page.get_by_role("heading", name="Moderation").count() == 0
    assert "I chair the co-op" in page.content()
    assert page.goto(application_url + "score/").status == 403
    _sign_out(page)

    _sign_in(page, officer)
    page.goto(application_url)
    page.get_by_role("link", name="Record the panel's decision").click()
    page.get_by_label("Decision").select_option(label="Award what was asked")
    page.get_by_label("Reasons").fill("Strong neighbourhood outcomes")
    page.get_by_role("button", name="Record and publish the decision").click()
    page.get_by_text("The decision is recorded and published.").wait_for()
    _sign_out(page)

    page.goto("/grants/awards/")
    row = page.get_by_role("row", name="Coldhurst Hydro Co-op")
    assert "£20,000.00" in row.inner_text()
    package = page.request.get("/grants/360giving.json").json()
    (grant,) = package["grants"]
    assert grant["title"] == "Community hydro on the Beal"
    assert grant["amountAwarded"] == 20_000
