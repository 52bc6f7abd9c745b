"""`coopcouncil pb ...`: count any Pabulib file, import and export processes, recount results."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error

pb = typer.Typer(help="Participatory budgeting: count, import and export Pabulib files.")
groups: dict[str, typer.Typer] = {"pb": pb}


def _read(file: Path) -> str:
    if not file.is_file():
        fail(f"{file} does not exist")
    try:
        return file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"{file} is not UTF-8 text (byte {error.start})")
    return ""


@pb.command("count")
def count(
    file: Path = typer.Argument(..., help="A Pabulib .pb file"),
    rule: str = typer.Option(
        "mes-cost",
        "--rule",
        help="greedy-cost, greedy-card, mes-cost, "
        "mes-card, mes-cost-completed, phragmen or official",
    ),
) -> None:
    """Count a Pabulib election and print the winners as JSON; the database is not touched."""
    from coopcouncil.participation.logic.counting import (
        UnknownRule,
        count_election,
        outcome_as_json,
    )
    from coopcouncil.participation.logic.pabulib import PabulibFormatError, parse_pabulib
    from coopcouncil.participation.logic.profile import UnsupportedRule

    text = _read(file)
    try:
        outcome = count_election(parse_pabulib(text), rule)
    except PabulibFormatError as error:
        fail(f"{file}: {error}")
    except (UnknownRule, UnsupportedRule) as error:
        fail(str(error))
    typer.echo(json.dumps(outcome_as_json(outcome), indent=2, ensure_ascii=False))


@pb.command("import")
def import_file(
    file: Path = typer.Argument(..., help="A Pabulib .pb file"),
    district: str = typer.Option("", "--district", help="Slug of the district it belongs to"),
    rule: str = typer.Option("", "--rule", help="Counting rule (default: the file's own)"),
    title: str = typer.Option("", "--title", help="Title (default: META description)"),
) -> None:
    """Import a .pb file as a new process; a bad file writes nothing and names the line."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.participation import selectors, services
    from coopcouncil.places.selectors import district_get

    text = _read(file)
    try:
        area = district_get(district) if district else None
        process = services.process_import_pabulib(
            actor=None, text=text, district=area, title=title, rule=rule, check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    result = selectors.result_latest(process)
    counted = f"; {len(result.winners)} projects funded by {result.rule}" if result else ""
    typer.echo(
        f"Imported process {process.pk} '{process.title}': {process.projects.count()} projects,"
        f" {process.ballots.count()} ballots{counted}."
    )


@pb.command("export")
def export(
    process_id: int = typer.Argument(..., help="The process number"),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: stdout)"),
) -> None:
    """Write a process as a Pabulib .pb file."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.participation import selectors

    try:
        text = selectors.process_pabulib_text(selectors.process_get(process_id))
    except DomainError as error:
        report_domain_error(error)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_bytes(text.encode("utf-8"))
        typer.echo(f"Wrote {output}", err=True)


@pb.command("results")
def results(process_id: int = typer.Argument(..., help="The process number")) -> None:
    """Count a process again from its stored ballots and print the result as JSON."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.participation import pabulib_adapter, selectors
    from coopcouncil.participation.logic.counting import UnknownRule
    from coopcouncil.participation.logic.profile import UnsupportedRule

    try:
        count = pabulib_adapter.process_count(selectors.process_get(process_id))
    except DomainError as error:
        report_domain_error(error)
    except (UnknownRule, UnsupportedRule) as error:
        fail(str(error))
    typer.echo(json.dumps(count.as_json(), indent=2, ensure_ascii=False))
