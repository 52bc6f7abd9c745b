"""`coopcouncil energy`: import bids, run the auction, write the offers, load the cohort."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.membership import services
from coopcouncil.membership.models import (
    AuctionResult,
    EnergyOffer,
    HouseholdRegistration,
    SupplierBid,
)
from tests.membership.conftest import bid_csv, close_registration, household

pytestmark = pytest.mark.django_db(transaction=True)
runner = CliRunner()


def test_bids_are_imported_the_auction_run_and_the_offers_written(tmp_path, open_round, make_user):
    saver = make_user("Sally Saver")
    services.household_register(user=saver, switching_round=open_round, entry=household())
    close_registration(open_round)
    bids = tmp_path / "bids.csv"
    bids.write_text(bid_csv("Fix", "Pennine Power"))
    imported = runner.invoke(app, ["energy", "import-bids", str(open_round.pk), str(bids)])
    assert imported.exit_code == 0, imported.output
    assert "Fix" in imported.output
    run = runner.invoke(app, ["energy", "run-auction", str(open_round.pk)])
    assert run.exit_code == 0, run.output
    assert "Winner: Fix (Pennine Power)" in run.output
    assert "Households that would save: 1" in run.output
    offers = tmp_path / "offers.csv"
    written = runner.invoke(app, ["energy", "offers", str(open_round.pk), "-o", str(offers)])
    assert written.exit_code == 0, written.output
    (row,) = list(csv.DictReader(offers.open()))
    offer = EnergyOffer.objects.get()
    assert row["name"] == "Sally Saver"
    assert row["saving"] == f"£{offer.saving_pence // 100:,}.{offer.saving_pence % 100:02d}"


def test_a_bids_file_missing_a_price_exits_non_zero_naming_it(tmp_path, open_round, make_user):
    services.household_register(
        user=make_user(), switching_round=open_round, entry=household(payment_method="prepayment")
    )
    close_registration(open_round)
    bids = tmp_path / "bids.csv"
    bids.write_text(bid_csv("Fix", "P", methods=("direct_debit",)))
    result = runner.invoke(app, ["energy", "import-bids", str(open_round.pk), str(bids)])
    assert result.exit_code == 1
    assert "electricity / north-west / prepayment" in result.output
    assert not SupplierBid.objects.exists()


def test_offers_before_the_auction_exit_non_zero(tmp_path, open_round):
    result = runner.invoke(
        app, ["energy", "offers", str(open_round.pk), "-o", str(tmp_path / "offers.csv")]
    )
    assert result.exit_code == 1
    assert "has not run yet" in result.output


def test_an_unknown_round_or_file_exits_non_zero(tmp_path):
    assert runner.invoke(app, ["energy", "run-auction", "999"]).exit_code == 1
    missing = runner.invoke(app, ["energy", "import-bids", "1", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1


def test_demo_cohort_loads_the_calibration_cohort_and_its_bids(open_round, places):
    close_registration(open_round)
    result = runner.invoke(app, ["energy", "demo-cohort", str(open_round.pk), "--with-bids"])
    assert result.exit_code == 0, result.output
    assert HouseholdRegistration.objects.filter(round=open_round).count() == 12_000
    assert SupplierBid.objects.filter(round=open_round).count() == 5
    run = runner.invoke(app, ["energy", "run-auction", str(open_round.pk)])
    assert run.exit_code == 0, run.output
    result = AuctionResult.objects.get(round=open_round)
    # Oldham's published outcome: about 8,700 switching, £171 on average, the largest over £800.
    assert abs(result.switching - 8_700) <= 87
    assert abs(result.average_saving_pence - 17_100) <= 500
    assert result.largest_saving_pence > 80_000
    assert f"Households that would save: {result.switching:,}" in run.output
