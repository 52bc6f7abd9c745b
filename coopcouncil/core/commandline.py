"""What every command of the ``coopcouncil`` tool shares: Django set up once, and errors
printed for an operator with a non-zero exit.

It lives in core, below every app, so that each app's ``cli.py`` can use it while the
top-level ``coopcouncil/cli.py`` imports those apps' command groups (not the other way round).
"""

from __future__ import annotations

import os
from typing import NoReturn

import typer

from coopcouncil.core.errors import DomainError


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a message for the operator and stop with a non-zero exit."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def report_domain_error(error: DomainError) -> NoReturn:
    typer.echo(f"Error: {error.message}", err=True)
    for field, messages in error.errors.items():
        for message in messages:
            typer.echo(f"  {field}: {message}", err=True)
    raise typer.Exit(1)
