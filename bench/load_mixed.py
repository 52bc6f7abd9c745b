"""Load test: a mixed public workload while a call-in or PB vote is in the news (issue 18).

Serves the demo borough on PostgreSQL as `coopcouncil serve` serves it (uvicorn workers,
the signing lane in front of Django, Django pooled) and sends, on loopback only, a mix of
  70 % public page reads, signed out (home, district, ward, the decision with its call-in
       count, the PB process being voted on, a finished process's results),
  10 % API reads (ward figures, the call-in count, PB results),
  10 % call-in signatures by distinct signed-in verified residents (through the lane),
   5 % PB ballots by distinct signed-in voters,
   5 % questions to the coming partnership meeting and Open311 reports with an API key,
at rising concurrency (closed loop: each client sends its next request once answered).
Every step is bounded in requests and in seconds. It reports per step the throughput,
p50 / p99 latency and the error rate (any reply not 2xx/3xx, or no reply, counts: no
refusal is expected, since the per-address rate limits are raised above the run's total
for clients that all share 127.0.0.1), the concurrency at which p99 passes 500 ms, and
checks every acknowledged write is stored once. It rewrites its section of
docs/reliability.md.

Run from the repository root, with PostgreSQL running: `make reliability`, or
    .venv/bin/python bench/load_mixed.py
Environment: BENCH_DATABASE_URL (default: database cc_load_mixed on 127.0.0.1),
BENCH_STEPS (concurrencies, default 8,16,32,64,128), BENCH_STEP_REQUESTS (per step,
default 6000), BENCH_STEP_SECONDS (no new request after this, default 30), BENCH_WORKERS
(default one per core), BENCH_WRITE_DOCS (default 1), BENCH_MIX (e.g. page=100),
BENCH_FRESH (default 1; 0 reuses the database and demo a previous run loaded).
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from _served import (
    CSRF,
    HttpLoad,
    cpu_model,
    free_port,
    postgres_pids,
    process_cpu,
    recreate_database,
    server_command,
    server_cpu,
    settle_database,
    signed_in_sessions,
    start_server,
    write_section,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"
START, END = "<!-- load-mixed:start -->", "<!-- load-mixed:end -->"
COMMAND = "make reliability"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/cc_load_mixed"
)
STEPS = [int(n) for n in os.environ.get("BENCH_STEPS", "8,16,32,64,128").split(",")]
STEP_REQUESTS = int(os.environ.get("BENCH_STEP_REQUESTS", "6000"))
STEP_SECONDS = float(os.environ.get("BENCH_STEP_SECONDS", "30"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 1)))
WRITE_DOCS = os.environ.get("BENCH_WRITE_DOCS", "1") == "1"
# 0 reuses the database a previous run left (loading the demo takes minutes); this run's
# residents and key are told apart from earlier runs' by RUN.
FRESH = os.environ.get("BENCH_FRESH", "1") == "1"
RUN = time.strftime("%Y%m%d%H%M%S")
WARM_REQUESTS = 300
TARGET = {"per_second": 500, "p99_ms": 300}

# Share of each kind of request, in per cent: the mix, or BENCH_MIX to see one
# kind's cost alone (e.g. BENCH_MIX=page=100 for the cached public pages only).
MIX = {"page": 70, "api": 10, "signature": 10, "ballot": 5, "question": 3, "report": 2}
if os.environ.get("BENCH_MIX"):
    MIX = {
        kind: int(share)
        for kind, share in (part.split("=") for part in os.environ["BENCH_MIX"].split(","))
    }
WRITES = ("signature", "ballot", "question", "report")

os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
os.environ.setdefault("COOPCOUNCIL_VAR_DIR", tempfile.mkdtemp(prefix="cc-load-"))
# Every client is on the loopback address: lift the per-address limits, the Open311 key's
# limit and the call-in threshold above the run's totals, so each limit is counted (its
# cost measured) but never reached and every signature is accepted onto an open call-in.
_TOTAL = STEP_REQUESTS * (len(STEPS) + 1) + WARM_REQUESTS
for _action in ("CALL_IN_SIGNATURE", "PB_BALLOT", "QUESTION", "SERVICE_REQUEST_REPORT"):
    os.environ.setdefault(f"COOPCOUNCIL_RATE_LIMIT_{_action}_PER_ADDRESS", str(10 * _TOTAL))
os.environ.setdefault("COOPCOUNCIL_OPEN311_CALLS_PER_MINUTE", str(10 * _TOTAL))
os.environ.setdefault("COOPCOUNCIL_CALL_IN_THRESHOLD", str(10 * _TOTAL))


def writers_needed() -> dict[str, int]:
    """Distinct residents each write kind needs over the whole run (each writes once)."""
    return {
        kind: _TOTAL * MIX.get(kind, 0) // 100 + 10 for kind in ("signature", "ballot", "question")
    }


def prepare() -> dict:
    """Migrate, load the demo borough, then add signed-in verified residents of the district
    in the news (West Oldham: its open call-in, PB vote and coming meeting) and an Open311 key."""
    import django

    django.setup()
    from datetime import date, timedelta

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from coopcouncil.demo import demo_load
    from coopcouncil.democracy.models import Decision, Meeting
    from coopcouncil.participation.models import PBProcess, Phase
    from coopcouncil.people.models import Residency, User
    from coopcouncil.places.models import Ward
    from coopcouncil.servicerequests.models import ServiceCategory, ServiceRequest
    from coopcouncil.servicerequests.services.keys import api_key_create

    call_command("migrate", verbosity=0)
    if FRESH:
        demo_load()
    now = timezone.now()
    # The demo's open call-in: a published decision in the district whose PB vote is open.
    voting = PBProcess.objects.get(phase=Phase.VOTING)
    district = voting.district
    decision = Decision.objects.filter(
        partnership__district=district, status=Decision.Status.PUBLISHED, call_in__closes_at__gt=now
    ).order_by("pk")[0]
    finished = PBProcess.objects.filter(results__isnull=False).distinct()[0]
    cheapest = voting.projects.filter(status="feasible").order_by("final_cost_pence", "pk")[0]
    meeting = Meeting.objects.filter(partnership__district=district, starts_at__gt=now).order_by(
        "starts_at"
    )[0]
    wards = list(Ward.objects.filter(district=district).order_by("slug"))
    # An Open311 report a client would send: a demo report's place, its category's answers.
    sample = (
        ServiceRequest.objects.filter(ward__district=district).select_related("category").first()
    )
    category: ServiceCategory = sample.category
    report = {
        "service_code": category.code,
        "lat": str(sample.latitude),
        "long": str(sample.longitude),
        "description": "Load test report",
        **{f"attribute[{code}]": value for code, value in sample.attributes.items()},
    }
    clerk = User.objects.get(email__startswith="clerk@")
    _key, secret = api_key_create(
        actor=clerk, name=f"Load test client {RUN}", check_permission=False
    )
    report["api_key"] = secret

    needed = writers_needed()
    users = User.objects.bulk_create(
        [
            User(
                email=f"{kind}{n}.{RUN}@load.invalid",
                full_name=f"Resident {kind} {n}",
                password=make_password(None),
                email_verified_at=now,
                date_of_birth=date(1980, 1, 1),
            )
            for kind, count in needed.items()
            for n in range(count)
        ],
        batch_size=2000,
    )
    Residency.objects.bulk_create(
        [
            Residency(
                user=user,
                ward=wards[n % len(wards)],
                status=Residency.Status.VERIFIED,
                method=Residency.Method.IN_PERSON,
                verified_at=now,
                expires_at=now + timedelta(days=365),
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    sessions = signed_in_sessions(users, prefix=f"load{RUN}")
    writers, offset = {}, 0
    for kind, count in needed.items():
        writers[kind] = sessions[offset : offset + count]
        offset += count
    settle_database(DATABASE_URL)
    return {
        "decision": decision.pk,
        "district": district.slug,
        "wards": [w.slug for w in wards],
        "voting": voting.pk,
        "finished": finished.pk,
        "choice": cheapest.code,
        "meeting": meeting.pk,
        "report": report,
        "writers": writers,
    }


def _request(
    port: int, method: str, path: str, body: bytes = b"", session: str = "", kind: str = ""
) -> bytes:
    headers = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    if session:
        headers += [f"X-CSRFToken: {CSRF}", f"Cookie: sessionid={session}; csrftoken={CSRF}"]
    if body:
        headers += [f"Content-Type: {kind}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


class Workload:
    """The requests of each kind; writes take the next resident who has not written yet."""

    def __init__(self, port: int, seed: dict) -> None:
        self.port, self.seed = port, seed
        self.next_writer = Counter()
        wards, voting = seed["wards"], seed["voting"]
        self.pages = [
            "/",
            f"/districts/{seed['district']}/",
            *(f"/wards/{slug}/" for slug in wards),
            f"/democracy/decisions/{seed['decision']}/",
            f"/pb/{voting}/",
            f"/pb/{seed['finished']}/results/",
        ]
        self.apis = [
            f"/api/v1/wards/{wards[0]}",
            f"/api/v1/democracy/decisions/{seed['decision']}/call-in",
            f"/api/v1/pb/processes/{seed['finished']}/results",
        ]
        self.questions = 0

    def _writer(self, kind: str) -> str:
        n = self.next_writer[kind]
        self.next_writer[kind] += 1
        return self.seed["writers"][kind][n]

    def request(self, kind: str, rng: random.Random) -> bytes:
        port, seed, json_type = self.port, self.seed, "application/json"
        if kind == "page":
            return _request(port, "GET", rng.choice(self.pages))
        if kind == "api":
            return _request(port, "GET", rng.choice(self.apis))
        if kind == "signature":
            path = f"/api/v1/democracy/decisions/{seed['decision']}/call-in/signatures"
            body = b'{"show_name": false}'
            return _request(port, "POST", path, body, self._writer(kind), json_type)
        if kind == "ballot":
            path = f"/api/v1/pb/processes/{seed['voting']}/ballot"
            body = json.dumps({"choices": [seed["choice"]]}).encode()
            return _request(port, "PUT", path, body, self._writer(kind), json_type)
        if kind == "question":
            path = f"/api/v1/democracy/meetings/{seed['meeting']}/questions"
            body = b'{"text": "When will the mobile library decision be reviewed?"}'
            return _request(port, "POST", path, body, self._writer(kind), json_type)
        body = urlencode(seed["report"]).encode()
        form = "application/x-www-form-urlencoded"
        return _request(port, "POST", "/open311/v2/requests.json", body, kind=form)

    def kinds(self, count: int, rng: random.Random) -> list[str]:
        kinds = [kind for kind, share in MIX.items() for _ in range(count * share // 100)]
        kinds += ["page"] * (count - len(kinds))
        rng.shuffle(kinds)
        return kinds


def cpu_now(server) -> dict:
    """CPU seconds so far: the server's processes, PostgreSQL's for this database, the
    load generator's, and the whole machine's."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "server": server_cpu(server),
        "postgres": sum(process_cpu(pid) for pid in postgres_pids()),
        "generator": own.ru_utime + own.ru_stime,
        "machine": _machine_busy(),
    }


