"""Bursts of simultaneous PB ballots: one ballot per voter, every ballot counted, none after
voting closes.

Real threads, each on its own database connection (at most THREADS at once). SQLite
serialises every writer behind one file lock, so the race cannot happen there; these run on
PostgreSQL (CI sets DATABASE_URL).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from coopcouncil.core.models import AuditEvent
from coopcouncil.participation import services
from coopcouncil.participation.models import Ballot
from tests.concurrency import burst

from ..conftest import codes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]
THREADS = 20
PROJECTS = [("Benches", 300_000), ("Playground", 600_000), ("Fridge", 200_000)]


def test_sixty_voters_at_once_leave_sixty_ballots_each_audited_once(make_process, make_voter, ward):
    process = make_process(PROJECTS)
    ids = codes(process)
    voters = [make_voter(ward) for _ in range(60)]

    outcomes = burst(
        THREADS,
        voters,
        lambda voter: services.ballot_cast(voter=voter, process=process, choices=[ids["Fridge"]]),
    )

    assert outcomes == {"done": 60}
    assert Ballot.objects.filter(process=process).count() == 60
    assert Ballot.objects.values("voter").distinct().count() == 60
    assert AuditEvent.objects.filter(action="pb.ballot_cast").count() == 60
    assert not AuditEvent.objects.filter(action="pb.ballot_changed").exists()


def test_one_voter_voting_from_many_places_at_once_has_one_ballot(make_process, make_voter, ward):
    """The unique (process, voter) ballot holds: the first cast creates it, the rest change it."""
    process = make_process(PROJECTS)
    ids = codes(process)
    voter = make_voter(ward)
    ballots = [[ids["Fridge"]], [ids["Benches"]], [ids["Fridge"], ids["Benches"]]] * 4

    outcomes = burst(
        THREADS,
        ballots,
        lambda choices: services.ballot_cast(voter=voter, process=process, choices=choices),
    )

    assert outcomes == {"done": 12}
    assert Ballot.objects.get(process=process, voter=voter).choices in ballots
    assert AuditEvent.objects.filter(action="pb.ballot_cast").count() == 1
    assert AuditEvent.objects.filter(action="pb.ballot_changed").count() == 11


def test_no_ballot_lands_after_voting_closes_and_the_count_holds_every_one_before(
    make_process, make_voter, ward, clerk
):
    """Closing voting mid-burst: each ballot is either counted in the result or refused."""
    process = make_process(PROJECTS)
    ids = codes(process)
    voters = [make_voter(ward) for _ in range(40)]
    results = []

    def act(item) -> None:
        if item == "close":
            results.append(services.voting_close(actor=clerk, process=process))
        else:
            services.ballot_cast(voter=item, process=process, choices=[ids["Benches"]])

    outcomes = burst(THREADS, [*voters[:20], "close", *voters[20:]], act)

    (result,) = results
    stored = Ballot.objects.filter(process=process).count()
    assert outcomes["done"] == stored + 1  # the close itself
    assert outcomes["pb_voting_closed"] == 40 - stored
    assert result.voter_count == stored


def test_a_ballot_waits_for_no_other_voters_ballot(make_process, make_voter, ward):
    """Ballots share the process row (FOR SHARE): one voter's ballot, still uncommitted,
    holds no other voter up; only closing voting waits for it."""
    process = make_process(PROJECTS)
    ids = codes(process)
    first, second = make_voter(ward), make_voter(ward)
    holding, release = threading.Event(), threading.Event()

    def hold_open() -> None:
        try:
            with transaction.atomic():
                services.ballot_cast(voter=first, process=process, choices=[ids["Fridge"]])
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold_open)
    thread.start()
    try:
        assert holding.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # waiting would fail, not hang
        services.ballot_cast(voter=second, process=process, choices=[ids["Benches"]])
    finally:
        release.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert Ballot.objects.filter(process=process).count() == 2
