"""The ``coopcouncil`` command: run, load and export the platform from a shell.

Each domain may add command groups in its own ``cli.py`` as ``groups = {name: typer}``;
they are listed and attached here. Errors from the rules print as a message and exit
non-zero (``core/commandline.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from coopcouncil.budgets import cli as budgets_cli
from coopcouncil.coproduction import cli as coproduction_cli
from coopcouncil.core.commandline import django_setup, fail, report_domain_error, settings_load
from coopcouncil.democracy import cli as democracy_cli
from coopcouncil.grants import cli as grants_cli
from coopcouncil.insight import cli as insight_cli
from coopcouncil.membership import cli as membership_cli
from coopcouncil.mutuals import cli as mutuals_cli
from coopcouncil.opendata import cli as opendata_cli
from coopcouncil.participation import cli as participation_cli
from coopcouncil.people import cli as people_cli
from coopcouncil.places import cli as places_cli
from coopcouncil.procurement import cli as procurement_cli
from coopcouncil.servicerequests import cli as servicerequests_cli

app = typer.Typer(
    help="Run the co-operative council platform.", no_args_is_help=True, add_completion=False
)

# Each domain's command groups, by name; a new app with commands adds its own here.
DOMAIN_GROUPS: tuple[dict[str, typer.Typer], ...] = (
    people_cli.groups,
    places_cli.groups,
    democracy_cli.groups,
    participation_cli.groups,
    budgets_cli.groups,
    coproduction_cli.groups,
    insight_cli.groups,
    opendata_cli.groups,
    procurement_cli.groups,
    grants_cli.groups,
    servicerequests_cli.groups,
    mutuals_cli.groups,
    membership_cli.groups,
)


def _manage(*args: str) -> None:
    django_setup()
    from django.core.management import call_command

    call_command(*args)


@app.command()
def migrate() -> None:
    """Create or update the database tables."""
    _manage("migrate", "--no-input")


@app.command()
def createsuperuser() -> None:
    """Create an administrator account (asks for email, name and password)."""
    _manage("createsuperuser")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run any Django management command, e.g. `coopcouncil manage check`."""
    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["coopcouncil manage", *ctx.args])


@app.command()
def demo() -> None:
    """Create the tables and load the illustrative demo borough (safe to run again)."""
    django_setup()
    from django.core.management import call_command

    from coopcouncil.demo import demo_load

    call_command("migrate", "--no-input", verbosity=0)
    summary = demo_load()
    typer.echo(summary)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
    workers: int = typer.Option(2, help="Worker processes"),
    graceful_timeout: float = typer.Option(
        10.0, help="Seconds a worker has to finish its requests when told to stop, then killed"
    ),
) -> None:
    """Serve the web UI and API with uvicorn (production ASGI server).

    Each worker process listens on a socket of its own, so connections spread evenly;
    a supervisor restarts workers that die and takes them with it when it stops
    (coopcouncil/config/server.py, docs/decisions/0003). On PostgreSQL the call-in
    signing lane answers signatures in front of Django (docs/decisions/0002) and
    Django takes its connections from a pool.
    """
    # Refuse here, once, rather than in every worker the supervisor would keep restarting.
    settings_load()
    command = [
        *(sys.executable, "-m", "coopcouncil.config.server"),
        *("--host", host, "--port", str(port), "--workers", str(workers)),
        *("--graceful-timeout", str(graceful_timeout)),
    ]
    env = {**os.environ, "COOPCOUNCIL_DB_POOL": "1"}
    # Become the server, so that signals (Ctrl+C, a service manager's SIGTERM) reach it.
    os.execve(sys.executable, command, env)


@app.command()
def worker(
    queue: str = typer.Option("default", help="Queues to run, comma-separated; * for all"),
    interval: float = typer.Option(1.0, help="Seconds to wait when no task is ready"),
    batch: bool = typer.Option(False, "--batch", help="Run every ready task, then exit"),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Put emails that failed every attempt back on the queue"
    ),
) -> None:
    """Run background tasks (emails) as they are queued, until stopped.

    Run it beside `coopcouncil serve`, as a second service; it stops cleanly on Ctrl+C
    or SIGTERM, finishing the task in hand. coopcouncil/core/tasks.py says what it runs.
    """
    django_setup()
    if retry_failed:
        from coopcouncil.core.tasks import email_failed_requeue

        typer.echo(f"Put {email_failed_requeue()} failed email tasks back on the queue.")
        return
    from django.core.management import CommandError, call_command

    try:
        # A batch run is a one-off, so it skips the start-up jitter that spreads out a pool.
        call_command(
            "db_worker",
            queue_name=queue,
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=not batch,
        )
    except CommandError as error:  # e.g. COOPCOUNCIL_TASKS_BACKEND is not the database
        fail(str(error).removeprefix("Error: "))


