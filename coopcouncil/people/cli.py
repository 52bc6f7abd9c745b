"""``coopcouncil people ...``: load the electoral register or council tax extract;
``coopcouncil api-keys ...``: issue, list and revoke the JSON API's keys."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

people = typer.Typer(help="Residents: the register that verifies where they live.")
api_keys = typer.Typer(help="API keys: machine clients acting as an account on /api/v1/.")
groups: dict[str, typer.Typer] = {"people": people, "api-keys": api_keys}


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


@api_keys.command("create")
def api_key_create(
    name: str = typer.Argument(..., help="Who or what the key is for"),
    email: str = typer.Option(..., "--email", help="The account the key acts as"),
    read_only: bool = typer.Option(False, "--read-only", help="The key may only read"),
    expires: int | None = typer.Option(None, "--expires", help="Days until the key stops"),
) -> None:
    """Issue a key and print it once: only its hash is kept."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.people import services
    from coopcouncil.people.selectors import user_find_by_email

    user = user_find_by_email(email)
    if user is None:
        fail(f"There is no account with the email {email}.")
    try:
        api_key, key = services.api_key_create(
            actor=None,
            user=user,
            name=name,
            is_read_only=read_only,
            expires_in_days=expires,
            check_permission=False,
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(key)
    typer.echo(f"Key {api_key.pk} issued to {user.email}; it is not shown again.", err=True)


@api_keys.command("list")
def api_key_list() -> None:
    """Every key: number, account, name, first characters, access, last use, state."""
    django_setup()
    from django.utils import timezone

    from coopcouncil.people.selectors import api_key_list

    now = timezone.now()
    for key in api_key_list():
        if key.revoked_at:
            state = f"revoked {key.revoked_at:%Y-%m-%d}"
        elif not key.is_live(now):
            state = "expired"
        else:
            state = "active"
        access = "read-only" if key.is_read_only else "read-write"
        used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never used"
        typer.echo(
            f"{key.pk}\t{key.user.email}\t{key.name}\t{key.shown}…\t{access}\t{used}\t{state}"
        )


@api_keys.command("revoke")
def api_key_revoke(key_id: int = typer.Argument(..., help="The key's number (list)")) -> None:
    """Stop a key working at once."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.people import services
    from coopcouncil.people.selectors import api_key_get

    try:
        api_key = services.api_key_revoke(
            actor=None, api_key=api_key_get(key_id), check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Revoked the key {api_key.name} of {api_key.user.email}.")
