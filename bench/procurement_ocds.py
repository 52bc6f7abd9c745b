"""Time exporting 10,000 contracting processes as OCDS 1.1 release and record packages.

Target: under 30 s for both packages, streamed (memory stays flat: processes are read in
chunks and written piece by piece). Alongside, the reference validator libcoveocds is timed
on a 1,000-process release package, offline against ../shared/standards. Prints the figures
and writes them into docs/benchmarks.md between the procurement markers.

Environment: BENCH_DATABASE_URL (default: database cc_procurement_bench on 127.0.0.1), which
is dropped and recreated; BENCH_PROCESSES (default 10000: nine tenders to one quotation
award) for a smaller run while developing; BENCH_DOCS=0 prints the figures without writing
docs/benchmarks.md; BENCH_PROFILE=FILE writes a cProfile of the export to FILE. Run from the
repository root:
    .venv/bin/python bench/procurement_ocds.py
"""

from __future__ import annotations

import cProfile
import importlib.util
import itertools
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- procurement:start -->", "<!-- procurement:end -->"
SHARED = Path(os.environ.get("COOPCOUNCIL_SHARED", ROOT.parent / "shared"))
COMMAND = ".venv/bin/python bench/procurement_ocds.py"
PROCESSES = int(os.environ.get("BENCH_PROCESSES", "10000"))
TENDERS, QUOTATIONS = PROCESSES * 9 // 10, PROCESSES - PROCESSES * 9 // 10
VALIDATED = min(1_000, PROCESSES)
IS_WRITING_DOCS = os.environ.get("BENCH_DOCS", "1") != "0"
PROFILE = os.environ.get("BENCH_PROFILE", "")
TARGET_SECONDS = 30
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/cc_procurement_bench"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("COOPCOUNCIL_DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
sys.path.insert(0, str(ROOT))


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare() -> None:
    """9,000 tenders (three bids, an award, commitments, a return on every other one) and
    1,000 quotation awards (three quotes each), written with bulk inserts."""
    import django
    from django.core.management import call_command
    from django.utils import timezone

    django.setup()
    call_command("migrate", verbosity=0)
    from coopcouncil.people.models import Organisation
    from coopcouncil.procurement import models as m

    now = timezone.now()
    theme = m.MeasureTheme.objects.create(name="Jobs", slug="jobs")
    outcome = m.MeasureOutcome.objects.create(theme=theme, name="Local jobs", slug="local-jobs")
    fte = m.Measure.objects.create(
        outcome=outcome, code="local-fte", name="Local FTE", unit="FTE", proxy_value_pence=3_148_700
    )
    weeks = m.Measure.objects.create(
        outcome=outcome,
        code="apprentice-weeks",
        name="Weeks",
        unit="weeks",
        proxy_value_pence=25_900,
    )
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Supplier {n}",
            slug=f"supplier-{n}",
            kind="business",
            company_number=f"{n:08d}" if n % 2 else "",
            charity_number="" if n % 2 else f"{1100000 + n}",
        )
        for n in range(300)
    )
    exercises = m.CommissioningExercise.objects.bulk_create(
        m.CommissioningExercise(
            title=f"Exercise {n}", slug=f"exercise-{n}", need="A need", outcomes_wanted="Outcomes",
            budget_pence=10_000_000,
        )
        for n in range(100)
    )  # fmt: skip
    tenders = m.Tender.objects.bulk_create(
        m.Tender(
            exercise=exercises[n % 100], title=f"Tender {n}", deadline=now - timedelta(days=30),
            price_weight=40, quality_weight=40, social_value_weight=20, status="awarded",
        )
        for n in range(TENDERS)
    )  # fmt: skip
    m.QualityCriterion.objects.bulk_create(
        m.QualityCriterion(tender=t, name="Quality", weight=100) for t in tenders
    )
    lots = m.TenderLot.objects.bulk_create(
        m.TenderLot(tender=t, number=1, title="Lot", value_pence=5_000_000) for t in tenders
    )
    bids = m.Bid.objects.bulk_create(
        m.Bid(
            lot=lot, organisation=orgs[(n * 3 + k) % 300], submitted_at=now - timedelta(days=40),
            price_pence=4_000_000 + k * 100_000, pays_real_living_wage=True,
            living_wage_rate_pence=1345, accepts_local_clauses=True,
        )
        for n, lot in enumerate(lots)
        for k in range(3)
    )  # fmt: skip
    breakdown = {"bids": [{"organisation": "Supplier", "price_score": "40.00",
                           "quality_score": "32.00", "social_value_score": "20.00",
                           "total": "92.00"}]}  # fmt: skip
    contracts = m.Contract.objects.bulk_create(
        m.Contract(
            title=f"Contract {n}", route="tender", exercise=lot.tender.exercise, lot=lot,
            winning_bid=bids[n * 3], supplier=bids[n * 3].organisation,
            value_pence=4_000_000, starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31),
            awarded_at=now - timedelta(days=20), award_breakdown=breakdown,
        )
        for n, lot in enumerate(lots)
    )  # fmt: skip
    commitments = m.Commitment.objects.bulk_create(
        m.Commitment(contract=c, measure=measure, promised=Decimal(4), proxy_value_pence=100)
        for c in contracts
        for measure in (fte, weeks)
    )
    returns = m.QuarterlyReturn.objects.bulk_create(
        m.QuarterlyReturn(contract=c, year=2026, quarter=2) for c in contracts[::2]
    )
    by_contract = {}
    for commitment in commitments:
        by_contract.setdefault(commitment.contract_id, []).append(commitment)
    m.ReturnLine.objects.bulk_create(
        m.ReturnLine(quarterly_return=r, commitment=c, delivered=Decimal(n % 2), due=Decimal(1))
        for r in returns
        for n, c in enumerate(by_contract[r.contract_id])
    )
    quotations = m.Contract.objects.bulk_create(
        m.Contract(
            title=f"Quotation {n}", route="quotation", supplier=orgs[n % 300],
            value_pence=900_000, starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
            awarded_at=now - timedelta(days=10),
        )
        for n in range(QUOTATIONS)
    )  # fmt: skip
    m.Quote.objects.bulk_create(
        m.Quote(contract=c, organisation=orgs[(n + k) % 300], amount_pence=900_000 + k * 1000)
        for n, c in enumerate(quotations)
        for k in range(3)
    )


