"""What the matrix's borough holds once votes are counted and an auction has run.

Some reads answer only after a later stage: a PB process's results once voting closes, an
energy round's result and each household's offer once the auction has run, a co-op
election's ballots once it is counted. The borough's open process, round and election stay
open for the pages that need them; these are second ones taken to the later stage through
the apps' services, as the demo borough does (``coopcouncil/membership/demo.py``).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone


def _pb_counted(borough) -> None:
    """Last year's West Oldham pot: the resident voted, then the clerk closed and counted."""
    from coopcouncil.participation import services

    clerk = borough.people["clerk"]
    resident = borough.people["resident"]
    process = services.process_create(
        actor=clerk,
        title="West Oldham pot, last year",
        budget_pence=500_000,
        district=borough.district,
        rule="greedy-cost",
    )
    project = services.proposal_submit(
        actor=resident,
        process=process,
        title="Planters on the high street",
        description="",
        ward=borough.ward,
        estimated_cost_pence=200_000,
        heading=None,
    )
    services.proposal_review(
        actor=clerk, project=project, is_feasible=True, reason="ok", final_cost_pence=200_000
    )
    services.process_phase_advance(actor=clerk, process=process)
    services.process_phase_advance(actor=clerk, process=process)
    project.refresh_from_db()
    services.ballot_cast(voter=resident, process=process, choices=[project.code])
    services.voting_close(actor=clerk, process=process)
    process.refresh_from_db()
    borough.objects["pb_counted"] = process


def _household():
    from coopcouncil.membership.logic.tariffs import RegistrationInput

    return RegistrationInput(
        region="north-west",
        payment_method="direct_debit",
        electricity_kwh=None,
        gas_kwh=None,
        household_size=2,
        has_gas=True,
        electricity_unit_rate=Decimal("27.030"),
        electricity_standing_charge=Decimal("53.680"),
        gas_unit_rate=Decimal("6.990"),
        gas_standing_charge=Decimal("32.670"),
    )


def _energy_auctioned(borough) -> None:
    """An autumn round every signed-in person registered for, auctioned: each has an offer.

    Reading one's offer is for anyone signed in (``SIGNED_IN``), and answers 404 to someone
    without one; so every signed-in role registers a household here, as residents would.
    """
    from coopcouncil.membership import services
    from coopcouncil.membership.logic.bids_file import bids_write
    from coopcouncil.membership.logic.calibration import illustrative_bids
    from coopcouncil.membership.models import SwitchingRound

    officer = borough.people["finance"]
    now = timezone.now()
    switching_round = services.round_create(
        actor=officer,
        name="Autumn switch",
        registration_opens=now - timedelta(days=40),
        registration_closes=now + timedelta(hours=1),
        acceptance_closes=now + timedelta(days=26),
    )
    for person in borough.people.values():
        if person.is_authenticated:
            services.household_register(
                user=person, switching_round=switching_round, entry=_household()
            )
    # As the demo does, the round's story is told in one go: registration closed a moment ago.
    SwitchingRound.objects.filter(pk=switching_round.pk).update(
        registration_closes=now - timedelta(minutes=1)
    )
    switching_round.refresh_from_db()
    services.bids_import(
        actor=officer, switching_round=switching_round, text=bids_write(illustrative_bids())
    )
    services.auction_hold(actor=officer, switching_round=switching_round)
    switching_round.refresh_from_db()
    borough.objects["switching_round_auctioned"] = switching_round


def _mutual_election_counted(borough) -> None:
    """Last week's board election: the member voted, the secretary counted after it closed."""
    from coopcouncil.mutuals import services

    secretary = borough.people["coop_secretary"]
    mutual = borough.mutual
    now = timezone.now()
    election = services.election_open(
        actor=secretary,
        mutual=mutual,
        title="Board election, last week",
        seats=1,
        candidates=["Cara", "Dev"],
        classes=list(mutual.classes.all()),
        electorate_on=timezone.localdate() - timedelta(days=10),
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=2),
    )
    services.election_vote(
        actor=borough.people["member"],
        election=election,
        ranking=[1, 2],
        now=now - timedelta(days=5),
    )
    borough.objects["mutual_election_counted"] = services.election_count(
        actor=secretary, election=election
    )


def counted_build(borough) -> None:
    """A counted PB process, an auctioned energy round and a counted co-op election."""
    _pb_counted(borough)
    _energy_auctioned(borough)
    _mutual_election_counted(borough)