@app.command()
def backup(
    file: Path = typer.Argument(..., help="The archive to write, e.g. council.tar.gz"),
) -> None:
    """Back up every record and uploaded file to one archive (restores on SQLite or PostgreSQL)."""
    django_setup()
    from coopcouncil.core.backup import backup_write

    if file.is_dir() or not file.parent.is_dir():
        fail(f"{file} is not a file in an existing folder")
    summary = backup_write(file)
    typer.echo(
        f"Backed up {summary.rows} records of {summary.models} kinds"
        f" and {summary.files} files to {file}."
    )


@app.command()
def restore(
    file: Path = typer.Argument(..., help="An archive written by `coopcouncil backup`"),
    force: bool = typer.Option(False, "--force", help="Replace every record already here"),
) -> None:
    """Restore a backup into this database (created if need be) and the upload folders.

    The database must hold no records, unless --force, which replaces them. Everything is
    restored or nothing: the records are checked against the backup before they are kept.
    """
    django_setup()
    from django.core.management import call_command

    from coopcouncil.core.backup import backup_check, backup_restore
    from coopcouncil.core.errors import DomainError

    if not file.is_file():
        fail(f"{file} does not exist")
    try:
        backup_check(file)  # a wrong file is refused before any table is made
        call_command("migrate", "--no-input", verbosity=0)
        summary = backup_restore(file, force=force)
    except DomainError as error:
        report_domain_error(error)
    typer.echo(
        f"Restored {summary.rows} records of {summary.models} kinds and {summary.files} files."
    )


retention = typer.Typer(help="Remove or anonymise personal data past its retention period.")
app.add_typer(retention, name="retention")


@retention.command("apply")
def retention_apply(
    dry_run: bool = typer.Option(False, "--dry-run", help="Count only; change nothing"),
    queue: bool = typer.Option(False, "--queue", help="Queue it for the worker instead"),
) -> None:
    """Enforce every app's retention rules and report, per record type, what was done.

    Periods are settings (COOPCOUNCIL_RETENTION_<TYPE>_DAYS); docs/reliability.md lists them.
    """
    django_setup()
    from coopcouncil.core.retention import retention_apply as apply
    from coopcouncil.core.retention import retention_apply_task

    if queue:
        queued = retention_apply_task.enqueue()
        typer.echo(f"Queued retention run {queued.id} for the worker.")
        return
    for outcome in apply(dry_run=dry_run):
        if outcome.action == "kept":
            typer.echo(f"{outcome.record_type}: kept for good")
            continue
        verb = f"would be {outcome.action}" if dry_run else outcome.action
        typer.echo(
            f"{outcome.record_type}: {outcome.count} {verb}"
            f" (older than {outcome.days} days, before {outcome.before:%Y-%m-%d %H:%M})"
        )
        for reason, count in outcome.held.items():
            typer.echo(f"  {count} kept, in use by {reason}")


@app.command("import-wards")
def import_wards(file: Path = typer.Argument(..., help="CSV of ward figures")) -> None:
    """Replace ward figures from a CSV; any bad row stops the import and nothing is written."""
    django_setup()
    from coopcouncil.core.errors import DomainError
    from coopcouncil.places.services import ward_figures_import

    if not file.exists():
        fail(f"{file} does not exist")
    try:
        count = ward_figures_import(
            actor=None, text=file.read_text(encoding="utf-8-sig"), check_permission=False
        )
    except DomainError as error:
        report_domain_error(error)
    typer.echo(f"Updated figures for {count} wards.")


@app.command("export-wards")
def export_wards(output: Path = typer.Option(None, "--output", "-o")) -> None:
    """Write every ward's figures as CSV (to stdout or a file)."""
    django_setup()
    from coopcouncil.places.logic.ward_csv import write_ward_rows
    from coopcouncil.places.selectors import ward_rows_for_export

    _write(write_ward_rows(ward_rows_for_export()), output)


@app.command("export-popolo")
def export_popolo(output: Path = typer.Option(None, "--output", "-o")) -> None:
    """Write councillors, organisations and memberships as Popolo JSON."""
    django_setup()
    import json

    from coopcouncil.opendata.popolo import popolo_export

    _write(json.dumps(popolo_export(), indent=2), output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Wrote {output}", err=True)


for groups in DOMAIN_GROUPS:
    for name, group in groups.items():
        app.add_typer(group, name=name)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
