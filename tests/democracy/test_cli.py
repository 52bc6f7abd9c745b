"""`coopcouncil meetings ical` and `coopcouncil llp eligibility`."""

import json

import icalendar
import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_meetings_ical_prints_a_valid_calendar(partnership, make_meeting):
    make_meeting(title="Winter partnership")
    result = runner.invoke(app, ["meetings", "ical", partnership.district.slug])
    assert result.exit_code == 0, result.output
    events = icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Winter partnership"]


def test_meetings_ical_unknown_district_exits_one_with_a_message(places):
    result = runner.invoke(app, ["meetings", "ical", "atlantis"])
    assert result.exit_code == 1
    assert "no district 'atlantis'" in result.output


def test_llp_eligibility_table_and_json(councillor, attend):
    attend(councillor, 1)
    table = runner.invoke(app, ["llp", "eligibility"])
    assert table.exit_code == 0 and "Cllr Ann Ward" in table.stdout and "no" in table.stdout
    rows = json.loads(runner.invoke(app, ["llp", "eligibility", "--json"]).stdout)
    assert rows[0]["modules_attended"] == 1 and rows[0]["is_eligible"] is False


def test_llp_eligibility_says_which_rule_applied(councillor, attend):
    attend(councillor, 1, 2, 3)
    table = runner.invoke(app, ["llp", "eligibility"])
    assert table.exit_code == 0
    assert "Rule applied" in table.stdout
    assert (
        "Local Leaders Programme 2026: 3 of 6 modules held so far attended (50 %)" in table.stdout
    )
    (row,) = json.loads(runner.invoke(app, ["llp", "eligibility", "--json"]).stdout)
    assert (row["basis"], row["modules_held"]) == ("held_so_far", 6)
