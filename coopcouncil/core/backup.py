"""Back up the whole platform to one file, and restore it into an empty database.

The archive (``.tar.gz``) holds:

- ``data.jsonl``: every row of every model of every installed app, in Django's portable JSON
  lines (``loaddata`` reads them; primary keys kept, times to the microsecond), so a backup
  taken on SQLite restores on PostgreSQL and the other way round; the models are found at
  run time, so an app that lands later is backed up with no change here. Sessions are
  left out: they are sign-ins, not records, and a restored site signs everyone out.
- ``files/media/...`` and ``files/papers/...``: the uploaded files (``MEDIA_ROOT``) and
  meeting papers (``PAPERS_ROOT``).
- ``manifest.json``: the row count and a checksum of each model's rows, and each file's
  checksum, which ``restore`` checks after loading.

Restore refuses a database that holds any record unless told to replace it (``force``),
loads everything in one transaction, and checks the counts and checksums before it
commits. docs/reliability.md, "Backup and restore".
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from coopcouncil.core.errors import Conflict, DomainError

FORMAT = 1
# Records that are not the council's: sign-ins. Everything else is backed up.
LEFT_OUT = (Session,)
# Made by `migrate` itself in every database: not records, so they don't make it "non-empty".
MADE_BY_MIGRATE = ("contenttypes.contenttype", "auth.permission")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder keeps times to the millisecond; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


@dataclass(frozen=True)
class BackupSummary:
    rows: int
    models: int
    files: int


def _backed_up_models() -> list[type[models.Model]]:
    """Every concrete model, in an order that loads (what is pointed at, first)."""
    app_models = [(config, list(config.get_models())) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_models, allow_cycles=True)
    return [m for m in ordered if not m._meta.proxy and m not in LEFT_OUT]


def _file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "papers": Path(settings.PAPERS_ROOT)}


def table_fingerprints() -> dict[str, dict[str, Any]]:
    """Each backed-up model's row count and a SHA-256 of its rows (by primary key).

    Rows are written as sorted JSON, so the checksum is the same on SQLite and PostgreSQL
    (which keeps a JSON field's keys in an order of its own).
    """
    found = {}
    for model in _backed_up_models():
        digest, count = hashlib.sha256(), 0
        rows = model._base_manager.order_by("pk")
        for row in serializers.serialize("python", rows.iterator(chunk_size=2000)):
            digest.update(json.dumps(row, sort_keys=True, cls=ExactJSONEncoder).encode())
            digest.update(b"\n")
            count += 1
        found[model._meta.label_lower] = {"rows": count, "sha256": digest.hexdigest()}
    return found


def _file_fingerprints() -> dict[str, str]:
    found = {}
    for name, root in _file_roots().items():
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                relative = f"files/{name}/{path.relative_to(root).as_posix()}"
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def backup_write(destination: Path) -> BackupSummary:
    """Write the archive to ``destination`` (replaced only once it is complete)."""
    destination = destination.resolve()
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.jsonl"
        # One read-only transaction: the rows and their fingerprints are of one moment.
        with transaction.atomic(), data.open("w", encoding="utf-8") as stream:
            for model in _backed_up_models():
                rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
                serializers.serialize("jsonl", rows, stream=stream, cls=ExactJSONEncoder)
            tables = table_fingerprints()
        files = _file_fingerprints()
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": connection.vendor,
            "tables": tables,
            "files": files,
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(data, arcname="data.jsonl")
            for name, root in _file_roots().items():
                for relative in (f for f in files if f.startswith(f"files/{name}/")):
                    archive.add(root / relative.removeprefix(f"files/{name}/"), arcname=relative)
        partial.replace(destination)
    rows = sum(table["rows"] for table in tables.values())
    return BackupSummary(rows=rows, models=len(tables), files=len(files))


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def database_is_empty() -> bool:
    """No record in any table, beyond what ``migrate`` makes in every database."""
    return not any(
        model._base_manager.exists()
        for model in _backed_up_models()
        if model._meta.label_lower not in MADE_BY_MIGRATE
    )


def backup_restore(source: Path, *, force: bool = False) -> BackupSummary:
    """Load the archive at ``source`` into this (migrated) database and its file folders.

    Refuses a database with records unless ``force``, which replaces them. All rows load in
    one transaction, checked against the manifest's counts and checksums before it
    commits: a restore is whole or nothing. Files are written after the commit.
    """
    with tempfile.TemporaryDirectory() as work:
        manifest = _unpack(source, Path(work))
        if not force and not database_is_empty():
            raise Conflict(
                "restore_not_empty",
                "The database already holds records: restore into an empty database, "
                "or pass --force to replace everything in it.",
            )
        with transaction.atomic():
            if force:
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            # The backup's content types keep their ids, which generic links point at.
            ContentType.objects.all().delete()
            with _history_paused():
                call_command("loaddata", str(Path(work) / "data.jsonl"), verbosity=0)
            _fingerprints_check(manifest["tables"], table_fingerprints())
        ContentType.objects.clear_cache()
        files = _files_put(Path(work), manifest["files"])
    rows = sum(table["rows"] for table in manifest["tables"].values())
    return BackupSummary(rows=rows, models=len(manifest["tables"]), files=files)


@contextmanager
def _history_paused() -> Iterator[None]:
    """django-simple-history records a many-to-many change even as a backup loads (it
    heeds ``raw`` only on saves); the backup holds those history rows already."""
    was = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = was


def backup_check(source: Path) -> None:
    """Refuse a file that is not a backup this version reads, before anything is written.

    Reads only the manifest, so ``coopcouncil restore`` can refuse a wrong file before it
    creates a single table.
    """
    try:
        with tarfile.open(source, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            manifest = json.loads(member.read().decode("utf-8")) if member else {}
    except (OSError, tarfile.TarError, ValueError, KeyError) as error:
        raise DomainError(
            "backup_unreadable", f"{source} is not a readable backup: {error}"
        ) from None
    if manifest.get("format") != FORMAT:
        raise DomainError("backup_unreadable", f"{source} is not a backup this version reads.")


def _unpack(source: Path, work: Path) -> dict:
    try:
        with tarfile.open(source, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links out and device files.
            archive.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, tarfile.TarError, ValueError) as error:
        raise DomainError(
            "backup_unreadable", f"{source} is not a readable backup: {error}"
        ) from None
    if manifest.get("format") != FORMAT or not (work / "data.jsonl").is_file():
        raise DomainError("backup_unreadable", f"{source} is not a backup this version reads.")
    return manifest


def _fingerprints_check(expected: dict, restored: dict) -> None:
    """Every model's rows as backed up; a model the backup did not know (an app that landed
    since) must be empty."""
    nothing = {"rows": 0, "sha256": hashlib.sha256().hexdigest()}
    wrong = {
        label: [f"backup {expected.get(label, nothing)}, restored {restored.get(label, nothing)}"]
        for label in sorted(set(expected) | set(restored))
        if expected.get(label, nothing) != restored.get(label, nothing)
    }
    if wrong:
        raise DomainError(
            "restore_mismatch",
            "The restored records differ from the backup's; nothing was restored.",
            errors=wrong,
        )


def _files_put(work: Path, expected: dict[str, str]) -> int:
    for name, root in _file_roots().items():
        unpacked = work / "files" / name
        if unpacked.is_dir():
            shutil.copytree(unpacked, root, dirs_exist_ok=True)
    for relative, digest in expected.items():
        name, rest = relative.removeprefix("files/").split("/", 1)
        path = _file_roots()[name] / rest
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise DomainError("restore_mismatch", f"The restored file {relative} is damaged.")
    return len(expected)
