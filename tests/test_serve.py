"""`coopcouncil serve`: the production server answers pages, the API and static files.

Runs the real command (uvicorn workers with the ASGI application) on a scratch SQLite
database (a copy of the run's migrated one, ``migrated_sqlite``), the way `make demo` serves
the demo borough.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

COMMAND = str(Path(sys.executable).parent / "coopcouncil")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as refusal:
        return refusal.code, refusal.read()


def test_serve_answers_pages_api_and_static_files(tmp_path, migrated_sqlite):
    shutil.copyfile(migrated_sqlite, tmp_path / "coopcouncil.sqlite3")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'coopcouncil.sqlite3'}",
        "COOPCOUNCIL_VAR_DIR": str(tmp_path),
    }
    port = _free_port()
    server = subprocess.Popen(
        [COMMAND, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        home, page = _get(f"{base}/")
        assert home == 200 and b"<html" in page.lower()
        status, schema = _get(f"{base}/api/v1/openapi.json")
        assert status == 200 and b'"openapi"' in schema
        status, css = _get(f"{base}/static/css/coopcouncil.css")
        assert status == 200 and css
        status, _body = _get(f"{base}/no-such-page/")
        assert status == 404
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0  # SIGTERM stops every worker cleanly


def test_serve_says_so_when_the_port_is_taken(tmp_path):
    env = {**os.environ, "COOPCOUNCIL_VAR_DIR": str(tmp_path)}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [COMMAND, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.stderr
