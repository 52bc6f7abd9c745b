"""The production server behind `coopcouncil serve`: uvicorn workers, one socket each.

uvicorn's own ``--workers`` shares one listening socket between the processes, and
whichever wakes first accepts every waiting connection: with a burst of residents
connecting at once one worker can end up with nine in ten of them while the other
idles. Here each worker listens on a socket of its own with SO_REUSEPORT, so the
kernel spreads new connections evenly; the parent restarts a worker that dies and
stops them all on SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import signal
import socket
import sys
import time

import uvicorn

APPLICATION = "coopcouncil.config.asgi:application"
BACKLOG = 2048
logger = logging.getLogger("coopcouncil.server")


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _worker(host: str, port: int, access_log: bool, log_level: str) -> None:
    sock = _listening_socket(host, port)
    sock.listen(BACKLOG)
    config = uvicorn.Config(
        APPLICATION, access_log=access_log, log_level=log_level, backlog=BACKLOG
    )
    uvicorn.Server(config).run(sockets=[sock])


def serve(
    *, host: str, port: int, workers: int, access_log: bool = True, log_level: str = "info"
) -> int:
    """Run ``workers`` uvicorn processes on ``host:port`` until told to stop."""
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(
            APPLICATION,
            host=host,
            port=port,
            workers=workers,
            access_log=access_log,
            log_level=log_level,
            backlog=BACKLOG,
        )
        return 0
    try:  # say so at once if the port is taken, rather than in every worker
        _listening_socket(host, port).close()
    except OSError as error:
        print(f"Cannot listen on {host}:{port}: {error.strerror}", file=sys.stderr)
        return 1
    spawn = multiprocessing.get_context("spawn")
    stopping = False

    def stop(_signum, _frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    def start():
        process = spawn.Process(target=_worker, args=(host, port, access_log, log_level))
        process.start()
        return process

    processes = [start() for _ in range(workers)]
    while not stopping:
        time.sleep(0.5)
        for n, process in enumerate(processes):
            if not process.is_alive() and not stopping:
                logger.warning(
                    "worker %s exited (%s); starting another", process.pid, process.exitcode
                )
                processes[n] = start()
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=30)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    return serve(
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=not args.no_access_log,
        log_level=args.log_level,
    )


if __name__ == "__main__":
    sys.exit(main())