def export(folder: Path) -> tuple[float, float, int]:
    """Write both packages as the CLI does; (wall seconds, CPU seconds, bytes written)."""
    from django.utils import timezone

    from coopcouncil.procurement.ocds import packages_write

    started, cpu = time.perf_counter(), time.process_time()
    releases_path, records_path = folder / "release-package.json", folder / "record-package.json"
    profiler = cProfile.Profile() if PROFILE else None
    with releases_path.open("w") as releases, records_path.open("w") as records:
        if profiler is not None:
            profiler.enable()
        packages_write(
            releases=releases,
            records=records,
            uri="https://example.invalid/ocds",
            published=timezone.now(),
        )
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(PROFILE)
    size = releases_path.stat().st_size + records_path.stat().st_size
    return time.perf_counter() - started, time.process_time() - cpu, size


def validate_with_cove(folder: Path) -> tuple[float, float, int]:
    """(seconds to build, seconds libcoveocds takes, its error count) for 1,000 processes."""
    from django.utils import timezone

    from coopcouncil.procurement.ocds import processes, release_package_stream

    started = time.perf_counter()
    text = "".join(
        release_package_stream(
            uri="https://example.invalid/1000.json",
            published=timezone.now(),
            chosen=itertools.islice(processes(), VALIDATED),
        )
    )
    built = time.perf_counter() - started
    package = json.loads(text)
    path = folder / "validated.json"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("validate", SHARED / "standards" / "validate.py")
    validate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(validate)
    started = time.perf_counter()
    errors, _warnings = validate.ocds_with_libcoveocds(SHARED / "standards" / "ocds", package, path)
    return built, time.perf_counter() - started, len(errors)


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"nproc {len(os.sched_getaffinity(0))}, {model}, Python {platform.python_version()}"


def write_section(text: str) -> None:
    section = f"{START}\n{text}\n{END}"
    existing = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    if START in existing and END in existing:
        before, rest = existing.split(START, 1)
        updated = before + section + rest.split(END, 1)[1]
    else:
        updated = existing.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(updated)


def main() -> None:
    recreate_database()
    started = time.perf_counter()
    prepare()
    prepared = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="ocds-bench-") as folder:
        seconds, cpu_seconds, size = export(Path(folder))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        built, cove, errors = validate_with_cove(Path(folder))
    load = os.getloadavg()[0]
    verdict = "meets" if seconds < TARGET_SECONDS else "MISSES"
    # Above ~0.75 a core other work shared the machine, and wall times are pessimistic.
    busy = (
        ", nothing else running"
        if load / (os.cpu_count() or 1) < 0.75
        else ", shared with other work, so wall times are pessimistic: CPU time is fairer"
    )
    text = f"""## Procurement: OCDS export of 10,000 contracting processes

`{COMMAND}` (PostgreSQL 15, {machine()}; load average {load:.1f} on
{os.cpu_count()} cores while it ran{busy}).

| what | figure |
|---|---|
| processes | {TENDERS + QUOTATIONS:,}: {TENDERS:,} tenders (3 bids, an award, commitments, \
a return on every other one) and {QUOTATIONS:,} quotation awards |
| release + record packages, one streamed pass | **{seconds:.1f} s** wall, {cpu_seconds:.1f} s CPU \
({size / 1e6:.0f} MB) — {verdict} the < {TARGET_SECONDS} s target |
| peak memory of the process (after loading the data) | {peak_mb:.0f} MB |
| our 1,000-process release package, built in memory | {built:.2f} s |
| libcoveocds 0.17 on that package (offline, local schema) | **{cove:.1f} s**, {errors} errors |

Setting up the data (bulk inserts, not timed above) took {prepared:.0f} s. The export reads
tenders and quotation awards in chunks of 500 with everything prefetched (a fixed number of
queries per chunk) and writes each release as it is made, so memory does not grow with the
number of processes."""
    print(text)
    if IS_WRITING_DOCS:
        write_section(text)


if __name__ == "__main__":
    main()
