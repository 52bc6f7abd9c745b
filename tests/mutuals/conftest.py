"""A co-operative with a secretary, classes, members, and a ballot and an election open now."""

from datetime import date, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def secretary(make_user):
    return make_user("Sam Secretary")


@pytest.fixture
def mutual(administrator, secretary):
    from coopcouncil.mutuals import services

    made = services.mutual_register(
        actor=administrator,
        name="Youth Co-op",
        legal_form="cooperative_society",
        society_number="RS1234",
        services=["Youth centres"],
    )
    made.secretaries.add(secretary)
    return made


@pytest.fixture
def classes(mutual, secretary):
    from coopcouncil.mutuals import services

    return {
        "young": services.membership_class_add(
            actor=secretary, mutual=mutual, name="Young people", min_age=11, max_age=19
        ),
        "individuals": services.membership_class_add(
            actor=secretary, mutual=mutual, name="Individuals"
        ),
        "associate": services.membership_class_add(
            actor=secretary, mutual=mutual, name="Associate", max_age=15, is_voting=False
        ),
    }


@pytest.fixture
def make_member(make_user, mutual, secretary, classes):
    """A member of ``mutual`` in ``class_name``, joined ``days_ago`` days ago."""
    from coopcouncil.mutuals import services

    def make(class_name: str = "individuals", *, days_ago: int = 30, user=None, **facts):
        person = user or make_user(date_of_birth=facts.pop("date_of_birth", date(2010, 1, 1)))
        return services.member_join(
            actor=secretary,
            mutual=mutual,
            user=person,
            classes=[classes[class_name]],
            today=timezone.localdate() - timedelta(days=days_ago),
            **facts,
        )

    return make


@pytest.fixture
def open_ballot(mutual, secretary, classes):
    from coopcouncil.mutuals import services

    def make(**changes):
        now = timezone.now()
        terms = {
            "question": "Should the homes transfer to the mutual?",
            "classes": [classes["individuals"], classes["young"]],
            "electorate_on": timezone.localdate() - timedelta(days=1),
            "opens_at": now - timedelta(hours=1),
            "closes_at": now + timedelta(days=7),
        } | changes
        return services.ballot_open(actor=secretary, mutual=mutual, **terms)

    return make


@pytest.fixture
def open_election(mutual, secretary, classes):
    from coopcouncil.mutuals import services

    def make(**changes):
        now = timezone.now()
        terms = {
            "title": "Assembly election",
            "seats": 2,
            "candidates": ["Ann", "Ben", "Cat", "Dan"],
            "classes": [classes["individuals"], classes["young"]],
            "electorate_on": timezone.localdate() - timedelta(days=1),
            "opens_at": now - timedelta(hours=1),
            "closes_at": now + timedelta(days=7),
        } | changes
        return services.election_open(actor=secretary, mutual=mutual, **terms)

    return make
