"""Who is asking: Django's session and CSRF rules, read straight off the ASGI scope.

Each check here is a strict subset of what Django's middleware accepts: where Django
would look further (a Referer on HTTPS, a wildcard trusted origin, a session signed
with an old key), the lane does not vouch for the request and Django decides.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH
from django.utils.translation import get_language_from_request

_SESSION_ENGINE = "django.contrib.sessions.backends.db"
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Backends that only refuse sign-ins and never sign anyone in (they have no get_user), so no
# session is ever theirs: django-axes' lockout of repeated failed passwords.
_SIGN_IN_GUARDS = ("axes.backends.AxesStandaloneBackend",)
# SessionBase._validate_session_key: Django treats a shorter key as no session at all.
_SESSION_KEY_MIN_LENGTH = 8
_CHARS = f"[{re.escape(CSRF_ALLOWED_CHARS)}]"
_TOKEN = re.compile(f"{_CHARS}{{{CSRF_SECRET_LENGTH}}}|{_CHARS}{{{CSRF_TOKEN_LENGTH}}}")


@dataclass(frozen=True)
class Claim:
    """A request that passed the header checks: its session key and what it asks."""

    session_key: str
    decision_id: int
    show_name: bool
    language: str  # what LocaleMiddleware would pick, for the reply's Content-Language
    host: str  # as Django's get_host reads it
    secure: bool  # as Django's is_secure reads it (for the reply's HSTS header)
    address: str | None = None  # the client, as Django's REMOTE_ADDR (for rate limits)


def lane_supported() -> bool:
    """Whether this site's settings are ones the lane can check exactly as Django does."""
    return (
        settings.SESSION_ENGINE == _SESSION_ENGINE
        and not settings.CSRF_USE_SESSIONS
        and [b for b in settings.AUTHENTICATION_BACKENDS if b not in _SIGN_IN_GUARDS]
        == [_MODEL_BACKEND]
        and "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    )


class Credentials:
    """The header, cookie and session checks, with settings read once."""

    def __init__(self) -> None:
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.csrf_cookie = settings.CSRF_COOKIE_NAME
        self.csrf_header = settings.CSRF_HEADER_NAME.removeprefix("HTTP_").replace("_", "-")
        self.csrf_header = self.csrf_header.lower().encode()
        # Wildcard origins need Django's subdomain matching: the lane leaves them to it.
        self.trusted_origins = {o for o in settings.CSRF_TRUSTED_ORIGINS if "*" not in o}
        self.allowed_hosts = list(settings.ALLOWED_HOSTS)
        if settings.DEBUG and not self.allowed_hosts:
            self.allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
        self.forwarded_host = settings.USE_X_FORWARDED_HOST
        proxy = settings.SECURE_PROXY_SSL_HEADER
        self.proxy_ssl = (
            (proxy[0].removeprefix("HTTP_").replace("_", "-").lower().encode(), proxy[1])
            if proxy
            else None
        )
        # Django's own store decodes the session (its salt, serializer and fallback keys).
        self.sessions = SessionStore()
        self.user_model = get_user_model()

    def claim(self, scope: dict, decision_id: int, body: bytes) -> Claim | None:
        """The request's session key if its host, origin and CSRF token all check out."""
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            # A repeated header, or one Django would read under another's name
            # (``X_Forwarded_Proto`` becomes HTTP_X_FORWARDED_PROTO): let Django decide.
            if name in headers or b"_" in name:
                return None
            headers[name] = value
        show_name = _show_name(headers, body)
        if show_name is None:
            return None
        cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
        session_key = cookies.get(self.session_cookie, "")
        if len(session_key) < _SESSION_KEY_MIN_LENGTH:
            return None
        origin = self._origin_trusted(scope, headers)
        if origin is None or not self._csrf_matches(headers, cookies):
            return None
        language = _language(
            headers.get(b"accept-language", b"").decode("latin-1"),
            cookies.get(settings.LANGUAGE_COOKIE_NAME, ""),
        )
        host, secure = origin
        client = scope.get("client")
        address = client[0] if client else None
        return Claim(session_key, decision_id, show_name, language, host, secure, address)

    def session_user(self, session_data: str) -> tuple[int, str] | None:
        """The user id and auth hash a stored session names, if it names one."""
        session = self.sessions.decode(session_data)  # a bad session reads as an empty one
        try:
            user_id = self.user_model._meta.pk.to_python(session[SESSION_KEY])
            auth_hash = session[HASH_SESSION_KEY]
        except Exception:  # noqa: BLE001 - Django finds no user in such a session
            return None
        if session.get(BACKEND_SESSION_KEY) != _MODEL_BACKEND or not isinstance(auth_hash, str):
            return None
        return user_id, auth_hash

    def hash_matches(self, password: str, auth_hash: str) -> bool:
        """Whether the session was issued for the user's current password."""
        expected = _session_auth_hash(self.user_model, password, settings.SECRET_KEY)
        return hmac.compare_digest(expected.encode(), auth_hash.encode())

    def _origin_trusted(self, scope: dict, headers: dict[bytes, bytes]) -> tuple[str, bool] | None:
        """The request's host and whether it is secure, if Django's host, Origin and
        Referer checks would pass it."""
        # As HttpRequest.get_host reads it: a forwarded host, even an empty one, wins.
        host = headers.get(b"x-forwarded-host") if self.forwarded_host else None
        host = (host if host is not None else headers.get(b"host", b"")).decode("latin-1")
        domain, _port = split_domain_port(host)
        if not domain or not validate_host(domain, self.allowed_hosts):
            return None
        secure = scope.get("scheme") == "https"
        if self.proxy_ssl is not None:
            # Without the proxy's header Django falls back on the connection's scheme,
            # which behind a proxy says little: rather than guess, let Django decide.
            forwarded = headers.get(self.proxy_ssl[0])
            if forwarded is None:
                return None
            # As HttpRequest.scheme reads it: the first of a comma-separated list.
            first = forwarded.decode("latin-1").split(",", 1)[0].strip()
            secure = first == self.proxy_ssl[1]
        origin = headers.get(b"origin")
        if origin is None:
            # Over HTTPS Django checks the Referer instead: the lane leaves that to it.
            return None if secure else (host, secure)
        origin = origin.decode("latin-1")
        same = origin == f"{'https' if secure else 'http'}://{host}"
        return (host, secure) if same or origin in self.trusted_origins else None

    def _csrf_matches(self, headers: dict[bytes, bytes], cookies: dict[str, str]) -> bool:
        secret = cookies.get(self.csrf_cookie, "")
        token = headers.get(self.csrf_header, b"").decode("latin-1")
        if not _TOKEN.fullmatch(secret) or not _TOKEN.fullmatch(token):
            return False
        return hmac.compare_digest(_unmasked(secret), _unmasked(token))


@lru_cache(maxsize=4096)
def _session_auth_hash(user_model: type, password: str, secret_key: str) -> str:
    """The user model's own session hash for ``password`` (keyed by the secret key too,
    so a new key is never answered from the cache)."""
    return user_model(password=password).get_session_auth_hash()


@lru_cache(maxsize=256)
def _language(accept_language: str, language_cookie: str) -> str:
    """The language LocaleMiddleware would pick for these header and cookie values."""
    request = HttpRequest()
    if accept_language:
        request.META["HTTP_ACCEPT_LANGUAGE"] = accept_language
    if language_cookie:
        request.COOKIES = {settings.LANGUAGE_COOKIE_NAME: language_cookie}
    return get_language_from_request(request)


def _unmasked(token: str) -> str:
    """The CSRF secret inside a 64-character masked token (32 characters pass as they are)."""
    if len(token) == CSRF_SECRET_LENGTH:
        return token
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    chars = CSRF_ALLOWED_CHARS
    pairs = zip(cipher, mask, strict=True)
    return "".join(chars[chars.index(c) - chars.index(m)] for c, m in pairs)


def _show_name(headers: dict[bytes, bytes], body: bytes) -> bool | None:
    """``show_name`` from a body that is exactly the schema's JSON, else None."""
    kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
    if kind != b"application/json":
        return None
    compact = body.replace(b" ", b"")
    return {
        b"{}": False,
        b'{"show_name":false}': False,
        b'{"show_name":true}': True,
    }.get(compact)
