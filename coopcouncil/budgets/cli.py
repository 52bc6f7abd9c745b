"""``coopcouncil budgets ...``: try a formula on a line, import spend, open the ward budget year.

The formula file's schema is in the app README. Errors print the field to fix and exit 1.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

budgets = typer.Typer(help="Devolved money: allocations, spend imports, ward budgets.")
groups: dict[str, typer.Typer] = {"budgets": budgets}

FORMULA_KEYS = {
    "equal_share_percent",
    "population_percent",
    "need_percent",
    "need_indicator",
    "ring_fence_percent",
    "ring_fence_indicator",
    "ring_fence_purpose",
}


def _read_formula(path: Path) -> dict:
    if not path.exists():
        fail(f"{path} does not exist")
    try:
        # Decimal keeps 33.33 exact; a float would not be.
        values = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except json.JSONDecodeError as error:
        fail(f"{path} is not valid JSON: {error}")
    if not isinstance(values, dict):
        fail(f'{path} must hold one JSON object, e.g. {{"equal_share_percent": 100}}')
    unknown = sorted(set(values) - FORMULA_KEYS)
    if unknown:
        fail(
            f"Unknown formula field(s): {', '.join(unknown)}; use {', '.join(sorted(FORMULA_KEYS))}"
        )
    return values


@budgets.command("allocate")
def allocate(
    line: str = typer.Argument(..., help="The budget line's code (slug) or number"),
    formula: Path = typer.Option(..., "--formula", help="Formula JSON file (see README)"),
    wards: bool = typer.Option(False, "--wards", help="Explain every ward as well"),
) -> None:
    """Print how a formula would allocate a line, district by district, with the explanation.

    Nothing is stored; adopt a formula in the web pages or the API.
    """
    django_setup()
    from coopcouncil.budgets.logic.explanation import explain_district, explain_ward
    from coopcouncil.budgets.selectors import line_get
    from coopcouncil.budgets.services import formula_check
    from coopcouncil.core.errors import DomainError
    from coopcouncil.core.money import format_pence

    values = _read_formula(formula)
    try:
        budget_line = line_get(line)
        result = formula_check(line=budget_line, values=values)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"{budget_line}: {format_pence(budget_line.amount_pence)}")
    for district in result.districts:
        _print(explain_district(result, district.district_id))
        if wards:
            for ward_id in district.ward_ids:
                _print(explain_ward(result, ward_id), indent="    ")
    total = sum(d.allocation_pence for d in result.districts)
    typer.echo(f"\nTotal allocated: {format_pence(total)}")


def _print(explanation, indent: str = "") -> None:
    typer.echo(f"\n{indent}{explanation.area_id}: {explanation.allocation_pounds}")
    for line in explanation.lines:
        typer.echo(f"{indent}  {line.label:<26} {line.pounds:>16}  {line.reason}")


@budgets.command("import-spend")
def import_spend(file: Path = typer.Argument(..., help="CSV of actual spend")) -> None:
    """Import actual spend; any bad row stops the import, nothing is written, rows are listed."""
    django_setup()
    from coopcouncil.budgets.services import spend_import
    from coopcouncil.core.errors import DomainError
    from coopcouncil.core.money import format_pence

    if not file.exists():
        fail(f"{file} does not exist")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text; save it as CSV UTF-8")
    try:
        batch = spend_import(actor=None, text=text, file_name=file.name, check_permission=False)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Imported {batch.row_count} rows of spend ({format_pence(batch.total_pence)}).")


@budgets.command("open-ward-budgets")
def open_ward_budgets(
    financial_year: str = typer.Argument(..., help="e.g. 2026/27"),
) -> None:
    """Give every sitting councillor a ward budget for the year (the amount is a setting)."""
    django_setup()
    from coopcouncil.budgets.services import ward_budgets_open
    from coopcouncil.core.errors import DomainError

    try:
        created = ward_budgets_open(
            actor=None, financial_year=financial_year, check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Opened {created} ward budgets for {financial_year}.")


@budgets.command("sync-commitments")
def sync_commitments(
    financial_year: str = typer.Argument(..., help="e.g. 2026/27"),
    decision_line: str = typer.Option("", help="Line for published district decisions"),
    pb_line: str = typer.Option("", help="Line for PB projects in delivery"),
    ward_allocation_line: str = typer.Option("", help="Line for approved ward allocations"),
) -> None:
    """Commit what decisions, PB projects in delivery and approved ward allocations promised.

    Safe to run on a schedule: a source already committed is never committed again.
    """
    django_setup()
    from coopcouncil.budgets.selectors import line_get
    from coopcouncil.budgets.services import commitments_sync
    from coopcouncil.core.errors import DomainError

    try:
        synced = commitments_sync(
            actor=None,
            financial_year=financial_year,
            decision_line=line_get(decision_line) if decision_line else None,
            pb_line=line_get(pb_line) if pb_line else None,
            ward_allocation_line=line_get(ward_allocation_line) if ward_allocation_line else None,
            check_permission=False,
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Created {len(synced.created)} commitments for {financial_year}.")
    for source in synced.waiting:
        reason = source.waiting_reason or "no line named for its kind"
        typer.echo(f"Waiting: {source.kind_label}: {source.title} ({reason})")
