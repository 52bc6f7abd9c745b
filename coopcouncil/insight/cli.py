"""``coopcouncil insight ...``: load measurements, count participation, compute standards.

Errors print the row and field to fix and exit 1; nothing is half-loaded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

insight = typer.Typer(help="Insight: outcomes, participation at scale, standards.")
groups: dict[str, typer.Typer] = {"insight": insight}


@insight.command("import-measurements")
def import_measurements(
    file: Path = typer.Argument(..., help="CSV: indicator,period,district,value"),
) -> None:
    """Load indicator measurements: every row, or none and every row's problem."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.insight.services import measurements_import

    if not file.exists():
        fail(f"{file} does not exist")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text; save it as CSV UTF-8")
    try:
        loaded = measurements_import(actor=None, text=text, check_permission=False)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Loaded {loaded} measurements.")


@insight.command("refresh-participation")
def refresh_participation() -> None:
    """Count participation at scale again from every app's records (safe on a schedule)."""
    django_setup()
    from coopcouncil.insight.services import participation_refresh

    written = participation_refresh(actor=None, check_permission=False)
    typer.echo(f"Counted {written} participation figures.")


@insight.command("compute-standards")
def compute_standards(
    month: str = typer.Option("", help="YYYY-MM; the current month when left out"),
) -> None:
    """Compute the month's figures for standards the platform measures (safe to re-run)."""
    django_setup()
    from django.utils import timezone

    from coopcouncil.insight.services import standards_compute

    if month:
        try:
            year, number = (int(part) for part in month.split("-"))
            chosen = date(year, number, 1)
        except ValueError:
            fail(f"Write the month as YYYY-MM, not {month!r}")
    else:
        chosen = timezone.localdate()
    written = standards_compute(actor=None, month=chosen, check_permission=False)
    typer.echo(f"Computed {written} standards for {chosen:%B %Y}.")
