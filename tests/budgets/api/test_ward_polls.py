"""The ward poll, cost centre and commitments sync endpoints: success, permission, validation."""

from datetime import timedelta

from django.utils import timezone

BASE = "/api/v1/budgets"


def _poll_body(**changes):
    now = timezone.now()
    return {
        "question": "What should the ward budget fund?",
        "options": ["Benches", "Bulbs"],
        "opens_at": (now - timedelta(minutes=1)).isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
    } | changes


def test_the_councillor_opens_a_poll_and_a_stranger_is_refused(
    post, ward_budget, councillor, make_role, ward
):
    url = f"{BASE}/ward-budgets/{ward_budget.pk}/polls"
    created = post(url, _poll_body(), councillor)
    assert created.status_code == 201
    assert [o["label"] for o in created.json()["options"]] == ["Benches", "Bulbs"]
    assert post(url, _poll_body(), make_role("councillor", ward=ward)).status_code == 403
    refused = post(url, _poll_body(options=["Only"]), councillor)
    assert refused.status_code == 400 and refused.json()["code"] == "options_count"
    assert "options" in refused.json()["errors"]


def test_a_resident_votes_once_and_another_wards_resident_is_refused(
    post, client, ward_budget, councillor, make_resident, ward, other_ward
):
    poll = post(f"{BASE}/ward-budgets/{ward_budget.pk}/polls", _poll_body(), councillor).json()
    url = f"{BASE}/ward-polls/{poll['id']}/votes"
    option = poll["options"][0]["id"]
    resident = make_resident(ward)
    voted = post(url, {"option_id": option}, resident)
    assert voted.status_code == 201 and voted.json()["votes"] == 1
    again = post(url, {"option_id": option}, resident)
    assert again.status_code == 409 and again.json()["code"] == "ward_poll_already_voted"
    assert post(url, {"option_id": option}, make_resident(other_ward)).status_code == 403
    stray = post(url, {"option_id": 999_999}, make_resident(ward))
    assert stray.status_code == 404 and "option_id" in stray.json()["errors"]
    shown = client.get(f"{BASE}/ward-polls/{poll['id']}").json()
    assert shown["votes"] == 1 and shown["options"][0]["votes"] is None  # counted at the close


def test_finance_maps_a_cost_centre_and_others_are_refused(post, client, finance, line, ward):
    body = {"code": "CC4410", "district": ward.district.slug, "line": line.slug}
    assert post(f"{BASE}/cost-centres", body, finance).status_code == 201
    assert client.get(f"{BASE}/cost-centres").json()[0]["code"] == "CC4410"
    assert post(f"{BASE}/cost-centres", body, _plain_user()).status_code == 403
    bad = post(f"{BASE}/cost-centres", {**body, "code": "no spaces!"}, finance)
    assert bad.status_code == 400 and "code" in bad.json()["errors"]


def _plain_user():
    from coopcouncil.people.models import User

    return User.objects.create_user(email="plain@test.invalid", password="x" * 20, full_name="P")


def test_an_unmapped_cost_centre_in_a_spend_file_is_a_row_error(post, finance, line):
    text = "date,cost_centre,amount_pounds,description,reference\n2026-05-01,CC1,1.00,a,b\n"
    response = post(f"{BASE}/spend/import", {"csv": text}, finance)
    assert response.status_code == 400 and "row 2" in response.json()["errors"]


def test_commitments_sync_is_for_finance_and_names_a_bad_line_field(post, finance, line, places):
    url = f"{BASE}/commitments/sync"
    synced = post(url, {"financial_year": "2026/27", "decision_line": line.slug}, finance)
    assert synced.status_code == 200 and synced.json() == {"created": [], "waiting": []}
    missing = post(url, {"financial_year": "2026/27", "pb_line": "nope"}, finance)
    assert missing.status_code == 404 and "pb_line" in missing.json()["errors"]
    assert post(url, {"financial_year": "2026/27"}, None).status_code in (401, 403)
