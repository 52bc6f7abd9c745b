"""`coopcouncil grants ...`: export the awards as 360Giving; import scores all or nothing."""

from __future__ import annotations

import json
from dataclasses import astuple

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.grants import selectors
from coopcouncil.grants.models import Score, WardTally

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_export_writes_the_360giving_json_to_a_file(awarded, tmp_path):
    path = tmp_path / "grants.json"
    result = runner.invoke(app, ["grants", "export-360giving", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text())["grants"][0]["title"] == awarded.title


def test_export_as_csv_goes_to_stdout(awarded):
    result = runner.invoke(app, ["grants", "export-360giving", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("id,title,description")
    assert awarded.title in result.output


def test_export_as_xlsx_needs_a_file(db):
    result = runner.invoke(app, ["grants", "export-360giving", "--format", "xlsx"])
    assert result.exit_code == 1
    assert "-o" in result.output


def test_an_unknown_format_is_refused(db):
    result = runner.invoke(app, ["grants", "export-360giving", "--format", "pdf"])
    assert result.exit_code == 1


def test_import_scores_writes_every_row(make_application, assessors, tmp_path):
    application = make_application()
    path = tmp_path / "scores.csv"
    rows = ["application_id,assessor_email,criterion,score,comment"]
    for assessor in assessors:
        for criterion in application.round.criteria.all():
            rows.append(f"{application.pk},{assessor.email},{criterion.name},7,Fine")
    path.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["grants", "import-scores", str(path)])
    assert result.exit_code == 0, result.output
    assert Score.objects.count() == 6


def test_import_scores_with_a_bad_row_writes_nothing_and_names_the_row(
    make_application, assessors, tmp_path
):
    application = make_application()
    path = tmp_path / "scores.csv"
    path.write_text(
        "application_id,assessor_email,criterion,score\n"
        f"{application.pk},{assessors[0].email},Co-operative values,7\n"
        f"{application.pk},{assessors[1].email},Co-operative values,eleven\n"
    )
    result = runner.invoke(app, ["grants", "import-scores", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.output
    assert not Score.objects.exists()


def test_import_scores_of_a_missing_file_exits_1(db, tmp_path):
    result = runner.invoke(app, ["grants", "import-scores", str(tmp_path / "none.csv")])
    assert result.exit_code == 1


def test_rebuild_totals_recounts_the_dashboard_after_a_bulk_load(awarded, fund):
    """``coopcouncil grants rebuild-totals`` restores totals a bulk load left behind."""
    before = selectors.dashboard(fund=fund)
    WardTally.objects.all().delete()
    assert selectors.dashboard(fund=fund).awarded == 0
    result = runner.invoke(app, ["grants", "rebuild-totals"])
    assert result.exit_code == 0, result.output
    assert "Recounted" in result.output
    assert astuple(selectors.dashboard(fund=fund)) == astuple(before)
