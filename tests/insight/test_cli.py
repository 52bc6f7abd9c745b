"""`coopcouncil insight ...`: measurements load all or nothing; counts run from the CLI."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.insight.models import Measurement, ParticipationFigure

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_import_measurements_loads_a_good_file(ward, make_indicator, tmp_path):
    make_indicator("taking-part", "district")
    path = tmp_path / "m.csv"
    path.write_text(
        f"indicator,period,district,value\ntaking-part,2026-01,{ward.district.slug},4\n"
    )
    result = runner.invoke(app, ["insight", "import-measurements", str(path)])
    assert result.exit_code == 0, result.output
    assert Measurement.objects.count() == 1


def test_import_measurements_with_a_bad_row_exits_1_naming_it_and_loads_nothing(
    ward, make_indicator, tmp_path
):
    make_indicator("taking-part", "district")
    path = tmp_path / "m.csv"
    path.write_text(
        "indicator,period,district,value\n"
        f"taking-part,2026-01,{ward.district.slug},4\n"
        f"taking-part,2026-02,{ward.district.slug},four\n"
    )
    result = runner.invoke(app, ["insight", "import-measurements", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.output and "value" in result.output
    assert not Measurement.objects.exists()


def test_import_measurements_of_a_missing_file_exits_1(places, tmp_path):
    result = runner.invoke(app, ["insight", "import-measurements", str(tmp_path / "none.csv")])
    assert result.exit_code == 1


def test_refresh_participation_writes_the_snapshot(ward, make_resident, take_part):
    from django.utils import timezone

    take_part(make_resident(ward), "questions", timezone.now())
    result = runner.invoke(app, ["insight", "refresh-participation"])
    assert result.exit_code == 0, result.output
    assert ParticipationFigure.objects.filter(is_window=True, role="any").exists()


def test_compute_standards_refuses_a_malformed_month(places):
    result = runner.invoke(app, ["insight", "compute-standards", "--month", "May"])
    assert result.exit_code == 1
