"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

A request's id comes from its ``X-Request-ID`` header when the proxy (or client) sent a
sensible one, else a new one is made; the reply echoes it. ``RequestIdASGI`` sets it around
the whole ASGI application — the signing lane and Django alike — so a signature the lane
answers and a page Django answers are logged the same way; ``RequestIdMiddleware`` does the
same under WSGI and the test client. Every log line of the request (Django's, the app's,
uvicorn's access line) reads the id from a context variable. docs/reliability.md, "Logs".
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

HEADER = "X-Request-ID"
_HEADER_BYTES = HEADER.lower().encode()
NO_REQUEST = "-"
# What a proxy's id may look like (a UUID, a hex or base64 token, nginx's $request_id);
# anything else — too long, or with characters a log reader could be fooled by — is replaced.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")

request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)
# Set by RequestIdASGI, which chose the id and echoes it, so Django's middleware need not.
_chosen_outside: ContextVar[bool] = ContextVar("request_id_chosen_outside", default=False)


def request_id_choose(given: str | None) -> str:
    """The id a request is logged under: the one it came with if sensible, else a new one."""
    if given and _ACCEPTED.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (``-`` outside any request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


# uvicorn's access line: client address, method, path, HTTP version, status.
_ACCESS_FIELDS = ("client", "method", "path", "http_version", "status")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request id, and the
    traceback when there is one; uvicorn's access lines also give their fields by name."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", NO_REQUEST),
        }
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            line.update(zip(_ACCESS_FIELDS, record.args, strict=False))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]


class RequestIdASGI:
    """Around the ASGI application: sets the request's id and echoes it in the reply."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v for k, v in scope["headers"] if k.lower() == _HEADER_BYTES), b"")
        chosen = request_id_choose(given.decode("latin-1"))
        echoed = (_HEADER_BYTES, chosen.encode())

        async def send_with_id(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != _HEADER_BYTES]
                message = {**message, "headers": [*headers, echoed]}
            await send(message)

        token, outside = request_id.set(chosen), _chosen_outside.set(True)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)
            _chosen_outside.reset(outside)


class RequestIdMiddleware:
    """Django's side: ``request.request_id``, and under WSGI or the test client (no
    ``RequestIdASGI`` around it) the id is chosen and echoed here."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        if _chosen_outside.get():
            request.request_id = request_id.get()
            return self.get_response(request)
        # Set, not reset here: Django logs a refused request ("Not Found") after the
        # middleware returns. ``request_id_forget`` clears it when the reply is finished.
        request.request_id = request_id_choose(request.headers.get(HEADER))
        request_id.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def request_id_forget(**kwargs: Any) -> None:
    """After a reply under WSGI (Django's ``request_finished``): lines are no longer its."""
    if not _chosen_outside.get():
        request_id.set(NO_REQUEST)
