"""Reading a measurements file: every problem with its row; progress towards a target."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.insight.logic.outcomes import measurement_file_read, progress_to_target

KNOWN = {"geographies": {"fly": "district", "vol": "borough"}, "districts": {"north"}}


def _read(body: str):
    return measurement_file_read("indicator,period,district,value\n" + body, **KNOWN)


def test_a_wrong_header_is_one_problem_on_row_1():
    result = measurement_file_read("code,when,value\n", **KNOWN)
    assert [(p.line, p.field) for p in result.problems] == [(1, "header")]


def test_a_district_indicator_needs_a_district_and_a_borough_one_refuses_it():
    result = _read("fly,2026-01,,3\nvol,2026-01,north,3\n")
    assert [(p.line, p.field) for p in result.problems] == [(2, "district"), (3, "district")]


def test_the_same_period_twice_is_refused_on_the_second_row():
    result = _read("fly,2026-01,north,3\nfly,2026-01-01,north,4\n")
    assert [(p.line, p.field) for p in result.problems] == [(3, "period")]


def test_a_month_is_read_as_its_first_day():
    assert _read("vol,2026-02,,17.5\n").rows[0].period == date(2026, 2, 1)


def test_an_empty_file_is_a_problem_not_a_silent_success():
    assert _read("").problems[0].field == "file"


@given(st.text(max_size=12))
def test_any_value_text_is_either_a_number_or_a_problem_never_an_exception(text):
    result = _read(f"vol,2026-01,,{text.replace(',', '').replace(chr(10), '')}\n")
    assert len(result.rows) + len({p.line for p in result.problems}) >= 1


def test_halfway_from_baseline_to_target_is_50_percent_of_the_way():
    progress = progress_to_target(
        baseline=Decimal(10), target=Decimal(20), latest=Decimal(15), is_higher_better=True
    )
    assert (progress.percent_of_way, progress.is_met) == (50, False)


def test_falling_to_a_lower_is_better_target_meets_it():
    progress = progress_to_target(
        baseline=Decimal(9), target=Decimal(5), latest=Decimal(5), is_higher_better=False
    )
    assert (progress.percent_of_way, progress.is_met) == (100, True)
