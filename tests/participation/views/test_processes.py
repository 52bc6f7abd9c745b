"""Officers open and edit PB processes through the web form, with field-level errors."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coopcouncil.core.audit import AuditEvent
from coopcouncil.participation.models import PBProcess

pytestmark = pytest.mark.django_db

PROJECTS = [("Benches", 300_000), ("Playground", 600_000)]


def _form(**changes) -> dict:
    data = {
        "title": "Coldhurst pot",
        "description": "",
        "district": "",
        "budget": "10,000",
        "ballot_type": "approval",
        "min_projects": "0",
        "max_projects": "3",
        "max_total_cost": "5,000",
        "points_to_spread": "",
        "max_points_per_project": "",
        "rule": "mes-cost-completed",
        "official_rule": "",
        "min_voter_age": "11",
        "proposals_open_at": "2030-01-01T09:00",
        "review_open_at": "2030-02-01T09:00",
        "voting_open_at": "2030-03-01T09:00",
        "voting_close_at": "2030-03-31T17:00",
        "results_at": "",
        "delivery_at": "",
        "headings-TOTAL_FORMS": "3",
        "headings-INITIAL_FORMS": "0",
        "headings-MIN_NUM_FORMS": "0",
        "headings-MAX_NUM_FORMS": "1000",
    }
    for n in range(3):
        data.update(
            {f"headings-{n}-name": "", f"headings-{n}-ward": "", f"headings-{n}-budget": ""}
        )
    data.update(changes)
    return data


def test_clerk_opens_a_process_with_headings_through_the_form(client, clerk, district, ward):
    client.force_login(clerk)
    page = client.get("/pb/new/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sequential Phragmén" in text and "Method of Equal Shares" in text
    response = client.post(
        "/pb/new/",
        _form(
            district=district.pk,
            **{
                "headings-0-name": "Coldhurst",
                "headings-0-ward": ward.pk,
                "headings-0-budget": "6,000",
                "headings-1-name": "Green spaces",
                "headings-1-budget": "4,000",
            },
        ),
    )
    process = PBProcess.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/pb/{process.pk}/"
    assert (process.budget_pence, process.max_total_cost_pence) == (1_000_000, 500_000)
    assert process.district == district
    assert process.voting_open_at.isoformat().startswith("2030-03-01T09:00")
    assert sorted(process.headings.values_list("name", "kind", "budget_pence")) == [
        ("Coldhurst", "ward", 600_000),
        ("Green spaces", "theme", 400_000),
    ]
    assert AuditEvent.objects.filter(action="pb.process_created").count() == 1


def test_resident_cannot_open_or_edit_a_process(client, make_resident, ward, make_process):
    process = make_process()
    client.force_login(make_resident(ward))
    assert client.get("/pb/new/").status_code == 403
    assert client.post("/pb/new/", _form()).status_code == 403
    assert client.get(f"/pb/{process.pk}/edit/").status_code == 403
    assert "Open a new PB process" not in client.get("/pb/").content.decode()
    assert PBProcess.objects.count() == 1


def test_district_officer_may_not_open_a_process_for_another_district(
    client, make_role, district, other_ward
):
    officer = make_role("officer", team="district_team", district=district)
    client.force_login(officer)
    page = client.get("/pb/new/").content.decode()
    assert other_ward.district.name not in page
    elsewhere = client.post("/pb/new/", _form(district=other_ward.district.pk))
    assert elsewhere.status_code == 400
    assert "Select a valid choice" in elsewhere.content.decode()
    assert client.post("/pb/new/", _form(district=district.pk)).status_code == 302
    assert PBProcess.objects.get().district == district


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"budget": "12.345"}, "more than two decimal places"),
        ({"budget": "lots"}, "is not an amount of money"),
        ({"budget": "0"}, "The budget must be more than zero."),
        ({"max_total_cost": "1.001"}, "more than two decimal places"),
        ({"voting_close_at": "2030-02-15T09:00"}, "Voting closes must be after voting opens."),
        ({"ballot_type": "cumulative"}, "needs a number of points to spread"),
        ({"max_projects": "0"}, "greater than or equal to 1"),
        ({"min_projects": "4"}, "at least the fewest"),
        ({"rule": "official"}, "Choose the city rule"),
        ({"ballot_type": "ordinal", "rule": "mes-card"}, "counts approval ballots only"),
        ({"min_voter_age": "130"}, "less than or equal to 120"),
        ({"title": ""}, "This field is required."),
    ],
)
def test_each_validation_error_is_shown_on_the_form_and_nothing_saved(
    client, clerk, changes, message
):
    client.force_login(clerk)
    response = client.post("/pb/new/", _form(**changes))
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert 'role="alert"' in text
    assert not PBProcess.objects.exists()


def test_headings_over_the_budget_are_shown_as_a_headings_error(client, clerk):
    client.force_login(clerk)
    response = client.post(
        "/pb/new/",
        _form(
            **{
                "headings-0-name": "Parks",
                "headings-0-budget": "6,000",
                "headings-1-name": "Youth",
                "headings-1-budget": "6,000",
            }
        ),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="headings_error"' in text
    assert "add up to £12,000.00, more than the whole budget of £10,000.00" in text
    assert not PBProcess.objects.exists()


def test_heading_row_without_a_name_or_budget_is_refused(client, clerk):
    client.force_login(clerk)
    no_name = client.post("/pb/new/", _form(**{"headings-0-budget": "100"}))
    assert no_name.status_code == 400
    assert "Give the heading a name" in no_name.content.decode()
    no_budget = client.post("/pb/new/", _form(**{"headings-0-name": "Parks"}))
    assert "Give the heading a budget." in no_budget.content.decode()
    assert not PBProcess.objects.exists()


def test_clerk_edits_a_process_before_voting(client, clerk, make_process):
    process = make_process()
    client.force_login(clerk)
    page = client.get(f"/pb/{process.pk}/edit/")
    assert page.status_code == 200
    assert 'value="10000.00"' in page.content.decode()
    response = client.post(
        f"/pb/{process.pk}/edit/",
        _form(district=process.district_id, budget="20,000", rule="phragmen"),
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert (process.budget_pence, process.rule, process.title) == (
        2_000_000,
        "phragmen",
        "Coldhurst pot",
    )
    assert AuditEvent.objects.filter(action="pb.process_updated").count() == 1


def test_budget_edit_after_voting_opens_is_refused_with_a_clear_message(
    client, clerk, make_process
):
    process = make_process(PROJECTS, max_projects=3, max_total_cost_pence=500_000)
    client.force_login(clerk)
    page = client.get(f"/pb/{process.pk}/edit/")
    assert "Voting has opened" in page.content.decode()
    unchanged = {
        "title": "Renamed pot",
        "district": process.district_id,
        "rule": "greedy-cost",
        "voting_open_at": "",
        "review_open_at": "",
        "proposals_open_at": "",
        "voting_close_at": "",
    }
    refused = client.post(f"/pb/{process.pk}/edit/", _form(**unchanged, budget="20,000"))
    assert refused.status_code == 400
    assert "Voting has opened: the budget" in refused.content.decode()
    assert PBProcess.objects.get().budget_pence == 1_000_000
    # Voting opened when the fixture advanced the phase; that date is kept as it was.
    opened = timezone.localtime(process.voting_open_at).strftime("%Y-%m-%dT%H:%M")
    unchanged["voting_open_at"] = opened
    renamed = client.post(f"/pb/{process.pk}/edit/", _form(**unchanged))
    assert renamed.status_code == 302
    assert PBProcess.objects.get().title == "Renamed pot"
