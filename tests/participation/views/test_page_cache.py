"""A PB process's pages are shared with readers who are not signed in; a ballot renews only
its own process's pages, so the other processes' pages stay stored through a vote."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcouncil.participation import services

from ..conftest import codes

pytestmark = pytest.mark.django_db
PROJECTS = [("Benches", 300_000), ("Fridge", 200_000)]


def test_a_ballot_renews_its_own_process_pages_and_no_other_process_pages(
    client,
    page_cache,
    make_process,
    make_voter,
    ward,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    voting = make_process(PROJECTS, title="Coldhurst pot")
    other = make_process(PROJECTS, title="Werneth pot")
    pages = [f"/pb/{p.pk}/{tail}" for p in (voting, other) for tail in ("", "results/")]
    for page in pages:
        assert client.get(page).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.ballot_cast(
            voter=make_voter(ward), process=voting, choices=[codes(voting)["Fridge"]]
        )
    with django_assert_num_queries(0):
        for page in pages[2:]:
            assert client.get(page).status_code == 200
    for page in pages[:2]:
        with CaptureQueriesContext(connection) as rendered:
            assert client.get(page).status_code == 200
        assert len(rendered) > 0, f"{page} was served from before the ballot"
