"""The gazetteer extract read row by row, and how a resident's ward is found from an address."""

import pytest

from coopcouncil.places.logic.addresses import (
    KnownAddress,
    Placement,
    parse_address_list,
    resident_placement,
)

WARDS = {"W1", "W2"}
HEADER = "uprn,address_line_1,address_line_2,address_line_3,town,postcode,ward_code\n"


def test_addresses_are_read_with_their_lines_postcode_and_ward():
    reading = parse_address_list(
        [HEADER, "100023456789,Flat 1,Mill House,High St,Oldham,ol1 1aa,W1\n"], WARDS
    )
    (address,) = reading.addresses
    assert reading.problems == []
    assert address.uprn == 100023456789 and address.postcode == "OL1 1AA"
    assert (address.address_line_1, address.town, address.ward_code) == ("Flat 1", "Oldham", "W1")


def test_each_bad_address_row_is_reported_with_its_line_number():
    reading = parse_address_list(
        [
            HEADER,
            "1,1 High St,,,Oldham,OL1 1AA,W1\n",
            "12x,,,,Oldham,OL1,W9\n",
            "1,3 High St,,,Oldham,OL1 1AA,W1\n",
        ],
        WARDS,
    )
    assert [(p.line, p.field) for p in reading.problems] == [
        (3, "uprn"),
        (3, "address_line_1"),
        (3, "postcode"),
        (3, "ward_code"),
        (4, "uprn"),
    ]


def _place(directory: str | None, addresses: list[tuple[int, str]], uprn=None, terminated=False):
    return resident_placement(
        directory_ward_code=directory,
        is_terminated=terminated,
        addresses=[KnownAddress(u, w) for u, w in addresses],
        uprn=uprn,
    )


def test_the_ward_comes_from_the_chosen_address_not_the_postcode():
    result = _place("W1", [(1, "W1"), (2, "W2")], uprn=2)
    assert (result.placement, result.ward_code, result.uprn) == (Placement.FROM_ADDRESS, "W2", 2)


def test_the_ward_comes_from_the_postcode_where_no_address_is_listed():
    result = _place("W1", [])
    assert (result.placement, result.ward_code) == (Placement.FROM_POSTCODE, "W1")


@pytest.mark.parametrize(
    ("directory", "addresses"),
    [("W1", [(1, "W1"), (2, "W2")]), ("W1", [(1, "W2")]), (None, [(1, "W1"), (2, "W2")])],
)
def test_a_straddling_postcode_with_no_address_chosen_goes_to_an_officer(directory, addresses):
    assert _place(directory, addresses).placement is Placement.FOR_AN_OFFICER


def test_an_unlisted_address_at_a_postcode_wholly_in_one_ward_takes_that_ward():
    result = _place("W1", [(1, "W1"), (2, "W1")])
    assert (result.placement, result.ward_code) == (Placement.FROM_POSTCODE, "W1")


def test_a_postcode_neither_list_has_is_outside_the_borough():
    assert _place(None, []).placement is Placement.OUTSIDE_BOROUGH


def test_a_terminated_postcode_places_nobody():
    assert _place("W1", [(1, "W1")], uprn=1, terminated=True).placement is Placement.TERMINATED


def test_an_address_from_another_postcode_is_refused():
    assert _place("W1", [(1, "W1")], uprn=7).placement is Placement.ADDRESS_NOT_AT_POSTCODE
