"""The grants API: success, permission and validation for each endpoint, in the shared
error shape."""

from __future__ import annotations

import json

from coopcouncil.grants.models import Application

BACKEND = "django.contrib.auth.backends.ModelBackend"
BASE = "/api/v1/grants"


def _post(client, path, body):
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json")


def _payload(grant_round, group, ward, **changes):
    body = {
        "round": grant_round.slug,
        "organisation": group.slug,
        "title": "Hydro",
        "project": "A turbine",
        "amount_pence": 100_000,
        "outcomes": "Cheaper power",
        "ward": ward.code,
        "budget_lines": [{"description": "Turbine", "amount_pence": 100_000}],
    }
    body.update(changes)
    return body


def test_open_rounds_publish_their_scheme(client, grant_round):
    (found,) = client.get(f"{BASE}/rounds").json()
    assert [c["weight_percent"] for c in found["criteria"]] == [60, 40]


def test_funds_show_their_money(client, fund):
    assert client.get(f"{BASE}/funds").json()[0]["slug"] == "community-dividend-fund"


def test_a_member_drafts_and_submits(client, member, grant_round, group, ward):
    client.force_login(member, backend=BACKEND)
    created = _post(client, "/applications", _payload(grant_round, group, ward))
    assert created.status_code == 201, created.json()
    submitted = _post(client, f"/applications/{created.json()['id']}/submit", {})
    assert submitted.json()["status"] == "submitted"


def test_a_draft_that_does_not_add_up_is_refused_in_the_shared_shape(
    client, member, grant_round, group, ward
):
    client.force_login(member, backend=BACKEND)
    body = _payload(grant_round, group, ward, amount_pence=200_000)
    created = _post(client, "/applications", body).json()
    refused = _post(client, f"/applications/{created['id']}/submit", {})
    assert refused.status_code == 400
    assert refused.json()["code"] == "application_incomplete"
    assert "budget_lines" in refused.json()["errors"]


def test_signing_in_is_required_to_apply(client, grant_round, group, ward):
    response = _post(client, "/applications", _payload(grant_round, group, ward))
    assert response.status_code == 401
    assert response.json()["code"] == "not_signed_in"


def test_an_outsider_may_not_apply_for_a_group(client, make_user, grant_round, group, ward):
    client.force_login(make_user(), backend=BACKEND)
    response = _post(client, "/applications", _payload(grant_round, group, ward))
    assert response.status_code == 403


def test_an_unknown_round_is_404(client, member, grant_round, group, ward):
    client.force_login(member, backend=BACKEND)
    body = _payload(grant_round, group, ward, round="no-such-round")
    assert _post(client, "/applications", body).status_code == 404


def test_a_malformed_amount_is_invalid(client, member, grant_round, group, ward):
    client.force_login(member, backend=BACKEND)
    body = _payload(grant_round, group, ward, amount_pence="lots")
    response = _post(client, "/applications", body)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_assessors_score_and_a_conflicted_one_cannot_see_the_scores(
    client, make_application, assessors, score_all
):
    from coopcouncil.people.services import interest_declare

    application = score_all(make_application())
    client.force_login(assessors[0], backend=BACKEND)
    assert len(client.get(f"{BASE}/applications/{application.pk}/scores").json()) == 6
    interest_declare(actor=assessors[0], organisation=application.organisation, reason="Friend")
    refused = client.get(f"{BASE}/applications/{application.pk}/scores")
    assert refused.status_code == 403
    assert "Friend" in refused.json()["detail"]


