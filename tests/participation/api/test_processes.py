"""PATCH /api/v1/pb/processes/{id}: the web edit form's rules, over the API, field by field."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from coopcouncil.core.models import AuditEvent
from coopcouncil.participation import services
from coopcouncil.participation.models import PBProcess

pytestmark = pytest.mark.django_db

API = "/api/v1/pb/processes"
LONDON = ZoneInfo("Europe/London")
PROJECTS = [("Benches", 300_000), ("Playground", 600_000)]


def _patch(client, process_id, body):
    return client.patch(f"{API}/{process_id}", body, content_type="application/json")


def test_officer_changes_only_the_fields_sent_with_one_audit_row(client, clerk, make_process):
    process = make_process(headings=(services.HeadingPlan("Parks", 400_000),), min_projects=1)
    client.force_login(clerk)
    response = _patch(
        client,
        process.pk,
        {
            "budget_pence": 2_000_000,
            "rule": "mes-cost",
            "voting_close_at": "2031-06-01T18:00:00+01:00",
            "headings": [
                {"name": "Parks", "budget_pence": 500_000},
                {"name": "Coldhurst", "budget_pence": 600_000, "ward": "coldhurst"},
            ],
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["budget_pence"] == 2_000_000
    process.refresh_from_db()
    assert (process.budget_pence, process.rule) == (2_000_000, "mes-cost")
    assert process.voting_close_at == datetime(2031, 6, 1, 18, tzinfo=LONDON)
    # Fields not sent keep their values.
    assert (process.title, process.min_projects) == ("Test pot", 1)
    assert sorted(process.headings.values_list("name", "kind", "budget_pence")) == [
        ("Coldhurst", "ward", 600_000),
        ("Parks", "theme", 500_000),
    ]
    event = AuditEvent.objects.get(action="pb.process_updated")
    assert event.actor == clerk
    assert set(event.details["changed"]) == {"budget_pence", "rule", "voting_close_at", "headings"}


def test_resident_may_not_edit_a_process(client, make_process, make_resident, ward):
    process = make_process()
    client.force_login(make_resident(ward))
    response = _patch(client, process.pk, {"title": "Mine now"})
    assert response.status_code == 403
    assert PBProcess.objects.get().title == "Test pot"
    assert not AuditEvent.objects.filter(action="pb.process_updated").exists()


def test_dates_out_of_order_are_refused_on_the_later_date(client, clerk, make_process):
    process = make_process()
    client.force_login(clerk)
    response = _patch(
        client,
        process.pk,
        {"voting_open_at": "2031-06-10T09:00:00+01:00", "voting_close_at": "2031-06-01T09:00"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "pb_process_invalid"
    assert "voting_close_at" in response.json()["errors"]
    assert PBProcess.objects.get().voting_close_at is None


def test_heading_budgets_above_the_budget_are_refused_on_headings(client, clerk, make_process):
    process = make_process(headings=(services.HeadingPlan("Parks", 400_000),))
    client.force_login(clerk)
    response = _patch(client, process.pk, {"budget_pence": 300_000})
    assert response.status_code == 400
    assert "more than the whole budget" in response.json()["errors"]["headings"][0]
    assert PBProcess.objects.get().budget_pence == 1_000_000


@pytest.mark.parametrize(
    "body",
    [{"title": None}, {"budget_pence": None}, {"budget_pence": 0}, {"buget_pence": 5}],
    ids=["null-title", "null-budget", "zero-budget", "misspelt-field"],
)
def test_malformed_body_is_refused_with_the_field_named(client, clerk, make_process, body):
    process = make_process()
    client.force_login(clerk)
    response = _patch(client, process.pk, body)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(body)


@pytest.mark.parametrize(
    "body", [{"budget_pence": 5}, {"rule": "mes-cost"}, {"ballot_type": "ordinal"}]
)
def test_voting_terms_are_fixed_once_voting_opens(client, clerk, make_process, body):
    process = make_process(PROJECTS)
    client.force_login(clerk)
    response = _patch(client, process.pk, body)
    assert response.status_code == 409
    assert response.json()["code"] == "pb_voting_terms_fixed"
    assert set(response.json()["errors"]) == set(body)
    field, _ = next(iter(body.items()))
    assert getattr(PBProcess.objects.get(), field) == getattr(process, field)


def test_title_may_change_during_voting(client, clerk, make_process):
    process = make_process(PROJECTS)
    client.force_login(clerk)
    response = _patch(client, process.pk, {"title": "Renamed"})
    assert response.status_code == 200, response.json()
    assert PBProcess.objects.get().title == "Renamed"


def test_unknown_process_is_404(client, clerk):
    client.force_login(clerk)
    response = _patch(client, 999, {"title": "Nothing"})
    assert response.status_code == 404
    assert response.json()["code"] == "pb_process_not_found"


def test_anonymous_edit_is_401(client, make_process):
    process = make_process()
    assert _patch(client, process.pk, {"title": "Anon"}).status_code == 401
    assert PBProcess.objects.get().title == "Test pot"
