"""Set-up the HTTP benchmarks share: a fresh PostgreSQL database, signed-in residents,
the server started as `coopcouncil serve` starts it, and a lean load generator.

A module of bench/, not a benchmark: run_all.py skips names starting with "_".
"""

from __future__ import annotations

import os
import platform
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF = "benchcsrfsecret0123456789abcdefg"  # 32 characters: a valid CSRF secret


def recreate_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def signed_in_sessions(users, prefix: str = "benchsession") -> list[str]:
    """A session row per user, as signing in would leave; returns the session keys."""
    from datetime import timedelta

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    sessions = []
    for n, user in enumerate(users):
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        sessions.append(
            Session(
                session_key=f"{prefix}{n:020d}",
                session_data=store.encode(data),
                expire_date=expires,
            )
        )
    Session.objects.bulk_create(sessions, batch_size=2000)
    return [s.session_key for s in sessions]


def settle_database(database_url: str) -> None:
    """Leave the set-up's work out of the measurement: statistics for the planner (so
    autovacuum's analyze does not land mid-load) and a checkpoint of the set-up's WAL."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(
    port: int,
    *,
    server: str,
    workers: int,
    worker_class: str = "gthread",
    threads: int = 4,
    access_log: bool = False,
) -> list[str]:
    """uvicorn serving the ASGI application (the signing lane in front of Django), as
    `coopcouncil serve` does, or gunicorn serving Django alone over WSGI, for comparison."""
    if server == "uvicorn":
        return [
            *(sys.executable, "-m", "coopcouncil.config.server"),
            *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
            *(() if access_log else ("--no-access-log",)),
            *("--log-level", "warning"),
        ]
    thread_options = ["--threads", str(threads)] if worker_class == "gthread" else []
    return [
        *(sys.executable, "-m", "gunicorn", "coopcouncil.config.wsgi:application"),
        *("--bind", f"127.0.0.1:{port}", "--worker-class", worker_class),
        *("--workers", str(workers), *thread_options, "--backlog", "4096"),
        *("--log-level", "warning"),
    ]


TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of one process (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def server_cpu(server: subprocess.Popen) -> float:
    """User + system CPU seconds of the server and its worker processes."""
    return sum(process_cpu(pid) for pid in [server.pid, *_children(server.pid)])


def postgres_pids() -> list[int]:
    """The benchmark database's backends and PostgreSQL's shared background processes
    (WAL writer, checkpointer...); other databases' backends are other people's work."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() OR backend_type <> 'client backend'"
        )
        return [pid for (pid,) in cursor.fetchall()]


def start_server(command: list[str], port: int, log: Path | None = None) -> subprocess.Popen:
    """Start ``command`` (its logs to ``log`` if given) and wait until ``port`` answers."""
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "COOPCOUNCIL_DB_POOL": "1"},
        stderr=log.open("ab") if log else None,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{command[2]} did not start")


class Exchange:
    """One request in flight on one connection."""

    __slots__ = ("conn", "request", "unsent", "received", "started", "reused", "on_done")

    def __init__(self, conn, request: bytes, started: float, reused: bool, on_done) -> None:
        self.conn, self.request, self.unsent = conn, request, request
        self.received = b""
        self.started, self.reused, self.on_done = started, reused, on_done


