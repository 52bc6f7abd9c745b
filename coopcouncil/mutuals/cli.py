"""``coopcouncil elections count`` and ``coopcouncil mutuals import-members``.

``elections count`` needs no database: it reads a BLT file and prints the winners and every
stage, so a returning officer can check a count on any machine. ``import-members`` adds a
co-operative's members from a CSV file, all or nothing (columns in the app README).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from coopcouncil.core.commandline import django_setup, fail, report_domain_error
from coopcouncil.mutuals.logic.ballot_files import BallotFileError, read_blt
from coopcouncil.mutuals.logic.counting import RULES, count, result_document, stage_summary
from coopcouncil.mutuals.logic.stv import CountError, votes_text

elections = typer.Typer(
    help="Count ranked-ballot elections by STV (Scottish rule), Meek or plurality."
)
mutuals = typer.Typer(help="Co-operatives and mutuals: members and their classes.")
groups: dict[str, typer.Typer] = {"elections": elections, "mutuals": mutuals}


@elections.command("count")
def count_command(
    ballots: Path = typer.Argument(..., help="The ballots, in BLT format"),
    rule: str = typer.Option("scottish", "--rule", help="scottish, meek or plurality"),
    as_json: bool = typer.Option(False, "--json", help="Print the count as JSON"),
) -> None:
    """Print the winners and every stage of the count."""
    if rule not in RULES:
        fail(f"Unknown rule {rule!r}; use one of: {', '.join(RULES)}")
    if not ballots.is_file():
        fail(f"{ballots} does not exist")
    try:
        election = read_blt(ballots.read_text(encoding="utf-8"))
        result = count(election, rule)  # type: ignore[arg-type]
    except BallotFileError as error:
        fail(f"{ballots}: {error}")
    except CountError as error:
        fail(f"{ballots}: {error}")
    if as_json:
        typer.echo(json.dumps({"title": election.title, **result_document(result)}, indent=2))
        return
    names = result.candidates
    if election.title:
        typer.echo(election.title)
    typer.echo(
        f"Rule: {rule}; seats: {result.seats}; valid papers: {result.valid_papers};"
        f" quota: {votes_text(result.quota)}"
    )
    for stage in result.stages:
        typer.echo(f"\nStage {stage.number}: {stage_summary(result, stage)}")
        for candidate, votes in enumerate(stage.votes):
            if candidate in election.withdrawn:
                continue
            change = stage.transfers[candidate]
            moved = (
                f" ({'+' if change >= 0 else ''}{votes_text(change)})" if stage.number > 1 else ""
            )
            typer.echo(f"  {names[candidate]:<40} {votes_text(votes):>14}{moved}")
        typer.echo(f"  {'Non-transferable':<40} {votes_text(stage.non_transferable):>14}")
        if stage.rounding_loss:
            typer.echo(f"  {'Lost to rounding':<40} {votes_text(stage.rounding_loss):>14}")
    typer.echo("\nElected: " + ", ".join(names[c] for c in result.elected))


@mutuals.command("import-members")
def import_members(
    file: Path = typer.Argument(..., help="CSV: co-operative, email, classes, shares_pence, ..."),
) -> None:
    """Add members from a CSV file; any bad row stops the import and nothing is added."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.mutuals.services import members_import

    if not file.is_file():
        fail(f"{file} does not exist")
    try:
        added = members_import(
            actor=None, text=file.read_text(encoding="utf-8-sig"), check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Imported {added} member{'s' if added != 1 else ''}.")


@mutuals.command("recheck")
def recheck() -> None:
    """Re-check every member's classes against their age and residency (safe daily)."""
    django_setup()
    from coopcouncil.mutuals.services import members_recheck

    lapsed = members_recheck(actor=None, check_permission=False)
    typer.echo(f"{lapsed} class{'es' if lapsed != 1 else ''} lapsed.")
