"""``coopcouncil procurement export-ocds DIR`` writes both packages; a file as DIR is refused."""

import json

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app

pytestmark = pytest.mark.django_db


def test_export_ocds_writes_the_release_and_record_packages(awarded, tmp_path):
    result = CliRunner().invoke(app, ["procurement", "export-ocds", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    releases = json.loads((tmp_path / "out" / "release-package.json").read_text())
    records = json.loads((tmp_path / "out" / "record-package.json").read_text())
    assert len(releases["releases"]) == 4 and len(records["records"]) == 1


def test_export_ocds_into_a_file_fails_with_a_message(tmp_path):
    target = tmp_path / "taken"
    target.write_text("")
    result = CliRunner().invoke(app, ["procurement", "export-ocds", str(target)])
    assert result.exit_code == 1
    assert "is a file" in result.output
