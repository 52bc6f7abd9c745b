"""Participation at scale on PostgreSQL: how long the count takes and the page answers as
the records behind it grow from 10,000 to 1,000,000.

Target (issue 17): the participation-at-scale view answers in under 200 ms with 1,000,000
records behind it. The view reads the snapshot the refresh writes, so the page's time should
not grow with the records; the refresh (the database counting distinct people across every
app's records, run by the worker) does grow, and is reported beside it.

Records are public questions (democracy) and PB ballots (participation) by verified
residents spread over the 20 demo wards and the last 12 months, written with
``INSERT ... SELECT generate_series`` so that preparing a million rows takes seconds.
Prints the result and rewrites docs/benchmarks.md between the insight markers.

Run from the repository root:  .venv/bin/python bench/participation_scale.py
(BENCH_SIZES=10000,100000 for a quicker run; BENCH_WRITE_DOCS=0 to leave the docs alone.)
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- insight:start -->", "<!-- insight:end -->"
COMMAND = ".venv/bin/python bench/participation_scale.py"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/cc_insight_bench"
)
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
WRITE_DOCS = os.environ.get("BENCH_WRITE_DOCS", "1") == "1"
PEOPLE_PER_RECORD = 5  # each resident takes part five times on average
RUNS = 20
TARGET_MS = 200

os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
os.environ.setdefault("COOPCOUNCIL_VAR_DIR", tempfile.mkdtemp(prefix="cc-bench-"))
os.environ.setdefault("COOPCOUNCIL_DEBUG", "0")


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare() -> dict:
    """Migrate and create the places, a partnership meeting and a PB process per district."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from coopcouncil.demo.borough import _load_places
    from coopcouncil.democracy.models import DistrictPartnership, Meeting
    from coopcouncil.participation.models import PBProcess
    from coopcouncil.places.models import District

    call_command("migrate", verbosity=0)
    _load_places()
    district = District.objects.order_by("name").first()
    partnership = DistrictPartnership.objects.create(district=district, name="Bench partnership")
    meeting = Meeting.objects.create(
        partnership=partnership, title="Bench", venue="Hall", starts_at=timezone.now()
    )
    processes = [
        PBProcess.objects.create(title=f"Bench pot {n}", district=district, budget_pence=1)
        for n in range(PEOPLE_PER_RECORD)
    ]
    return {"meeting": meeting.pk, "processes": [p.pk for p in processes]}


