"""The signing lane in front of Django: same answers, exact counts, nothing lost.

The lane writes through its own PostgreSQL connection, so these tests commit for real
(``transaction=True``) and run on PostgreSQL only; on SQLite the site is Django alone.
"""

import asyncio
import gc
import json
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest
from django.core.asgi import get_asgi_application
from django.db import connection, connections
from django.test import Client, RequestFactory

from coopcouncil.core.freshness import WROTE_COOKIE, wrote_recently
from coopcouncil.core.logs import RequestIdASGI
from coopcouncil.core.models import AuditEvent, RateLimitCount
from coopcouncil.democracy.models import CallInSignature, Decision
from coopcouncil.democracy.services.decisions import decision_create, decision_publish
from coopcouncil.democracy.signing_lane.app import SigningLane, lane_for_site
from coopcouncil.democracy.signing_lane.credentials import Credentials
from coopcouncil.democracy.signing_lane.desk import SigningDesk, connection_info

CSRF = "lanecsrfsecret0123456789abcdefgh"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the lane runs on PostgreSQL only"
)


def _path(decision) -> str:
    return f"/api/v1/democracy/decisions/{decision.pk}/call-in/signatures"


async def _call(
    app,
    path: str,
    *,
    session: str | None,
    body: bytes = b"{}",
    headers=(),
    scheme="http",
    client="127.0.0.1",
):
    """One HTTP request through an ASGI app: (status, headers, JSON body)."""
    cookie = f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": scheme,
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "server": ("testserver", 80),
        "client": (client, 50000),
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"cookie", cookie.encode()),
            (b"x-csrftoken", CSRF.encode()),
            *headers,
        ],
    }
    sent = [{"type": "http.request", "body": body, "more_body": False}]
    replies = []

    async def receive():
        if sent:
            return sent.pop()
        await asyncio.Event().wait()  # the client stays connected until the reply

    async def send(message):
        replies.append(message)

    await app(scope, receive, send)
    start = replies[0]
    content = b"".join(m.get("body", b"") for m in replies[1:])
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    is_json = "json" in headers.get("content-type", "")
    return start["status"], headers, json.loads(content) if is_json else None


@pytest.fixture
def lane(settings, monkeypatch):
    return _lane(settings, monkeypatch)


def _lane(settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["testserver"]
    # Under ASGI each request runs in its own thread: without a pool, connections must
    # close at the end of the request (as `coopcouncil serve` arranges with its pool).
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    credentials = Credentials()
    return SigningLane(
        get_asgi_application(), SigningDesk(credentials, connection_info()), credentials
    )


@pytest.fixture
def published(partnership, clerk, settings):
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 100
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    return decision_publish(actor=clerk, decision=decision)


@pytest.fixture
def session_of():
    def login(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    return login


def _in_own_loop(coroutine):
    """Run on a loop of its own thread: the browser tests' Playwright keeps a loop
    running on the main thread for the whole session."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def _run(lane, coroutine):
    async def run_and_close():
        try:
            return await coroutine
        finally:
            await lane.desk.close()

    return _in_own_loop(run_and_close())


def test_the_lane_fronts_django_on_postgresql_only():
    app = get_asgi_application()
    expected = SigningLane if connection.vendor == "postgresql" else type(app)
    assert isinstance(lane_for_site(app), expected)


pytestmark = [pytest.mark.django_db(transaction=True)]


@on_postgresql
def test_a_verified_resident_signs_through_the_lane_with_djangos_reply(
    lane, published, partnership, clerk, ward, make_resident, session_of, settings
):
    """Same status, body fields and headers as the Django endpoint, and the same rows."""
    other = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Other")
    )
    first, second = make_resident(ward, "Ada Lane"), make_resident(ward, "Bo Django")
    status, headers, body = _run(
        lane, _call(lane, _path(published), session=session_of(first), body=b'{"show_name": true}')
    )
    django_app = get_asgi_application()
    d_status, d_headers, d_body = _in_own_loop(
        _call(django_app, _path(other), session=session_of(second), body=b'{"show_name": true}')
    )
    assert status == d_status == 201
    assert body.keys() == d_body.keys()
    assert (body["name"], body["ward"]) == ("Ada Lane", ward.name)
    assert len(body["signed_at"]) == len(d_body["signed_at"])  # same ISO format
    assert _without_length(headers) == _without_length(d_headers)
    # The lane's mark, like Django's, sends the signer's next reads to the primary.
    mark = SimpleCookie(headers["set-cookie"])[WROTE_COOKIE].value
    assert wrote_recently(RequestFactory().get("/", HTTP_COOKIE=f"{WROTE_COOKIE}={mark}"))
    stored = CallInSignature.objects.get(petition__decision=published)
    assert (stored.pk, stored.signer, stored.ward, stored.show_name) == (
        body["id"],
        first,
        ward,
        True,
    )
    event = AuditEvent.objects.get(action="democracy.call_in_signed", target_id=str(stored.pk))
    assert (event.actor, event.summary) == (first, "Signed the call-in of 'Close the library'")


def _cookie_without_time(set_cookie: str) -> str:
    name, attributes = set_cookie.split("=", 1)[0], set_cookie.split(";")[1:]
    return ";".join([name, *(a for a in attributes if not a.strip().startswith("expires="))])


def _without_length(headers: dict[str, str]) -> dict[str, str]:
    """Every header but Content-Length, which differs with the body (another signer's
    name and id), and X-Request-ID, each request's own (echoed around both apps by
    core.logs.RequestIdASGI; tests/core/test_logs.py). Date and Server are the server's,
    not the app's: neither app sends them. Set-Cookie (the writer's mark,
    core/freshness.py) is compared without its value, signed with the time, and its
    expiry date, which is the time plus the mark's Max-Age (compared)."""
    return {
        name: _cookie_without_time(value) if name == "set-cookie" else value
        for name, value in headers.items()
        if name not in {"content-length", "x-request-id"}
    }


