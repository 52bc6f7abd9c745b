"""``coopcouncil coproduction ...``: send a gritting alert, import the asset register, remind
volunteers of their shifts.

The register's CSV columns are listed in the app README. Errors print by row and exit 1;
an import with any bad row writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

coproduction = typer.Typer(help="Co-production: gritting alerts, the asset register, reminders.")
groups: dict[str, typer.Typer] = {"coproduction": coproduction}


@coproduction.command("grit-alert")
def grit_alert(
    district: str = typer.Argument(..., help="The district's slug, e.g. west-oldham"),
    message: str = typer.Option("", "--message", help="What to tell the volunteers"),
) -> None:
    """Tell every volunteer with a gritting route in DISTRICT to grit it (by email)."""
    django_setup()
    from coopcouncil.coproduction.services import gritting_alert_send
    from coopcouncil.core.errors import DomainError
    from coopcouncil.places.selectors import district_get

    try:
        alert = gritting_alert_send(
            actor=None, district=district_get(district), message=message, check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Gritting alert sent to {alert.volunteers_told} volunteers in {alert.district}.")


@coproduction.command("import-assets")
def import_assets(
    file: Path = typer.Argument(..., help="The register as CSV (see README)"),
) -> None:
    """Add or update the community asset register from CSV: every row, or none."""
    django_setup()
    from coopcouncil.coproduction.services import assets_import
    from coopcouncil.core.errors import DomainError

    if not file.exists():
        fail(f"{file} does not exist")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text")
    try:
        count = assets_import(actor=None, text=text, check_permission=False)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"{count} assets imported.")


@coproduction.command("remind")
def remind() -> None:
    """Email volunteers whose shifts start soon (run it hourly from the scheduler)."""
    django_setup()
    from coopcouncil.coproduction.services import shift_reminders_send

    typer.echo(f"{shift_reminders_send()} shifts reminded.")
