"""API for commitments, spend imports and the monitoring report."""

from coopcouncil.budgets.models import SpendRecord
from coopcouncil.budgets.services import allocation_adopt

BASE = "/api/v1/budgets"
CSV = (
    "date,district,line,amount_pounds,description,reference\n"
    "2026-05-01,west-oldham,youth-service,1500.00,Hall hire,INV-1\n"
)
COMMITMENT = {
    "district": "west-oldham",
    "line": "youth-service",
    "amount_pence": 50_000,
    "description": "Summer scheme",
    "committed_on": "2026-05-01",
}


def test_the_district_team_records_a_commitment(post, client, district_team, line):
    response = post(f"{BASE}/commitments", COMMITMENT, district_team)
    assert response.status_code == 201 and response.json()["district"] == "west-oldham"
    assert len(client.get(f"{BASE}/commitments?district=west-oldham").json()) == 1


def test_a_commitment_is_refused_outside_the_team_and_checked(post, councillor, finance, line):
    assert post(f"{BASE}/commitments", COMMITMENT, councillor).status_code == 403
    response = post(f"{BASE}/commitments", {**COMMITMENT, "amount_pence": -5}, finance)
    assert response.status_code == 400 and "amount_pence" in response.json()["errors"]
    response = post(f"{BASE}/commitments", {**COMMITMENT, "committed_on": "soon"}, finance)
    assert response.status_code == 400 and "committed_on" in response.json()["errors"]
    response = post(f"{BASE}/commitments", {**COMMITMENT, "decision_id": 99}, finance)
    assert response.status_code == 404 and "decision_id" in response.json()["errors"]


def test_spend_is_imported_whole_and_a_bad_file_is_400_with_row_errors(post, finance, line):
    assert post(f"{BASE}/spend/import", {"csv": CSV}, finance).status_code == 201
    bad = CSV + "2026-05-02,west-oldham,youth-service,12.345,Typo,X\n"
    response = post(f"{BASE}/spend/import", {"csv": bad}, finance)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "row 3": ["amount_pounds: '12.345' has more than two decimal places"]
    }
    assert SpendRecord.objects.count() == 1


def test_spend_import_is_for_finance(post, councillor, line):
    assert post(f"{BASE}/spend/import", {"csv": CSV}, councillor).status_code == 403
    assert post(f"{BASE}/spend/import", {}, councillor).status_code == 400


def test_the_monitoring_report_as_json_and_csv(post, client, finance, need_formula):
    allocation_adopt(actor=finance, formula=need_formula)
    post(f"{BASE}/spend/import", {"csv": CSV}, finance)
    body = client.get(f"{BASE}/monitoring?financial_year=2026/27").json()
    west = next(row for row in body["variances"] if row["district"] == "west-oldham")
    assert west["actual_pence"] == 150_000
    assert west["variance_pence"] == west["budget_pence"] - 150_000
    assert body["quarters"] == [
        {"quarter": "2026/27 Q1", "district": "west-oldham", "line": "youth-service",
         "actual_pence": 150_000}
    ]  # fmt: skip
    csv = client.get(f"{BASE}/monitoring.csv?financial_year=2026/27")
    assert csv["Content-Type"] == "text/csv"
    assert "west-oldham,youth-service" in csv.content.decode()


def test_spend_is_imported_from_an_uploaded_file(client, finance, councillor, line):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"{BASE}/spend/import/file"
    client.force_login(councillor)
    response = client.post(url, {"file": SimpleUploadedFile("s.csv", CSV.encode())})
    assert response.status_code == 403
    client.force_login(finance)
    response = client.post(url, {"file": SimpleUploadedFile("spend.csv", CSV.encode())})
    assert response.status_code == 201
    assert response.json()["file_name"] == "spend.csv" and response.json()["row_count"] == 1
    again = client.post(url, {"file": SimpleUploadedFile("spend.csv", CSV.encode())})
    assert again.status_code == 201 and again.json()["id"] == response.json()["id"]
    assert SpendRecord.objects.count() == 1


def test_a_bad_uploaded_file_is_400_with_field_errors(client, finance, line):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"{BASE}/spend/import/file"
    client.force_login(finance)
    response = client.post(url, {})
    assert response.status_code == 400 and "file" in response.json()["errors"]
    latin1 = SimpleUploadedFile(
        "s.csv", (CSV + "2026-05-02,west-oldham,youth-service,1,Café,X\n").encode("latin-1")
    )
    response = client.post(url, {"file": latin1})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "file": ["The file is not UTF-8 text; save it as CSV UTF-8."]
    }
    bad = SimpleUploadedFile("s.csv", (CSV + "2026-05-02,atlantis,youth-service,1,X,Y\n").encode())
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert response.json()["errors"] == {"row 3": ["district: Unknown district 'atlantis'"]}
    assert not SpendRecord.objects.exists()


def test_a_financial_year_not_written_like_2026_27_is_a_404_with_field(client, db):
    response = client.get("/api/v1/budgets/monitoring.csv?financial_year=%F1%8F%BF%A1%C2%9C")
    assert response.status_code == 404
    assert "financial_year" in response.json()["errors"]
    assert client.get("/budgets/monitoring/export.csv?year=nonsense").status_code == 404
