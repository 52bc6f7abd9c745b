"""``coopcouncil people ...``: load the electoral register or council tax extract."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

people = typer.Typer(help="Residents: the register that verifies where they live.")
groups: dict[str, typer.Typer] = {"people": people}


class Source(StrEnum):
    # The values of people.models.RegisterSource, named here so --help lists them without
    # loading Django.
    electoral_register = "electoral_register"
    council_tax = "council_tax"


@people.command("import-register")
def import_register(
    file: Path = typer.Argument(..., help="CSV with columns reference, postcode, ward_code"),
    source: Source = typer.Option(Source.electoral_register, help="Which list the extract is"),
    extract_date: str = typer.Option(
        "", "--extract-date", help="The date the extract was taken, YYYY-MM-DD (default: today)"
    ),
) -> None:
    """Load an extract as keyed hashes; any bad line stops it and nothing is written.

    A newer extract replaces the one held for its list; an older one is refused.
    """
    django_setup()
    from django.utils import timezone

    from coopcouncil.core.errors import DomainError
    from coopcouncil.people.services import register_import

    try:
        taken = date.fromisoformat(extract_date) if extract_date else timezone.localdate()
    except ValueError:
        fail(f"--extract-date {extract_date!r} is not a date like 2026-11-01")
    if not file.exists():
        fail(f"{file} does not exist")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text; save it as CSV UTF-8")
    try:
        extract = register_import(
            actor=None,
            text=text,
            source=source.value,
            extract_date=taken,
            file_name=file.name,
            check_permission=False,
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Loaded the {extract}: {extract.row_count} lines.")


@people.command("two-factor-remove")
def two_factor_remove(
    email: str = typer.Argument(..., help="The account whose second factor was lost"),
) -> None:
    """Remove an account's second factor (a lost phone), so it signs in with its password."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.people.selectors import user_find_by_email
    from coopcouncil.people.services.two_factor import two_factor_remove as remove

    user = user_find_by_email(email)
    if user is None:
        fail(f"No account has the email {email}.")
    try:
        remove(actor=None, user=user, check_permission=False)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Removed the second factor of {user.email}.")
