"""The public awards page's pages: newest first, a fixed page size, no count of every award."""

from __future__ import annotations

import pytest

from coopcouncil.grants import selectors, services


@pytest.fixture
def three_awards(make_application, score_all, district_officer, partnership):
    decided = []
    for n in range(3):
        application = make_application(
            title=f"Project {n}", amount_pence=100_000, budget_lines=[("Item", 100_000)]
        )
        decided.append(
            services.application_decide(
                actor=district_officer,
                application=score_all(application),
                outcome=services.AWARD,
                reasons="Good",
            )
        )
    return decided


def test_awards_are_paged_newest_first_and_the_last_page_has_no_next(three_awards):
    first = selectors.awards_page(None, size=2)
    assert [a.title for a in first.awards] == ["Project 2", "Project 1"]
    assert first.has_next and first.is_first
    last = selectors.awards_page(first.next_cursor, size=2)
    assert [a.title for a in last.awards] == ["Project 0"]
    assert not last.is_first and not last.has_next


@pytest.mark.parametrize("asked", [None, "", "abc", "-4", "12-x", "99999999999999999999999-1"])
def test_an_unreadable_cursor_is_the_first_page(three_awards, asked):
    page = selectors.awards_page(asked, size=2)
    assert page.is_first and [a.title for a in page.awards] == ["Project 2", "Project 1"]


def test_paging_yields_every_award_once_even_when_one_is_decided_meanwhile(
    three_awards, make_application, score_all, district_officer
):
    """Keyset paging: an award decided between two pages neither repeats nor skips a row."""
    first = selectors.awards_page(None, size=1)
    services.application_decide(
        actor=district_officer,
        application=score_all(make_application(title="Newer", amount_pence=100_000,
                                               budget_lines=[("Item", 100_000)])),
        outcome=services.AWARD,
        reasons="Good",
    )  # fmt: skip
    seen, page = [a.pk for a in first.awards], first
    while page.has_next:
        page = selectors.awards_page(page.next_cursor, size=1)
        seen += [a.pk for a in page.awards]
    assert seen == [a.pk for a in reversed(three_awards)]


def test_a_page_reads_two_queries_and_shows_what_the_page_needs(
    three_awards, django_assert_num_queries
):
    """The awards and their groups in one query, the joint ones' partners in a second,
    however deep the page."""
    cursor = selectors.awards_page(None, size=1).next_cursor
    for after in (None, cursor):
        with django_assert_num_queries(2):
            page = selectors.awards_page(after, size=10)
            shown = [
                (a.organisation.name, a.ward.name, a.ward.district.name, a.round.fund.name,
                 [p.name for p in a.partners.all()])
                for a in page.awards
            ]  # fmt: skip
        assert shown
