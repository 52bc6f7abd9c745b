"""`coopcouncil open311 ...`: issue, list and revoke Open311 API keys; load ward boundaries."""

from __future__ import annotations

from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

open311 = typer.Typer(help="Open311 GeoReport v2: API keys and ward boundaries.")
groups: dict[str, typer.Typer] = {"open311": open311}


@open311.command("create-key")
def create_key(name: str = typer.Argument(..., help="Who the key is for")) -> None:
    """Issue a key and print it once: only its hash is kept."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.servicerequests import services

    try:
        api_key, key = services.api_key_create(actor=None, name=name, check_permission=False)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(key)
    typer.echo(f"Key {api_key.pk} issued to {api_key.name}; it is not shown again.", err=True)


@open311.command("list-keys")
def list_keys() -> None:
    """Every key: its number, client, first characters, last use and whether it is revoked."""
    django_setup()
    from coopcouncil.servicerequests import selectors

    for key in selectors.api_key_list():
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never used"
        typer.echo(f"{key.pk}\t{key.name}\t{key.shown}…\t{used}\t{state}")


@open311.command("revoke-key")
def revoke_key(key_id: int = typer.Argument(..., help="The key's number (list-keys)")) -> None:
    """Stop a key working at once."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.servicerequests import selectors, services

    try:
        api_key = services.api_key_revoke(
            actor=None, api_key=selectors.api_key_get(key_id), check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Revoked the key of {api_key.name}.")


@open311.command("load-boundaries")
def load_boundaries(file: Path = typer.Argument(..., help="GeoJSON FeatureCollection")) -> None:
    """Load ward boundaries (feature property ward_code); a bad feature loads nothing."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.servicerequests import services

    if not file.is_file():
        fail(f"{file} does not exist")
    try:
        count = services.ward_boundaries_load(
            actor=None, text=file.read_text(encoding="utf-8"), check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Loaded boundaries for {count} wards.")
