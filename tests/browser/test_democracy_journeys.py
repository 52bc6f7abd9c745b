"""Local democracy journeys in the browser: a question before and after the cut-off,
and the hundredth signature that suspends a decision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.democracy.models import DistrictPartnership, Meeting, Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


@pytest.fixture
def partnership(ward):
    return DistrictPartnership.objects.create(
        district=ward.district, name="West Oldham District Partnership"
    )


def meeting_at(partnership, starts_in: timedelta, title: str) -> Meeting:
    return Meeting.objects.create(
        partnership=partnership,
        title=title,
        starts_at=timezone.now() + starts_in,
        venue="Civic hall",
    )


def test_resident_asks_before_the_cutoff_and_is_refused_after_it(
    page, partnership, ward, make_resident
):
    meeting = meeting_at(partnership, timedelta(days=3), "December partnership")
    later = meeting_at(partnership, timedelta(days=60), "February partnership")
    sign_in(page, make_resident(ward, "Rita Resident"))

    page.goto(f"/democracy/meetings/{meeting.pk}/")
    page.get_by_label("Your question").fill("When will the Coldhurst library reopen?")
    page.get_by_role("button", name="Send my question").click()
    page.get_by_text("your question has been sent to the clerk").wait_for()
    assert Question.objects.filter(meeting=meeting).count() == 1

    # A second question is typed; before it is sent the clock moves on: the meeting now
    # starts in 90 minutes, so its 2-hour cut-off has passed.
    page.get_by_label("Your question").fill("And what about the swimming baths?")
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timedelta(minutes=90))
    page.get_by_role("button", name="Send my question").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Questions to this meeting closed at" in alert.inner_text()
    assert "February partnership" in alert.inner_text()
    assert Question.objects.filter(meeting=meeting).count() == 1

    # Reloaded after the cut-off, the page offers the next meeting instead of the form.
    page.goto(f"/democracy/meetings/{meeting.pk}/")
    assert page.get_by_label("Your question").count() == 0
    page.get_by_role("link", name="Ask at February partnership instead").click()
    page.get_by_role("heading", name="February partnership").wait_for()
    assert page.url.endswith(f"/democracy/meetings/{later.pk}/#ask")
    page.get_by_label("Your question").fill("And what about the swimming baths?")
    page.get_by_role("button", name="Send my question").click()
    page.get_by_text("your question has been sent to the clerk").wait_for()
    assert Question.objects.filter(meeting=later).count() == 1


def test_hundredth_signature_suspends_the_decision_and_schedules_review(
    page, partnership, ward, other_ward, make_resident, make_role
):
    from coopcouncil.democracy.services.decisions import (
        call_in_sign,
        decision_create,
        decision_publish,
    )

    clerk = make_role("officer", "Clara Clerk", team="clerk")
    review_meeting = meeting_at(partnership, timedelta(days=14), "January partnership")
    decision = decision_publish(
        actor=clerk,
        decision=decision_create(
            actor=clerk, partnership=partnership, title="Close the mobile library", wards=[ward]
        ),
    )
    for number in range(99):
        call_in_sign(resident=make_resident(ward if number % 3 else other_ward), decision=decision)
    sign_in(page, make_resident(ward, "Hana Hundred"))

    page.goto(f"/democracy/decisions/{decision.pk}/")
    assert page.locator("#signature-count").inner_text() == "99"
    page.get_by_label("Show my name on the public list of signers").check()
    page.get_by_role("button", name="Sign the call-in").click()
    page.get_by_text("You have signed the call-in.").first.wait_for()

    assert page.locator("#signature-count").inner_text() == "100"
    assert "Suspended: called in for review" in page.locator("#decision-status").inner_text()
    status = page.get_by_role("status")
    assert "Review scheduled at January partnership" in status.inner_text()
    page.get_by_role("link", name="January partnership").click()
    page.get_by_text("Community call-in review: Close the mobile library").wait_for()
    assert page.url.endswith(f"/democracy/meetings/{review_meeting.pk}/")