def run_step(server, port: int, workload: Workload, clients: int, count: int, rng) -> dict:
    """``clients`` clients in a closed loop over ``count`` mixed requests, sending none
    after STEP_SECONDS; returns per-kind statuses and the latencies."""
    generator = HttpLoad(port)
    pending = iter(workload.kinds(count, rng))
    done: list[tuple[str, int, float]] = []
    began = time.perf_counter()
    cpu_before = cpu_now(server)

    def send_next() -> None:
        if time.perf_counter() - began > STEP_SECONDS:
            return
        kind = next(pending, None)
        if kind is None:
            return
        request = workload.request(kind, rng)

        def answered() -> None:
            done.append((kind, generator.statuses[-1], generator.latencies[-1]))
            send_next()

        generator.submit(request, time.perf_counter(), answered)

    for _ in range(clients):
        send_next()
    elapsed = generator.run_until_answered()
    generator.close()
    cpu_after = cpu_now(server)
    spent = {name: cpu_after[name] - cpu_before[name] for name in cpu_before}
    return summarise(clients, done, elapsed - began, spent)


def _machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (all processes, all cores)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def summarise(clients: int, done: list, seconds: float, spent: dict) -> dict:
    latencies = sorted(latency for _kind, _status, latency in done)
    errors = Counter(
        f"{kind} {status}" for kind, status, _latency in done if not 200 <= status < 400
    )
    acknowledged = Counter(kind for kind, status, _ in done if kind in WRITES and status < 300)
    return {
        "clients": clients,
        "requests": len(done),
        "seconds": round(seconds, 2),
        "per_second": round(len(done) / seconds),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1),
        "errors": sum(errors.values()),
        "error_rate": round(sum(errors.values()) / max(len(done), 1), 4),
        "error_statuses": dict(errors),
        "acknowledged": dict(acknowledged),
        # CPU per request, by process group: what two free cores would allow.
        **{
            f"{name}_cpu_ms": round(1000 * spent[name] / max(len(done), 1), 2)
            for name in ("server", "postgres", "generator")
        },
        "machine_cores_busy": round(spent["machine"] / seconds, 2),
        "kind_p50_ms": {
            kind: round(1000 * statistics.median(lat for k, _s, lat in done if k == kind), 1)
            for kind in MIX
            if any(k == kind for k, _s, _l in done)
        },
    }