def _cookie_without_time(value: str) -> str:
    """A Set-Cookie header's name and attributes, without its value and expiry time."""
    name, *attributes = (part.strip() for part in value.split(";"))
    kept = [part for part in attributes if not part.lower().startswith("expires=")]
    return "; ".join([name.split("=", 1)[0], *kept])


@on_postgresql
@pytest.mark.parametrize("language", ["en-GB", "fr"])
def test_the_lane_replies_with_every_header_djangos_middleware_adds_over_https(
    published, partnership, clerk, ward, make_resident, session_of, settings, language
):
    """Security, clickjacking, locale and session headers, HSTS included, come from
    Django's own middleware; a header middleware adds later (CSP, say) is compared too."""
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_REFERRER_POLICY = ["same-origin", "strict-origin"]
    settings.SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popups"
    settings.X_FRAME_OPTIONS = "SAMEORIGIN"
    django_app = get_asgi_application()

    async def not_django(scope, receive, send):
        raise AssertionError("the lane handed the request to Django")

    credentials = Credentials()
    lane = SigningLane(not_django, SigningDesk(credentials, connection_info()), credentials)
    other = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Other")
    )
    extra = [(b"origin", b"https://testserver"), (b"accept-language", language.encode())]
    first, second = make_resident(ward), make_resident(ward)
    _status, headers, _body = _run(
        lane,
        _call(lane, _path(published), session=session_of(first), headers=extra, scheme="https"),
    )
    d_status, d_headers, _d_body = _in_own_loop(
        _call(django_app, _path(other), session=session_of(second), headers=extra, scheme="https")
    )
    assert d_status == 201 and "strict-transport-security" in d_headers
    assert "content-security-policy" in headers
    assert _without_length(headers) == _without_length(d_headers)


@on_postgresql
@pytest.mark.parametrize(
    "case,status,code",
    [
        ("signed-out", 401, None),
        ("twice", 409, "already_signed"),
        ("unverified", 403, "not_allowed"),
        ("window-closed", 400, "call_in_closed"),
        ("draft", 404, "decision_not_found"),
    ],
)
def test_every_refusal_is_djangos_own_answer(
    lane,
    published,
    clerk,
    partnership,
    ward,
    make_resident,
    make_user,
    session_of,
    case,
    status,
    code,
):
    decision = published
    resident = make_resident(ward)
    session = session_of(resident)
    if case == "signed-out":
        session = None
    elif case == "twice":
        _run(lane, _call(lane, _path(decision), session=session))
        lane = SigningLane(
            lane.django_app, SigningDesk(lane.credentials, connection_info()), lane.credentials
        )
    elif case == "unverified":
        session = session_of(make_user())
    elif case == "window-closed":
        petition = decision.call_in
        petition.closes_at = petition.opens_at
        petition.save(update_fields=["closes_at"])
    elif case == "draft":
        decision = decision_create(actor=clerk, partnership=partnership, title="Draft")
    got_status, _headers, body = _run(lane, _call(lane, _path(decision), session=session))
    assert got_status == status
    if code:
        assert body["code"] == code
    expected = 1 if case == "twice" else 0
    assert CallInSignature.objects.filter(petition__decision=decision).count() == expected


@on_postgresql
def test_a_burst_of_signers_is_counted_exactly_and_suspends_the_decision_once(
    lane, published, ward, make_resident, session_of
):
    residents = [make_resident(ward) for _ in range(120)]
    sessions = [session_of(r) for r in residents]

    async def burst():
        # Every resident once, and the first twenty a second time in the same burst.
        calls = [_call(lane, _path(published), session=s) for s in sessions + sessions[:20]]
        replies = await asyncio.gather(*calls)
        await lane.desk.settled()
        return replies

    replies = _run(lane, burst())
    statuses = [status for status, _h, _b in replies]
    assert statuses.count(201) == 120 and statuses.count(409) == 20
    signatures = CallInSignature.objects.filter(petition__decision=published)
    assert signatures.count() == 120
    assert signatures.values("signer").distinct().count() == 120
    ids = {str(pk) for pk in signatures.values_list("pk", flat=True)}
    audited = AuditEvent.objects.filter(action="democracy.call_in_signed", target_id__in=ids)
    assert audited.count() == 120
    published.refresh_from_db()
    assert published.status == Decision.Status.SUSPENDED
    assert AuditEvent.objects.filter(action="democracy.decision_suspended").count() == 1


