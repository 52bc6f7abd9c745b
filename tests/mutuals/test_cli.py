"""`coopcouncil elections count` and `coopcouncil mutuals import-members|recheck`."""

import json

from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.mutuals.models import Member

runner = CliRunner()

BLT = '4 2\n6 1 2 0\n5 3 0\n2 4 3 0\n0\n"Ann" "Ben" "Cat" "Dan"\n"Assembly"\n'


def _file(tmp_path, text, name="ballots.blt"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_count_prints_the_quota_every_stage_and_the_winners(tmp_path):
    result = runner.invoke(app, ["elections", "count", _file(tmp_path, BLT)])
    assert result.exit_code == 0, result.output
    assert "quota: 5.00000" in result.output
    assert "Stage 1: First preferences counted; elected: Ann, Cat" in result.output
    assert result.output.strip().endswith("Elected: Ann, Cat")


def test_count_as_json_with_each_rule(tmp_path):
    for rule in ("scottish", "meek", "plurality"):
        result = runner.invoke(
            app, ["elections", "count", _file(tmp_path, BLT), "--rule", rule, "--json"]
        )
        assert result.exit_code == 0, result.output
        document = json.loads(result.output)
        assert document["rule"] == rule and document["title"] == "Assembly"
        assert document["elected"] == ["Ann", "Cat"]


def test_count_refuses_a_bad_file_with_its_line_and_an_unknown_rule(tmp_path):
    bad = runner.invoke(app, ["elections", "count", _file(tmp_path, BLT.replace("5 3 0", "5 7 0"))])
    assert bad.exit_code == 1 and "line 3" in bad.output
    unknown = runner.invoke(app, ["elections", "count", _file(tmp_path, BLT), "--rule", "borda"])
    assert unknown.exit_code == 1 and "Unknown rule" in unknown.output
    missing = runner.invoke(app, ["elections", "count", str(tmp_path / "none.blt")])
    assert missing.exit_code == 1


def test_count_of_a_real_scottish_ward_elects_the_reference_winners(shared):
    reference = json.loads((shared / "stv" / "reference.json").read_text())
    name = "aberdeen_2012_ward1.blt"
    result = runner.invoke(
        app, ["elections", "count", str(shared / "stv" / "elections" / name), "--json"]
    )
    document = json.loads(result.output)
    assert len(document["elected"]) == reference[name]["seats"]


def test_import_members_is_all_or_nothing(tmp_path, mutual, classes, make_user):
    person = make_user()
    good = f"mutual,email,classes\n{mutual.slug},{person.email},Individuals\n"
    bad = runner.invoke(
        app,
        [
            "mutuals",
            "import-members",
            _file(tmp_path, good + f"{mutual.slug},x@y.invalid,Individuals\n", "m.csv"),
        ],
    )
    assert bad.exit_code == 1 and "row 3" in bad.output
    assert Member.objects.count() == 0
    ok = runner.invoke(app, ["mutuals", "import-members", _file(tmp_path, good, "m.csv")])
    assert ok.exit_code == 0 and "Imported 1 member." in ok.output


def test_recheck_reports_the_classes_lapsed(db):
    result = runner.invoke(app, ["mutuals", "recheck"])
    assert result.exit_code == 0, (
        result.output,
        result.exception,
    ) and "0 classes lapsed." in result.output
