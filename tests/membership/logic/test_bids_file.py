"""Suppliers' bids CSV: read whole, every bad row named."""

from __future__ import annotations

from coopcouncil.membership.logic.auction import BidPrice, PriceKey
from coopcouncil.membership.logic.bids_file import COLUMNS, BidRows, bids_read, bids_write

HEADER = ",".join(COLUMNS)


def test_a_file_holding_two_bids_is_read_in_millipence():
    text = "\n".join(
        [
            HEADER,
            "Fix 12,Pennine Power,electricity,north-west,direct_debit,24.5,50",
            "Fix 12,Pennine Power,gas,north-west,direct_debit,6.125,30.5",
            "Saver,Red Rose,electricity,north-west,prepayment,23,45",
        ]
    )
    bids, errors = bids_read(text)
    assert errors == []
    assert [b.reference for b in bids] == ["Fix 12", "Saver"]
    assert bids[0].prices[PriceKey("gas", "north-west", "direct_debit")] == BidPrice(6_125, 30_500)


def test_each_bad_cell_is_reported_with_its_row_and_column():
    text = "\n".join(
        [
            HEADER,
            "Fix,S,coal,north-west,direct_debit,24.5,50",
            "Fix,S,electricity,mars,direct_debit,-1,50",
            "Fix,S,electricity,north-west,direct_debit,24.5,50",
            "Fix,S,electricity,north-west,direct_debit,25,50",
        ]
    )
    _, errors = bids_read(text)
    found = {(e.row, e.field) for e in errors}
    assert found == {(2, "fuel"), (3, "region"), (3, "unit_rate"), (5, "region")}


def test_a_file_without_the_columns_is_refused_naming_them():
    _, errors = bids_read("bid,supplier\nx,y\n")
    assert errors[0].row == 1
    assert "unit_rate" in str(errors[0].message)


def test_written_bids_read_back_the_same():
    bid = BidRows("Fix", "Supplier")
    bid.prices[PriceKey("electricity", "london", "prepayment")] = BidPrice(24_862, 61_000)
    bids, errors = bids_read(bids_write([bid]))
    assert errors == []
    assert bids == [bid]


def test_a_file_the_csv_reader_cannot_read_is_refused_not_crashed():
    huge = "x" * 200_000  # past the csv module's field size limit
    _, errors = bids_read(HEADER + f'\nFix,S,electricity,north-west,direct_debit,"{huge}",50\n')
    assert errors[0].field == "file"


def test_an_empty_file_is_refused():
    _, errors = bids_read(HEADER + "\n")
    assert str(errors[0].message) == "the file holds no prices"
