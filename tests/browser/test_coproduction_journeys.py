"""Co-production in a browser: volunteer, have the hours confirmed, earn and spend a credit;
nominate an asset of community value and see its moratorium once the owner's notice is in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.coproduction.models import CreditEntry, Shift
from coopcouncil.coproduction.services import (
    credit_offer_create,
    opportunity_post,
    shift_add,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organiser(make_role, ward):
    return make_role("officer", "Omar Organiser", team="district_team", district=ward.district)


@pytest.fixture
def shift(organiser, ward):
    opportunity = opportunity_post(
        actor=organiser, role="Food bank packer", place="St Margaret's Hall", ward=ward
    )
    starts = timezone.now() + timedelta(days=2)
    return shift_add(
        actor=organiser,
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        places=4,
    )


@pytest.fixture
def swim(make_role, db):
    from coopcouncil.people.models import Organisation

    leisure = Organisation.objects.create(name="Leisure Trust", slug="leisure", kind="voluntary")
    member = make_role("partner", "Pat Partner", organisation=leisure)
    return credit_offer_create(actor=member, partner=leisure, title="Swim session", credits=1)


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_resident_volunteers_the_organiser_confirms_and_the_credit_is_spent(
    page, shift, organiser, make_resident, ward, swim
):
    resident = make_resident(ward, "Vera Volunteer")
    _sign_in(page, resident)
    page.get_by_role("link", name="Volunteer").first.click()
    page.get_by_role("link", name="Food bank packer").click()
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text("You have a place on this shift").wait_for()
    _sign_out(page)

    # The shift takes place.
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    _sign_in(page, organiser)
    page.goto(f"/coproduction/opportunities/{shift.opportunity_id}/")
    page.get_by_label("Hours given by Vera Volunteer").fill("2.5")
    page.get_by_role("button", name="Confirm attendance").click()
    page.get_by_text("Attendance recorded.").wait_for()
    _sign_out(page)

    _sign_in(page, resident)
    assert "2.50 hours volunteered; 2 time credits" in page.content()
    page.get_by_role("link", name="Spend my credits").click()
    page.get_by_role("button", name="Spend on Swim session").click()
    code = CreditEntry.objects.get(amount__lt=0).code
    page.get_by_text(f"Show this code to Leisure Trust: {code}").wait_for()
    assert "You have 1 credit." in page.content()


def test_a_group_nominates_an_asset_and_sees_the_moratorium_once_the_notice_is_recorded(
    page, make_role, ward
):
    from coopcouncil.people.models import Organisation

    group = Organisation.objects.create(
        name="Royton Carnival Group",
        slug="royton-carnival",
        kind="community_group",
        contact_email="hello@carnival.test.invalid",
    )
    member = make_role("group_member", "Gita Group", organisation=group)
    officer = make_role("officer", "Asha Assets", team="district_team", district=ward.district)

    _sign_in(page, member)
    page.goto("/coproduction/community-value/")
    page.get_by_label("Land or building").fill("The Royal Oak")
    page.get_by_label("Address").fill("High Barn Street, Royton")
    page.get_by_label("Ward").select_option(label=ward.name)
    page.get_by_label("Why it furthers the community's wellbeing").fill(
        "The last pub in the village."
    )
    page.get_by_label("Nominating group").select_option(label="Royton Carnival Group")
    page.get_by_role("button", name="Nominate").click()
    page.get_by_role("heading", name="The Royal Oak").wait_for()
    nomination_url = page.url
    _sign_out(page)

    _sign_in(page, officer)
    page.goto(nomination_url)
    page.get_by_label("Decision").select_option("yes")
    page.get_by_label("Decided on").fill("2025-06-01")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Decision recorded; the nominators are told.").wait_for()
    page.get_by_label("Owner's notice of intended sale").fill("2026-01-15")
    page.get_by_label("A group's intention to bid (if any)").fill("2026-02-01")
    page.get_by_role("button", name="Record the notice").click()
    page.get_by_text("Notice recorded; the nominators are told the dates.").wait_for()
    _sign_out(page)

    page.goto(nomination_url)
    dates = page.get_by_role("region", name="Dates")
    assert "26 February 2026" in dates.inner_text()
    assert "15 July 2026" in dates.inner_text()
    assert "15 July 2027" in dates.inner_text()
    assert "1 June 2030" in dates.inner_text()
