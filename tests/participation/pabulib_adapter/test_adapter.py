"""Pabulib import/export through the database: all or nothing, and lossless."""

from __future__ import annotations

import pytest

from coopcouncil.core.errors import DomainError
from coopcouncil.participation import pabulib_adapter, selectors, services
from coopcouncil.participation.logic.counting import count_election
from coopcouncil.participation.logic.pabulib import parse_pabulib
from coopcouncil.participation.models import Ballot, PBProcess, Project
from tests.participation.conftest import codes

pytestmark = pytest.mark.django_db

SMALL = (
    "META\nkey;value\nbudget;10.5\nvote_type;approval\nrule;greedy\nPROJECTS\n"
    "project_id;cost;name\na;6;Alpha\nb;5.25;Beta\nVOTES\nvoter_id;vote;age\n1;a,b;30\n2;b;41\n"
)
# Files small enough for the unit suite; the CLI covers the rest (see README).
SHARED_FILES = [
    "Poland_Gdynia_2021_Wielki_Kack__small.pb",
    "France_Toulouse_2019.pb",
    "Poland_Krakow_2023_Stare_Miasto.pb",
    "Netherlands_Assen_2024.pb",
    "Poland_Poznan_2024_8_-_Chartowo_Rataje_Zegrze__small.pb",
]


def test_import_keeps_every_cell_and_counts_the_files_own_rule(places):
    process = services.process_import_pabulib(actor=None, text=SMALL, check_permission=False)
    assert (process.budget_pence, process.rule, process.official_rule) == (
        1050,
        "official",
        "greedy",
    )
    assert sorted(Project.objects.values_list("code", "final_cost_pence")) == [
        ("a", 600),
        ("b", 525),
    ]
    assert list(Ballot.objects.values_list("pabulib_extra", flat=True)) == [["30"], ["41"]]
    assert selectors.process_pabulib_text(process) == SMALL
    assert selectors.result_latest(process).winners == ["b"]


def test_a_bad_file_names_its_line_and_writes_nothing(places):
    broken = SMALL.replace("2;b;41", "2;b")
    with pytest.raises(DomainError) as refused:
        services.process_import_pabulib(actor=None, text=broken, check_permission=False)
    assert refused.value.code == "pabulib_invalid"
    assert refused.value.message.startswith("line 13:")
    assert not PBProcess.objects.exists()


def test_fractions_of_a_penny_are_refused(places):
    with pytest.raises(DomainError) as refused:
        services.process_import_pabulib(
            actor=None, text=SMALL.replace("b;5.25", "b;5.255"), check_permission=False
        )
    assert "'b'" in refused.value.message
    assert not Project.objects.exists()


def test_import_needs_permission_when_asked(places, make_resident, ward):
    from coopcouncil.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.process_import_pabulib(actor=make_resident(ward), text=SMALL)
    assert not PBProcess.objects.exists()


@pytest.mark.pabulib
@pytest.mark.parametrize("name", SHARED_FILES)
def test_shared_file_round_trip_through_the_database_is_lossless(places, shared, name):
    text = (shared / "pabulib" / name).read_bytes().decode("utf-8")
    process = services.process_import_pabulib(actor=None, text=text, check_permission=False)
    exported = selectors.process_pabulib_text(process)
    assert parse_pabulib(exported) == parse_pabulib(text)
    stored = pabulib_adapter.process_count(process)
    assert list(stored.winners) == list(count_election(parse_pabulib(text), process.rule).selected)


def test_platform_process_exports_and_recounts_the_same(make_process, make_voter, ward, clerk):
    process = make_process([("A", 300_000), ("B", 600_000), ("C", 200_000)], rule="phragmen")
    ids = codes(process)
    for pick in (["A", "C"], ["B"], ["B", "C"]):
        services.ballot_cast(
            voter=make_voter(ward), process=process, choices=[ids[p] for p in pick]
        )
    result = services.voting_close(actor=clerk, process=process)
    election = parse_pabulib(selectors.process_pabulib_text(process))
    assert election.meta["rule"] == "phragmen"
    assert election.budget == 10_000
    assert {p.project_id for p in election.projects if p.selected == 1} == set(result.winners)
    assert list(count_election(election, "phragmen").selected) == result.winners


def test_district_turnout_counts_voters_and_eligible_residents(
    make_process, make_voter, make_resident, ward, other_ward
):
    from datetime import timedelta

    from django.utils import timezone

    process = make_process([("A", 100)])
    before = timezone.now() - timedelta(minutes=1)
    voter = make_voter(ward)
    make_resident(ward)
    make_resident(other_ward)
    services.ballot_cast(voter=voter, process=process, choices=[codes(process)["A"]])
    after = timezone.now() + timedelta(minutes=1)
    # The fixture's proposer is a Coldhurst resident too: three eligible, one voter.
    assert selectors.district_pb_turnout(
        ward.district, since=before, until=after
    ) == selectors.PBTurnout(voters=1, eligible=3)
    assert selectors.district_pb_turnout(
        other_ward.district, since=before, until=after
    ) == selectors.PBTurnout(voters=0, eligible=1)
    assert selectors.district_pb_turnout(
        ward.district, since=after, until=after + timedelta(1)
    ) == selectors.PBTurnout(voters=0, eligible=3)
