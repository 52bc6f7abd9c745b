"""API for lines, formulas, comparisons and allocations: success, permission, validation."""

from coopcouncil.budgets.models import Allocation, AllocationFormula, ServiceBudgetLine

BASE = "/api/v1/budgets"
LINE = {"name": "Highways", "slug": "highways", "financial_year": "2026/27", "amount_pence": 100}


def test_a_finance_officer_creates_a_line(post, finance, places):
    response = post(f"{BASE}/lines", LINE, finance)
    assert response.status_code == 201 and response.json()["slug"] == "highways"


def test_creating_a_line_needs_a_session_and_finance(post, councillor, places):
    assert post(f"{BASE}/lines", LINE).status_code == 401
    response = post(f"{BASE}/lines", LINE, councillor)
    assert response.status_code == 403 and response.json()["code"] == "not_allowed"
    assert not ServiceBudgetLine.objects.exists()


def test_a_bad_line_is_400_with_field_errors(post, finance, places):
    response = post(f"{BASE}/lines", {**LINE, "amount_pence": "lots"}, finance)
    assert response.status_code == 400 and "amount_pence" in response.json()["errors"]
    response = post(f"{BASE}/lines", {**LINE, "financial_year": "2026"}, finance)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["financial_year"]


def test_lines_and_formulas_are_public(client, line, need_formula):
    assert [item["slug"] for item in client.get(f"{BASE}/lines").json()] == ["youth-service"]
    assert client.get(f"{BASE}/lines/{line.pk}").json()["slug"] == "youth-service"
    formulas = client.get(f"{BASE}/lines/youth-service/formulas").json()
    assert formulas[0]["need_indicator"] == "imd_score"
    assert client.get(f"{BASE}/lines/nowhere").status_code == 404


def test_a_formula_is_added_checked_and_refused_with_the_field_to_fix(post, finance, line):
    body = {"name": "Pop", "population_percent": 100}
    assert post(f"{BASE}/lines/youth-service/formulas", body, finance).status_code == 201
    bad = {"name": "Bad", "equal_share_percent": 60, "population_percent": 30}
    response = post(f"{BASE}/lines/youth-service/formulas", bad, finance)
    assert response.status_code == 400 and response.json()["errors"]["weights"]
    assert AllocationFormula.objects.count() == 1


def test_adding_a_formula_is_for_finance_only(post, councillor, line):
    body = {"name": "Pop", "population_percent": 100}
    assert post(f"{BASE}/lines/youth-service/formulas", body, councillor).status_code == 403


def test_comparing_formulas_gives_each_districts_amounts_and_differences(
    client, equal_formula, need_formula
):
    url = f"{BASE}/lines/youth-service/scenarios/compare"
    body = client.get(f"{url}?formula={equal_formula.pk}&formula={need_formula.pk}").json()
    assert body["scenarios"] == ["Equal shares", "Need-led"]
    assert len(body["districts"]) == 6
    for row in body["districts"]:
        assert row["differences_pence"][1] == row["amounts_pence"][1] - row["amounts_pence"][0]
    assert sum(row["amounts_pence"][1] for row in body["districts"]) == 120_000_000


def test_comparing_one_formula_or_none_is_400(client, equal_formula):
    url = f"{BASE}/lines/youth-service/scenarios/compare"
    assert client.get(f"{url}?formula={equal_formula.pk}").json()["errors"]["scenarios"]
    assert client.get(url).status_code == 400


def test_adopting_publishes_and_the_allocation_explains_every_ward(
    post, client, finance, need_formula
):
    response = post(f"{BASE}/formulas/{need_formula.pk}/adopt", {"note": "Cabinet"}, finance)
    assert response.status_code == 201 and response.json()["version"] == 1
    allocation_id = response.json()["id"]
    detail = client.get(f"{BASE}/allocations/{allocation_id}").json()
    assert len(detail["districts"]) == 6
    ward = detail["wards"][0]
    assert sum(line["pence"] for line in ward["explanation"]) == ward["amount_pence"]
    listed = client.get(f"{BASE}/allocations?line=youth-service&kind=adopted").json()
    assert [a["id"] for a in listed] == [allocation_id]


def test_adopting_is_refused_to_a_councillor_and_unknown_formulas_are_404(
    post, councillor, finance, need_formula
):
    assert post(f"{BASE}/formulas/{need_formula.pk}/adopt", {}, councillor).status_code == 403
    assert post(f"{BASE}/formulas/999/adopt", {}, finance).status_code == 404
    assert not Allocation.objects.exists()


def test_saving_a_scenario(post, finance, councillor, equal_formula):
    assert post(f"{BASE}/formulas/{equal_formula.pk}/scenario", {}, councillor).status_code == 403
    response = post(f"{BASE}/formulas/{equal_formula.pk}/scenario", {}, finance)
    assert response.status_code == 201 and response.json()["kind"] == "scenario"


def test_an_unknown_allocation_is_404(client, places):
    assert client.get(f"{BASE}/allocations/42").status_code == 404
