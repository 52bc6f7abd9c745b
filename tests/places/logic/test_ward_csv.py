from coopcouncil.places.logic.ward_csv import COLUMNS, parse_ward_rows, write_ward_rows

HEADER = ",".join(COLUMNS)
GOOD = "W1,Ward One,District,1000,20.5,10,4.1,76.0,80.1,25.5,1200"


def test_valid_rows_parse_into_figures():
    rows, problems = parse_ward_rows(f"{HEADER}\n{GOOD}\n", {"W1"})
    assert problems == []
    assert rows[0].ward_code == "W1"
    assert rows[0].figures["population"] == 1000
    assert str(rows[0].figures["under16_share"]) == "20.5"


def test_unknown_ward_negative_population_and_non_numeric_are_reported_per_row():
    text = (
        f"{HEADER}\n{GOOD}\n"
        "NOPE,Nowhere,District,1000,20,10,4,76,80,25,1\n"
        "W2,Ward Two,District,-5,20,10,4,76,80,25,1\n"
        "W3,Ward Three,District,1000,twenty,10,4,76,80,25,1\n"
    )
    rows, problems = parse_ward_rows(text, {"W1", "W2", "W3"})
    found = {(p.row_number, p.field) for p in problems}
    assert found == {(3, "ward_code"), (4, "population"), (5, "under16_share")}
    assert [r.ward_code for r in rows] == ["W1"]


def test_a_percentage_above_100_is_refused():
    _, problems = parse_ward_rows(f"{HEADER}\nW1,x,d,1000,120,10,4,76,80,25,1\n", {"W1"})
    assert problems[0].field == "under16_share"


def test_missing_columns_are_named():
    _, problems = parse_ward_rows("ward_code,population\nW1,10\n", {"W1"})
    assert {p.field for p in problems} >= {"under16_share", "imd_rank"}


def test_a_ward_listed_twice_is_refused():
    _, problems = parse_ward_rows(f"{HEADER}\n{GOOD}\n{GOOD}\n", {"W1"})
    assert [(p.row_number, p.field) for p in problems] == [(3, "ward_code")]


def test_export_then_import_round_trips():
    rows, _ = parse_ward_rows(f"{HEADER}\n{GOOD}\n", {"W1"})
    record = {"ward_code": "W1", "ward": "Ward One", "district": "District", **rows[0].figures}
    again, problems = parse_ward_rows(write_ward_rows([record]), {"W1"})
    assert problems == []
    assert again[0].figures == rows[0].figures
