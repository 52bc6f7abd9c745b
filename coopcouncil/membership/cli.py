"""`coopcouncil energy ...`: take suppliers' bids, run the auction, write the offers file."""

from __future__ import annotations

import csv
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

energy = typer.Typer(help="Collective energy switching: bids, the auction and the offers.")
groups: dict[str, typer.Typer] = {"energy": energy}

OFFER_COLUMNS = (
    "household",
    "name",
    "email",
    "region",
    "payment_method",
    "current_cost",
    "new_cost",
    "saving",
    "advice",
    "status",
)


def _read(file: Path) -> str:
    if not file.is_file():
        fail(f"{file} does not exist")
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        fail(f"{file} is not UTF-8 text (byte {error.start})")


@energy.command("import-bids")
def import_bids(
    round_id: int = typer.Argument(..., metavar="ROUND", help="The switching round's number"),
    file: Path = typer.Argument(
        ..., help="Bids CSV: bid,supplier,fuel,region,payment_method,unit_rate,standing_charge"
    ),
) -> None:
    """Take suppliers' sealed bids; a bad row or a missing price refuses the whole file."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.membership import selectors, services

    text = _read(file)
    try:
        bids = services.bids_import(
            actor=None,
            check_permission=False,
            switching_round=selectors.round_get(round_id),
            text=text,
        )
    except DomainError as error:
        report_domain_error(error)
    for bid in bids:
        typer.echo(f"Sealed bid '{bid.reference}' from {bid.supplier_name}.")


@energy.command("run-auction")
def run_auction(
    round_id: int = typer.Argument(..., metavar="ROUND", help="The switching round's number"),
) -> None:
    """Run the auction and print the winner and the cohort figures."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.core.money import format_pence
    from coopcouncil.membership import selectors, services

    try:
        switching_round = selectors.round_get(round_id)
        result = services.auction_hold(
            actor=None, check_permission=False, switching_round=switching_round
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Winner: {result.winning_bid} ({result.tie_rule})")
    for bid in selectors.bids_of_round(switching_round):
        typer.echo(
            f"  {bid.rank}. {bid.reference}: cohort cost {format_pence(bid.cohort_cost_pence)}"
        )
    typer.echo(f"Registered households: {result.registrations:,}")
    typer.echo(f"Households that would save: {result.switching:,}")
    typer.echo(f"Total saving: {format_pence(result.total_saving_pence)} a year")
    typer.echo(f"Average saving: {format_pence(result.average_saving_pence)}")
    typer.echo(f"Largest saving: {format_pence(result.largest_saving_pence)}")
    fee = switching_round.finder_fee_pence
    typer.echo(f"Finder's fee: {format_pence(fee)} per switched household, to be credited")


@energy.command("offers")
def offers(
    round_id: int = typer.Argument(..., metavar="ROUND", help="The switching round's number"),
    output: Path = typer.Option(..., "--output", "-o", help="The CSV file to write"),
) -> None:
    """Write every personal offer as a mail-merge CSV (one row per household)."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.membership import selectors

    try:
        switching_round = selectors.round_get(round_id)
    except DomainError as error:
        report_domain_error(error)
    if not hasattr(switching_round, "result"):
        fail(f"The auction of {switching_round} has not run yet: there are no offers.")
    rows = selectors.offer_rows(switching_round)
    count = 0
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(OFFER_COLUMNS)
        for offer in rows.iterator(chunk_size=2000):
            writer.writerow(_offer_row(offer))
            count += 1
    typer.echo(f"Wrote {count:,} offers to {output}", err=True)


def _offer_row(offer) -> list:
    from django.utils.translation import gettext

    from coopcouncil.core.money import format_pence

    household = offer.registration
    person = household.user
    # The advice goes into the letter each household reads.
    advice = (
        gettext("Switching would save you this much a year.")
        if offer.saving_pence > 0
        else gettext("The winning tariff would not save you money; we do not suggest you switch.")
    )
    return [
        household.pk,
        person.full_name if person else "",
        person.email if person else "",
        household.get_region_display(),
        household.get_payment_method_display(),
        format_pence(offer.current_cost_pence),
        format_pence(offer.new_cost_pence),
        format_pence(offer.saving_pence),
        advice,
        offer.get_status_display(),
    ]


@energy.command("demo-cohort")
def demo_cohort(
    round_id: int = typer.Argument(..., metavar="ROUND", help="The switching round's number"),
    with_bids: bool = typer.Option(
        False, "--with-bids", help="Also seal the illustrative bids the cohort is calibrated to"
    ),
) -> None:
    """Register the illustrative 12,000-household cohort calibrated to Oldham's outcome."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.membership import selectors, services
    from coopcouncil.membership.logic.bids_file import bids_write
    from coopcouncil.membership.logic.calibration import illustrative_bids

    try:
        switching_round = selectors.round_get(round_id)
        count = services.cohort_load_illustrative(
            actor=None, check_permission=False, switching_round=switching_round
        )
        typer.echo(f"Registered {count:,} illustrative households in {switching_round}.")
        if with_bids:
            bids = services.bids_import(
                actor=None,
                check_permission=False,
                switching_round=switching_round,
                text=bids_write(illustrative_bids()),
            )
            typer.echo(f"Sealed {len(bids)} illustrative bids.")
    except DomainError as error:
        report_domain_error(error)
