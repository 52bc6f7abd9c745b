"""The production server: uvicorn workers serving the ASGI app, the lane in front.

Starts the server `coopcouncil serve` runs (two workers, COOPCOUNCIL_DB_POOL=1) against
the test database and signs over real HTTP.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from coopcouncil.democracy.models import CallInSignature
from coopcouncil.democracy.services.decisions import decision_create, decision_publish

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the lane runs on PostgreSQL only"
    ),
]
ROOT = Path(__file__).resolve().parents[3]
CSRF = "servedcsrfsecret0123456789abcdef"


@pytest.fixture
def server(tmp_path):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "COOPCOUNCIL_DB_POOL": "1",
        "COOPCOUNCIL_VAR_DIR": str(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "coopcouncil.config.server", "--workers", "2"]
        + ["--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    # Generous: two workers importing the whole site on a busy 2-core machine.
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/democracy/decisions")
            break
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, "the server did not answer within 120 s"
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    assert process.wait(timeout=30) == 0


def _sign(base: str, decision_id: int, session: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{base}/api/v1/democracy/decisions/{decision_id}/call-in/signatures",
        data=b'{"show_name": false}',
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-CSRFToken": CSRF,
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        },
    )
    try:
        with urllib.request.urlopen(request) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as refusal:
        return refusal.code, json.loads(refusal.read())


def test_coopcouncil_serve_signs_once_and_refuses_the_second_time(
    server, partnership, clerk, ward, make_resident
):
    decision = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Pool")
    )
    client = Client()
    client.force_login(make_resident(ward))
    session = client.cookies["sessionid"].value
    status, body = _sign(server, decision.pk, session)
    assert status == 201 and body["ward"] == ward.name
    status, body = _sign(server, decision.pk, session)
    assert (status, body["code"]) == (409, "already_signed")
    assert CallInSignature.objects.filter(petition__decision=decision).count() == 1
    with urllib.request.urlopen(f"{server}/api/v1/democracy/decisions/{decision.pk}/call-in") as r:
        assert json.loads(r.read())["signature_count"] == 1
