"""The coopcouncil command: import/export through the CLI with clear errors."""

import json

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.places.logic.ward_csv import write_ward_rows
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import ward_rows_for_export

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_import_wards_updates_figures(places, tmp_path):
    rows = ward_rows_for_export()
    rows[0]["population"] = 4242
    path = tmp_path / "wards.csv"
    path.write_text(write_ward_rows(rows))
    result = runner.invoke(app, ["import-wards", str(path)])
    assert result.exit_code == 0, result.output
    assert Ward.objects.get(code=rows[0]["ward_code"]).population == 4242


def test_import_wards_with_bad_rows_exits_non_zero_and_writes_nothing(places, tmp_path):
    rows = ward_rows_for_export()
    rows[0]["population"] = 4242
    rows[1]["under16_share"] = "lots"
    path = tmp_path / "wards.csv"
    path.write_text(write_ward_rows(rows))
    result = runner.invoke(app, ["import-wards", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.output and "under16_share" in result.output
    assert Ward.objects.get(code=rows[0]["ward_code"]).population != 4242


def test_import_wards_missing_file_is_an_error(places, tmp_path):
    result = runner.invoke(app, ["import-wards", str(tmp_path / "none.csv")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_export_popolo_and_wards(places, tmp_path):
    out = tmp_path / "popolo.json"
    assert runner.invoke(app, ["export-popolo", "-o", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text())["posts"]) == 20
    result = runner.invoke(app, ["export-wards"])
    assert result.exit_code == 0 and "Coldhurst" in result.output
