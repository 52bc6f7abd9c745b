"""`coopcouncil budgets ...`: allocate prints the explanation; bad input exits 1 with the field."""

import json

import pytest
from typer.testing import CliRunner

from coopcouncil.budgets.models import SpendRecord, WardBudget
from coopcouncil.cli import app

runner = CliRunner()
pytestmark = pytest.mark.django_db

FORMULA = {
    "equal_share_percent": 33.33,
    "population_percent": 33.33,
    "need_percent": 33.34,
    "need_indicator": "imd_score",
    "ring_fence_percent": 10,
    "ring_fence_indicator": "unemployment_rate",
}


def _formula(tmp_path, values):
    path = tmp_path / "formula.json"
    path.write_text(json.dumps(values))
    return str(path)


def test_allocate_prints_each_district_and_its_terms_adding_up_to_the_line(line, tmp_path):
    result = runner.invoke(
        app, ["budgets", "allocate", "youth-service", "--formula", _formula(tmp_path, FORMULA)]
    )
    assert result.exit_code == 0, result.output
    assert "west-oldham:" in result.output and "Ring-fence" in result.output
    assert "Total allocated: £1,200,000.00" in result.output


def test_allocate_with_wards_explains_every_ward(line, tmp_path, ward):
    result = runner.invoke(
        app,
        ["budgets", "allocate", str(line.pk), "--formula", _formula(tmp_path, FORMULA), "--wards"],
    )
    assert result.exit_code == 0 and ward.code in result.output


def test_a_bad_formula_prints_the_field_and_exits_1(line, tmp_path):
    bad = _formula(tmp_path, {"equal_share_percent": 50})
    result = runner.invoke(app, ["budgets", "allocate", "youth-service", "--formula", bad])
    assert result.exit_code == 1 and "weights:" in result.output


def test_an_unknown_field_unknown_line_or_broken_json_exits_1(line, tmp_path):
    result = runner.invoke(
        app, ["budgets", "allocate", "youth-service", "--formula", _formula(tmp_path, {"x": 1})]
    )
    assert result.exit_code == 1 and "Unknown formula field(s): x" in result.output
    good = _formula(tmp_path, FORMULA)
    result = runner.invoke(app, ["budgets", "allocate", "nowhere", "--formula", good])
    assert result.exit_code == 1 and "There is no budget line 'nowhere'" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    result = runner.invoke(app, ["budgets", "allocate", "youth-service", "--formula", str(broken)])
    assert result.exit_code == 1 and "not valid JSON" in result.output


def test_import_spend_is_all_or_nothing(line, tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text(
        "date,district,line,amount_pounds,description,reference\n"
        "2026-05-01,west-oldham,youth-service,1500.00,Hall hire,INV-1\n"
        "2026-05-02,west-oldham,youth-service,,Missing,INV-2\n"
    )
    result = runner.invoke(app, ["budgets", "import-spend", str(path)])
    assert result.exit_code == 1 and "row 3" in result.output
    assert not SpendRecord.objects.exists()
    path.write_text(
        path.read_text().splitlines(keepends=True)[0]
        + path.read_text().splitlines(keepends=True)[1]
    )
    result = runner.invoke(app, ["budgets", "import-spend", str(path)])
    assert result.exit_code == 0 and "Imported 1 rows" in result.output


def test_open_ward_budgets_for_the_year(councillor):
    result = runner.invoke(app, ["budgets", "open-ward-budgets", "2026/27"])
    assert result.exit_code == 0 and WardBudget.objects.count() == 1
    assert runner.invoke(app, ["budgets", "open-ward-budgets", "2026"]).exit_code == 1


def test_sync_commitments_commits_approved_ward_allocations_once(
    line, ward_budget, councillor, district_team
):
    from coopcouncil.budgets.models import Commitment
    from coopcouncil.budgets.services import ward_allocation_decide, ward_budget_allocate

    allocation = ward_budget_allocate(
        actor=councillor,
        ward_budget=ward_budget,
        amount_pence=30_000,
        purpose="Bins",
        recipient_project="New bins",
    )
    ward_allocation_decide(actor=district_team, allocation=allocation, is_approved=True)
    command = ["budgets", "sync-commitments", "2026/27", "--ward-allocation-line", "youth-service"]
    first = runner.invoke(app, command)
    assert first.exit_code == 0, first.output
    assert "Created 1 commitments" in first.output
    assert "Created 0 commitments" in runner.invoke(app, command).output
    assert Commitment.objects.get().ward_allocation == allocation


def test_sync_commitments_with_a_bad_year_exits_1_naming_the_field(places):
    result = runner.invoke(app, ["budgets", "sync-commitments", "2026"])
    assert result.exit_code == 1 and "financial_year" in result.output