class HttpLoad:
    """A lean HTTP/1.1 load generator: non-blocking sockets on one epoll loop.

    It shares the two cores with the server, so it does little per request: no
    asyncio streams, no HTTP library, and connections are kept alive whenever the
    server keeps them (gunicorn's sync workers close after every reply).
    """

    def __init__(self, port: int) -> None:
        self.address = ("127.0.0.1", port)
        self.poller = select.epoll()
        self.flight: dict[int, Exchange] = {}
        self.idle: list[socket.socket] = []  # open kept-alive connections
        self.latencies: list[float] = []
        self.statuses: list[int] = []

    def submit(self, request: bytes, started: float, on_done, *, reuse: bool = True) -> None:
        """Send ``request`` on an idle kept-alive connection, or on a new one."""
        if reuse and self.idle:
            exchange = Exchange(self.idle.pop(), request, started, True, on_done)
            self.flight[exchange.conn.fileno()] = exchange
            self.poller.register(exchange.conn.fileno(), select.EPOLLOUT)
            return
        conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        conn.setblocking(False)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.connect_ex(self.address)
        self.flight[conn.fileno()] = Exchange(conn, request, started, False, on_done)
        self.poller.register(conn.fileno(), select.EPOLLOUT)

    def _finish(self, exchange: Exchange, status: int, *, keep: bool) -> None:
        conn = exchange.conn
        del self.flight[conn.fileno()]
        self.poller.unregister(conn.fileno())
        if keep:
            self.idle.append(conn)
        else:
            conn.close()
        self.latencies.append(time.perf_counter() - exchange.started)
        self.statuses.append(status)
        exchange.on_done()

    def _write(self, exchange: Exchange) -> None:
        try:
            sent = exchange.conn.send(exchange.unsent)
        except BlockingIOError:
            return
        except OSError:
            self._finish(exchange, 0, keep=False)  # refused: the listen queue overflowed
            return
        exchange.unsent = exchange.unsent[sent:]
        if not exchange.unsent:
            self.poller.modify(exchange.conn.fileno(), select.EPOLLIN)

    def _read(self, exchange: Exchange) -> None:
        try:
            chunk = exchange.conn.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk and not exchange.received and exchange.reused:
            # The server had closed this idle connection: send again on a new one.
            del self.flight[exchange.conn.fileno()]
            self.poller.unregister(exchange.conn.fileno())
            exchange.conn.close()
            self.submit(exchange.request, exchange.started, exchange.on_done, reuse=False)
            return
        exchange.received += chunk
        head, found, body = exchange.received.partition(b"\r\n\r\n")
        if not found:
            if not chunk:
                self._finish(exchange, 0, keep=False)
            return
        lines = head.split(b"\r\n")
        headers = dict(
            (name.strip().lower(), value.strip().lower())
            for name, _, value in (line.partition(b":") for line in lines[1:])
        )
        length = int(headers.get(b"content-length", b"0"))
        if len(body) < length:
            if not chunk:
                self._finish(exchange, 0, keep=False)
            return
        keep = headers.get(b"connection") != b"close"
        self._finish(exchange, int(lines[0].split()[1]), keep=keep)

    def _run(self, finished, timeout) -> None:
        while not finished():
            for fd, _event in self.poller.poll(timeout()):
                exchange = self.flight.get(fd)
                if exchange is None:
                    continue
                if exchange.unsent:
                    self._write(exchange)
                else:
                    self._read(exchange)

    def closed_loop(self, requests: list[bytes], clients: int) -> dict:
        """``clients`` clients, each sending its next request once the last is answered."""
        pending = iter(requests)

        def next_request() -> None:
            request = next(pending, None)
            if request is not None:
                self.submit(request, time.perf_counter(), next_request)

        began = time.perf_counter()
        for _ in range(clients):
            next_request()
        self._run(lambda: not self.flight, lambda: 1.0)
        return time.perf_counter() - began  # seconds taken; latencies and statuses kept

    def fixed_rate(self, requests: list[bytes], rate: float) -> dict:
        """Open loop: request n is due at n / rate and its latency counts from then."""
        began = time.perf_counter()
        sent = 0

        def send_due() -> float:
            nonlocal sent
            now = time.perf_counter()
            while sent < len(requests) and began + sent / rate <= now:
                self.submit(requests[sent], began + sent / rate, lambda: None)
                sent += 1
            if sent == len(requests):
                return 1.0
            return max(0.0, began + sent / rate - now)

        self._run(lambda: sent == len(requests) and not self.flight, send_due)
        return time.perf_counter() - began  # seconds taken; latencies and statuses kept

    def run_until_answered(self) -> float:
        """Run the loop until no request is in flight; returns the time it ended."""
        self._run(lambda: not self.flight, lambda: 1.0)
        return time.perf_counter()

    def close(self) -> None:
        for conn in self.idle:
            conn.close()
        self.poller.close()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_section(docs: Path, start: str, end: str, text: str, title: str) -> None:
    """Replace the text between ``start`` and ``end`` in ``docs`` (or append it)."""
    current = docs.read_text(encoding="utf-8") if docs.exists() else f"# {title}\n"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1]
        docs.write_text(before + text + after, encoding="utf-8")
    else:
        docs.write_text(current.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
