"""``coopcouncil open-data export DIR``: write every dataset of the catalogue to a folder.

Each download is fetched from the view that serves it on the site, so the files are the
same bytes a visitor downloads, whichever app publishes them.
"""

from __future__ import annotations

from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail

open_data = typer.Typer(help="The open data catalogue.")
groups: dict[str, typer.Typer] = {"open-data": open_data}


@open_data.command("export")
def export(directory: Path = typer.Argument(..., help="Folder to write the files into")) -> None:
    """Write every download of every public dataset into DIRECTORY (created if missing)."""
    django_setup()
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve

    from coopcouncil.opendata.catalogue import DATASETS

    if directory.exists() and not directory.is_dir():
        fail(f"{directory} is a file, not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    factory = RequestFactory()
    written = 0
    for dataset in DATASETS:
        for download in dataset.downloads:
            url = download.url()
            request = factory.get(url)
            request.user = AnonymousUser()
            match = resolve(url)
            response = match.func(request, *match.args, **match.kwargs)
            if response.status_code != 200:
                fail(f"{url} answered {response.status_code}")
            # Streamed downloads (grants' 360Giving files) are written as they come.
            chunks = response.streaming_content if response.streaming else [response.content]
            with (directory / dataset.file_name(download)).open("wb") as target:
                target.writelines(chunks)
            written += 1
    typer.echo(f"Wrote {written} files for {len(DATASETS)} datasets to {directory}")
