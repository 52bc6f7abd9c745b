"""The ASGI application: the signing lane in front of Django's own ASGI handler."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import re
from collections.abc import Awaitable, Callable

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.urls import get_resolver

from coopcouncil.democracy.services.signing import SignatureWritten
from coopcouncil.democracy.signing_lane.credentials import Claim, Credentials, lane_supported
from coopcouncil.democracy.signing_lane.desk import SigningDesk, connection_info

logger = logging.getLogger(__name__)

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]

SIGNING_PATH = re.compile(r"/api/v1/democracy/decisions/([1-9][0-9]{0,17})/call-in/signatures")
_DATES = DjangoJSONEncoder()
BODY_LIMIT = 1024  # the schema's body is at most 20 bytes; anything bigger goes to Django


def lane_for_site(django_app: ASGIApp) -> ASGIApp:
    """Django's ASGI app, fronted by the signing lane where the site can use it.

    The lane needs PostgreSQL and Django's own database sessions and CSRF cookie;
    with any other set-up (the SQLite demo, say) every request goes to Django.
    """
    if connection.vendor != "postgresql" or not lane_supported():
        return django_app
    credentials = Credentials()
    return SigningLane(django_app, SigningDesk(credentials, connection_info()), credentials)


class SigningLane:
    """Answers signing requests it can accept; passes everything else to Django."""

    def __init__(self, django_app: ASGIApp, desk: SigningDesk, credentials: Credentials) -> None:
        self.django_app = django_app
        self.desk = desk
        self.credentials = credentials
        self.headers = _security_headers()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        match = None
        if scope["type"] == "http" and scope["method"] == "POST":
            path = scope["path"].removeprefix(scope.get("root_path", ""))
            match = SIGNING_PATH.fullmatch(path)
        if match is None:
            await self.django_app(scope, receive, send)
            return
        messages, body = await _read_body(receive)
        if body is None:  # too big, or the client went away: Django reads what is left
            await self.django_app(scope, _replay(messages, receive), send)
            return
        claim = self.credentials.claim(scope, int(match.group(1)), body)
        signed = await self.desk.sign(claim) if claim is not None else None
        if signed is None:
            await self.django_app(scope, _replay(messages, receive), send)
            return
        await self._created(scope, claim, signed, send)

    async def _created(
        self, scope: dict, claim: Claim, signed: SignatureWritten, send: Callable
    ) -> None:
        """201 with the body and headers the Django endpoint sends."""
        body = json.dumps(
            {
                "id": signed.id,
                "name": signed.shown_name,
                "ward": signed.ward_name,
                # Django's own datetime format; the rest encodes without a custom class.
                "signed_at": _DATES.default(signed.signed_at),
            }
        ).encode()
        headers = [
            (b"content-type", b"application/json; charset=utf-8"),
            *self.headers,
            (b"content-length", str(len(body)).encode()),
            (b"content-language", claim.language.encode()),
            (b"vary", b"Accept-Language, Cookie"),
        ]
        if scope.get("scheme") == "https" and settings.SECURE_HSTS_SECONDS:
            headers.append((b"strict-transport-security", _hsts().encode()))
        await send({"type": "http.response.start", "status": 201, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive: Callable, send: Callable) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await asyncio.to_thread(_warm_django)
                except Exception as error:  # noqa: BLE001 - the server reports it and stops
                    await send({"type": "lifespan.startup.failed", "message": str(error)})
                    return
                try:
                    await self.desk.open()
                except Exception:  # noqa: BLE001 - Django answers until the lane connects
                    logger.exception("signing lane could not connect; it will retry")
                # What start-up loaded stays for the process's life: keep the garbage
                # collector from walking it again (a full pass stalls every request).
                gc.freeze()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.desk.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _read_body(receive: Callable) -> tuple[list[dict], bytes | None]:
    """The request's messages as received, and its body (None past the limit)."""
    messages, size = [], 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, None
        size += len(message.get("body", b""))
        if size > BODY_LIMIT:
            return messages, None
        if not message.get("more_body", False):
            return messages, b"".join(m.get("body", b"") for m in messages)


def _replay(messages: list[dict], receive: Callable) -> Callable:
    """A receive() that gives back what the lane already read, then the rest."""
    pending = list(messages)

    async def replayed() -> dict:
        return pending.pop(0) if pending else await receive()

    return replayed


def _warm_django() -> None:
    """Import every URL module (and the API schemas they build) before the first
    request, so neither the first visitor nor a call-in's suspension pays for it."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - the import is the point
    resolver.reverse_dict  # noqa: B018 - so is building reverse()'s table


def _security_headers() -> list[tuple[bytes, bytes]]:
    """What SecurityMiddleware and XFrameOptionsMiddleware add to every response."""
    headers = []
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append((b"x-content-type-options", b"nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        policy = policy if isinstance(policy, str) else ",".join(policy)
        headers.append((b"referrer-policy", policy.encode()))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(
            (b"cross-origin-opener-policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY.encode())
        )
    if "django.middleware.clickjacking.XFrameOptionsMiddleware" in settings.MIDDLEWARE:
        headers.append((b"x-frame-options", settings.X_FRAME_OPTIONS.upper().encode()))
    return headers


def _hsts() -> str:
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value
