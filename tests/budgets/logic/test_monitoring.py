"""Budget monitoring: financial quarters, variance, and the actual-spend CSV parser."""

from datetime import date
from decimal import Decimal

import pytest

from coopcouncil.budgets.logic.monitoring import (
    BudgetPosition,
    FinancialQuarter,
    RowError,
    SpendRow,
    budget_variances,
    financial_quarter,
    financial_year_label,
    parse_actual_spend_csv,
    spend_by_quarter,
)

DISTRICTS = {"north", "south"}
LINES = {"youth", "parks"}
HEADER = "date,district,line,amount_pounds,description,reference\n"


def parse(body, header=HEADER):
    return parse_actual_spend_csv(header + body, known_districts=DISTRICTS, known_lines=LINES)


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 4, 1), "2026/27 Q1"),
        (date(2026, 6, 30), "2026/27 Q1"),
        (date(2026, 7, 1), "2026/27 Q2"),
        (date(2026, 12, 31), "2026/27 Q3"),
        (date(2027, 1, 1), "2026/27 Q4"),
        (date(2027, 3, 31), "2026/27 Q4"),
        (date(2000, 2, 29), "1999/00 Q4"),
    ],
)
def test_uk_financial_year_starts_on_1_april(day, label):
    assert financial_quarter(day).label == label


def test_financial_year_label_reads_like_a_council_report():
    assert financial_year_label(date(2026, 5, 1)) == "2026/27"


def test_clean_file_parses_every_row_in_pence():
    result = parse(
        "2026-04-30,north,youth,1234.56,Youth club rent,INV-1\n"
        '30/04/2026,south,parks,"£1,000",Benches,INV-2\n'
        "2026-05-01,south,parks,-20.5,Refund,CR-1\n"
    )
    assert result.is_clean
    assert [row.amount_pence for row in result.rows] == [123_456, 100_000, -2_050]
    assert result.rows[1].spent_on == date(2026, 4, 30)
    assert result.rows[0].row_number == 2


def test_every_error_in_the_file_is_returned_with_row_and_field():
    result = parse(
        "2026-04-31,east,youth,12.345,Bad,R1\n"
        "2026-04-30,north,allotments,abc,Bad,R2\n"
        "\n"
        "2026-04-30,north,youth,10,Fine,R3\n"
        "yesterday,south,parks,,Bad,R4\n"
    )
    assert [row.reference for row in result.rows] == ["R3"]
    assert [(e.row_number, e.field) for e in result.errors] == [
        (2, "date"),
        (2, "district"),
        (2, "amount_pounds"),
        (3, "line"),
        (3, "amount_pounds"),
        (6, "date"),
        (6, "amount_pounds"),
    ]
    messages = {(e.row_number, e.field): e.message for e in result.errors}
    assert "not a real date" in messages[(2, "date")]
    assert "Unknown district 'east'" in messages[(2, "district")]
    assert "more than two decimal places" in messages[(2, "amount_pounds")]
    assert "Unknown budget line 'allotments'" in messages[(3, "line")]
    assert messages[(6, "amount_pounds")] == "Missing"


@pytest.mark.parametrize("amount", ["1e3", "NaN", "12.3.4", '"1,00"', "£", "Infinity", "1 000"])
def test_amount_must_be_plain_pounds_and_pence(amount):
    result = parse(f"2026-04-30,north,youth,{amount},x,R\n")
    assert [e.field for e in result.errors] == ["amount_pounds"]


@pytest.mark.parametrize("text", ["20260430", "2026-W18-4", "30/4/2026", "2026-13-01"])
def test_dates_must_be_iso_or_uk_day_month_year(text):
    result = parse(f"{text},north,youth,1,x,R\n")
    assert [e.field for e in result.errors] == ["date"]


def test_missing_header_columns_are_one_error_on_row_1():
    result = parse("2026-04-30,north,youth,1\n", header="date,district,line,amount\n")
    assert result.rows == ()
    assert result.errors == (
        RowError(1, "header", "The header row is missing: amount_pounds, description, reference"),
    )


def test_header_may_come_in_any_order_and_case_with_a_spreadsheet_bom():
    text = (
        "\ufeffReference,Amount_Pounds,Line,District,Date,Description\n"
        "R9,5,parks,north,2026-04-30,x\n"
    )
    result = parse_actual_spend_csv(text, known_districts=DISTRICTS, known_lines=LINES)
    assert result.is_clean
    assert result.rows[0].reference == "R9"
    assert result.rows[0].amount_pence == 500


def test_row_with_too_many_cells_is_an_error():
    result = parse("2026-04-30,north,youth,1,x,R,extra\n")
    assert [(e.row_number, e.field) for e in result.errors] == [(2, "row")]


def test_empty_file_reports_the_missing_header():
    assert parse("", header="").errors[0].field == "header"


def spend(day, district, line, pence):
    return SpendRow(0, day, district, line, pence, "", "")


def test_variance_is_budget_less_commitments_less_actual():
    variances = budget_variances(
        positions=[
            BudgetPosition("north", "youth", budget_pence=100_000, commitments_pence=30_000)
        ],
        spend=[
            spend(date(2026, 4, 2), "north", "youth", 50_000),
            spend(date(2026, 7, 2), "north", "youth", 5_000),
        ],
    )
    (variance,) = variances
    assert (variance.actual_pence, variance.variance_pence) == (55_000, 15_000)
    assert variance.variance_percent == Decimal("15.0")
    assert not variance.is_overspent


def test_spend_with_no_budget_shows_as_an_overspend_with_no_percent():
    (variance,) = budget_variances(
        positions=[], spend=[spend(date(2026, 4, 2), "south", "parks", 1_000)]
    )
    assert variance.budget_pence == 0
    assert variance.variance_pence == -1_000
    assert variance.variance_percent is None
    assert variance.is_overspent


def test_variances_are_listed_by_district_then_line():
    variances = budget_variances(
        positions=[
            BudgetPosition("south", "youth", 1),
            BudgetPosition("north", "youth", 1),
            BudgetPosition("north", "parks", 1),
        ],
        spend=[],
    )
    assert [(v.district_code, v.line_code) for v in variances] == [
        ("north", "parks"),
        ("north", "youth"),
        ("south", "youth"),
    ]


def test_spend_is_bucketed_by_financial_quarter():
    quarters = spend_by_quarter(
        [
            spend(date(2027, 1, 5), "north", "youth", 7),
            spend(date(2026, 4, 1), "north", "youth", 1),
            spend(date(2026, 6, 30), "north", "youth", 2),
            spend(date(2026, 3, 31), "north", "youth", 4),
        ]
    )
    assert [(q.quarter.label, q.actual_pence) for q in quarters] == [
        ("2025/26 Q4", 4),
        ("2026/27 Q1", 3),
        ("2026/27 Q4", 7),
    ]
    assert quarters[0].quarter == FinancialQuarter(2025, 4)
