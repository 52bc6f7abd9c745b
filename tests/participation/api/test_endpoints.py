"""PB API: success, permission and validation for every endpoint under /api/v1/pb/."""

from __future__ import annotations

import pytest

from coopcouncil.participation import services
from coopcouncil.participation.logic.pabulib import parse_pabulib
from coopcouncil.participation.models import Ballot, Delivery, PBProcess, Project
from tests.participation.conftest import codes

pytestmark = pytest.mark.django_db

API = "/api/v1/pb"
PROJECTS = [("Benches", 300_000), ("Playground", 600_000), ("Fridge", 200_000)]


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def _put(client, url, body):
    return client.put(url, body, content_type="application/json")


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_process_list_and_detail_are_public(client, make_process):
    process = make_process(PROJECTS)
    listed = client.get(f"{API}/processes?district=west-oldham").json()
    assert [p["id"] for p in listed] == [process.pk]
    detail = client.get(f"{API}/processes/{process.pk}").json()
    assert (detail["phase"], detail["district"], detail["budget_pence"]) == (
        "voting",
        "west-oldham",
        1_000_000,
    )
    assert client.get(f"{API}/processes/999").status_code == 404


def test_clerk_creates_a_process_with_headings(as_user, clerk, ward):
    response = _post(
        as_user(clerk),
        f"{API}/processes",
        {
            "title": "Pot",
            "district": "west-oldham",
            "budget_pence": 10_000,
            "headings": [{"name": "Coldhurst", "budget_pence": 5_000, "ward": "coldhurst"}],
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["headings"] == [
        {"name": "Coldhurst", "kind": "ward", "ward": "coldhurst", "budget_pence": 5_000}
    ]


def test_creating_a_process_needs_staff_and_valid_fields(
    as_user, client, make_resident, ward, clerk
):
    body = {"title": "Pot", "budget_pence": 10_000}
    assert _post(client, f"{API}/processes", body).status_code == 401
    assert _post(as_user(make_resident(ward)), f"{API}/processes", body).status_code == 403
    bad = _post(as_user(clerk), f"{API}/processes", {"title": "Pot", "budget_pence": -5})
    assert bad.status_code == 400
    assert "budget_pence" in bad.json()["errors"]
    bad_rule = _post(as_user(clerk), f"{API}/processes", {**body, "rule": "coin-toss"})
    assert bad_rule.status_code == 400
    assert "rule" in bad_rule.json()["errors"]
    assert not PBProcess.objects.exists()


def test_proposal_submit_review_and_phase_advance(
    as_user, make_process, make_resident, ward, clerk
):
    process = make_process(open_voting=False)
    resident = make_resident(ward)
    created = _post(
        as_user(resident),
        f"{API}/processes/{process.pk}/proposals",
        {"title": "Bins", "estimated_cost_pence": 5_000, "ward": "coldhurst"},
    )
    assert created.status_code == 201, created.json()
    project_id = created.json()["id"]
    refused = _post(
        as_user(resident),
        f"{API}/processes/{process.pk}/proposals/{project_id}/review",
        {"is_feasible": True, "reason": "mine", "final_cost_pence": 5_000},
    )
    assert refused.status_code == 403
    reviewed = _post(
        as_user(clerk),
        f"{API}/processes/{process.pk}/proposals/{project_id}/review",
        {"is_feasible": True, "reason": "Deliverable", "final_cost_pence": 6_000},
    )
    assert reviewed.json()["status"] == "feasible"
    no_cost = _post(
        as_user(clerk),
        f"{API}/processes/{process.pk}/proposals/{project_id}/review",
        {"is_feasible": True, "reason": "Deliverable"},
    )
    assert no_cost.status_code == 400
    assert "final_cost" in no_cost.json()["errors"]
    assert (
        client_get_json(as_user(clerk), f"{API}/processes/{process.pk}/proposals")[0][
            "final_cost_pence"
        ]
        == 6_000
    )
    assert _post(as_user(clerk), f"{API}/processes/{process.pk}/advance").json() == {
        "phase": "review"
    }
    assert _post(as_user(resident), f"{API}/processes/{process.pk}/advance").status_code == 403


def client_get_json(client, url):
    return client.get(url).json()


def test_proposal_validation_errors_name_the_field(as_user, make_process, make_resident, ward):
    process = make_process(open_voting=False)
    response = _post(
        as_user(make_resident(ward)),
        f"{API}/processes/{process.pk}/proposals",
        {"title": "Bins", "estimated_cost_pence": 0},
    )
    assert response.status_code == 400
    assert "estimated_cost_pence" in response.json()["errors"]


def test_voter_casts_reads_and_changes_own_ballot(as_user, make_process, make_voter, ward):
    process = make_process(PROJECTS)
    ids = codes(process)
    client = as_user(make_voter(ward))
    url = f"{API}/processes/{process.pk}/ballot"
    assert client.get(url).status_code == 404
    assert _put(client, url, {"choices": [ids["Benches"]]}).status_code == 200
    changed = _put(client, url, {"choices": [ids["Fridge"]]})
    assert changed.json()["choices"] == [ids["Fridge"]]
    assert client.get(url).json()["choices"] == [ids["Fridge"]]
    assert Ballot.objects.count() == 1
    assert client_get_json(client, f"{API}/processes/{process.pk}/projects")[0]["status"] == (
        "feasible"
    )


def test_ballot_breaking_the_rules_is_refused_with_field_errors(
    as_user, make_process, make_voter, ward, client, other_ward
):
    process = make_process(PROJECTS, max_projects=1)
    url = f"{API}/processes/{process.pk}/ballot"
    ids = list(codes(process).values())
    assert _put(client, url, {"choices": ids}).status_code == 401
    voter = as_user(make_voter(ward))
    refused = _put(voter, url, {"choices": ids})
    assert refused.status_code == 400
    assert refused.json()["code"] == "pb_ballot_invalid"
    assert refused.json()["errors"]["choices"]
    assert _put(voter, url, {"choices": "not a list"}).status_code == 400
    assert not Ballot.objects.exists()
    outsider = _put(as_user(make_voter(other_ward)), url, {"choices": ids[:1]})
    assert outsider.status_code == 403


def test_date_of_birth_endpoint(as_user, make_voter, ward):
    voter = make_voter(ward, born=None)
    client = as_user(voter)
    assert (
        _put(client, f"{API}/me/date-of-birth", {"date_of_birth": "2001-03-04"}).status_code == 204
    )
    voter.refresh_from_db()
    assert voter.date_of_birth.isoformat() == "2001-03-04"
    assert (
        _put(client, f"{API}/me/date-of-birth", {"date_of_birth": "3001-01-01"}).status_code == 400
    )


def test_close_voting_results_and_delivery(as_user, make_process, make_voter, ward, clerk, client):
    process = make_process(PROJECTS)
    ids = codes(process)
    services.ballot_cast(voter=make_voter(ward), process=process, choices=[ids["Fridge"]])
    assert client.get(f"{API}/processes/{process.pk}/results").status_code == 404
    assert (
        _post(as_user(make_voter(ward)), f"{API}/processes/{process.pk}/close-voting").status_code
        == 403
    )
    closed = _post(as_user(clerk), f"{API}/processes/{process.pk}/close-voting")
    assert closed.status_code == 200
    again = _post(as_user(clerk), f"{API}/processes/{process.pk}/close-voting")
    assert again.status_code == 409
    result = client.get(f"{API}/processes/{process.pk}/results").json()
    assert ids["Fridge"] in result["winners"]
    assert result["explanation"]["headings"][0]["outcome"]["rule"]
    fridge = Project.objects.get(title="Fridge")
    url = f"{API}/processes/{process.pk}/projects/{fridge.pk}/delivery"
    updated = _put(as_user(clerk), url, {"status": "done", "spent_pence": 19_000})
    assert updated.json()["status"] == "done"
    assert _put(as_user(clerk), url, {"status": "done", "spent_pence": -1}).status_code == 400
    assert (
        _put(as_user(make_voter(ward)), url, {"status": "done", "spent_pence": 1}).status_code
        == 403
    )
    listed = client.get(f"{API}/processes/{process.pk}/delivery").json()
    assert {"code": fridge.code, "spent_pence": 19_000}.items() <= next(
        d for d in listed if d["code"] == fridge.code
    ).items()
    assert Delivery.objects.get(project=fridge).status == "done"


def test_pabulib_export_endpoint_gives_a_parsable_file(client, make_process, make_voter, ward):
    process = make_process(PROJECTS)
    services.ballot_cast(
        voter=make_voter(ward), process=process, choices=[codes(process)["Fridge"]]
    )
    response = client.get(f"{API}/processes/{process.pk}/pabulib")
    election = parse_pabulib(response.content.decode())
    assert election.meta["vote_type"] == "approval"
    assert len(election.votes) == 1
    assert {p.name for p in election.projects} == {"Benches", "Playground", "Fridge"}
