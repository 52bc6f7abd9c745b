"""The ONS postcode directory read row by row: only the borough's postcodes, every bad row named."""

from datetime import date
from decimal import Decimal

import pytest

from coopcouncil.places.logic.postcodes import (
    PostcodeInvalid,
    parse_postcode_directory,
    postcode_normalise,
)

WARDS = {"E05000001", "E05000002"}
HEADER = "pcd,pcds,dointr,doterm,laua,ward,lat,long\n"


def _lines(*rows: str, header: str = HEADER) -> list[str]:
    return [header, *(f"{row}\n" for row in rows)]


@pytest.mark.parametrize(
    ("typed", "postcode"),
    [
        ("ol1 1aa", "OL1 1AA"),
        ("OL11AA", "OL1 1AA"),
        ("  m1   1ae ", "M1 1AE"),
        ("EC1A1BB", "EC1A 1BB"),
    ],
)
def test_a_postcode_is_upper_case_with_one_space_before_the_inward_code(typed, postcode):
    assert postcode_normalise(typed) == postcode


@pytest.mark.parametrize("typed", ["", "OL", "OL1", "OL1 AAA", "1OL 1AA", "OL1 1A1", "OL1-1AA"])
def test_text_not_shaped_like_a_postcode_is_refused(typed):
    with pytest.raises(PostcodeInvalid):
        postcode_normalise(typed)


def test_the_borough_postcodes_are_read_and_other_councils_rows_skipped():
    reading = parse_postcode_directory(
        _lines(
            "OL1 1AA,OL1 1AA,198001,,E08000004,E05000001,53.548210,-2.119870",
            "M1 1AE,M1 1AE,198001,,E08000003,E05099999,not-a-number,x",
            "OL4 1AB,OL4 1AB,198001,201906,E08000004,E05000002,53.5,-2.0",
        ),
        WARDS,
    )
    assert reading.problems == [] and reading.skipped == 1
    live, terminated = reading.postcodes
    assert (live.postcode, live.ward_code, live.latitude) == (
        "OL1 1AA",
        "E05000001",
        Decimal("53.548210"),
    )
    assert live.terminated_on is None
    assert terminated.terminated_on == date(2019, 6, 1)


@pytest.mark.parametrize("ward_column", ["ward", "osward", "wd24cd"])
def test_the_published_names_of_the_ward_column_are_accepted(ward_column):
    header = f"pcds,doterm,{ward_column},lat,long\n"
    reading = parse_postcode_directory(_lines("OL1 1AA,,E05000001,53.5,-2.1", header=header), WARDS)
    assert [p.postcode for p in reading.postcodes] == ["OL1 1AA"]


def test_a_postcode_with_no_grid_reference_is_kept_without_a_position():
    reading = parse_postcode_directory(
        _lines("OL1 1AA,OL1 1AA,198001,,E08000004,E05000001,99.999999,0.000000"), WARDS
    )
    (postcode,) = reading.postcodes
    assert postcode.latitude is None and postcode.longitude is None


def test_each_bad_row_is_reported_with_its_line_number_and_nothing_is_read():
    reading = parse_postcode_directory(
        _lines(
            "OL1 1AA,OL1 1AA,198001,,E08000004,E05000001,53.5,-2.1",
            "OL1 1AB,OL1,198001,,E08000004,E05000001,53.5,-2.1",
            "OL1 1AC,OL1 1AC,198001,2019,E08000004,E05000001,95,-2.1",
            "OL1 1AA,OL1 1AA,198001,,E08000004,E05000002,53.5,-2.1",
        ),
        WARDS,
    )
    assert [(p.line, p.field) for p in reading.problems] == [
        (3, "pcds"),
        (4, "lat"),
        (4, "doterm"),
        (5, "pcds"),
    ]
    assert "appears twice" in reading.problems[-1].message


def test_a_file_without_the_directory_columns_is_refused_at_line_1():
    reading = parse_postcode_directory(["postcode,ward_code\n", "OL1 1AA,E05000001\n"], WARDS)
    assert {(p.line, p.field) for p in reading.problems} == {
        (1, "pcds"),
        (1, "lat"),
        (1, "long"),
        (1, "doterm"),
        (1, "ward"),
    }


def test_a_file_with_no_borough_postcode_is_a_problem_not_an_empty_directory():
    reading = parse_postcode_directory(_lines("M1 1AE,M1 1AE,1,,x,E05099999,53,-2"), WARDS)
    assert [p.field for p in reading.problems] == ["file"]
