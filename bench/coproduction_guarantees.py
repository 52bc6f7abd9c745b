"""Benchmark: co-production's guarantees under load, through the services, on PostgreSQL.

Measures (1) sign-ups per second and latency (p50, p99) when THREADS connections race for
one shift's places (ATTEMPTS attempts for PLACES places), checking that exactly PLACES are
booked; (2) time credit spends per second when THREADS connections spend from the same
accounts, checking that no balance goes below zero and the ledger sums to each balance;
(3) how long the figures page's selector (every district) takes over FIGURES_SIGN_UPS
confirmed sign-ups. Rewrites its section of docs/benchmarks.md.

Run from the repository root, with PostgreSQL running:
    .venv/bin/python bench/coproduction_guarantees.py
Environment: BENCH_DATABASE_URL (default: database cc_coproduction_bench on 127.0.0.1),
BENCH_THREADS (default 20), BENCH_ATTEMPTS (default 2000), BENCH_WRITE_DOCS (default 1).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- coproduction:start -->", "<!-- coproduction:end -->"
COMMAND = ".venv/bin/python bench/coproduction_guarantees.py"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/cc_coproduction_bench"
)
THREADS = int(os.environ.get("BENCH_THREADS", "20"))
ATTEMPTS = int(os.environ.get("BENCH_ATTEMPTS", "2000"))
PLACES = ATTEMPTS // 4
SPENDERS = 50
CREDITS_EACH = 10
FIGURES_SIGN_UPS = 20_000
WRITE_DOCS = os.environ.get("BENCH_WRITE_DOCS", "1") == "1"

os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
os.environ.setdefault("COOPCOUNCIL_VAR_DIR", tempfile.mkdtemp(prefix="cc-bench-"))
os.environ.setdefault("COOPCOUNCIL_DEBUG", "1")


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def race(items: list, act) -> tuple[float, list[float], dict[str, int]]:
    """Run ``act`` on every item from THREADS threads at once: (seconds, latencies, outcomes)."""
    from django.db import connections

    from coopcouncil.core.errors import DomainError

    lanes = [items[lane::THREADS] for lane in range(THREADS)]
    barrier = threading.Barrier(THREADS + 1)
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    lock = threading.Lock()

    def run(lane: list) -> None:
        barrier.wait()
        for item in lane:
            began = time.perf_counter()
            try:
                act(item)
                result = "done"
            except DomainError as error:
                result = error.code
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                outcomes[result] = outcomes.get(result, 0) + 1
        connections.close_all()

    threads = [threading.Thread(target=run, args=(lane,)) for lane in lanes]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, outcomes


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def people(count: int, ward, prefix: str) -> list:
    from django.utils import timezone

    from coopcouncil.people.models import Residency, User

    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}@bench.invalid", full_name=f"{prefix} {n}", email_verified_at=now)
        for n in range(count)
    )
    Residency.objects.bulk_create(
        Residency(
            user=user,
            ward=ward,
            status="verified",
            method="in_person",
            verified_at=now,
            expires_at=now + timezone.timedelta(days=365),
        )
        for user in users
    )
    return users


def main() -> None:
    recreate_database()
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db.models import Sum
    from django.utils import timezone

    from coopcouncil.coproduction import selectors, services
    from coopcouncil.coproduction.models import CreditAccount, CreditEntry, Shift, SignUp
    from coopcouncil.demo.borough import _load_places
    from coopcouncil.people.models import Organisation, RoleAssignment, User
    from coopcouncil.places.models import Ward

    call_command("migrate", verbosity=0)
    _load_places()
    ward = Ward.objects.get(slug="coldhurst")
    organiser = User.objects.create_user(email="organiser@bench.invalid", full_name="Organiser")
    RoleAssignment.objects.create(user=organiser, role="officer", team="district_team")
    opportunity = services.opportunity_post(actor=organiser, role="Packer", place="Hall", ward=ward)
    starts = timezone.now() + timedelta(days=1)
    shift = services.shift_add(
        actor=organiser,
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        places=PLACES,
    )
    volunteers = people(ATTEMPTS, ward, "volunteer")
    seconds, latencies, outcomes = race(
        volunteers, lambda person: services.shift_sign_up(actor=person, shift=shift)
    )
    booked = Shift.objects.get(pk=shift.pk).booked
    assert booked == PLACES == SignUp.objects.filter(shift=shift).count(), (booked, outcomes)
    sign_ups = (
        ATTEMPTS / seconds,
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        outcomes,
    )

    # Spending: each of SPENDERS residents earned CREDITS_EACH; THREADS race to spend 2x that.
    partner = Organisation.objects.create(name="Leisure", slug="leisure", kind="voluntary")
    member = User.objects.create_user(email="partner@bench.invalid", full_name="Partner")
    RoleAssignment.objects.create(user=member, role="partner", organisation=partner)
    offer = services.credit_offer_create(actor=member, partner=partner, title="Swim", credits=1)
    spenders = volunteers[:SPENDERS]
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    for sign_up in SignUp.objects.filter(volunteer__in=spenders).select_related(
        "shift__opportunity"
    ):
        services.attendance_confirm(actor=organiser, sign_up=sign_up, hours=Decimal(CREDITS_EACH))
    attempts = [person for person in spenders for _ in range(2 * CREDITS_EACH)]
    seconds, latencies, outcomes = race(
        attempts, lambda person: services.credits_spend(actor=person, offer=offer)
    )
    assert not CreditAccount.objects.filter(balance__lt=0).exists()
    for account in CreditAccount.objects.all():
        assert (
            account.balance
            == CreditEntry.objects.filter(account=account).aggregate(s=Sum("amount"))["s"]
        )
    assert outcomes.get("done") == SPENDERS * CREDITS_EACH, outcomes
    spends = (
        len(attempts) / seconds,
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        outcomes,
    )

    # Figures over many confirmed sign-ups.
    big = Shift.objects.create(
        opportunity=opportunity,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        places=FIGURES_SIGN_UPS,
    )
    crowd = people(FIGURES_SIGN_UPS, ward, "crowd")
    SignUp.objects.bulk_create(
        SignUp(shift=big, volunteer=person, status="attended", hours=Decimal(2)) for person in crowd
    )
    selectors.district_figures()
    timings = []
    for _ in range(5):
        began = time.perf_counter()
        selectors.district_figures()
        timings.append(time.perf_counter() - began)
    figures_ms = statistics.median(timings) * 1000

    report(sign_ups, spends, figures_ms)


def row(what: str, measured: tuple) -> str:
    rate, p50, p99, outcomes = measured
    return f"| {what} | {rate:,.0f}/s | {p50 * 1000:.1f} ms | {p99 * 1000:.1f} ms | {outcomes} |"


def report(sign_ups: tuple, spends: tuple, figures_ms: float) -> None:
    text = f"""{START}
## Co-production: shift places and time credits under concurrency

`{COMMAND}` — {platform.machine()}, {os.cpu_count()} cores, PostgreSQL, services called from
{THREADS} threads (one connection each); the machine was shared with other work while it ran,
so the figures are a floor, not a ceiling.

| What | Rate | p50 | p99 | Outcome |
|---|---|---|---|---|
{row(f"{ATTEMPTS} sign-ups for {PLACES} places on one shift", sign_ups)}
{row(f"{SPENDERS * CREDITS_EACH * 2} one-credit spends by {SPENDERS} people", spends)}

Checked after each run: exactly {PLACES} places booked; no balance below zero and every
balance equal to its ledger's sum. The figures selector (every district: volunteers, hours,
credits, assets, commitments; five grouped queries) takes {figures_ms:.0f} ms over
{FIGURES_SIGN_UPS:,} confirmed sign-ups.
{END}"""
    print(text)
    if not WRITE_DOCS:
        return
    current = DOCS.read_text(encoding="utf-8")
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        DOCS.write_text(before + text + after, encoding="utf-8")
    else:
        DOCS.write_text(current.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
