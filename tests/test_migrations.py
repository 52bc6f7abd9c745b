"""The migrations describe every model.

The suite's own test databases are made from the models directly (``--no-migrations`` in
pyproject.toml: running the migrations costs about two minutes of CPU per database, once per
xdist worker and per pass). This test keeps the migrations honest instead: a model change
without its migration fails here. The migrations themselves are applied to empty databases
by the real command elsewhere: SQLite once per run in ``tests/conftest.py``
(``migrated_sqlite``, which ``tests/test_serve.py`` and ``tests/core/test_backup.py`` copy),
PostgreSQL when a backup is restored into a new database
(``test_a_sqlite_backup_restores_into_postgresql_with_the_same_checksums``).
"""

from __future__ import annotations

from django.core.management import call_command


def test_every_model_change_has_its_migration(settings, db):
    """`makemigrations --check` finds nothing to write (with the real migration modules)."""
    settings.MIGRATION_MODULES = {}
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as missing:
        raise AssertionError(
            "A model changed without a migration: run `coopcouncil manage makemigrations`"
        ) from missing
