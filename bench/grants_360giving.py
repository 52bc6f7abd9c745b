"""Benchmark: 100,000 awards published as 360Giving, and the pages that list them.

Measures, against PostgreSQL: the time and peak memory of `coopcouncil grants
export-360giving` writing every award as JSON and as flat CSV (each export runs in its own
process, so its peak resident memory is its own), and the server time and query count of the
public awards page and the fund dashboard with all 100,000 awards in the database. It
rewrites its section of docs/benchmarks.md.

Run from the repository root, with PostgreSQL running:
    .venv/bin/python bench/grants_360giving.py
Environment: BENCH_DATABASE_URL (default: database cc_grants_bench on 127.0.0.1),
BENCH_AWARDS (default 100000), BENCH_WRITE_DOCS (default 1), BENCH_PARTS (default
"json,csv,awards_page,dashboard": which measurements to run).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- grants:start -->", "<!-- grants:end -->"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/cc_grants_bench"
)
AWARDS = int(os.environ.get("BENCH_AWARDS", "100000"))
PARTS = os.environ.get("BENCH_PARTS", "json,csv,awards_page,dashboard").split(",")
WRITE_DOCS = os.environ.get("BENCH_WRITE_DOCS", "1") == "1"
PAGE_RUNS = 20

os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
os.environ.setdefault("COOPCOUNCIL_DEBUG", "1")
os.environ.setdefault("COOPCOUNCIL_VAR_DIR", tempfile.mkdtemp(prefix="cc-bench-"))


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare() -> str:
    """Migrate, then write a fund, a round and ``AWARDS`` awards across every ward."""
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from coopcouncil.demo.borough import _load_places
    from coopcouncil.grants.models import Application, Fund, Round
    from coopcouncil.people.models import Organisation
    from coopcouncil.places.models import Ward

    _load_places()
    wards = list(Ward.objects.all())
    now = timezone.now()
    fund = Fund.objects.create(name="Bench fund", slug="bench-fund", is_community_fund=True)
    grant_round = Round.objects.create(
        fund=fund, title="Bench round", slug="bench-round", amount_pence=AWARDS * 1_000_000,
        opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=1),
        max_award_pence=1_000_000,
    )  # fmt: skip
    groups = Organisation.objects.bulk_create(
        Organisation(name=f"Group {n}", slug=f"group-{n}", kind="community_group",
                     charity_number=str(1_000_000 + n) if n % 2 else "")
        for n in range(1000)
    )  # fmt: skip
    batch = []
    for n in range(AWARDS):
        batch.append(
            Application(
                round=grant_round, organisation=groups[n % len(groups)],
                ward=wards[n % len(wards)], title=f"Project {n}",
                project="A neighbourhood project", amount_pence=500_000 + n % 500,
                awarded_pence=500_000 + n % 500, status="awarded", award_standing="in_force",
                submitted_at=now - timedelta(days=300), decided_at=now - timedelta(minutes=n),
            )
        )  # fmt: skip
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    from coopcouncil.grants.services import tallies_rebuild

    tallies_rebuild()  # the bulk load bypassed the services that keep the dashboard's totals
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return fund.slug


def export(file_format: str) -> None:
    """Child process: run the export as the command does and print time and peak memory."""
    from typer.testing import CliRunner

    from coopcouncil.cli import app

    output = Path(tempfile.mkdtemp(prefix="cc-360g-")) / f"grants.{file_format}"
    started = time.perf_counter()
    result = CliRunner().invoke(
        app, ["grants", "export-360giving", "-o", str(output), "--format", file_format]
    )
    seconds = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(result.output)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "peak_mib": usage.ru_maxrss / 1024,
                      "bytes": output.stat().st_size}))  # fmt: skip


def measure_export(file_format: str) -> dict:
    found = subprocess.run(
        [sys.executable, __file__, "--export", file_format],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(found.stdout.strip().splitlines()[-1])


def measure_page(url: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(url)
    timings, cpu = [], []
    for _ in range(PAGE_RUNS):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, url
    p95 = sorted(timings)[int(0.95 * len(timings)) - 1]
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": p95,
        "cpu_ms": statistics.median(cpu),
        "queries": len(queries),
    }


def _busy(load: str) -> str:
    """Whether anything but the benchmark ran: the 1-minute load against the cores."""
    per_core = float(load.split(",")[0]) / (os.cpu_count() or 1)
    return "nothing else running" if per_core < 0.75 else "shared with other work"


def write_docs(results: dict) -> str:
    awards_page, dashboard = results["awards_page"], results["dashboard"]
    json_row, csv_row = (
        f"{run['seconds']:.1f} s | {run['cpu_seconds']:.1f} s | {run['peak_mib']:.0f} MiB"
        f" | {run['bytes'] / 2**20:.0f} MiB"
        for run in (results["json"], results["csv"])
    )
    awards_row, dashboard_row = (
        f"{page['median_ms']:.0f} ms | {page['p95_ms']:.0f} ms | {page['cpu_ms']:.0f} ms"
        f" | {page['queries']}"
        for page in (awards_page, dashboard)
    )
    text = f"""{START}
## Grants: 100,000 awards as 360Giving, and the pages that list them

`.venv/bin/python bench/grants_360giving.py` on {platform.node() or "the bench machine"}
({os.cpu_count()} cores, {_busy(results["load"])}: load average
{results["load"]} at the end), PostgreSQL, {AWARDS:,} awards spread over every ward. "Time" is
wall-clock time; "CPU time" is what the export's own process used (the database's share is
not in it), the better guide when the machine is busy.

| what | time | CPU time | peak memory | size |
|---|---|---|---|---|
| `coopcouncil grants export-360giving` (JSON) | {json_row} |
| `… --format csv` (flattentool's flat layout) | {csv_row} |

Targets: under 10 s and under 300 MiB each. The exports are streamed: awards are read
{2000:,} at a time (a server-side cursor) and written as they come, so memory does not grow
with the number of awards; the peak is mostly Python and Django themselves.

| page (Django test client, {PAGE_RUNS} runs) | median | p95 | Django's CPU | queries |
|---|---|---|---|---|
| `/grants/awards/` (newest 50 of {AWARDS:,}) | {awards_row} |
| `/grants/funds/<fund>/` (dashboard, chart, by ward) | {dashboard_row} |

Target: under 200 ms server time. The query counts are the same with 1 award or 100,000
(`tests/grants/views/test_pages.py` proves it); the dashboard reads running totals per round,
ward and status that the grants services keep, not every application.
{END}"""
    if WRITE_DOCS:
        current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
        if START in current and END in current:
            before, rest = current.split(START, 1)
            DOCS.write_text(before + text + rest.split(END, 1)[1], encoding="utf-8")
        else:
            DOCS.write_text(current.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return text


def main() -> None:
    recreate_database()
    fund_slug = prepare()
    measures = {
        "json": lambda: measure_export("json"),
        "csv": lambda: measure_export("csv"),
        "awards_page": lambda: measure_page("/grants/awards/"),
        "dashboard": lambda: measure_page(f"/grants/funds/{fund_slug}/"),
    }
    results: dict = {part: measures[part]() for part in PARTS}
    results["load"] = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(json.dumps(results, indent=2))
    if set(measures) <= set(results):  # the docs table needs every figure
        print(write_docs(results))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--export":
        import django

        django.setup()
        export(sys.argv[2])
    else:
        main()
