"""PB pages work without JavaScript and show the services' messages."""

from __future__ import annotations

import pytest

from coopcouncil.participation import services
from coopcouncil.participation.models import Ballot, Delivery, PBProcess, Project
from tests.participation.conftest import codes

pytestmark = pytest.mark.django_db

PROJECTS = [("Benches", 300_000), ("Playground", 600_000), ("Fridge", 200_000)]


def test_public_pages_render(client, make_process):
    process = make_process(PROJECTS)
    for url in (
        "/pb/",
        f"/pb/{process.pk}/",
        f"/pb/{process.pk}/results/",
        f"/pb/{process.pk}/delivery/",
        "/districts/west-oldham/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Test pot" in response.content.decode(), url
    assert client.get("/pb/999/").status_code == 404
    assert client.get(f"/pb/{process.pk}/export.pb").content.startswith(b"META")


def test_resident_proposes_through_the_form(client, make_process, make_resident, ward):
    process = make_process(open_voting=False)
    client.force_login(make_resident(ward))
    refused = client.post(
        f"/pb/{process.pk}/propose/", {"title": "Bins", "description": "x", "cost": "1.234"}
    )
    assert refused.status_code == 400
    assert "more than two decimal places" in refused.content.decode()
    response = client.post(
        f"/pb/{process.pk}/propose/",
        {"title": "Bins", "description": "More bins", "cost": "1,250", "ward": ward.pk},
    )
    assert response.status_code == 302
    assert Project.objects.get().estimated_cost_pence == 125_000


def test_officer_reviews_through_the_form(client, make_process, clerk, make_resident, ward):
    process = make_process(PROJECTS, open_voting=False)
    project = process.projects.get(title="Fridge")
    client.force_login(make_resident(ward))
    assert client.get(f"/pb/{process.pk}/review/").status_code == 403
    client.force_login(clerk)
    assert client.get(f"/pb/{process.pk}/review/").status_code == 200
    prefix = f"review-{project.pk}"
    missing = client.post(
        f"/pb/{process.pk}/review/{project.pk}/",
        {f"{prefix}-decision": "feasible", f"{prefix}-reason": "ok"},
    )
    assert missing.status_code == 400
    assert "Give the final cost" in missing.content.decode()
    saved = client.post(
        f"/pb/{process.pk}/review/{project.pk}/",
        {f"{prefix}-decision": "infeasible", f"{prefix}-reason": "Private land"},
    )
    assert saved.status_code == 302
    assert Project.objects.get(pk=project.pk).status == "infeasible"


def test_voter_without_date_of_birth_gives_it_then_votes_without_javascript(
    client, make_process, make_voter, ward
):
    process = make_process(PROJECTS, max_total_cost_pence=500_000)
    voter = make_voter(ward, born=None)
    client.force_login(voter)
    assert "Date of birth" in client.get(f"/pb/{process.pk}/vote/").content.decode()
    client.post(f"/pb/{process.pk}/vote/date-of-birth/", {"date_of_birth": "1999-12-31"})
    ids = codes(process)
    too_dear = client.post(
        f"/pb/{process.pk}/vote/", {"choices": [ids["Benches"], ids["Playground"]]}
    )
    page = too_dear.content.decode()
    assert too_dear.status_code == 400
    assert 'role="alert"' in page and "the limit is 5000" in page
    assert not Ballot.objects.exists()
    ok = client.post(f"/pb/{process.pk}/vote/", {"choices": [ids["Benches"], ids["Fridge"]]})
    assert ok.status_code == 302
    assert Ballot.objects.get().choices == [ids["Benches"], ids["Fridge"]]
    assert "checked" in client.get(f"/pb/{process.pk}/vote/").content.decode()


def test_cumulative_and_ordinal_ballot_forms(client, make_process, make_voter, ward):
    cumulative = make_process(PROJECTS, ballot_type="cumulative", points_to_spread=3)
    client.force_login(make_voter(ward))
    ids = codes(cumulative)
    bad = client.post(f"/pb/{cumulative.pk}/vote/", {f"points-{ids['Fridge']}": "x"})
    assert bad.status_code == 400
    client.post(
        f"/pb/{cumulative.pk}/vote/",
        {f"points-{ids['Fridge']}": "2", f"points-{ids['Benches']}": ""},
    )
    assert Ballot.objects.get(process=cumulative).points == [2]
    ordinal = make_process(PROJECTS, ballot_type="ordinal", max_projects=2, title="Ranked")
    ids = codes(ordinal)
    client.post(f"/pb/{ordinal.pk}/vote/", {"rank-1": ids["Fridge"], "rank-2": ids["Benches"]})
    assert Ballot.objects.get(process=ordinal).choices == [ids["Fridge"], ids["Benches"]]


def test_clerk_closes_voting_and_results_explain_each_project(
    client, make_process, make_voter, ward, clerk
):
    process = make_process(PROJECTS)
    ids = codes(process)
    services.ballot_cast(voter=make_voter(ward), process=process, choices=[ids["Fridge"]])
    client.force_login(make_voter(ward))
    assert client.post(f"/pb/{process.pk}/close-voting/").status_code == 403
    client.force_login(clerk)
    response = client.post(f"/pb/{process.pk}/close-voting/", follow=True)
    page = response.content.decode()
    assert "Funded projects" in page and "Fridge" in page and "greedy-cost" in page
    assert PBProcess.objects.get().phase == "results"
    assert client.post(f"/pb/{process.pk}/recount/").status_code == 302
    assert process.results.count() == 2
    fridge = Project.objects.get(title="Fridge")
    prefix = f"delivery-{fridge.pk}"
    client.post(
        f"/pb/{process.pk}/delivery/{fridge.pk}/",
        {f"{prefix}-status": "done", f"{prefix}-spent": "1,900.00", f"{prefix}-note": ""},
    )
    assert Delivery.objects.get(project=fridge).spent_pence == 190_000


def test_phase_advance_refusal_is_shown(client, make_process, clerk):
    process = make_process(open_voting=False)
    client.force_login(clerk)
    client.post(f"/pb/{process.pk}/advance/")
    response = client.post(f"/pb/{process.pk}/advance/", follow=True)
    assert "No project is feasible" in response.content.decode()
