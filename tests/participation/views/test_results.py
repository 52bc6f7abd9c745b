"""The published result says when equal votes, not the votes alone, decided a project's fate."""

from __future__ import annotations

import pytest

from coopcouncil.participation import services
from tests.participation.conftest import codes

pytestmark = pytest.mark.django_db

# £10,000: Benches (£6,000) and Playground (£5,000) tie on two votes and only one fits.
TIED = [("Benches", 600_000), ("Playground", 500_000), ("Fridge", 400_000)]


@pytest.fixture
def tied_result(make_process, make_voter, ward, clerk):
    process = make_process(TIED)
    ids = codes(process)
    both = [ids["Benches"], ids["Playground"]]
    services.ballot_cast(voter=make_voter(ward), process=process, choices=[*both, ids["Fridge"]])
    services.ballot_cast(voter=make_voter(ward), process=process, choices=both)
    services.voting_close(actor=clerk, process=process)
    first, second = sorted(["Benches", "Playground"], key=lambda title: ids[title])
    sentence = (
        f"Tie at 2 votes between {first} and {second}, broken by smaller project code first: "
        f"{first} funded."
    )
    return process, sentence


def test_results_page_names_the_tie_and_the_tie_break_that_decided_it(client, tied_result):
    process, sentence = tied_result
    page = client.get(f"/pb/{process.pk}/results/").content.decode()
    assert "Projects with equal votes" in page
    assert sentence in page


def test_results_api_gives_each_tie_with_its_sentence(client, tied_result):
    process, sentence = tied_result
    result = client.get(f"/api/v1/pb/processes/{process.pk}/results").json()
    ids = codes(process)
    (tie,) = result["ties"]
    assert tie["sentence"] == sentence
    assert set(tie["projects"]) == {ids["Benches"], ids["Playground"]}
    assert tie["support"] == "2" and tie["measure"] == "votes"
    assert tie["broken_by"] == ["smaller-id"]
    assert tie["funded"] == [tie["projects"][0]]


def test_a_count_without_a_deciding_tie_publishes_none(client, make_process, make_voter, ward):
    process = make_process(TIED)
    ids = codes(process)
    # Benches 2 votes, Fridge 1, Playground 0: every score differs.
    choices = [ids["Benches"], ids["Fridge"]]
    services.ballot_cast(voter=make_voter(ward), process=process, choices=choices)
    services.ballot_cast(voter=make_voter(ward), process=process, choices=[ids["Benches"]])
    services.voting_close(actor=process.created_by, process=process)
    result = client.get(f"/api/v1/pb/processes/{process.pk}/results").json()
    assert result["ties"] == []
    assert (
        "Projects with equal votes" not in client.get(f"/pb/{process.pk}/results/").content.decode()
    )


WARSAW_FILE = """META
key;value
description;Warsaw district test
unit;Warszawa
budget;10
vote_type;approval
rule;greedy-threshold
min_project_score_threshold;2
PROJECTS
project_id;cost;name
a;6;Benches
b;5;Playground
c;4;Fridge
VOTES
voter_id;vote
1;a,b,c
2;a,b
"""


def test_an_imported_warsaw_count_shows_the_cheaper_first_tie_and_the_minimum(client, clerk):
    process = services.process_import_pabulib(actor=clerk, text=WARSAW_FILE, check_permission=False)
    page = client.get(f"/pb/{process.pk}/results/").content.decode()
    assert (
        "Tie at 2 votes between Playground and Benches, broken by lower cost first: "
        "Playground funded."
    ) in page
    assert "Below the minimum support" in page
    assert "below the threshold 2" in page