def test_a_score_out_of_range_is_refused(client, make_application, assessors):
    application = make_application()
    client.force_login(assessors[0], backend=BACKEND)
    criterion = application.round.criteria.first()
    refused = _post(
        client, f"/applications/{application.pk}/scores", {"marks": {str(criterion.pk): 99}}
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "score_out_of_range"


def test_the_panel_awards_through_the_api(
    client, make_application, score_all, district_officer, partnership
):
    application = score_all(make_application())
    client.force_login(district_officer, backend=BACKEND)
    response = _post(
        client,
        f"/applications/{application.pk}/decision",
        {"outcome": "part_award", "amount_pence": 500_000, "reasons": "The turbine only"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["awarded_pence"] == 500_000
    assert Application.objects.get().decision_id == response.json()["decision_id"]
    awards = client.get(f"{BASE}/awards").json()
    assert awards[0]["awarded_pence"] == 500_000


def test_a_member_may_not_decide(client, make_application, score_all, member, partnership):
    application = score_all(make_application())
    client.force_login(member, backend=BACKEND)
    response = _post(
        client, f"/applications/{application.pk}/decision", {"outcome": "award", "reasons": "x"}
    )
    assert response.status_code == 403


def test_the_360giving_package_is_served(client, awarded):
    response = client.get(f"{BASE}/360giving.json")
    body = json.loads(b"".join(response.streaming_content))
    assert body["grants"][0]["amountAwarded"] == 20_000


def test_the_district_team_opens_a_fund_and_a_round_through_the_api(
    client, district_officer, finance, make_role
):
    client.force_login(district_officer, backend=BACKEND)
    fund = _post(client, "/funds", {"name": "Hydro Fund"})
    assert fund.status_code == 201, fund.json()
    round_body = {
        "fund": "hydro-fund",
        "title": "Hydro 2027",
        "amount_pence": 1_000_000,
        "opens_at": "2027-01-01T09:00:00Z",
        "closes_at": "2027-02-01T17:00:00Z",
        "max_award_pence": 500_000,
        "criteria": [{"name": "Outcomes", "weight_percent": 70}],
    }
    refused = _post(client, "/rounds", round_body)
    assert refused.status_code == 400 and refused.json()["code"] == "scheme_invalid"
    round_body["criteria"].append({"name": "Values", "weight_percent": 30})
    assert _post(client, "/rounds", round_body).status_code == 201
    assessor = make_role("officer", team="district_team")
    added = _post(client, "/rounds/hydro-2027/assessors", {"user_id": assessor.pk})
    assert added.status_code == 201
    client.force_login(finance, backend=BACKEND)
    income = {"amount_pence": 5_000, "source": "energy-finder", "reference": "X-1"}
    assert _post(client, "/funds/hydro-fund/income", income).status_code == 201
    assert _post(client, "/funds/hydro-fund/income", income).json()["amount_pence"] == 5_000


def test_a_member_may_not_open_a_fund(client, member):
    client.force_login(member, backend=BACKEND)
    assert _post(client, "/funds", {"name": "Mine"}).status_code == 403


def test_finance_approves_an_instalment_through_the_api(client, awarded, district_officer, finance):
    client.force_login(district_officer, backend=BACKEND)
    planned = _post(
        client,
        f"/applications/{awarded.pk}/instalments",
        {"milestone": "Ordered", "amount_pence": 1_000_000, "due_on": "2027-01-01"},
    )
    assert planned.status_code == 201, planned.json()
    too_much = _post(
        client,
        f"/applications/{awarded.pk}/instalments",
        {"milestone": "More", "amount_pence": 1_500_000, "due_on": "2027-02-01"},
    )
    assert too_much.status_code == 409
    approve = f"/applications/{awarded.pk}/instalments/{planned.json()['id']}/approve"
    assert _post(client, approve, {}).status_code == 403
    client.force_login(finance, backend=BACKEND)
    assert _post(client, approve, {}).json()["status"] == "approved"


def test_an_officer_records_a_saving_and_the_dividend_is_credited(client, group, finance):
    client.force_login(finance, backend=BACKEND)
    body = {
        "organisation": group.slug,
        "description": "Grounds maintenance",
        "saving_pence": 1_000_001,
        "verified_on": "2026-06-01",
    }
    response = _post(client, "/savings", body)
    assert response.status_code == 201
    assert response.json()["balance_pence"] == 500_000
