"""Lines devolved on to wards: ward shares are published, and monitored ward by ward from
commitments and spend that name a ward (nothing is shared out by guesswork)."""

import json

import pytest

from coopcouncil.budgets.models import AllocationRow, SpendRecord
from coopcouncil.budgets.selectors import monitoring_report, ward_allocation_rows
from coopcouncil.budgets.services import (
    allocation_adopt,
    budget_line_devolve_to_wards,
    commitment_record,
    spend_import,
)
from coopcouncil.core.errors import DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent

HEADER = "date,district,line,amount_pounds,description,reference,ward\n"


@pytest.fixture
def devolved(finance, equal_formula):
    allocation = allocation_adopt(actor=finance, formula=equal_formula)
    line = budget_line_devolve_to_wards(actor=finance, line=equal_formula.line)
    return line, allocation


def _share(allocation, ward) -> int:
    return AllocationRow.objects.get(allocation=allocation, ward=ward).amount_pence


def test_devolving_a_line_to_wards_is_audited_once(finance, devolved):
    line, _ = devolved
    assert line.is_devolved_to_wards
    budget_line_devolve_to_wards(actor=finance, line=line)
    assert AuditEvent.objects.filter(action="budgets.line_devolution_changed").count() == 1


def test_only_finance_says_a_line_is_devolved_to_wards(councillor, line):
    with pytest.raises(NotAllowed):
        budget_line_devolve_to_wards(actor=councillor, line=line)


def test_ward_shares_are_listed_only_for_lines_devolved_to_wards(finance, equal_formula, ward):
    allocation_adopt(actor=finance, formula=equal_formula)
    assert ward_allocation_rows(ward=ward) == []
    budget_line_devolve_to_wards(actor=finance, line=equal_formula.line)
    (row,) = ward_allocation_rows(ward=ward)
    assert row.ward == ward and row.amount_pence > 0


def test_monitoring_breaks_a_devolved_line_down_by_ward_from_named_money(
    finance, devolved, ward, other_ward
):
    line, allocation = devolved
    spend_import(
        actor=finance,
        text=HEADER + f"2026-05-01,{ward.district.slug},{line.slug},100.00,Hall,A,{ward.slug}\n"
        f"2026-05-02,{ward.district.slug},{line.slug},50.00,District-wide,B,\n",
    )
    commitment_record(
        actor=finance, district=ward.district, line=line, amount_pence=2_000,
        description="Benches", committed_on=allocation.published_at.date(), ward=ward,
    )  # fmt: skip
    report = monitoring_report(financial_year="2026/27")
    wards = {row["ward"]: row for row in report.ward_rows()}
    assert wards[ward.slug]["budget_pence"] == _share(allocation, ward)
    assert (wards[ward.slug]["commitments_pence"], wards[ward.slug]["actual_pence"]) == (
        2_000,
        10_000,
    )
    assert wards[other_ward.slug]["actual_pence"] == 0  # district-wide spend is not shared out
    district = next(row for row in report.rows() if row["district"] == ward.district.slug)
    assert district["actual_pence"] == 15_000 and district["commitments_pence"] == 2_000
    assert (
        len(wards)
        == AllocationRow.objects.filter(allocation=allocation, ward__isnull=False).count()
    )


def test_a_line_not_devolved_to_wards_has_no_ward_breakdown(finance, equal_formula):
    allocation_adopt(actor=finance, formula=equal_formula)
    assert monitoring_report(financial_year="2026/27").ward_rows() == []


def test_a_spend_row_naming_a_ward_outside_its_district_is_refused(finance, line, other_ward):
    text = HEADER + f"2026-05-01,west-oldham,{line.slug},1.00,X,Y,{other_ward.slug}\n"
    bad = HEADER + f"2026-05-01,west-oldham,{line.slug},1.00,X,Y,atlantis\n"
    for body, message in ((text, "is not in district"), (bad, "Unknown ward")):
        with pytest.raises(RowErrors) as raised:
            spend_import(actor=finance, text=body)
        assert message in raised.value.errors["row 2"][0]
    assert not SpendRecord.objects.exists()


def test_a_commitment_naming_a_ward_of_another_district_is_refused(finance, line, ward, other_ward):
    with pytest.raises(DomainError) as raised:
        commitment_record(
            actor=finance, district=ward.district, line=line, amount_pence=100,
            description="X", committed_on=line.created_at.date(), ward=other_ward,
        )  # fmt: skip
    assert (raised.value.code, raised.value.field) == ("ward_other_district", "ward")


def test_ward_breakdown_is_in_the_csv_and_json_exports(client, finance, devolved, ward):
    line, allocation = devolved
    csv = client.get("/budgets/monitoring/export.csv?year=2026/27").content.decode()
    assert csv.splitlines()[0] == "district,line,ward,budget,commitments,actual,variance,percent"
    assert f"{ward.district.slug},{line.slug},{ward.slug}," in csv
    body = client.get("/api/v1/budgets/monitoring?financial_year=2026/27").json()
    coldhurst = next(row for row in body["wards"] if row["ward"] == ward.slug)
    assert coldhurst["budget_pence"] == _share(allocation, ward)
    exported = client.get("/budgets/monitoring/export.json?year=2026/27").json()
    assert exported["wards"] == body["wards"]


def test_pages_show_each_wards_share_of_a_devolved_line(client, devolved, ward):
    _, allocation = devolved
    share = f"£{_share(allocation, ward) / 100:,.2f}"
    district = client.get(f"/districts/{ward.district.slug}/").content.decode()
    assert "Lines devolved on to wards" in district and share in district
    page = client.get(f"/budgets/ward-budgets/?ward={ward.slug}").content.decode()
    assert f"{ward.name}'s share of service budgets" in page and share in page
    monitoring = client.get("/budgets/monitoring/").content.decode()
    assert "Ward breakdown of lines devolved on to wards" in monitoring


def test_the_finance_officer_ticks_devolved_to_wards_on_the_line_page(client, finance, line):
    client.force_login(finance)
    response = client.post(f"/budgets/lines/{line.slug}/wards/", {"is_devolved_to_wards": "on"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.is_devolved_to_wards
    client.post(f"/budgets/lines/{line.slug}/wards/", {})
    line.refresh_from_db()
    assert not line.is_devolved_to_wards


def test_the_api_sets_ward_devolution_for_finance_only(client, finance, councillor, line):
    url = f"/api/v1/budgets/lines/{line.slug}/ward-devolution"

    def post(url, body, user):
        client.force_login(user)
        return client.post(url, json.dumps(body), content_type="application/json")

    assert post(url, {"is_devolved_to_wards": True}, councillor).status_code == 403
    assert post(url, {"is_devolved_to_wards": "maybe"}, finance).status_code == 400
    response = post(url, {"is_devolved_to_wards": True}, finance)
    assert response.status_code == 200 and response.json()["is_devolved_to_wards"] is True


def test_the_commitment_form_names_a_ward_and_refuses_one_of_another_district(
    client, finance, line, ward, other_ward
):
    client.force_login(finance)
    data = {
        "district": ward.district.pk,
        "line": line.pk,
        "amount_pence": "250",
        "description": "Benches",
        "committed_on": "2026-05-01",
        "ward": other_ward.pk,
    }
    response = client.post("/budgets/monitoring/commitments/new/", data)
    assert response.status_code == 400 and "ward is not in" in response.content.decode()
    assert (
        client.post("/budgets/monitoring/commitments/new/", {**data, "ward": ward.pk}).status_code
        == 302
    )
    assert line.commitments.get().ward == ward
