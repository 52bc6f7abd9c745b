"""`coopcouncil pb`: count without the database, import, export and recount."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.participation.models import PBProcess

runner = CliRunner()
ELECTION = (
    "META\nkey;value\nbudget;10\nvote_type;approval\nrule;greedy\nPROJECTS\n"
    "project_id;cost;name\na;6;Alpha\nb;5;Beta\nc;4;Gamma\nVOTES\nvoter_id;vote\n1;a,b\n2;a\n3;c\n"
)


@pytest.fixture
def pb_file(tmp_path):
    path = tmp_path / "election.pb"
    path.write_text(ELECTION, encoding="utf-8")
    return path


def test_count_prints_winners_as_json_without_the_database(pb_file):
    # No django_db mark: pytest-django refuses any query, so this proves the DB is untouched.
    result = runner.invoke(app, ["pb", "count", str(pb_file), "--rule", "greedy-cost"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["winners"] == ["a", "c"]


def test_count_refuses_an_unknown_rule_and_a_bad_file(pb_file, tmp_path):
    unknown = runner.invoke(app, ["pb", "count", str(pb_file), "--rule", "coin-toss"])
    assert unknown.exit_code == 1
    assert "unknown rule" in unknown.stderr
    bad = tmp_path / "bad.pb"
    bad.write_text(ELECTION.replace("c;4;Gamma", "c;four;Gamma"), encoding="utf-8")
    refused = runner.invoke(app, ["pb", "count", str(bad)])
    assert refused.exit_code == 1
    assert "line 10" in refused.stderr
    missing = runner.invoke(app, ["pb", "count", str(tmp_path / "nope.pb")])
    assert missing.exit_code == 1


@pytest.mark.django_db
def test_import_export_and_results(pb_file, tmp_path, places):
    imported = runner.invoke(app, ["pb", "import", str(pb_file), "--district", "west-oldham"])
    assert imported.exit_code == 0, imported.output
    process = PBProcess.objects.get()
    assert process.district.slug == "west-oldham"
    out = tmp_path / "out.pb"
    exported = runner.invoke(app, ["pb", "export", str(process.pk), "-o", str(out)])
    assert exported.exit_code == 0
    assert out.read_text(encoding="utf-8") == ELECTION
    recount = runner.invoke(app, ["pb", "results", str(process.pk)])
    assert recount.exit_code == 0
    assert json.loads(recount.stdout)["winners"] == process.results.get().winners == ["a", "c"]


@pytest.mark.django_db
def test_bad_import_and_unknown_process_exit_non_zero(tmp_path, places):
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\nbudget;x\n", encoding="utf-8")
    refused = runner.invoke(app, ["pb", "import", str(bad)])
    assert refused.exit_code == 1
    assert "line 3" in refused.stderr
    assert not PBProcess.objects.exists()
    assert runner.invoke(app, ["pb", "export", "99"]).exit_code == 1
    assert runner.invoke(app, ["pb", "results", "99"]).exit_code == 1
    assert runner.invoke(app, ["pb", "import", str(bad), "--district", "atlantis"]).exit_code == 1
