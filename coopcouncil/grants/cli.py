"""``coopcouncil grants ...``: publish the awards as 360Giving, import assessors' scores,
recount the dashboards' totals.

Errors print the row and field to fix and exit 1; nothing is half-written.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

grants = typer.Typer(
    help="Community grants: 360Giving open data, assessors' scores, dashboard totals."
)
groups: dict[str, typer.Typer] = {"grants": grants}

SCORE_COLUMNS = ("application_id", "assessor_email", "criterion", "score")


@grants.command("export-360giving")
def export_360giving(
    output: Path | None = typer.Option(
        None, "-o", "--output", help="File to write (default: stdout)"
    ),
    file_format: str = typer.Option("json", "--format", help="json, csv or xlsx"),
) -> None:
    """Write every award in the 360Giving Data Standard, streamed (JSON, or flat CSV/XLSX)."""
    if file_format not in ("json", "csv", "xlsx"):
        fail("--format must be json, csv or xlsx")
    if file_format == "xlsx" and output is None:
        fail("An XLSX workbook needs a file: give -o grants.xlsx")
    django_setup()
    from coopcouncil.grants import threesixtygiving

    if file_format == "xlsx":
        with output.open("wb") as target:  # type: ignore[union-attr]
            threesixtygiving.xlsx_write(target)
        return
    chunks = (
        threesixtygiving.json_chunks() if file_format == "json" else threesixtygiving.csv_chunks()
    )
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    with output.open("w", encoding="utf-8", newline="") as target:
        for chunk in chunks:
            target.write(chunk)


@grants.command("import-scores")
def import_scores(
    file: Path = typer.Argument(..., help="CSV: application_id, assessor_email, criterion, score"),
) -> None:
    """Import assessors' scores: every row, or none (each broken row is listed)."""
    if not file.exists():
        fail(f"{file} does not exist")
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.grants.services import ScoreRow, scores_import

    with file.open(encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source)
        missing = [c for c in SCORE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            fail(f"{file} lacks the column(s) {', '.join(missing)}")
        rows = [
            ScoreRow(
                application_id=row["application_id"] or "",
                assessor_email=row["assessor_email"] or "",
                criterion=row["criterion"] or "",
                score=row["score"] or "",
                comment=row.get("comment") or "",
            )
            for row in reader
        ]
    try:
        count = scores_import(actor=None, rows=rows, check_permission=False)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Imported {count} scores.")


@grants.command("rebuild-totals")
def rebuild_totals() -> None:
    """Recount the dashboards' running totals from the applications and reports (after a
    bulk load, or if they are ever in doubt)."""
    django_setup()
    from coopcouncil.grants.services import tallies_rebuild

    typer.echo(f"Recounted {tallies_rebuild()} dashboard totals.")
