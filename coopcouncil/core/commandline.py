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


def settings_load() -> None:
    """Load the settings, or stop with their one-line refusal (a missing production key, say)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.SECRET_KEY  # noqa: B018 - reading a setting loads the module
    except ImproperlyConfigured as error:
        fail(str(error))


def django_setup() -> None:
    settings_load()
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