@on_postgresql
def test_when_a_batch_fails_django_answers_and_no_signature_is_lost(
    lane, published, ward, make_resident, session_of
):
    broken = SigningDesk(lane.credentials, "host=127.0.0.1 port=1 dbname=nowhere connect_timeout=1")
    lane = SigningLane(lane.django_app, broken, lane.credentials)
    sessions = [session_of(make_resident(ward)) for _ in range(3)]

    async def burst():
        return await asyncio.gather(*(_call(lane, _path(published), session=s) for s in sessions))

    replies = _run(lane, burst())
    assert [status for status, _h, _b in replies] == [201, 201, 201]
    assert CallInSignature.objects.filter(petition__decision=published).count() == 3


@on_postgresql
def test_other_requests_pass_through_to_django(lane, published):
    status, _headers, _body = _run(
        lane,
        _call(lane, f"/api/v1/democracy/decisions/{published.pk}/call-in", session=None),
    )
    assert status == 405  # the call-in itself is read with GET; Django says so


def test_the_server_starts_even_when_the_lane_cannot_connect(settings):
    """Start-up must not hinge on the lane's connection: Django answers until it connects."""
    credentials = Credentials()
    broken = SigningDesk(credentials, "host=127.0.0.1 port=1 dbname=nowhere connect_timeout=1")
    lane = SigningLane(get_asgi_application(), broken, credentials)
    messages = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent = []

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message["type"])

    try:
        _in_own_loop(lane({"type": "lifespan"}, receive, send))
    finally:
        gc.unfreeze()
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


@on_postgresql
def test_the_lane_and_django_echo_the_request_id_around_them(
    lane, published, ward, make_resident, session_of
):
    """The lane's own reply and Django's (a refusal it hands on) carry the id sent."""
    site = RequestIdASGI(lane)
    session = session_of(make_resident(ward))
    given = [(b"x-request-id", b"burst-1")]
    status, headers, _body = _run(
        lane, _call(site, _path(published), session=session, headers=given)
    )
    assert (status, headers["x-request-id"]) == (201, "burst-1")
    again = [(b"x-request-id", b"burst-2")]
    status, headers, body = _in_own_loop(
        _call(site, _path(published), session=session, headers=again)
    )
    assert (status, body["code"], headers["x-request-id"]) == (409, "already_signed", "burst-2")


@on_postgresql
def test_the_lane_counts_signatures_against_the_rate_limit_and_django_refuses_past_it(
    settings, monkeypatch, partnership, clerk, ward, make_resident, session_of
):
    """The lane counts per account and per address with Django's statement (read at start);
    an attempt past either limit goes to Django, which answers 429 with Retry-After."""
    settings.COOPCOUNCIL_RATE_LIMIT_CALL_IN_SIGNATURE_PER_ACCOUNT = 2
    settings.COOPCOUNCIL_RATE_LIMIT_CALL_IN_SIGNATURE_PER_ADDRESS = 3
    lane = _lane(settings, monkeypatch)
    decisions = [
        decision_publish(
            actor=clerk,
            decision=decision_create(actor=clerk, partnership=partnership, title=f"D{n}"),
        )
        for n in range(3)
    ]
    keen, *others = [session_of(make_resident(ward)) for _ in range(5)]

    async def attempts():
        replies = []
        for decision, address in zip(
            decisions, ["192.0.2.1", "192.0.2.2", "192.0.2.3"], strict=True
        ):
            # One account, three petitions, three addresses: its third attempt is refused.
            replies.append(await _call(lane, _path(decision), session=keen, client=address))
        for session in others:  # four more accounts from one address: the fourth is refused
            replies.append(await _call(lane, _path(decisions[0]), session=session))
        replies.append(await _call(lane, _path(decisions[0]), session=others[-1], client="::1"))
        return replies

    replies = _run(lane, attempts())
    statuses = [status for status, _h, _b in replies]
    assert statuses == [201, 201, 429, 201, 201, 201, 429, 201]
    refused_status, refused_headers, refused_body = replies[2]
    assert refused_body["code"] == "rate_limited" and int(refused_headers["retry-after"]) > 0
    assert CallInSignature.objects.count() == 6
    # Each attempt counted once per account and once per address, whoever answered it.
    assert sum(RateLimitCount.objects.values_list("count", flat=True)) == 2 * len(replies)
