"""A streaming read replica, for real: public pages read from it, writes and writers don't.

The test starts a PostgreSQL hot standby of the test cluster on another port
(``pg_basebackup -R``, then ``pg_ctl``, as the ``postgres`` user when run as root, as CI is),
points a ``replica`` alias at the same test database there, and routes with
config/routers.py as ``COOPCOUNCIL_REPLICA_URL`` would. It counts each request's queries per
database. WAL replay on the standby is paused to make it lag, as a busy replica would.
PostgreSQL only: SQLite has no replicas.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from coopcouncil.democracy.services.decisions import decision_create, decision_publish

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="read replicas are PostgreSQL streaming replicas; SQLite has none",
    ),
    pytest.mark.django_db(transaction=True),
]
STANDBY_SETTINGS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: CI (root) runs it as the cluster's owner."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _primary(sql: str, *params) -> list[tuple]:
    with connections["default"].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def _replica(sql: str, *params) -> list[tuple]:
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _wait_until(condition, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _caught_up() -> None:
    """Wait until the replica has replayed everything the primary has committed."""
    ((lsn,),) = _primary("SELECT pg_current_wal_lsn()::text")
    _wait_until(
        lambda: _replica("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", lsn)[0][0],
        "the replica to catch up",
    )


def _accepts_reads(standby: dict, password: str) -> bool:
    """Whether the standby takes connections yet. A hot standby opens for reads once it
    knows which transactions were running on the primary, which the primary logs at each
    checkpoint: ask for one, or a busy cluster may keep the standby waiting."""
    try:
        psycopg.connect(**standby, password=password, connect_timeout=2).close()
    except psycopg.OperationalError:
        _primary("CHECKPOINT")
        time.sleep(3)
        return False
    return True


@contextmanager
def _standby(port: int) -> Iterator[None]:
    """A hot standby of the primary's cluster on ``port``, streaming; removed in all cases."""
    db = connections["default"].settings_dict
    version = int(_primary("SHOW server_version_num")[0][0]) // 10000
    bindir = Path(f"/usr/lib/postgresql/{version}/bin")
    pg_basebackup = str(bindir / "pg_basebackup") if bindir.exists() else "pg_basebackup"
    pg_ctl = str(bindir / "pg_ctl") if bindir.exists() else "pg_ctl"
    # A hot standby must allow at least as much as its primary.
    limits = {name: _primary(f"SHOW {name}")[0][0] for name in STANDBY_SETTINGS}
    data = Path(tempfile.mkdtemp(prefix="coopcouncil-replica-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    environment = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    started = False
    try:
        backup = subprocess.run(
            _as_postgres(
                [pg_basebackup, "-D", str(data), "-R", "-X", "stream", "--checkpoint=fast"]
                + ["--no-sync", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
                + ["-U", db["USER"]]
            ),
            env=environment,
            cwd="/",  # the postgres user may not enter the test's directory
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert backup.returncode == 0, backup.stderr
        # Debian keeps the primary's configuration files outside its data directory.
        config = {
            "port": str(port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{data}'",
            "hot_standby": "on",
            "fsync": "off",
            "shared_buffers": "'32MB'",
            "ssl": "off",
            **limits,
        }
        (data / "postgresql.conf").write_text(
            "".join(f"{name} = {value}\n" for name, value in config.items())
        )
        (data / "pg_hba.conf").write_text("host all all 127.0.0.1/32 scram-sha-256\n")
        (data / "pg_ident.conf").write_text("")
        if os.geteuid() == 0:
            for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
                shutil.chown(data / name, "postgres", "postgres")
        started = True
        log = data / "replica.log"
        start = subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-l", str(log), "-W", "start"]),
            cwd="/",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert start.returncode == 0, start.stderr
        standby = {"host": "127.0.0.1", "port": port, "user": db["USER"], "dbname": db["NAME"]}
        _wait_until(
            lambda: _accepts_reads(standby, db["PASSWORD"]),
            "the replica to accept reads",
            # On a cluster shared with long transactions (other test runs' migrations) the
            # standby waits for them to end before it knows enough to serve reads.
            seconds=300,
        )
        yield
    finally:
        if started:
            subprocess.run(
                _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
                cwd="/",
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def replica(transactional_db, settings, monkeypatch) -> Iterator[None]:
    """The ``replica`` alias on a streaming standby, routed as with COOPCOUNCIL_REPLICA_URL:
    the same test database (``test_<name>_gw0`` under xdist), on the standby's port."""
    port = _free_port()
    with _standby(port):
        default = connections.settings["default"]
        monkeypatch.setitem(
            connections.settings,
            "replica",
            {**default, "HOST": "127.0.0.1", "PORT": port, "CONN_MAX_AGE": None},
        )
        settings.DATABASE_ROUTERS = ["coopcouncil.config.routers.PrimaryReplicaRouter"]
        # pytest-django lets a test open only the databases known when it began; connecting
        # the new alias here, once, is allowed (its connection then lasts the test).
        connections["replica"].connect()
        try:
            _wait_until(
                lambda: (
                    _replica(
                        "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = %s", "streaming"
                    )[0][0]
                    == 1
                ),
                "the replica to stream",
            )
            yield
        finally:
            connections["replica"].close()
            del connections["replica"]


@contextmanager
def _queries_per_database() -> Iterator[Counter]:
    """Count the statements each database runs inside the block."""
    counts: Counter = Counter()
    with ExitStack() as stack:
        for alias in ("default", "replica"):

            def count(execute, sql, params, many, context, alias=alias):
                counts[alias] += 1
                return execute(sql, params, many, context)

            stack.enter_context(connections[alias].execute_wrapper(count))
        yield counts


def test_public_pages_come_from_the_replica_and_a_signer_sees_their_signature_at_once(
    replica, ward, make_resident, make_role
):
    """Reads of a public page go to the replica; a signature is written to the primary; the
    signer's next page reads the primary (the cc_wrote mark) and shows their signature while
    the replica lags, when another reader's page, from the replica, does not yet."""
    from coopcouncil.democracy.models import DistrictPartnership

    clerk = make_role("officer", "Clara Clerk", team="clerk")
    partnership = DistrictPartnership.objects.create(district=ward.district, name="Partnership")
    decision = decision_publish(
        actor=clerk,
        decision=decision_create(actor=clerk, partnership=partnership, title="Close the library"),
    )
    resident, visitor = Client(), Client()
    resident.force_login(make_resident(ward, "Ada Lane"))
    page = reverse("democracy:decision", args=[decision.pk])
    _caught_up()

    with _queries_per_database() as read:
        before = visitor.get(page)
    assert before.status_code == 200
    assert '<strong id="signature-count">0</strong>' in before.content.decode()
    assert read["replica"] > 0 and read["default"] == 0, read

    _replica("SELECT pg_wal_replay_pause()")  # the replica now lags behind every write
    with _queries_per_database() as write:
        signed = resident.post(reverse("democracy:sign", args=[decision.pk]), {"show_name": "on"})
    assert signed.status_code == 302
    assert write["default"] > 0 and write["replica"] == 0, write
    assert signed.cookies["cc_wrote"].value

    with _queries_per_database() as own:
        after = resident.get(page)
    assert own["default"] > 0 and own["replica"] == 0, own
    assert '<strong id="signature-count">1</strong>' in after.content.decode()
    assert "You have signed this call-in." in after.content.decode()
    assert '<strong id="signature-count">0</strong>' in visitor.get(page).content.decode()

    _replica("SELECT pg_wal_replay_resume()")
    _caught_up()
    assert '<strong id="signature-count">1</strong>' in visitor.get(page).content.decode()