def verify(seed: dict, acknowledged: Counter) -> dict:
    """In the first step each request cost {cost:.2f} ms of CPU in all, so two free cores would
    allow about {2000 / cost:.0f} requests/s of this mix.
    Every acknowledged write stored once: bench residents' rows against 2xx replies."""
    from coopcouncil.democracy.models import CallInSignature, Question
    from coopcouncil.participation.models import Ballot
    from coopcouncil.servicerequests.models import ServiceRequest

    stored = {
        "signature": CallInSignature.objects.filter(
            petition__decision_id=seed["decision"], signer__email__endswith=f".{RUN}@load.invalid"
        ).count(),
        "ballot": Ballot.objects.filter(
            process_id=seed["voting"], voter__email__endswith=f".{RUN}@load.invalid"
        ).count(),
        "question": Question.objects.filter(
            meeting_id=seed["meeting"], asker__email__endswith=f".{RUN}@load.invalid"
        ).count(),
        "report": ServiceRequest.objects.filter(api_key__name=f"Load test client {RUN}").count(),
    }
    return {
        "stored": stored,
        "exact": all(stored[kind] == acknowledged[kind] for kind in WRITES),
    }


TABLE_HEAD = (
    "| clients | requests | requests/s | p50 | p99 | errors"
    " | CPU per request: server / PG / generator | cores busy |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- |"
)


