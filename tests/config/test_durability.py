"""Durability: SIGKILL the whole server during a burst of writes, restart it, and find every
acknowledged write whole, with counts and audit rows in step.

The real ``coopcouncil serve`` (supervisor, workers and the signing lane) runs against the
test's PostgreSQL database. Client threads sign a call-in through the lane, cast PB ballots
and create-then-submit grant applications (with their budget lines); mid-burst the server's
whole process group is killed with SIGKILL, so no worker finishes anything gracefully. A
write whose 2xx reached the client must then be in the database; nothing may be half-written
(a ballot without its choices, an application without its budget lines, a signature without
its audit row).
"""

import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone

COMMAND = str(Path(sys.executable).parent / "coopcouncil")
CSRF = "durablecsrfsecret0123456789abcde"  # 32 characters: a valid CSRF secret
CLIENTS = 12
READY = "/api/v1/democracy/decisions"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the signing lane and the row locks under test are PostgreSQL's",
    ),
]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _call(port: int, method: str, path: str, session: str, body: dict) -> tuple[int, dict]:
    """(status, JSON body) of one request; (0, {}) when the server never answered."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            method,
            path,
            body=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": CSRF,
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            },
        )
        reply = conn.getresponse()
        text = reply.read()
        return reply.status, (json.loads(text) if text.startswith(b"{") else {})
    except (OSError, http.client.HTTPException, ValueError):
        return 0, {}
    finally:
        conn.close()


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", READY)
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def _wait_until(condition, timeout: float = 180.0) -> bool:
    # Generous: two workers start on a 2-core machine shared with the rest of the suite.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _serve(tmp_path: Path, port: int, name: str) -> subprocess.Popen:
    """``coopcouncil serve`` in a process group of its own, so one signal reaches it all."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return subprocess.Popen(
        [COMMAND, "serve", "--port", str(port), "--workers", "2"],
        env={
            **os.environ,
            "DATABASE_URL": url,
            "COOPCOUNCIL_VAR_DIR": str(tmp_path),
        },
        stdout=subprocess.DEVNULL,
        # A file, not a pipe: a pipe nobody reads fills up and blocks the server's logging.
        stderr=(tmp_path / f"{name}.log").open("w"),
        start_new_session=True,
    )


@pytest.fixture
def servers():
    """Server process groups a test started; any still running at the end are killed."""
    started: list[subprocess.Popen] = []
    yield started
    for server in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@pytest.fixture
def world(ward, make_resident, make_role):
    """An open call-in, a PB process in voting, an open grant round, and signed-in people."""
    from coopcouncil.democracy.models import DistrictPartnership
    from coopcouncil.democracy.services.decisions import decision_create, decision_publish
    from coopcouncil.grants.services import fund_create, round_create
    from coopcouncil.participation import services as pb
    from coopcouncil.people.models import Organisation

    clerk = make_role("officer", "Clara Clerk", team="clerk")
    partnership = DistrictPartnership.objects.create(district=ward.district, name="Partnership")
    decision = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Burst")
    )
    process = pb.process_create(
        actor=clerk, title="Burst pot", budget_pence=1_000_000, district=ward.district,
        rule="greedy-cost",
    )  # fmt: skip
    proposer = make_resident(ward, "Pat Proposer")
    for title in ("Benches", "Fridge"):
        project = pb.proposal_submit(
            actor=proposer, process=process, title=title, description="", ward=ward,
            estimated_cost_pence=200_000,
        )  # fmt: skip
        pb.proposal_review(
            actor=clerk, project=project, is_feasible=True, reason="ok", final_cost_pence=200_000
        )
    pb.process_phase_advance(actor=clerk, process=process)
    pb.process_phase_advance(actor=clerk, process=process)
    officer = make_role("officer", "Dee District", team="district_team", district=ward.district)
    fund = fund_create(actor=officer, name="Dividend Fund", slug="dividend", is_community_fund=True)
    now = timezone.now()
    round_create(
        actor=officer, fund=fund, title="Burst round", slug="burst-round", amount_pence=10_000_000,
        max_award_pence=2_500_000, opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7), criteria=[("Outcomes", 100)],
        eligible_kinds=["community_group"],
    )  # fmt: skip
    group = Organisation.objects.create(
        name="Burst Co-op", slug="burst-coop", kind=Organisation.Kind.COMMUNITY_GROUP,
        district=ward.district, contact_email="burst@test.invalid",
    )  # fmt: skip
    residents = []
    for _ in range(120):
        resident = make_resident(ward)
        resident.date_of_birth = date(1990, 1, 1)
        resident.save(update_fields=["date_of_birth"])
        residents.append(resident)
    member = make_role("group_member", "Gail Group", organisation=group)
    return {
        "decision": decision,
        "process": process,
        "codes": list(process.projects.values_list("code", flat=True)),
        "residents": {_session(r): r.pk for r in residents},
        "member": _session(member),
    }


