"""API for ward budgets and their allocations."""

BASE = "/api/v1/budgets"
ALLOCATION = {"amount_pence": 100_000, "purpose": "Bulbs", "recipient_project": "Bulb planting"}


def test_opening_the_year_is_for_finance(post, finance, councillor, places):
    assert (
        post(f"{BASE}/ward-budgets/open", {"financial_year": "2026/27"}, councillor).status_code
        == 403
    )
    response = post(f"{BASE}/ward-budgets/open", {"financial_year": "2026/27"}, finance)
    assert response.json() == {"created": 1}
    response = post(f"{BASE}/ward-budgets/open", {"financial_year": "26"}, finance)
    assert response.status_code == 400 and "financial_year" in response.json()["errors"]


def test_a_councillor_allocates_and_the_district_team_approves(
    post, client, ward_budget, councillor, district_team
):
    created = post(f"{BASE}/ward-budgets/{ward_budget.pk}/allocations", ALLOCATION, councillor)
    assert created.status_code == 201 and created.json()["status"] == "pending"
    mine = client.get(f"{BASE}/ward-budgets/mine").json()
    assert mine["remaining_pence"] == 230_000 and mine["pending_pence"] == 100_000
    decided = post(
        f"{BASE}/ward-allocations/{created.json()['id']}/decision", {"is_approved": True},
        district_team,
    )  # fmt: skip
    assert decided.json()["status"] == "approved"
    published = client.get(f"{BASE}/ward-allocations?ward=coldhurst").json()
    assert published[0]["recipient"] == "Bulb planting"
    budgets = client.get(f"{BASE}/ward-budgets?ward=coldhurst").json()
    assert budgets[0]["approved_pence"] == 100_000


def test_allocation_errors_are_fields_and_strangers_are_refused(
    post, ward_budget, councillor, make_role, ward
):
    url = f"{BASE}/ward-budgets/{ward_budget.pk}/allocations"
    response = post(url, {**ALLOCATION, "amount_pence": 400_000}, councillor)
    assert response.status_code == 400 and response.json()["code"] == "amount_exceeds_remaining"
    assert "amount_pence" in response.json()["errors"]
    response = post(url, {**ALLOCATION, "ward_poll_option_id": 999_999}, councillor)
    assert response.status_code == 404 and "ward_poll_option_id" in response.json()["errors"]
    response = post(url, {**ALLOCATION, "recipient_organisation": "nobody"}, councillor)
    assert response.status_code == 404
    assert post(url, ALLOCATION, make_role("councillor", ward=ward)).status_code == 403
    assert post(url, {"amount_pence": "many"}, councillor).status_code == 400


def test_only_the_wards_district_team_decides_and_refusal_needs_a_reason(
    post, ward_budget, councillor, make_role, other_ward, district_team
):
    created = post(f"{BASE}/ward-budgets/{ward_budget.pk}/allocations", ALLOCATION, councillor)
    url = f"{BASE}/ward-allocations/{created.json()['id']}/decision"
    outsider = make_role("officer", team="district_team", district=other_ward.district)
    assert post(url, {"is_approved": True}, outsider).status_code == 403
    response = post(url, {"is_approved": False}, district_team)
    assert response.status_code == 400 and "reason" in response.json()["errors"]


def test_my_ward_budget_needs_a_session_and_a_budget(client, post, make_user, places):
    assert client.get(f"{BASE}/ward-budgets/mine").status_code == 401
    client.force_login(make_user())
    assert client.get(f"{BASE}/ward-budgets/mine").status_code == 404
