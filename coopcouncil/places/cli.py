"""`coopcouncil places ...`: load the postcode directory and the council's address list."""

from __future__ import annotations

from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

places = typer.Typer(help="The borough's postcodes and addresses.", no_args_is_help=True)
groups: dict[str, typer.Typer] = {"places": places}


def _check_readable(file: Path) -> None:
    if not file.is_file():
        fail(f"{file} does not exist")


@places.command("import-postcodes")
def import_postcodes(
    file: Path = typer.Argument(..., help="ONS postcode directory CSV (NSPL or ONSPD)"),
) -> None:
    """Replace the borough's postcodes from the ONS postcode directory, all or nothing.

    Postcodes in other councils' wards are skipped; any bad row in the borough stops the
    import, nothing is written, and each problem is printed with its line number.
    """
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.places.services import postcode_directory_import

    _check_readable(file)
    try:
        with file.open(encoding="utf-8-sig", newline="") as lines:
            summary = postcode_directory_import(actor=None, lines=lines, check_permission=False)
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text")
    except DomainError as error:
        report_domain_error(error)
    typer.echo(
        f"Loaded {summary.kept} postcodes in the borough ({summary.terminated} terminated); "
        f"skipped {summary.skipped} rows in other councils' wards."
    )


@places.command("import-addresses")
def import_addresses(
    file: Path = typer.Argument(..., help="Gazetteer (LLPG) extract CSV, columns in the README"),
) -> None:
    """Replace the council's address list from a gazetteer extract, all or nothing."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.places.services import address_list_import

    _check_readable(file)
    try:
        with file.open(encoding="utf-8-sig", newline="") as lines:
            count = address_list_import(actor=None, lines=lines, check_permission=False)
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text")
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Loaded {count} addresses.")