def _application(title: str) -> dict:
    return {
        "round": "burst-round",
        "organisation": "burst-coop",
        "title": title,
        "project": "A durable project.",
        "amount_pence": 1_000_000,
        "outcomes": "Outcomes that survive a crash.",
        "planned_start": "2027-01-01",
        "planned_end": "2027-06-30",
        "budget_lines": [
            {"description": "Materials", "amount_pence": 600_000},
            {"description": "Labour", "amount_pence": 400_000},
        ],
    }


def test_every_acknowledged_write_survives_sigkill_of_the_whole_server_whole(
    tmp_path, servers, world
):
    from coopcouncil.core.models import AuditEvent
    from coopcouncil.democracy.models import CallInPetition, CallInSignature
    from coopcouncil.grants.models import Application, BudgetLine
    from coopcouncil.participation.models import Ballot

    port = _free_port()
    servers.append(_serve(tmp_path, port, "first"))
    assert _wait_until(lambda: _answers(port))
    decision, process, codes = world["decision"], world["process"], world["codes"]
    lock = threading.Lock()
    acknowledged: dict[str, list] = {"signed": [], "voted": [], "drafted": [], "submitted": []}

    def note(kind: str, value) -> None:
        with lock:
            acknowledged[kind].append(value)

    def resident(session: str, user_id: int) -> None:
        path = f"/api/v1/democracy/decisions/{decision.pk}/call-in/signatures"
        if _call(port, "POST", path, session, {"show_name": False})[0] == 201:
            note("signed", user_id)
        path = f"/api/v1/pb/processes/{process.pk}/ballot"
        if _call(port, "PUT", path, session, {"choices": codes})[0] == 200:
            note("voted", user_id)

    def group_member(n: int) -> None:
        status, body = _call(port, "POST", "/api/v1/grants/applications", world["member"],
                             _application(f"Project {n}"))  # fmt: skip
        if status == 201:
            note("drafted", body["id"])
            path = f"/api/v1/grants/applications/{body['id']}/submit"
            if _call(port, "POST", path, world["member"], {})[0] == 200:
                note("submitted", body["id"])

    def writes_done() -> int:
        with lock:
            return sum(len(values) for values in acknowledged.values())

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        for n, (session, user_id) in enumerate(world["residents"].items()):
            pool.submit(resident, session, user_id)
            pool.submit(group_member, n)
        assert _wait_until(lambda: writes_done() >= 60)
        os.killpg(servers[0].pid, signal.SIGKILL)
        servers[0].wait()
    assert writes_done() < 4 * len(world["residents"]), "the kill came after the burst"

    port = _free_port()
    servers.append(_serve(tmp_path, port, "second"))
    assert _wait_until(lambda: _answers(port))

    # Every acknowledged write is there.
    signers = set(
        CallInSignature.objects.filter(petition__decision=decision).values_list(
            "signer_id", flat=True
        )
    )
    assert set(acknowledged["signed"]) <= signers
    ballots = Ballot.objects.filter(process=process)
    assert set(acknowledged["voted"]) <= set(ballots.values_list("voter_id", flat=True))
    applications = Application.objects.filter(round__slug="burst-round")
    assert set(acknowledged["drafted"]) <= set(applications.values_list("pk", flat=True))
    submitted = applications.filter(status=Application.Status.SUBMITTED)
    assert set(acknowledged["submitted"]) <= set(submitted.values_list("pk", flat=True))

    # Nothing is half-written: each record has its parts and its one audit row.
    assert all(ballot.choices == codes for ballot in ballots)
    for application in applications:
        lines = BudgetLine.objects.filter(application=application)
        assert sorted(lines.values_list("amount_pence", flat=True)) == [400_000, 600_000]
    petition = CallInPetition.objects.get(decision=decision)
    assert petition.signature_count == len(signers)
    audited = AuditEvent.objects.filter
    assert audited(action="democracy.call_in_signed").count() == len(signers)
    assert audited(action="pb.ballot_cast").count() == ballots.count()
    assert audited(action="grants.application_drafted").count() == applications.count()
    assert audited(action="grants.application_submitted").count() == submitted.count()