def add_records(total: int, done: int, ids: dict) -> None:
    """Top the database up to ``total`` records: a fifth of them PB ballots, one per resident
    per process, the rest questions; every resident verified in one of the wards."""
    from django.db import connection

    people = total // PEOPLE_PER_RECORD
    known = done // PEOPLE_PER_RECORD
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO people_user (password, last_login, is_superuser, email, full_name,
                email_verified_at, is_active, is_staff, date_joined, date_of_birth)
            SELECT '!', NULL, false, 'bench' || n || '@bench.invalid', 'Resident ' || n,
                now(), true, false, now(), NULL
            FROM generate_series(%s, %s - 1) AS n
            """,
            [known, people],
        )
        cursor.execute(
            """
            INSERT INTO people_residency (user_id, ward_id, address, postcode, uprn, status,
                method, verified_by_id, verified_at, expires_at, created_at)
            SELECT u.id, (SELECT id FROM places_ward ORDER BY id OFFSET (u.id %% 20) LIMIT 1),
                '', '', NULL, 'verified', 'in_person', NULL, now() - interval '400 days',
                now() + interval '365 days', now()
            FROM people_user u
            WHERE u.email LIKE 'bench%%' AND NOT EXISTS (
                SELECT 1 FROM people_residency r WHERE r.user_id = u.id)
            """,
            [],
        )
        users = (
            "SELECT id, row_number() OVER (ORDER BY id) AS n FROM people_user "
            "WHERE email LIKE 'bench%%'"
        )
        cursor.execute(
            f"""
            INSERT INTO participation_ballot (process_id, voter_id, voter_ref, ward_id, choices,
                points, pabulib_extra, cast_at, changed_at)
            SELECT %s, u.id, '', NULL, '[]', NULL, '[]',
                now() - (u.n %% 365) * interval '1 day', now()
            FROM ({users}) u WHERE u.n > %s
            """,
            [ids["processes"][0], known],
        )
        questions = total - people - done + known
        cursor.execute(
            f"""
            INSERT INTO democracy_question (meeting_id, asker_id, text, status,
                rejection_reason, merged_into_id, moderated_by_id, moderated_at, answer,
                answered_at, created_at)
            SELECT %s, u.id, 'Bench question', 'submitted', '', NULL, NULL, NULL, '', NULL,
                now() - ((g * 7 + u.n) %% 365) * interval '1 day'
            FROM generate_series(1::bigint, %s) AS g
            JOIN ({users}) u ON u.n = 1 + (g * 7919) %% %s
            """,
            [ids["meeting"], questions, people],
        )
        cursor.execute("ANALYZE", [])


def median_ms(action, runs: int = RUNS) -> tuple[float, float]:
    action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def measure(size: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from coopcouncil.insight.services import participation_refresh

    started = time.perf_counter()
    figures = participation_refresh(actor=None, check_permission=False)
    refresh_s = time.perf_counter() - started
    client = Client()

    def page():
        response = client.get("/insight/participation/")
        assert response.status_code == 200

    def api():
        response = client.get("/api/v1/insight/participation")
        assert response.status_code == 200

    page_ms = median_ms(page)
    api_ms = median_ms(api)
    with CaptureQueriesContext(connection) as queries:
        page()
    return {
        "size": size,
        "refresh_s": refresh_s,
        "figures": figures,
        "page": page_ms,
        "api": api_ms,
        "queries": len(queries),
    }


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"nproc {cores}, {model}, Python {platform.python_version()} ({sys.platform}), "
        f"load average {load:.1f} at the end (shared with other work)"
    )


def write_section(text: str) -> None:
    section = f"{START}\n{text}\n{END}"
    existing = DOCS.read_text()
    if START in existing and END in existing:
        before, rest = existing.split(START, 1)
        updated = before + section + rest.split(END, 1)[1]
    else:
        updated = existing.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(updated)


def report(results: list[dict]) -> str:
    largest = results[-1]
    verdict = "meets" if largest["page"][0] < TARGET_MS else "misses"
    rows = [
        f"| {r['size']:,} | {r['refresh_s']:.1f} s ({r['figures']:,} figures) | "
        f"{r['page'][0]:.1f} / {r['page'][1]:.1f} ms | {r['api'][0]:.1f} / {r['api'][1]:.1f} ms "
        f"| {r['queries']} |"
        for r in results
    ]
    return "\n".join(
        [
            "## Insight: participation at scale",
            "",
            "Residents taking part (public questions and PB ballots, about five records each,",
            "spread over 12 months and 20 wards) counted by ward, role and month on PostgreSQL.",
            "The refresh counts distinct people across every app's records in the database",
            "(run by the worker or `coopcouncil insight refresh-participation`); the page and",
            "the API read the snapshot it writes.",
            "",
            "| records | refresh (worker) | page median / p95 | API median / p95 | page queries |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
            f"With {largest['size']:,} records the page {verdict} the {TARGET_MS} ms target.",
            "",
            f"Machine: {machine()}.",
            "",
            f"Command: `{COMMAND}`",
        ]
    )


def main() -> int:
    recreate_database()
    ids = prepare()
    results, done = [], 0
    for size in SIZES:
        add_records(size, done, ids)
        done = size
        results.append(measure(size))
        print(results[-1], flush=True)
    text = report(results)
    print(text)
    if WRITE_DOCS:
        write_section(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
