"""The production server behind `coopcouncil serve`: a supervisor and its uvicorn workers.

uvicorn's own ``--workers`` shares one listening socket between the processes, and
whichever wakes first accepts every waiting connection: with a burst of residents
connecting at once one worker can end up with nine in ten of them while the other
idles. Here each worker listens on a socket of its own with SO_REUSEPORT, so the
kernel spreads new connections evenly. The supervisor (docs/decisions/0003):

- holds the address for as long as it runs, so that a second server on the same
  port, ours or anyone's, refuses to start instead of sharing the traffic;
- restarts a worker that dies; one that dies within ``STEADY_AFTER`` seconds of its
  start failed at start-up, and its next start waits twice as long as the last
  (``FIRST_DELAY`` up to ``LONGEST_DELAY``), until it has failed ``start_attempts``
  times in a row and the supervisor gives up with a non-zero exit;
- on SIGINT or SIGTERM asks every worker to finish, and kills (SIGKILL) any still
  running after the grace period;
- takes its workers with it when it dies, however it dies (SIGKILL included).
"""

from __future__ import annotations

import argparse
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import uvicorn

APPLICATION = "coopcouncil.config.asgi:application"
BACKLOG = 2048
FIRST_DELAY = 0.5
LONGEST_DELAY = 30.0
# A worker that ran less than this failed at start-up (or fails at once when it
# serves, which is as bad): its replacement waits. One that ran longer starts a
# fresh count.
STEADY_AFTER = 10.0
START_ATTEMPTS = 10
GRACE = 10.0
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
logger = logging.getLogger("coopcouncil.server")


class AddressTaken(Exception):
    """Another process holds the address this server was asked to listen on."""


def _tcp_socket(host: str, *, shared: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    return sock


def _claim_address(host: str, port: int) -> list[socket.socket]:
    """Hold ``host:port`` for this supervisor and its workers; raise AddressTaken if taken.

    Three sockets, kept open until the supervisor exits (the kernel closes them
    even on SIGKILL, and workers do not inherit them):

    - on Linux, an abstract Unix socket named after the address: only one process
      can bind a name, so two servers started at the same instant cannot both pass
      the checks below;
    - a probe bound without SO_REUSEPORT, closed at once: the kernel refuses it if
      any socket, even one with SO_REUSEPORT, is bound to the port, so it finds
      another server of ours (or the orphaned workers of one) as well as a stranger;
    - a claim bound with SO_REUSEPORT but never listening (so it is handed no
      connections): our workers can bind beside it, but a later server's probe
      cannot, even while every worker of ours is between restarts.
    """
    held = []
    if sys.platform == "linux":
        lock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            lock.bind(f"\0coopcouncil-serve {host}:{port}")
        except OSError:
            lock.close()
            raise AddressTaken("another coopcouncil serve is listening on it") from None
        held.append(lock)
    try:
        with _tcp_socket(host, shared=False) as probe:
            # Without SO_REUSEADDR a connection still in TIME_WAIT would hold the port.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
        claim = _tcp_socket(host, shared=False)
        held.append(claim)
        claim.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        claim.bind((host, port))
    except OSError as error:
        for sock in held:
            sock.close()
        raise AddressTaken(error.strerror) from None
    return held


def _stop_with(supervisor: int) -> Callable[[], None] | None:
    """What a new worker runs between fork and exec so that it dies with its supervisor.

    Linux sends the worker SIGTERM the moment the supervisor exits. Elsewhere the
    worker's own watch (``_follow``) notices within half a second.
    """
    if sys.platform != "linux":
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def arm() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != supervisor:  # it died before the signal was armed
            os._exit(1)

    return arm


def _follow(supervisor: int, grace: float) -> None:
    """In a worker: once the supervisor has gone, stop, and die after ``grace`` seconds."""
    while os.getppid() == supervisor:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)  # Linux has already sent it; others have not
    time.sleep(grace)
    os._exit(1)


def _access_log_silence() -> None:
    """No access line at all, not even formatted and dropped.

    uvicorn silences its access logger before it loads the application, but Django's
    ``LOGGING`` (applied as the application loads) gives it its handler back; and uvicorn
    writes a line for every request whenever the logger has a handler to reach.
    """
    access = logging.getLogger("uvicorn.access")
    access.handlers = []
    access.propagate = False


def _work(
    *,
    supervisor: int,
    host: str,
    port: int,
    app: str,
    access_log: bool,
    log_level: str,
    grace: float,
) -> int:
    """One worker: load the application, then listen on a socket of its own."""
    threading.Thread(target=_follow, args=(supervisor, grace), daemon=True).start()
    config = uvicorn.Config(app, access_log=access_log, log_level=log_level, backlog=BACKLOG)
    # Load first, listen after: the kernel hands a listening socket its share of new
    # connections, and they would wait here for Django to start.
    config.load()
    if not access_log:
        _access_log_silence()
    sock = _tcp_socket(host, shared=True)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0 if server.started else 3


