"""Spend rows may give the ledger's cost-centre code; an unmapped code stops its row."""

from coopcouncil.budgets.logic.monitoring import CostCentreCodes, parse_actual_spend_csv

DISTRICTS = {"oldham-west", "saddleworth"}
LINES = {"youth-service"}
WARDS = {"coldhurst": "oldham-west", "saddleworth-south": "saddleworth"}
CENTRES = {
    "CC4410": CostCentreCodes("oldham-west", "youth-service"),
    "CC4411": CostCentreCodes("oldham-west", "youth-service", "coldhurst"),
}


def _parse(text: str):
    return parse_actual_spend_csv(
        text,
        known_districts=DISTRICTS,
        known_lines=LINES,
        known_wards=WARDS,
        cost_centres=CENTRES,
    )


def test_a_file_of_ledger_codes_needs_no_district_or_line_columns():
    result = _parse(
        "date,cost_centre,amount_pounds,description,reference\n"
        "2026-05-01,CC4410,100.00,Hall hire,INV-1\n"
        "2026-05-02,CC4411,25.50,Bulbs,INV-2\n"
    )
    assert result.is_clean
    assert [(r.district_code, r.line_code, r.ward_code, r.amount_pence) for r in result.rows] == [
        ("oldham-west", "youth-service", "", 10_000),
        ("oldham-west", "youth-service", "coldhurst", 2_550),
    ]


def test_an_unmapped_cost_centre_is_an_error_on_its_row_and_field():
    result = _parse(
        "date,cost_centre,amount_pounds,description,reference\n"
        "2026-05-01,CC4410,100.00,Hall hire,INV-1\n"
        "2026-05-02,CC9999,oops,Bulbs,INV-2\n"
    )
    assert [(e.row_number, e.field) for e in result.errors] == [
        (3, "cost_centre"),
        (3, "amount_pounds"),
    ]
    assert "CC9999" in result.errors[0].message and "not mapped" in result.errors[0].message


def test_a_district_beside_the_code_must_agree_with_the_mapping():
    result = _parse(
        "date,district,line,cost_centre,amount_pounds,description,reference\n"
        "2026-05-01,saddleworth,youth-service,CC4410,100.00,Hall hire,INV-1\n"
        "2026-05-01,oldham-west,youth-service,CC4410,100.00,Hall hire,INV-2\n"
    )
    assert [(e.row_number, e.field) for e in result.errors] == [(2, "district")]


def test_rows_may_mix_ledger_codes_and_platform_codes():
    result = _parse(
        "date,district,line,cost_centre,amount_pounds,description,reference\n"
        "2026-05-01,,,CC4410,100.00,Hall hire,INV-1\n"
        "2026-05-01,saddleworth,youth-service,,5.00,Tea,INV-2\n"
    )
    assert result.is_clean
    assert [r.district_code for r in result.rows] == ["oldham-west", "saddleworth"]


def test_without_a_cost_centre_column_district_and_line_are_still_required():
    result = _parse("date,amount_pounds,description,reference\n2026-05-01,1,a,b\n")
    assert [(e.row_number, e.field) for e in result.errors] == [(1, "header")]
