"""The awards API pages from a cursor, as the awards page does: every award once, newest
first, the next page named in the ``Link`` header, and the same few queries on any page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcouncil.grants.models import Application

pytestmark = pytest.mark.django_db

BASE = "/api/v1/grants/awards"


def _more_awards(like: Application, count: int) -> None:
    """``count`` further awards in force, each decided a minute before the last."""
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            round_id=like.round_id,
            organisation_id=like.organisation_id,
            ward_id=like.ward_id,
            title=f"Award {n}",
            amount_pence=100_000,
            awarded_pence=100_000,
            status=Application.Status.AWARDED,
            award_standing="in_force",
            # Two share each decision time, so the cursor's tie-break on id is exercised.
            decided_at=now - timedelta(minutes=n // 2 + 1),
        )
        for n in range(count)
    )


def _next(response) -> str:
    link = response.headers.get("Link", "")
    return link[1 : link.index(">")] if link else ""


def _queries(client, url: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response


def test_following_the_link_reads_every_award_once_newest_first(client, awarded):
    _more_awards(awarded, 230)
    seen, url, pages = [], BASE, 0
    while url:
        response = client.get(url)
        seen += [award["id"] for award in response.json()]
        url, pages = _next(response), pages + 1
    assert pages == 3 and len(seen) == len(set(seen)) == 231
    newest_first = Application.objects.awards_published().order_by("-decided_at", "-id")
    assert seen == list(newest_first.values_list("pk", flat=True))


def test_an_award_decided_while_paging_neither_repeats_nor_skips_a_row(client, awarded):
    _more_awards(awarded, 150)
    first = client.get(BASE)
    _more_awards(awarded, 1)  # decided now: it belongs on page 1, which the client has read
    second = client.get(_next(first))
    ids = [a["id"] for a in first.json()] + [a["id"] for a in second.json()]
    assert len(ids) == len(set(ids)) == 151


def test_the_query_count_does_not_grow_with_the_awards_or_the_page(client, awarded):
    few, _ = _queries(client, BASE)
    _more_awards(awarded, 250)
    first, response = _queries(client, BASE)
    later, _ = _queries(client, _next(client.get(_next(response))))
    assert few == first == later <= 3


def test_a_page_number_past_the_first_is_refused_with_the_cursor_to_use_instead(client, awarded):
    response = client.get(f"{BASE}?page=2")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "page_replaced" and "page" in body["errors"]
    assert client.get(f"{BASE}?page=1").json()[0]["id"] == awarded.pk


def test_an_award_with_no_ward_is_served_without_one(client, awarded):
    Application.objects.filter(pk=awarded.pk).update(ward=None)
    (award,) = client.get(BASE).json()
    assert (award["ward"], award["district"]) == (None, None)
