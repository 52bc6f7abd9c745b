"""Democracy API reads run the same number of queries however many rows they return.

Each test builds a small and a ten-times-larger body of content through the services
and compares the queries one GET runs for each; a count that grows is an N+1.
"""

from __future__ import annotations

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
from coopcouncil.democracy.services.meetings import agenda_item_add, meeting_schedule
from coopcouncil.democracy.services.questions import (
    question_answer,
    question_ask,
    question_moderate,
)
from coopcouncil.places.models import Ward
from tests.conftest import counted_get

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"
SMALL, LARGE = 2, 20


def same_queries_for_both(client, small_url: str, large_url: str):
    """The query counts of the small and the large case, and the large case's JSON."""
    small_count, _ = counted_get(client, small_url)
    large_count, response = counted_get(client, large_url)
    return small_count, large_count, response.json()


@pytest.fixture
def build(clerk, make_resident, make_role):
    """Makers of meetings and decisions of a given size, through the services."""

    def meeting(partnership, n: int):
        """A meeting with ``n`` accepted and answered questions and ``n`` items per part."""
        starts = timezone.now() + timedelta(days=7)
        found = meeting_schedule(
            actor=clerk,
            partnership=partnership,
            title="Partnership",
            starts_at=starts,
            venue="Hall",
        )
        ward = partnership.district.wards.first()
        for k in range(n):
            asked = question_ask(
                asker=make_resident(ward), meeting=found, text=f"What about the library ({k})?"
            )
            question_moderate(actor=clerk, question=asked, outcome="accept")
            question_answer(actor=clerk, question=asked, answer="It stays open.")
            for part in (2, 3):
                agenda_item_add(actor=clerk, meeting=found, part=part, title=f"Item {k}")
        return found

    def decision(partnership, n: int):
        """A published decision with ``n`` named votes and ``n`` signatures across wards."""
        district_wards = list(partnership.district.wards.order_by("name"))
        borough_wards = list(Ward.objects.order_by("name"))
        made = decision_create(
            actor=clerk, partnership=partnership, title="Close the library", wards=district_wards
        )
        for k in range(n):
            voter = make_role(
                "councillor",
                ward=district_wards[k % len(district_wards)],
                start_date=date(2024, 5, 3),
            )
            decision_vote_record(actor=clerk, decision=made, councillor=voter, choice="for")
        decision_publish(actor=clerk, decision=made)
        for k in range(n):
            signer = make_resident(borough_wards[k % len(borough_wards)])
            call_in_sign(resident=signer, decision=made, show_name=k % 2 == 0)
        return made

    def partnership(district, n: int) -> DistrictPartnership:
        """A partnership with ``n`` meetings and ``n`` decisions."""
        body = DistrictPartnership.objects.create(district=district, name=f"{district} DP")
        for _ in range(n):
            meeting(body, 0)
            decision(body, 1)
        return body

    return type("Build", (), {"meeting": meeting, "decision": decision, "partnership": partnership})


def test_meetings_list_queries_do_not_grow_with_meetings(client, build, ward, other_ward):
    small = build.partnership(ward.district, SMALL)
    large = build.partnership(other_ward.district, LARGE)
    small_count, large_count, body = same_queries_for_both(
        client,
        f"{API}/meetings?district={small.district.slug}",
        f"{API}/meetings?district={large.district.slug}",
    )
    assert len(body) == LARGE
    assert large_count == small_count


@pytest.mark.parametrize("read", ["", "/agenda", "/agenda-items", "/questions"])
def test_meeting_reads_do_not_grow_with_questions_and_items(client, build, partnership, read):
    small = build.meeting(partnership, SMALL)
    large = build.meeting(partnership, LARGE)
    small_count, large_count, body = same_queries_for_both(
        client, f"{API}/meetings/{small.pk}{read}", f"{API}/meetings/{large.pk}{read}"
    )
    if read == "/agenda":
        assert [len(p["questions"]) + len(p["items"]) for p in body] == [LARGE, LARGE, LARGE]
    elif read:
        assert len(body) == LARGE * (2 if read == "/agenda-items" else 1)
    assert large_count == small_count


def test_decisions_list_queries_do_not_grow_with_decisions_and_votes(
    client, build, ward, other_ward
):
    small = build.partnership(ward.district, SMALL)
    large = build.partnership(other_ward.district, LARGE)
    small_count, large_count, body = same_queries_for_both(
        client,
        f"{API}/decisions?district={small.district.slug}",
        f"{API}/decisions?district={large.district.slug}",
    )
    assert len(body) == LARGE and all(len(d["votes"]) == 1 for d in body)
    assert large_count == small_count


@pytest.mark.parametrize("read", ["", "/call-in", "/call-in/signatures"])
def test_decision_reads_do_not_grow_with_votes_and_signatures(client, build, partnership, read):
    small = build.decision(partnership, SMALL)
    large = build.decision(partnership, LARGE)
    small_count, large_count, body = same_queries_for_both(
        client, f"{API}/decisions/{small.pk}{read}", f"{API}/decisions/{large.pk}{read}"
    )
    if read == "":
        assert len(body["votes"]) == LARGE
    elif read == "/call-in":
        assert body["signature_count"] == LARGE
        assert sum(row["signatures"] for row in body["by_ward"]) == LARGE
    else:
        assert len(body) == LARGE and sum(s["name"] is not None for s in body) == LARGE // 2
    assert large_count == small_count