@dataclass
class _Worker:
    """One worker's place: its current process, and its failures at start-up."""

    process: subprocess.Popen | None = None
    started: float = 0.0
    failures: int = 0
    due: float = 0.0


def _exit_reason(code: int) -> str:
    if code < 0:
        return f"was killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"


def _stop_workers(processes: list[subprocess.Popen], grace: float) -> None:
    """SIGTERM, then SIGKILL for any worker still running after ``grace`` seconds."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            logger.warning(
                "worker %s still running %.0f s after SIGTERM; killing it", process.pid, grace
            )
            process.kill()
            process.wait()


def serve(
    *,
    host: str,
    port: int,
    workers: int,
    app: str = APPLICATION,
    access_log: bool = True,
    log_level: str = "info",
    grace: float = GRACE,
    start_attempts: int = START_ATTEMPTS,
) -> int:
    """Run ``workers`` uvicorn processes on ``host:port`` until told to stop."""
    if not hasattr(socket, "SO_REUSEPORT"):  # Windows: uvicorn's shared socket
        uvicorn.run(
            app,
            host=host,
            port=port,
            workers=workers,
            access_log=access_log,
            log_level=log_level,
            backlog=BACKLOG,
            timeout_graceful_shutdown=int(grace),
        )
        return 0
    try:
        held = _claim_address(host, port)
    except AddressTaken as taken:
        print(f"Cannot listen on {host}:{port}: {taken}", file=sys.stderr)
        return 1
    base = f"http://{host}:{port}"
    print(f"Serving on {base}/  (API docs at {base}/api/docs)", flush=True)
    stopping = False

    def stop(_signum, _frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    supervisor = os.getpid()
    command = [
        *(sys.executable, "-m", "coopcouncil.config.server", "--worker-of", str(supervisor)),
        *("--host", host, "--port", str(port), "--app", app, "--log-level", log_level),
        *("--graceful-timeout", str(grace)),
        *(() if access_log else ("--no-access-log",)),
    ]
    places = [_Worker() for _ in range(max(workers, 1))]
    failed: _Worker | None = None
    try:
        while not stopping and failed is None:
            now = time.monotonic()
            for place in places:
                if place.process is None:
                    if now >= place.due:
                        place.process = subprocess.Popen(command, preexec_fn=_stop_with(supervisor))
                        place.started = now
                    continue
                code = place.process.poll()
                if code is None or stopping:
                    continue
                ran = now - place.started
                place.failures = place.failures + 1 if ran < STEADY_AFTER else 0
                if place.failures >= start_attempts:
                    logger.error(
                        "worker %s %s after %.1f s", place.process.pid, _exit_reason(code), ran
                    )
                    failed = place
                    break
                delay = 0.0
                if place.failures:
                    delay = min(FIRST_DELAY * 2 ** (place.failures - 1), LONGEST_DELAY)
                logger.warning(
                    "worker %s %s after %.1f s; starting another in %.1f s",
                    *(place.process.pid, _exit_reason(code), ran, delay),
                )
                place.process, place.due = None, now + delay
            time.sleep(0.1)
    finally:
        _stop_workers([p.process for p in places if p.process is not None], grace)
        for sock in held:
            sock.close()
    if failed is not None:
        print(
            f"Error: a worker failed at start-up {failed.failures} times in a row"
            " (its errors are above); giving up.",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--app", default=APPLICATION, help="ASGI application, module:name")
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--log-level", default="info")
    parser.add_argument(
        "--graceful-timeout",
        type=float,
        default=GRACE,
        help="seconds a worker has to finish after SIGTERM before it is killed",
    )
    parser.add_argument(
        "--start-attempts",
        type=int,
        default=START_ATTEMPTS,
        help="give up when a worker has failed at start-up this many times in a row",
    )
    parser.add_argument("--worker-of", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    options = {
        "host": args.host,
        "port": args.port,
        "app": args.app,
        "access_log": not args.no_access_log,
        "log_level": args.log_level,
        "grace": args.graceful_timeout,
    }
    if args.worker_of is not None:
        return _work(supervisor=args.worker_of, **options)
    logging.basicConfig(
        format="%(levelname)-9s [supervisor] %(message)s",
        level=getattr(logging, args.log_level.upper(), logging.DEBUG),
    )
    return serve(workers=args.workers, start_attempts=args.start_attempts, **options)


if __name__ == "__main__":
    sys.exit(main())
