"""Structured logs: JSON lines, each with the id of its request, echoed as X-Request-ID by
Django and (around it) by the ASGI application the signing lane shares."""

import asyncio
import concurrent.futures
import io
import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.asgi import get_asgi_application

from coopcouncil.core.logs import (
    JsonFormatter,
    RequestIdASGI,
    RequestIdFilter,
    request_id,
    request_id_choose,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("given", ["5f0c6a2e-1b1d-4c1e-9a57-5a0f2b7f9c11", "nginx.abc123:7"])
def test_a_sensible_request_id_is_kept(given):
    assert request_id_choose(given) == given


@pytest.mark.parametrize("given", [None, "", "x" * 129, "two words", 'quote"d', "new\nline"])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(given):
    chosen = request_id_choose(given)
    assert chosen != given and len(chosen) == 32


@pytest.fixture
def log_lines():
    """What the site's console handler would write: JSON lines with the request id."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda logger=None: [
            line
            for line in map(json.loads, stream.getvalue().splitlines())
            if logger is None or line["logger"] == logger
        ]
    finally:
        root.removeHandler(handler)


def test_a_log_line_is_one_json_object_with_the_request_id(log_lines):
    token = request_id.set("req-1")
    try:
        logging.getLogger("coopcouncil.test").warning("Ballot %s counted", 7)
    finally:
        request_id.reset(token)
    (line,) = log_lines("coopcouncil.test")
    assert (line["level"], line["logger"], line["message"]) == (
        "WARNING",
        "coopcouncil.test",
        "Ballot 7 counted",
    )
    assert line["request_id"] == "req-1"
    assert line["time"].endswith("+00:00")


def test_an_exception_is_logged_with_its_traceback_in_the_same_line(log_lines):
    token = request_id.set("-")  # outside any request
    try:
        raise ValueError("broken")
    except ValueError:
        logging.getLogger("coopcouncil.test").exception("It broke")
    finally:
        request_id.reset(token)
    (line,) = log_lines("coopcouncil.test")
    assert "ValueError: broken" in line["exception"] and line["request_id"] == "-"


@pytest.mark.django_db
def test_django_echoes_the_request_id_and_logs_under_it(client, log_lines):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="from-the-proxy-1")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "from-the-proxy-1"
    assert [line["request_id"] for line in log_lines() if line["logger"] == "django.request"] == [
        "from-the-proxy-1"
    ]


@pytest.mark.django_db
def test_django_makes_a_request_id_when_none_was_sent(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


async def _asgi_get(app, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
        "headers": [(b"host", b"testserver"), *headers],
    }
    sent: list[dict] = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # the client stays connected until the reply

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    pairs = [(k.decode().lower(), v.decode()) for k, v in start["headers"]]
    assert [name for name, _ in pairs].count("x-request-id") == 1
    return dict(pairs)


@pytest.fixture
def asgi_site():
    # Made before log_lines: setting Django up again configures logging afresh.
    return RequestIdASGI(get_asgi_application())


def _run(coroutine):
    """Run ``coroutine`` on an event loop of its own thread: a browser test earlier in this
    worker may have left Playwright's loop running on the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.mark.django_db(transaction=True)
def test_around_the_asgi_application_the_id_is_echoed_once_and_logged(asgi_site, log_lines):
    app = asgi_site
    headers = _run(_asgi_get(app, "/no-such-page/", [(b"x-request-id", b"asgi-42")]))
    assert headers["x-request-id"] == "asgi-42"
    assert "asgi-42" in [line["request_id"] for line in log_lines()]
    made = _run(_asgi_get(app, "/healthz", []))
    assert len(made["x-request-id"]) == 32


def test_the_served_site_writes_json_lines_with_the_request_id_access_lines_included(tmp_path):
    """`coopcouncil serve`'s own server: the access line and Django's lines share the id."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTEST_VERSION": "local run: the demo keys may be used",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "COOPCOUNCIL_VAR_DIR": str(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "coopcouncil.config.server", "--workers", "1"]
        + ["--port", str(port)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "probe-7"}
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(request)
                raise AssertionError("the unmigrated database's task queue cannot be read")
            except urllib.error.HTTPError as refusal:  # 503: the queue's table is missing
                assert refusal.headers["X-Request-ID"] == "probe-7"
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
    finally:
        process.terminate()
        _output, errors = process.communicate(timeout=30)
    lines = [json.loads(line) for line in errors.splitlines() if line.startswith("{")]
    ours = [line for line in lines if line["request_id"] == "probe-7"]
    assert {line["logger"] for line in ours} >= {"coopcouncil.core.views", "uvicorn.access"}
    access = next(line for line in ours if line["logger"] == "uvicorn.access")
    assert (access["method"], access["path"], access["status"]) == ("GET", "/healthz", 503)
