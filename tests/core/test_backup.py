"""`coopcouncil backup` and `coopcouncil restore`: every record and uploaded file, restored into
an empty database (SQLite, and PostgreSQL when the tests run on it) with the same counts and
checksums per table; a database with records is refused unless --force.

Each command runs as an operator runs it: a fresh process with its own database. Migrating
an empty database costs about a minute of CPU, so it is done once for the run
(``migrated_sqlite``, tests/conftest.py) and each SQLite site starts as a copy of it;
restoring into PostgreSQL migrates for real.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

COMMAND = str(Path(sys.executable).parent / "coopcouncil")
# Counted with plain SQL, table by table, apart from the backup's own fingerprints.
TABLES = """
import json
import django
django.setup()
from django.apps import apps
from django.db import connection
from coopcouncil.core.backup import table_fingerprints
counts = {}
with connection.cursor() as cursor:
    for model in apps.get_models():
        if model._meta.db_table != "django_session":
            cursor.execute(f"SELECT COUNT(*) FROM {model._meta.db_table}")
            counts[model._meta.db_table] = cursor.fetchone()[0]
print(json.dumps({"counts": counts, "fingerprints": table_fingerprints()}))
"""


def _run(folder: Path, database_url: str, *command: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTEST_VERSION": "local run: the demo keys may be used",
        "DJANGO_SETTINGS_MODULE": "coopcouncil.config.settings",
        "DATABASE_URL": database_url,
        "COOPCOUNCIL_VAR_DIR": str(folder),
    }
    return subprocess.run(command, env=env, cwd=folder, capture_output=True, text=True, timeout=600)


def _tables(folder: Path, database_url: str) -> dict:
    result = _run(folder, database_url, sys.executable, "-c", TABLES)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def _site(folder: Path, database: Path | None = None) -> str:
    """A site's SQLite URL in ``folder``; a copy of ``database`` if given."""
    folder.mkdir(parents=True, exist_ok=True)
    if database is not None:
        shutil.copyfile(database, folder / "coopcouncil.sqlite3")
    return f"sqlite:///{folder / 'coopcouncil.sqlite3'}"


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory, migrated_sqlite):
    """The demo borough with an uploaded photo and a meeting paper, backed up."""
    folder = tmp_path_factory.mktemp("council")
    url = _site(folder, migrated_sqlite)
    result = _run(folder, url, COMMAND, "demo")
    assert result.returncode == 0, result.stderr
    (folder / "media" / "photos").mkdir(parents=True)
    (folder / "media" / "photos" / "park.jpg").write_bytes(b"\xff\xd8 a photo \x00\x01")
    (folder / "papers" / "3").mkdir(parents=True)
    (folder / "papers" / "3" / "agenda.pdf").write_bytes(b"%PDF-1.4 agenda")
    archive = folder / "council.tar.gz"
    result = _run(folder, url, COMMAND, "backup", str(archive))
    assert result.returncode == 0, result.stderr
    assert "Backed up" in result.stdout
    return folder, url, archive


def _assert_same(original: dict, restored: dict) -> None:
    assert restored["counts"] == original["counts"]
    assert restored["fingerprints"] == original["fingerprints"]
    assert sum(original["counts"].values()) > 1000  # the demo borough, not an empty site


def test_a_backup_restores_into_an_empty_database_with_every_record_and_file(
    backed_up, migrated_sqlite, tmp_path
):
    folder, url, archive = backed_up
    target = tmp_path / "restored"
    target_url = _site(target, migrated_sqlite)
    result = _run(target, target_url, COMMAND, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    _assert_same(_tables(folder, url), _tables(target, target_url))
    assert (target / "media" / "photos" / "park.jpg").read_bytes() == (
        folder / "media" / "photos" / "park.jpg"
    ).read_bytes()
    assert (target / "papers" / "3" / "agenda.pdf").read_bytes() == b"%PDF-1.4 agenda"


def test_restore_refuses_a_database_with_records_unless_forced(backed_up, tmp_path):
    folder, url, archive = backed_up
    target = tmp_path / "busy"
    # A copy of the demo site itself holds records (a restore of the archive would take
    # minutes to make the same).
    target_url = _site(target, folder / "coopcouncil.sqlite3")
    refused = _run(target, target_url, COMMAND, "restore", str(archive))
    assert refused.returncode == 1
    assert "already holds records" in refused.stderr and "--force" in refused.stderr
    forced = _run(target, target_url, COMMAND, "restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    _assert_same(_tables(folder, url), _tables(target, target_url))


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_is_written(tmp_path):
    target = tmp_path / "site"
    target_url = _site(target)
    bogus = tmp_path / "holiday.tar.gz"
    bogus.write_bytes(b"not an archive")
    result = _run(target, target_url, COMMAND, "restore", str(bogus))
    assert result.returncode == 1
    assert "is not a readable backup" in result.stderr and "Traceback" not in result.stderr
    assert not (target / "coopcouncil.sqlite3").exists()  # refused before a table was made


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="restoring into PostgreSQL needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)  # CREATE DATABASE runs outside a transaction
def test_a_sqlite_backup_restores_into_postgresql_with_the_same_checksums(backed_up, tmp_path):
    folder, url, archive = backed_up
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    db = connection.settings_dict
    target_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    try:
        result = _run(tmp_path, target_url, COMMAND, "restore", str(archive))
        assert result.returncode == 0, result.stderr
        _assert_same(_tables(folder, url), _tables(tmp_path, target_url))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
