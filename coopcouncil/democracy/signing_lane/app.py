"""The ASGI application: the signing lane in front of Django's own ASGI handler."""

from __future__ import annotations

import asyncio
import gc
import io
import json
import logging
import re
from collections.abc import Awaitable, Callable

from django.core.handlers.asgi import ASGIRequest
from django.core.handlers.base import BaseHandler
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import get_resolver, re_path, set_urlconf
from django.views.decorators.csrf import csrf_exempt

from coopcouncil.core.freshness import WROTE_COOKIE, writer_mark_header
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
        self.reply_headers = ReplyHeaders()

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
        headers = self._headers(claim) if claim is not None else None
        signed = await self.desk.sign(claim) if headers is not None else None
        if signed is None:
            await self.django_app(scope, _replay(messages, receive), send)
            return
        await self._created(signed, headers, send)

    def _headers(self, claim: Claim) -> list[tuple[bytes, bytes]] | None:
        """What Django's middleware would add to this claim's reply (None: let Django reply)."""
        try:
            return self.reply_headers(host=claim.host, secure=claim.secure, language=claim.language)
        except LaneStandsAside:
            return None
        except Exception:  # noqa: BLE001 - Django answers instead
            logger.exception("Django's middleware could not be run for the lane's reply")
            return None

    async def _created(
        self, signed: SignatureWritten, headers: list[tuple[bytes, bytes]], send: Callable
    ) -> None:
        """201 with the body the Django endpoint sends and the headers its middleware adds."""
        body = json.dumps(
            {
                "id": signed.id,
                "name": signed.shown_name,
                "ward": signed.ward_name,
                # Django's own datetime format; the rest encodes without a custom class.
                "signed_at": _DATES.default(signed.signed_at),
            }
        ).encode()
        reply = [
            (b"content-type", b"application/json; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            *headers,
            writer_mark_header(),  # as core.freshness's middleware marks any writer
        ]
        await send({"type": "http.response.start", "status": 201, "headers": reply})
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


@csrf_exempt  # as django-ninja's views are: the lane has checked the token already
def _bare_reply(request: HttpRequest) -> HttpResponse:
    # The endpoint authenticates, so the session is read (SessionMiddleware: Vary: Cookie).
    request.user.is_authenticated  # noqa: B018
    return HttpResponse(status=201)


class _DressingRoom:
    """A URLconf of one view, whose reply Django's middleware dresses (``ReplyHeaders``)."""

    urlpatterns = [re_path("", _bare_reply)]


# A signing path, so that middleware that looks at paths (static files, say) treats the
# bare reply as it treats the endpoint's.
_DRESSING_PATH = "/api/v1/democracy/decisions/1/call-in/signatures"
_KNOWN_LIMIT = 256
# Headers of the dressed reply that are the view's own, not the middleware's, and the
# request id, which is each request's own (core.logs.RequestIdASGI echoes it, around the lane).
_VIEW_HEADERS = {"content-type", "content-length", "x-request-id"}


class ReplyHeaders:
    """The headers Django's middleware (the site's ``MIDDLEWARE``: security, clickjacking,
    locale, sessions, and any added later, CSP say) adds to a reply of the signing
    endpoint, learnt by running that middleware on a bare reply, once per host, scheme
    and language."""

    def __init__(self) -> None:
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self._known: dict[tuple[str, bool, str], list[tuple[bytes, bytes]]] = {}

    def __call__(self, *, host: str, secure: bool, language: str) -> list[tuple[bytes, bytes]]:
        key = (host, secure, language)
        known = self._known.get(key)
        if known is None:
            known = self._dressed(host, secure, language)
            # Hosts come from requests: with a wildcard ALLOWED_HOSTS, keep the memory bounded.
            if len(self._known) < _KNOWN_LIMIT:
                self._known[key] = known
        return known

    def _dressed(self, host: str, secure: bool, language: str) -> list[tuple[bytes, bytes]]:
        scope = {
            "type": "http",
            "method": "POST",  # middleware such as ConditionalGet treats GETs differently
            "path": _DRESSING_PATH,
            "scheme": "https" if secure else "http",
            "query_string": b"",
            "headers": [(b"host", host.encode()), (b"accept-language", language.encode())],
        }
        request = ASGIRequest(scope, io.BytesIO())
        request.urlconf = _DressingRoom
        try:
            response = self.handler.get_response(request)
        finally:
            set_urlconf(None)  # the thread goes back to the site's URLconf, as after a request
        if set(response.cookies) - {WROTE_COOKIE} or response.status_code != 201:
            # A cookie is for Django to decide on (but the writer's mark, which the lane
            # adds fresh to each reply); a refusal means the site's middleware has rules of
            # its own for this request: the lane stands aside.
            raise LaneStandsAside
        return [
            (name.lower().encode(), value.encode("latin-1"))
            for name, value in response.headers.items()
            if name.lower() not in _VIEW_HEADERS
        ]


class LaneStandsAside(Exception):
    """Django's middleware would reply in a way the lane does not copy."""
