"""The lane vouches only for requests Django's session and CSRF checks would accept."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.middleware.csrf import _mask_cipher_secret

from coopcouncil.democracy.signing_lane.credentials import Credentials, lane_supported

SECRET = "benchcsrfsecret0123456789abcdefg"
SESSION = "abcdefgh12345678"


def _scope(*, host=b"testserver", scheme="http", cookie=None, token=SECRET, extra=()):
    cookie = cookie if cookie is not None else f"sessionid={SESSION}; csrftoken={SECRET}"
    headers = [(b"host", host), (b"content-type", b"application/json"), *extra]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    if token is not None:
        headers.append((b"x-csrftoken", token.encode()))
    return {"type": "http", "scheme": scheme, "headers": headers}


@pytest.fixture
def credentials(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    return Credentials()


def test_a_session_cookie_with_a_matching_csrf_token_is_claimed(credentials):
    claim = credentials.claim(_scope(), 7, b'{"show_name": true}')
    assert (claim.session_key, claim.decision_id, claim.show_name) == (SESSION, 7, True)


def test_a_masked_csrf_token_unmasks_to_the_cookie_secret(credentials):
    masked = _mask_cipher_secret(SECRET)
    assert len(masked) == 64
    assert credentials.claim(_scope(token=masked), 7, b"{}") is not None
    other = _mask_cipher_secret("x" * 32)
    assert credentials.claim(_scope(token=other), 7, b"{}") is None


@pytest.mark.parametrize(
    "scope",
    [
        _scope(token=None),  # no CSRF header
        _scope(token="short"),
        _scope(cookie=f"csrftoken={SECRET}"),  # no session
        _scope(cookie=f"sessionid=short; csrftoken={SECRET}"),
        _scope(host=b"evil.example"),  # not an allowed host
        _scope(extra=[(b"origin", b"http://evil.example")]),
        _scope(scheme="https", extra=[]),  # HTTPS without Origin: Django checks the Referer
        _scope(extra=[(b"host", b"testserver")]),  # a repeated header
    ],
    ids=[
        "no-token",
        "bad-token",
        "no-session",
        "short-session",
        "host",
        "foreign-origin",
        "https-no-origin",
        "repeated-header",
    ],
)
def test_anything_django_might_refuse_is_left_to_django(credentials, scope):
    assert credentials.claim(scope, 7, b"{}") is None


def test_the_same_origin_and_trusted_origins_are_accepted(settings):
    settings.ALLOWED_HOSTS = ["council.example"]
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.council.example"]
    credentials = Credentials()
    host = b"council.example"
    same = _scope(host=host, scheme="https", extra=[(b"origin", b"https://council.example")])
    trusted = _scope(host=host, scheme="https", extra=[(b"origin", b"https://www.council.example")])
    assert credentials.claim(same, 1, b"{}") is not None
    assert credentials.claim(trusted, 1, b"{}") is not None


@pytest.mark.parametrize(
    "body,expected",
    [
        (b"{}", False),
        (b'{"show_name": false}', False),
        (b'{"show_name":true}', True),
        (b'{"show_name": "yes"}', None),
        (b'{"show_name": true, "extra": 1}', None),
        (b"", None),
        (b"not json", None),
    ],
)
def test_only_the_schemas_own_bodies_are_read_by_the_lane(credentials, body, expected):
    claim = credentials.claim(_scope(), 1, body)
    assert (claim.show_name if claim else None) == expected


def test_the_session_names_its_user_only_when_signed_by_django(credentials):
    from django.contrib.sessions.backends.db import SessionStore

    data = {
        SESSION_KEY: "42",
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: "h" * 64,
    }
    assert credentials.session_user(SessionStore().encode(data)) == (42, "h" * 64)
    assert credentials.session_user("tampered:" + SessionStore().encode(data)) is None
    other_backend = {**data, BACKEND_SESSION_KEY: "somewhere.else.Backend"}
    assert credentials.session_user(SessionStore().encode(other_backend)) is None


def test_the_session_hash_follows_the_password(credentials, django_user_model):
    user = django_user_model(password="pbkdf2_sha256$1$salt$hash")
    assert credentials.hash_matches(user.password, user.get_session_auth_hash())
    assert not credentials.hash_matches(
        "pbkdf2_sha256$1$salt$changed", user.get_session_auth_hash()
    )


def test_the_lane_stands_aside_for_session_set_ups_it_cannot_check(settings):
    assert lane_supported()
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    assert not lane_supported()


def test_the_lane_runs_beside_the_failed_sign_in_lockout_but_not_another_way_in(settings):
    # django-axes' backend only refuses sign-ins, so every session still comes from
    # ModelBackend; a backend that signs people in would hold sessions the lane cannot check.
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert lane_supported()
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "django.contrib.auth.backends.RemoteUserBackend",
    ]
    assert not lane_supported()


def test_the_reply_language_is_the_one_localemiddleware_would_pick(credentials):
    plain = credentials.claim(_scope(), 1, b"{}")
    french = credentials.claim(_scope(extra=[(b"accept-language", b"fr-FR,fr;q=0.9")]), 1, b"{}")
    assert (plain.language, french.language) == ("en-gb", "fr")


def test_a_new_secret_key_is_never_answered_from_the_hash_cache(settings, django_user_model):
    password = "pbkdf2_sha256$1$salt$hash"
    issued = django_user_model(password=password).get_session_auth_hash()
    assert Credentials().hash_matches(password, issued)
    settings.SECRET_KEY = "another-secret-key-entirely"
    assert not Credentials().hash_matches(password, issued)


@pytest.mark.parametrize(
    "forwarded,accepted",
    [
        (None, False),  # the proxy's header is missing: Django would judge by the connection
        (b"http", True),  # plain HTTP by the proxy's word: no Origin needed, as in Django
        (b"https", False),  # HTTPS without Origin: Django checks the Referer
        (b"http, https", True),  # Django reads the first value only
        (b"https,http", False),
    ],
)
def test_behind_a_proxy_the_lane_reads_https_as_django_does_and_refuses_when_unsure(
    settings, forwarded, accepted
):
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    extra = [(b"x-forwarded-proto", forwarded)] if forwarded is not None else []
    for scheme in ("http", "https"):
        claim = Credentials().claim(_scope(scheme=scheme, extra=extra), 7, b"{}")
        assert (claim is not None) == accepted


def test_a_header_django_would_read_under_another_name_is_left_to_django(credentials):
    # ASGI hands Django ``x_forwarded_proto`` as HTTP_X_FORWARDED_PROTO too.
    scope = _scope(extra=[(b"x_forwarded_proto", b"https")])
    assert credentials.claim(scope, 7, b"{}") is None


def test_an_empty_forwarded_host_is_the_host_django_judges(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.USE_X_FORWARDED_HOST = True
    assert Credentials().claim(_scope(extra=[(b"x-forwarded-host", b"")]), 7, b"{}") is None


def test_wildcard_trusted_origins_are_left_to_django(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.council.example"]
    scope = _scope(extra=[(b"origin", b"https://www.council.example")])
    assert Credentials().claim(scope, 7, b"{}") is None
