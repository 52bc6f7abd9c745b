"""``coopcouncil procurement ...``: publish the contracting data as OCDS files.

Errors print a message and exit 1.
"""

from __future__ import annotations

from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail

procurement = typer.Typer(help="Commissioning and contracts: open contracting data.")
groups: dict[str, typer.Typer] = {"procurement": procurement}


@procurement.command("export-ocds")
def export_ocds(
    directory: Path = typer.Argument(..., help="Folder to write the two packages into"),
    base_uri: str = typer.Option(
        "https://example.invalid/procurement/ocds", help="Where the packages will be published"
    ),
) -> None:
    """Write every contracting process as OCDS 1.1 release and record packages (streamed).

    Writes DIRECTORY/release-package.json and DIRECTORY/record-package.json.
    """
    django_setup()
    from django.utils import timezone

    from coopcouncil.procurement.ocds import packages_write

    if directory.exists() and not directory.is_dir():
        fail(f"{directory} is a file, not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    releases_path = directory / "release-package.json"
    records_path = directory / "record-package.json"
    with (
        releases_path.open("w", encoding="utf-8") as releases,
        records_path.open("w", encoding="utf-8") as records,
    ):
        count = packages_write(
            releases=releases, records=records, uri=base_uri, published=timezone.now()
        )
    typer.echo(f"Wrote {count} contracting processes to {releases_path} and {records_path}")
