"""Co-operatives in a browser: youth co-op members vote in an STV election, once each, and the
count is published stage by stage."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.mutuals import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def youth_election(administrator, make_user):
    secretary = make_user("Sam Secretary")
    mutual = services.mutual_register(
        actor=administrator, name="Youth Co-op", legal_form="cooperative_society"
    )
    mutual.secretaries.add(secretary)
    young = services.membership_class_add(
        actor=secretary, mutual=mutual, name="Young people", min_age=11, max_age=19
    )
    members = [make_user(name, date_of_birth=date(2010, 4, 1)) for name in ("Ama Ade", "Bo Bell")]
    for person in members:
        services.member_join(
            actor=secretary, mutual=mutual, user=person, classes=[young],
            today=timezone.localdate() - timedelta(days=5),
        )  # fmt: skip
    now = timezone.now()
    election = services.election_open(
        actor=secretary, mutual=mutual, title="Youth assembly election", seats=1,
        candidates=["Ann", "Ben", "Cat"], classes=[young],
        electorate_on=timezone.localdate() - timedelta(days=1),
        opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1),
    )  # fmt: skip
    return election, secretary, members


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_members_vote_once_each_and_the_count_is_published_stage_by_stage(page, youth_election):
    election, secretary, members = youth_election
    for person, first, second in ((members[0], "Cat", "Ann"), (members[1], "Ben", "Ann")):
        _sign_in(page, person)
        page.get_by_role("link", name="Youth assembly election").click()
        page.get_by_label("Preference 1").select_option(label=first)
        page.get_by_label("Preference 2").select_option(label=second)
        page.get_by_role("button", name="Cast my ballot").click()
        page.get_by_text("Your ballot is counted.").wait_for()
        # Back on the election, a member who has voted is not offered a second ballot.
        page.goto(f"/mutuals/elections/{election.pk}/")
        page.get_by_text("You have voted in this election.").wait_for()
        assert page.get_by_role("button", name="Cast my ballot").count() == 0
        _sign_out(page)

    services.election_ballots_import(
        actor=secretary, election=election, text="count,1,2\n2,Ann\n", file_format="csv"
    )
    election.closes_at = timezone.now() - timedelta(minutes=1)
    election.save(update_fields=["closes_at"])
    _sign_in(page, secretary)
    page.goto(f"/mutuals/elections/{election.pk}/")
    page.get_by_role("button", name="Count and publish").click()
    page.get_by_text("Counted; the result is published stage by stage.").wait_for()
    assert page.get_by_role("heading", name="Stage 1: first preferences").count() == 1
    assert (
        page.get_by_role("heading", name="Stage 2: Ben excluded with the fewest votes").count() == 1
    )
    assert page.locator("p", has_text="Elected:").first.inner_text() == "Elected: Ann"
