"""`coopcouncil meetings ...` and `coopcouncil llp ...` commands."""

from __future__ import annotations

import json

import typer

from coopcouncil.core.commandline import django_setup, fail

meetings = typer.Typer(help="District partnership meetings.", no_args_is_help=True)
llp = typer.Typer(help="The Local Leaders Programme.", no_args_is_help=True)
groups: dict[str, typer.Typer] = {"meetings": meetings, "llp": llp}


@meetings.command("ical")
def meetings_ical(district: str = typer.Argument(..., help="District slug, e.g. west-oldham")):
    """Print the district's meetings as iCalendar (RFC 5545)."""
    django_setup()
    from coopcouncil.core.errors import NotFound
    from coopcouncil.democracy.ical import district_calendar
    from coopcouncil.places.selectors import district_get, district_list

    try:
        found = district_get(district)
    except NotFound:
        known = ", ".join(sorted(d.slug for d in district_list(with_wards=False)))
        fail(f"There is no district '{district}'. Known districts: {known or 'none'}.")
    typer.echo(district_calendar(found).decode("utf-8"), nl=False)


@llp.command("eligibility")
def llp_eligibility(as_json: bool = typer.Option(False, "--json", help="Print JSON")):
    """Councillors' module attendance and whether they may vote on budgets."""
    django_setup()
    from coopcouncil.democracy.selectors import councillors_eligibility_table

    rows = councillors_eligibility_table()
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    typer.echo(f"{'Councillor':32} {'Ward':24} {'Held':>8}  {'Eligible':8}  Rule applied")
    for row in rows:
        attended = f"{row['modules_attended']}/{row['modules_held']}"
        eligible = "yes" if row["is_eligible"] else "no"
        typer.echo(
            f"{row['councillor'][:32]:32} {row['ward'][:24]:24} {attended:>8}  {eligible:8}"
            f"  {row['reason']}"
        )
