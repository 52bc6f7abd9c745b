"""A resident signs up, confirms their email, gives their address and sees their district page."""

import re

import pytest
from django.core import mail

from coopcouncil.people.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_signs_up_chooses_their_address_and_is_placed_in_its_ward(
    page, places, addresses, settings
):
    page.goto("/accounts/signup/")
    page.get_by_label("Full name").fill("Sam Resident")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Password").fill("a-Long-pass-123")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="My account").wait_for()

    link = re.search(r"/accounts/verify/\S+/", mail.outbox[-1].body).group(0)
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    page.get_by_role("button", name="Confirm my email address").click()
    page.get_by_text("Thank you: your email address is confirmed.").wait_for()
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Password").fill("a-Long-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()
    assert User.objects.get(email="sam@example.org").has_verified_email

    # The resident types a demo postcode and chooses their address; the ward comes from it.
    # OL1 9VK straddles wards: the postcode directory says Coldhurst, 6 Boundary Lane is in
    # St Mary's (coopcouncil/demo/README.md).
    page.get_by_text("Verify my home address").click()
    page.get_by_label("Postcode").first.fill("ol1 9vk")
    page.get_by_role("button", name="Find my address").click()
    page.get_by_label("6 Boundary Lane, Oldham").check()
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_text("You are in St Mary's ward.").wait_for()

    from coopcouncil.people.models import Residency
    from coopcouncil.people.services import residency_verify_in_person

    officer = User.objects.create_user(email="o@x.invalid", password="x", full_name="Officer")
    officer.role_assignments.create(role="officer", team="district_team")
    residency = Residency.objects.get()
    assert (residency.ward.name, residency.uprn) == ("St Mary's", 990000000303)
    residency_verify_in_person(officer=officer, residency=residency)

    page.goto("/accounts/profile/")
    page.get_by_text("Verified resident").wait_for()
    page.get_by_text("St Mary's ward").wait_for()
    page.get_by_role("link", name="East Oldham district").click()
    page.get_by_role("heading", name="East Oldham district").wait_for()
    assert "St Mary" in page.content()
