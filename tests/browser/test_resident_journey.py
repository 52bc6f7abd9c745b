"""A resident signs up, confirms their email, signs in and sees their district page."""

import re

import pytest
from django.core import mail

from coopcouncil.people.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_signs_up_verifies_email_logs_in_and_sees_district(page, places, settings):
    page.goto("/accounts/signup/")
    page.get_by_label("Full name").fill("Sam Resident")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Password").fill("a-Long-pass-123")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="My account").wait_for()

    link = re.search(r"/accounts/verify/\S+/", mail.outbox[-1].body).group(0)
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    page.get_by_text("Thank you: your email address is confirmed.").wait_for()
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Password").fill("a-Long-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()
    assert User.objects.get(email="sam@example.org").has_verified_email

    # The resident gives their address and an officer checks it in person.
    page.get_by_text("Verify my home address").click()
    page.get_by_label("Your ward").select_option(label="Coldhurst")
    page.get_by_label("Address (house and street)").fill("1 Union Street")
    page.get_by_label("Postcode").first.fill("OL1 1AA")
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_text("We will post a one-time code").wait_for()

    from coopcouncil.people.models import Residency
    from coopcouncil.people.services import residency_verify_in_person

    officer = User.objects.create_user(email="o@x.invalid", password="x", full_name="Officer")
    officer.role_assignments.create(role="officer", team="district_team")
    residency_verify_in_person(officer=officer, residency=Residency.objects.get())

    page.goto("/accounts/profile/")
    page.get_by_text("Verified resident").wait_for()
    page.get_by_role("link", name="West Oldham district").click()
    page.get_by_role("heading", name="West Oldham district").wait_for()
    assert "Coldhurst" in page.content()
