"""The supervisor behind `coopcouncil serve`: restarts, back-off, stopping, one server a port.

Each test runs the real command in a process of its own, as an operator would, and
watches it from outside: exit codes, what it prints, which processes remain and
whether the port still answers.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

COMMAND = str(Path(sys.executable).parent / "coopcouncil")
SERVER = [sys.executable, "-m", "coopcouncil.config.server"]
CSRF = "servercsrfsecret0123456789abcdef"  # 32 characters: a valid CSRF secret

# An application whose worker ignores SIGTERM: once the server has set its own
# handlers, the application sets the signal aside, then says so in a file.
STUCK_APP = """
import os
import signal
from pathlib import Path


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        await receive()
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        Path(__file__).with_name(f"{os.getpid()}.ignoring").touch()
        await send({"type": "lifespan.startup.complete"})
        await receive()
    elif scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"stuck"})
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'coopcouncil.sqlite3'}",
        "COOPCOUNCIL_VAR_DIR": str(tmp_path),
        **extra,
    }


def _answers(port: int, path: str = "/api/v1/openapi.json") -> int:
    """The status of a GET, or 0 if nothing accepts the connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return 0
    finally:
        conn.close()


def _wait_until(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _workers(supervisor: int) -> list[int]:
    try:
        children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in children.split()]


def _running(pid: int) -> bool:
    """True while ``pid`` is a process that has not exited (zombies have exited)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def stop_afterwards():
    """Processes a test started; any still running at the end are killed."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        workers = _workers(process.pid)
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_worker_failing_at_start_up_is_retried_ever_later_until_the_server_gives_up():
    port = _free_port()
    began = time.monotonic()
    result = subprocess.run(
        [*SERVER, "--port", str(port), "--workers", "1", "--start-attempts", "4"]
        + ["--app", "coopcouncil.no_such_module:application"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    delays = [float(d) for d in re.findall(r"starting another in ([\d.]+) s", result.stderr)]
    assert delays == [0.5, 1.0, 2.0]
    assert time.monotonic() - began >= sum(delays)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: a worker failed at start-up 4 times in a row (its errors are above); giving up."
    )


def test_a_worker_that_ignores_sigterm_is_killed_after_the_grace_period(tmp_path, stop_afterwards):
    (tmp_path / "stuck_app.py").write_text(STUCK_APP)
    port = _free_port()
    # A file, not a pipe: a pipe nobody reads fills up and blocks the server's logging.
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [*SERVER, "--port", str(port), "--workers", "2", "--graceful-timeout", "2"]
        + ["--app", "stuck_app:application"],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        stderr=log,
        text=True,
    )
    stop_afterwards.append(server)
    assert _wait_until(lambda: len(list(tmp_path.glob("*.ignoring"))) == 2)
    workers = _workers(server.pid)
    asked = time.monotonic()
    server.terminate()
    assert server.wait(timeout=30) == 0
    assert 2 <= time.monotonic() - asked < 10
    assert not any(_running(pid) for pid in workers)
    log.close()
    assert (tmp_path / "server.log").read_text().count("after SIGTERM; killing it") == 2


def test_a_second_server_on_the_same_port_is_refused_in_one_line(tmp_path, stop_afterwards):
    port = _free_port()
    first = subprocess.Popen(
        [COMMAND, "serve", "--port", str(port), "--workers", "2"],
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stop_afterwards.append(first)
    assert _wait_until(lambda: _answers(port) == 200)
    second = subprocess.run(
        [COMMAND, "serve", "--port", str(port), "--workers", "2"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        f"Cannot listen on 127.0.0.1:{port}: another coopcouncil serve is listening on it"
    ]
    assert first.poll() is None


def test_a_server_refuses_a_port_that_others_share_with_so_reuseport(tmp_path):
    """Workers orphaned by an older server listened this way; a new one joined them."""
    with socket.socket() as orphan:
        orphan.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        orphan.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        orphan.bind(("127.0.0.1", 0))
        orphan.listen()
        port = orphan.getsockname()[1]
        result = subprocess.run(
            [COMMAND, "serve", "--port", str(port), "--workers", "2"],
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Cannot listen on 127.0.0.1:{port}: Address already in use"
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_killing_the_server_with_sigkill_stops_its_workers(tmp_path, stop_afterwards):
    port = _free_port()
    server = subprocess.Popen(
        [COMMAND, "serve", "--port", str(port), "--workers", "2"],
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stop_afterwards.append(server)
    assert _wait_until(lambda: _answers(port) == 200 and len(_workers(server.pid)) == 2)
    workers = _workers(server.pid)
    server.kill()
    server.wait()
    assert _wait_until(lambda: _answers(port) == 0, timeout=10)
    assert _wait_until(lambda: not any(_running(pid) for pid in workers), timeout=10)


def _signed_in_residents(count: int, ward, make_resident) -> dict[str, int]:
    """Session keys of ``count`` residents of ``ward``, each mapped to its user id."""
    sessions = {}
    for _ in range(count):
        resident = make_resident(ward)
        store = SessionStore()
        store[SESSION_KEY] = str(resident.pk)
        # The backend that signs people in (axes' backend, listed first, only refuses).
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = resident.get_session_auth_hash()
        store.create()
        sessions[store.session_key] = resident.pk
    return sessions


def _sign(port: int, decision_id: int, session: str) -> int:
    """The status the server answers a resident's signature with; 0 if none came."""
    body = b'{"show_name": false}'
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            "POST",
            f"/api/v1/democracy/decisions/{decision_id}/call-in/signatures",
            body=body,
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": CSRF,
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            },
        )
        reply = conn.getresponse()
        reply.read()
        return reply.status
    except OSError:
        return 0
    finally:
        conn.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the signing lane this burst goes through is PostgreSQL's",
)
def test_a_worker_killed_mid_burst_is_restarted_and_every_acknowledged_signature_is_kept(
    tmp_path, stop_afterwards, make_role, make_resident, ward
):
    from coopcouncil.democracy.models import CallInSignature, DistrictPartnership
    from coopcouncil.democracy.services.decisions import decision_create, decision_publish

    clerk = make_role("officer", "Clara Clerk", team="clerk")
    partnership = DistrictPartnership.objects.create(district=ward.district, name="Partnership")
    decision = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Burst")
    )
    burst = _signed_in_residents(400, ward, make_resident)
    after = _signed_in_residents(20, ward, make_resident)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    port = _free_port()
    # A file, not a pipe: 400 requests' access log would fill a pipe nobody reads until the
    # end, and the server's logging would then block every request.
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [COMMAND, "serve", "--port", str(port), "--workers", "2"],
        # Every client is on the loopback address: no per-address limit (core/ratelimits.py).
        env=_env(
            tmp_path, DATABASE_URL=url, COOPCOUNCIL_RATE_LIMIT_CALL_IN_SIGNATURE_PER_ADDRESS="0"
        ),
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
    )
    stop_afterwards.append(server)
    ready = "/api/v1/democracy/decisions"
    assert _wait_until(lambda: _answers(port, ready) == 200 and len(_workers(server.pid)) == 2)
    first, second = _workers(server.pid)

    statuses: dict[str, int] = {}
    lock = threading.Lock()

    def sign(session: str) -> None:
        status = _sign(port, decision.pk, session)
        with lock:
            statuses[session] = status

    def acknowledged() -> int:
        with lock:
            return sum(status == 201 for status in statuses.values())

    with ThreadPoolExecutor(max_workers=16) as pool:
        for session in burst:
            pool.submit(sign, session)
        assert _wait_until(lambda: acknowledged() >= 50)
        os.kill(first, signal.SIGKILL)
        acknowledged_at_kill = acknowledged()
    assert acknowledged() > acknowledged_at_kill  # the burst went on after the kill

    assert _wait_until(lambda: len(set(_workers(server.pid)) - {first, second}) == 1)
    # With the other original gone too, whatever answers now was started afresh.
    os.kill(second, signal.SIGKILL)
    assert _wait_until(lambda: _answers(port, ready) == 200)
    assert [_sign(port, decision.pk, session) for session in after] == [201] * len(after)

    signed = burst | after
    acknowledged_signers = [signed[s] for s, status in statuses.items() if status == 201]
    acknowledged_signers += list(after.values())
    stored = list(
        CallInSignature.objects.filter(petition__decision=decision).values_list(
            "signer_id", flat=True
        )
    )
    assert set(stored) >= set(acknowledged_signers)
    assert len(stored) == len(set(stored))
    server.terminate()
    assert server.wait(timeout=30) == 0
    log.close()
    assert "was killed by SIGKILL" in (tmp_path / "server.log").read_text()


def _access_lines(tmp_path: Path, stop_afterwards, *flags: str) -> list[str]:
    """The log lines of one worker that answered one GET, stopped cleanly."""
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [*SERVER, "--port", str(port), "--workers", "1", *flags],
            env=_env(tmp_path, COOPCOUNCIL_LOG_FORMAT="json"),
            stdout=sink,
            stderr=sink,
        )
    stop_afterwards.append(server)
    assert _wait_until(lambda: _answers(port) == 200)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    return [line for line in log.read_text().splitlines() if "uvicorn.access" in line]


def test_no_access_log_leaves_out_every_access_line(tmp_path, stop_afterwards):
    """Django's logging settings once gave uvicorn's access logger its handler back."""
    assert _access_lines(tmp_path, stop_afterwards, "--no-access-log") == []


def test_the_access_log_is_written_unless_asked_not_to(tmp_path, stop_afterwards):
    lines = _access_lines(tmp_path, stop_afterwards)
    assert any('"path": "/api/v1/openapi.json"' in line for line in lines)
