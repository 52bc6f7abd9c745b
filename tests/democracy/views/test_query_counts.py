"""Democracy pages run the same number of queries however much content they show.

Each test builds a small and a ten-times-larger body of content through the services,
as the clerk and residents would, and compares the queries the page runs for each. A
count that grows with the content is an N+1: one query per row shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.democracy.models import DistrictPartnership
from coopcouncil.democracy.services.decisions import (
    call_in_sign,
    decision_create,
    decision_publish,
    decision_vote_record,
)
from coopcouncil.democracy.services.leaders import annual_report_save
from coopcouncil.democracy.services.meetings import (
    agenda_item_add,
    attendance_record,
    declaration_add,
    meeting_publish_minutes,
    meeting_schedule,
    member_add,
    sub_group_create,
)
from coopcouncil.democracy.services.questions import (
    question_answer,
    question_ask,
    question_moderate,
)
from coopcouncil.democracy.services.surveys import pulse_survey_create
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward
from tests.conftest import counted_get

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20


def queries_for(client, url: str) -> tuple[int, str]:
    """How many queries a GET of ``url`` runs, and the page it returns."""
    count, response = counted_get(client, url)
    return count, response.content.decode()


@dataclass
class Content:
    """Meetings, decisions and partnership business made through the services."""

    clerk: object
    make_resident: object
    make_role: object
    made: int = field(default=0)

    def _next(self) -> int:
        self.made += 1
        return self.made

    def councillor(self, ward):
        return self.make_role(
            "councillor", f"Cllr {self._next()}", ward=ward, start_date=date(2024, 5, 3)
        )

    def organisation(self) -> Organisation:
        n = self._next()
        return Organisation.objects.create(name=f"Partner body {n}", slug=f"partner-body-{n}")

    def meeting_with(self, partnership, n: int, *, topic: str = "library", asker=None):
        """A held meeting with ``n`` of everything its pages show, and published minutes.

        Per unit: an accepted and answered question with a duplicate merged into it, a
        question waiting for moderation and a rejected one; a partner update and a paper;
        a councillor and a partner member present, with a declaration; a published decision
        and a draft one, each with every councillor's named vote.
        """
        clerk = self.clerk
        starts = timezone.now() - timedelta(days=1)
        before = starts - timedelta(days=2)
        meeting = meeting_schedule(
            actor=clerk,
            partnership=partnership,
            title=f"Partnership meeting {self._next()} on the {topic}",
            starts_at=starts,
            venue="Civic Centre",
        )
        wards = list(partnership.district.wards.order_by("name"))
        present, voters, decisions = [], [], []

        def ask(ward, text):
            who = asker or self.make_resident(ward)
            return question_ask(asker=who, meeting=meeting, text=text, now=before)

        for k in range(n):
            ward = wards[k % len(wards)]
            asked = ask(ward, f"What will happen to the {topic}, part {k}?")
            question_moderate(actor=clerk, question=asked, outcome="accept", now=before)
            question_answer(actor=clerk, question=asked, answer=f"The {topic} stays open ({k}).")
            duplicate = ask(ward, f"Is the {topic} closing, part {k}?")
            question_moderate(
                actor=clerk, question=duplicate, outcome="merge", merge_with=asked, now=before
            )
            ask(ward, f"Still waiting about the {topic}, part {k}?")
            rejected = ask(ward, f"A personal case about the {topic}, part {k}.")
            question_moderate(
                actor=clerk, question=rejected, outcome="reject", reason="personal_case", now=before
            )
            agenda_item_add(
                actor=clerk,
                meeting=meeting,
                part=2,
                title=f"Partner update {k}",
                body="From the police.",
                paper_url=f"https://papers.test/update-{k}.pdf",
            )
            agenda_item_add(
                actor=clerk,
                meeting=meeting,
                part=3,
                title=f"Paper {k} on the {topic}",
                paper_url=f"https://papers.test/paper-{k}.pdf",
            )
            councillor = self.councillor(ward)
            member = member_add(
                actor=clerk,
                partnership=partnership,
                user=self.make_resident(ward),
                kind="partner",
                title=f"Partner {k}",
                organisation=self.organisation(),
                start_date=date(2025, 1, 1),
            )
            present += [councillor, member.user]
            voters.append(councillor)
            declaration_add(
                actor=clerk, meeting=meeting, user=councillor, interest=f"Lives by the {topic}."
            )
            for title in (f"Decision {k} on the {topic}", f"Draft decision {k}"):
                decisions.append(
                    decision_create(
                        actor=clerk,
                        partnership=partnership,
                        meeting=meeting,
                        title=title,
                        wards=[ward],
                    )
                )
        for decision in decisions:
            for voter in voters:
                decision_vote_record(actor=clerk, decision=decision, councillor=voter, choice="for")
        for decision in decisions[::2]:
            decision_publish(actor=clerk, decision=decision)
        attendance_record(actor=clerk, meeting=meeting, present=present, public_attendees=n)
        return meeting_publish_minutes(actor=clerk, meeting=meeting, notes=f"About the {topic}.")

    def decision_with(self, partnership, n: int, *, title: str = "Close the library"):
        """A published decision with ``n`` named votes and ``n`` signatures across wards."""
        district_wards = list(partnership.district.wards.order_by("name"))
        borough_wards = list(Ward.objects.order_by("name"))
        decision = decision_create(
            actor=self.clerk, partnership=partnership, title=title, wards=district_wards
        )
        for k in range(n):
            voter = self.councillor(district_wards[k % len(district_wards)])
            decision_vote_record(
                actor=self.clerk, decision=decision, councillor=voter, choice="for"
            )
        decision_publish(actor=self.clerk, decision=decision)
        for k in range(n):
            signer = self.make_resident(borough_wards[k % len(borough_wards)])
            call_in_sign(resident=signer, decision=decision, show_name=k % 2 == 0)
        return decision

    def partnership_with(self, district, n: int) -> DistrictPartnership:
        """A partnership with ``n`` councillors, members, sub-groups, meetings, decisions
        and surveys."""
        partnership = DistrictPartnership.objects.create(
            district=district, name=f"{district} District Partnership"
        )
        wards = list(district.wards.order_by("name"))
        now = timezone.now()
        for k in range(n):
            ward = wards[k % len(wards)]
            self.councillor(ward)
            member_add(
                actor=self.clerk,
                partnership=partnership,
                user=self.make_resident(ward),
                kind="partner",
                title=f"Partner {k}",
                organisation=self.organisation(),
                start_date=date(2025, 1, 1),
            )
            group = sub_group_create(
                actor=self.clerk, partnership=partnership, name=f"Sub-group {k}"
            )
            for sub_group, starts_at in [
                (group, now + timedelta(days=10 + k)),
                (None, now + timedelta(days=30 + k)),
                (None, now - timedelta(days=30 + k)),
            ]:
                meeting_schedule(
                    actor=self.clerk,
                    partnership=partnership,
                    sub_group=sub_group,
                    title=f"Meeting {k}",
                    starts_at=starts_at,
                    venue="Civic Centre",
                )
            decision = decision_create(
                actor=self.clerk,
                partnership=partnership,
                title=f"Decision {k}",
                budget_pence=1000 * k,
                wards=[ward],
            )
            decision_publish(actor=self.clerk, decision=decision)
            pulse_survey_create(
                actor=self.clerk,
                partnership=partnership,
                title=f"Survey {k}",
                audience="residents",
                opens_at=now,
                closes_at=now + timedelta(days=14),
                questions=[("How safe do you feel?", "scale")],
            )
        return partnership


@pytest.fixture
def content(clerk, make_resident, make_role) -> Content:
    return Content(clerk=clerk, make_resident=make_resident, make_role=make_role)


def test_meeting_page_queries_do_not_grow_with_questions_updates_papers_and_decisions(
    client, partnership, content
):
    small = content.meeting_with(partnership, SMALL)
    large = content.meeting_with(partnership, LARGE)
    client.get(f"/democracy/meetings/{small.pk}/")
    small_count, _ = queries_for(client, f"/democracy/meetings/{small.pk}/")
    large_count, page = queries_for(client, f"/democracy/meetings/{large.pk}/")
    assert page.count("The library stays open") == 2 * LARGE  # in the agenda and the minutes
    assert page.count("papers.test/update-") == LARGE and page.count("papers.test/paper-") == LARGE
    assert large_count == small_count


def test_meeting_page_queries_do_not_grow_with_your_own_questions(
    client, partnership, content, make_resident, ward
):
    asker = make_resident(ward)
    small = content.meeting_with(partnership, SMALL, asker=asker)
    large = content.meeting_with(partnership, LARGE, asker=asker)
    client.force_login(asker)
    client.get(f"/democracy/meetings/{small.pk}/")
    small_count, _ = queries_for(client, f"/democracy/meetings/{small.pk}/")
    large_count, page = queries_for(client, f"/democracy/meetings/{large.pk}/")
    assert "Your questions" in page and page.count("Merged with a similar question") == LARGE
    assert large_count == small_count


def test_manage_page_queries_do_not_grow_with_questions_and_decisions(
    client, clerk, partnership, content
):
    small = content.meeting_with(partnership, SMALL)
    large = content.meeting_with(partnership, LARGE)
    client.force_login(clerk)
    client.get(f"/democracy/meetings/{small.pk}/manage/")
    small_count, _ = queries_for(client, f"/democracy/meetings/{small.pk}/manage/")
    large_count, page = queries_for(client, f"/democracy/meetings/{large.pk}/manage/")
    assert page.count("Record a vote on") == LARGE and page.count("Moderate question") == LARGE
    assert large_count == small_count


def test_decision_page_queries_do_not_grow_with_signatures_and_votes(client, partnership, content):
    small = content.decision_with(partnership, SMALL, title="Close the library")
    large = content.decision_with(partnership, LARGE, title="Sell the baths")
    client.get(f"/democracy/decisions/{small.pk}/")
    small_count, _ = queries_for(client, f"/democracy/decisions/{small.pk}/")
    large_count, page = queries_for(client, f"/democracy/decisions/{large.pk}/")
    assert f'<strong id="signature-count">{LARGE}</strong>' in page
    assert page.count("<td>For</td>") == LARGE
    assert large_count == small_count


def test_partnership_page_queries_do_not_grow_with_members_meetings_and_decisions(
    client, content, ward, other_ward
):
    small = content.partnership_with(ward.district, SMALL)
    large = content.partnership_with(other_ward.district, LARGE)
    client.get(f"/democracy/districts/{small.district.slug}/")
    small_count, _ = queries_for(client, f"/democracy/districts/{small.district.slug}/")
    large_count, page = queries_for(client, f"/democracy/districts/{large.district.slug}/")
    assert page.count("Partner body") == LARGE and page.count("<h3>Sub-group") == LARGE
    assert large_count == small_count


def test_archive_queries_do_not_grow_with_results(client, partnership, content):
    for _ in range(SMALL):
        content.meeting_with(partnership, 1, topic="library")
    for _ in range(LARGE):
        content.meeting_with(partnership, 1, topic="swimming")
    client.get("/democracy/archive/?q=library")
    small_count, _ = queries_for(client, "/democracy/archive/?q=library")
    large_count, page = queries_for(client, "/democracy/archive/?q=swimming")
    assert f"Answered questions ({LARGE})" in page and f"Decisions ({LARGE})" in page
    assert f"Meetings with minutes ({LARGE})" in page
    assert large_count == small_count


def test_councillors_page_queries_do_not_grow_with_councillors_and_reports(
    client, partnership, content
):
    def add_councillors(n: int) -> None:
        # A held meeting seats and minutes n councillors; each then publishes a report.
        meeting = content.meeting_with(partnership, n)
        for attended in meeting.attendance.filter(capacity="Councillor"):
            annual_report_save(
                councillor=attended.user,
                year=timezone.localdate().year,
                ward_work="Six surgeries and a litter pick.",
                publish=True,
            )

    add_councillors(SMALL)
    client.get("/democracy/councillors/")
    small_count, _ = queries_for(client, "/democracy/councillors/")
    add_councillors(LARGE - SMALL)
    large_count, page = queries_for(client, "/democracy/councillors/")
    assert page.count(f'/{timezone.localdate().year}/">') == LARGE
    assert large_count == small_count


def test_vote_form_read_once_still_refuses_a_councillor_it_does_not_list(
    client, clerk, partnership, content, make_role, other_ward
):
    meeting = content.meeting_with(partnership, SMALL)
    draft = meeting.decisions.filter(status="draft").first()
    listed = meeting.attendance.filter(capacity="Councillor").first().user
    outsider = make_role("councillor", "Cllr Elsewhere", ward=other_ward)
    client.force_login(clerk)
    page = client.get(f"/democracy/meetings/{meeting.pk}/manage/").content.decode()
    # Each draft's vote form lists the councillor, and so does the declaration form.
    assert page.count('<select name="councillor"') == SMALL
    assert page.count(f'<option value="{listed.pk}">{listed.full_name}</option>') == SMALL + 1
    url = f"/democracy/meetings/{meeting.pk}/manage/vote/{draft.pk}/"
    refused = client.post(url, {"councillor": outsider.pk, "choice": "against"})
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()
    assert client.post(url, {"councillor": listed.pk, "choice": "against"}).status_code == 302
    assert draft.votes.get(councillor=listed).choice == "against"
