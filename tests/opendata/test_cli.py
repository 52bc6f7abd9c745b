"""`coopcouncil open-data export DIR` writes every download of every dataset."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.opendata.catalogue import DATASETS

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_export_writes_one_file_for_every_download_of_every_dataset(places, tmp_path):
    result = runner.invoke(app, ["open-data", "export", str(tmp_path / "open")])
    assert result.exit_code == 0, result.output
    expected = {d.file_name(download) for d in DATASETS for download in d.downloads}
    assert {path.name for path in (tmp_path / "open").iterdir()} == expected
    header = (tmp_path / "open" / "wards.csv").read_text().splitlines()[0]
    assert header.startswith("ward_code,")


def test_export_into_a_file_instead_of_a_folder_exits_1(places, tmp_path):
    target = tmp_path / "taken"
    target.write_text("")
    result = runner.invoke(app, ["open-data", "export", str(target)])
    assert result.exit_code == 1
    assert "not a folder" in result.output


def test_every_dataset_opendata_serves_from_its_rows_offers_csv_and_json():
    for dataset in DATASETS:
        formats = {download.format.split(" ")[0] for download in dataset.downloads}
        assert "CSV" in formats, dataset.slug
        if dataset.rows is not None:
            assert "JSON" in formats, dataset.slug
