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
    first = selectors.awards_page("1", size=2)
    assert [a.title for a in first.awards] == ["Project 2", "Project 1"]
    assert first.has_next and not first.has_previous
    last = selectors.awards_page(2, size=2)
    assert [a.title for a in last.awards] == ["Project 0"]
    assert last.has_previous and not last.has_next


@pytest.mark.parametrize("asked", [None, "", "abc", "-4", "0"])
def test_an_unreadable_page_number_is_the_first_page(three_awards, asked):
    assert selectors.awards_page(asked, size=2).number == 1


def test_a_page_reads_one_query_and_shows_what_the_page_needs(
    three_awards, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = selectors.awards_page(1, size=10)
        shown = [
            (a.organisation.name, a.ward.name, a.ward.district.name, a.round.fund.name)
            for a in page.awards
        ]
    assert len(shown) == 3