def write_docs(steps: list[dict], check: dict, load: tuple, cores: int) -> str:
    rows = "\n".join(
        f"| {s['clients']} | {s['requests']} | {s['per_second']} | {s['p50_ms']} ms"
        f" | {s['p99_ms']} ms | {s['errors']} ({100 * s['error_rate']:.2f} %)"
        f"{' ' + json.dumps(s['error_statuses']) if s['errors'] else ''}"
        f" | {s['server_cpu_ms']} / {s['postgres_cpu_ms']} / {s['generator_cpu_ms']} ms"
        f" | {s['machine_cores_busy']} |"
        for s in steps
    )
    cost = steps[0]["server_cpu_ms"] + steps[0]["postgres_cpu_ms"] + steps[0]["generator_cpu_ms"]
    passed = next((s["clients"] for s in steps if s["p99_ms"] > 500), None)
    met = [
        s["clients"]
        for s in steps
        if s["per_second"] >= TARGET["per_second"]
        and s["p99_ms"] < TARGET["p99_ms"]
        and s["errors"] == 0
    ]
    text = f"""{START}
## Public pages that survive a spike: the mixed load test

`bench/load_mixed.py` serves the demo borough on PostgreSQL as `coopcouncil serve` does
({WORKERS} uvicorn workers, the signing lane in front of Django, Django pooled) and sends,
from one epoll loop on the same machine over loopback, a mixed closed-loop workload:
70 % public page reads signed out (home, district, ward, the decision with its call-in count,
the PB process being voted on, a finished process's results), 10 % API reads, 10 % call-in
signatures by distinct signed-in verified residents (through the signing lane), 5 % PB
ballots, 3 % questions to the coming partnership meeting and 2 % Open311 reports with an API
key. Each step sends at most {STEP_REQUESTS} requests and none after {STEP_SECONDS:g} s.
Every client is 127.0.0.1, so the per-address rate limits (and the Open311 key's, and the
call-in threshold) are raised above the run's total: the limits are counted, never reached,
and no refusal is expected; an error is any reply not 2xx/3xx, or none.

{TABLE_HEAD}
{rows}

p99 passes 500 ms at: **{f"{passed} clients" if passed else "no step run"}**.
Target (>= {TARGET["per_second"]} requests/s, p99 < {TARGET["p99_ms"]} ms, no errors):
**{"met at " + ", ".join(map(str, met)) + " clients" if met else "not met in any step"}**.
In the first step each request cost {cost:.2f} ms of CPU in all, so two free cores would
allow about {2000 / cost:.0f} requests/s of this mix.
Every acknowledged write stored once: **{"yes" if check["exact"] else "NO"}**
({", ".join(f"{k} {v}" for k, v in check["stored"].items())} stored).

Machine: nproc {cores}, {cpu_model()}, Python {platform.python_version()}; load average
{load[0]:.1f} / {load[1]:.1f} (1 / 5 min) when the run started, with other work on the
machine ("cores busy" counts every process on the machine, the load test's own included;
"clients" are concurrent; PG is PostgreSQL's backends for this database and its shared
processes).

Command: `{COMMAND}`{command_options()}
{END}"""
    write_section(DOCS, START, END, text, "Reliability, security and operations")
    return text


