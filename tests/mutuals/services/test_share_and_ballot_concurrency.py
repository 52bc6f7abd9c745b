"""Bursts of simultaneous share applications and member votes (PostgreSQL): one application
per person, none left out of an allocation, never more than the offer; every vote tallied once.

Real threads, each on its own database connection (at most THREADS at once).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from coopcouncil.mutuals import services
from coopcouncil.mutuals.models import BallotParticipation, BallotTally, ShareApplication
from tests.concurrency import burst

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]
THREADS = 20


def _offer(mutual, secretary):
    now = timezone.now()
    return services.share_offer_create(
        actor=secretary,
        mutual=mutual,
        title="Solar shares",
        offer_pence=100_000,
        min_holding_pence=10_000,
        max_holding_pence=50_000,
        interest_cap_percent=Decimal("4"),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
    )


def test_simultaneous_applications_are_one_a_person(mutual, secretary, make_user):
    offer = _offer(mutual, secretary)
    people = [make_user() for _ in range(30)]

    outcomes = burst(
        THREADS,
        people + people[:10],
        lambda person: services.share_apply(actor=person, offer=offer, requested_pence=20_000),
    )

    assert outcomes == {"done": 30, "already_applied": 10}
    assert ShareApplication.objects.filter(offer=offer).count() == 30


def test_an_application_racing_the_allocation_is_allocated_or_refused_never_left_out(
    mutual, secretary, make_user
):
    """An application checked as open just before closing time must not land after the
    allocation has read the applications: it would hold shares nobody allocated."""
    offer = _offer(mutual, secretary)
    people = [make_user() for _ in range(40)]
    before_closing = offer.closes_at - timedelta(seconds=1)

    def act(item) -> None:
        if item == "allocate":
            services.share_offer_allocate(actor=secretary, offer=offer, now=offer.closes_at)
        else:
            services.share_apply(
                actor=item, offer=offer, requested_pence=20_000, now=before_closing
            )

    outcomes = burst(THREADS, [*people[:20], "allocate", *people[20:]], act)

    applications = ShareApplication.objects.filter(offer=offer)
    assert outcomes["done"] == applications.count() + 1  # the allocation itself
    assert outcomes["offer_allocated"] == 40 - applications.count()
    assert not applications.filter(allocated_pence__isnull=True).exists()
    assert applications.aggregate(total=Sum("allocated_pence"))["total"] <= offer.offer_pence


def test_many_members_voting_at_once_are_each_tallied_once(make_member, open_ballot):
    members = [make_member() for _ in range(40)]
    ballot = open_ballot()
    choices = ["yes", "no", "abstain", "yes"] * 10

    outcomes = burst(
        THREADS,
        list(zip(members, choices, strict=True)) + [(members[0], "yes")],
        lambda vote: services.ballot_vote(actor=vote[0].user, ballot=ballot, choice=vote[1]),
    )

    assert outcomes == {"done": 40, "already_voted": 1}
    assert BallotParticipation.objects.filter(ballot=ballot).count() == 40
    tally = dict(BallotTally.objects.filter(ballot=ballot).values_list("choice", "votes"))
    assert tally == {"yes": 20, "no": 10, "abstain": 10}