def command_options() -> str:
    options = [f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("BENCH_")]
    return f" with `{' '.join(options)}`" if options else ""


def main() -> int:
    load = os.getloadavg()
    if FRESH:
        recreate_database(DATABASE_URL)
    seed = prepare()
    port = free_port()
    # With its access log, as `coopcouncil serve` runs by default; the lines go to a file.
    log = Path(os.environ["COOPCOUNCIL_VAR_DIR"]) / "server.log"
    command = server_command(port, server="uvicorn", workers=WORKERS, access_log=True)
    server = start_server(command, port, log)
    print(f"Server log: {log}", flush=True)
    workload = Workload(port, seed)
    rng = random.Random(18)
    steps = []
    acknowledged: Counter = Counter()
    try:
        warm = run_step(server, port, workload, 8, WARM_REQUESTS, rng)
        acknowledged.update(warm["acknowledged"])
        for clients in STEPS:
            step = run_step(server, port, workload, clients, STEP_REQUESTS, rng)
            acknowledged.update(step["acknowledged"])
            print(json.dumps(step), flush=True)
            steps.append(step)
    finally:
        server.terminate()
        server.wait(timeout=30)
    check = verify(seed, acknowledged)
    print(json.dumps(check))
    if WRITE_DOCS:
        print(write_docs(steps, check, load, os.cpu_count() or 1))
    ok = check["exact"] and all(s["errors"] == 0 for s in steps)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
