"""Participation at scale counts distinct people by ward, from every app's records."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

import coopcouncil
from coopcouncil.insight.selectors.participation import (
    SOURCE_PROVIDERS,
    participation_at_scale,
    participation_counts,
)
from coopcouncil.insight.services.participation import participation_refresh


def _count(rows, *, ward_id, role, kind=""):
    return [
        (r.participants, r.new_participants)
        for r in rows
        if r.ward_id == ward_id and r.role == role and r.kind == kind
    ]


def test_a_person_taking_part_twice_in_two_ways_counts_once_in_any_role(
    ward, make_resident, take_part
):
    person = make_resident(ward)
    now = timezone.now()
    take_part(person, "questions", now - timedelta(days=2))
    take_part(person, "questions", now - timedelta(days=1))
    take_part(person, "pb_ballots", now - timedelta(days=1))
    rows = participation_counts(periods=[(now - timedelta(days=30), now)], at=now)
    assert _count(rows, ward_id=ward.pk, role="any") == [(1, 1)]
    assert _count(rows, ward_id=ward.pk, role="deciding") == [(1, 1)]
    assert _count(rows, ward_id=ward.pk, role="deciding", kind="questions") == [(1, 1)]
    assert _count(rows, ward_id=ward.pk, role="deciding", kind="pb_ballots") == [(1, 1)]


def test_someone_who_took_part_before_the_period_is_a_repeat_participant(
    ward, make_resident, take_part
):
    returning, newcomer = make_resident(ward), make_resident(ward)
    now = timezone.now()
    take_part(returning, "questions", now - timedelta(days=100))
    take_part(returning, "questions", now - timedelta(days=5))
    take_part(newcomer, "pb_ballots", now - timedelta(days=5))
    rows = participation_counts(periods=[(now - timedelta(days=30), now)], at=now)
    assert _count(rows, ward_id=ward.pk, role="any") == [(2, 1)]


def test_people_without_a_verified_residency_are_counted_without_a_ward(ward, make_user, take_part):
    now = timezone.now()
    take_part(make_user(), "questions", now - timedelta(days=1))
    rows = participation_counts(periods=[(now - timedelta(days=30), now)], at=now)
    assert _count(rows, ward_id=None, role="any") == [(1, 1)]


def test_the_view_shows_each_ward_per_thousand_residents(ward, make_resident, take_part):
    residents = [make_resident(ward) for _ in range(3)]
    now = timezone.now()
    for resident in residents:
        take_part(resident, "questions", now - timedelta(hours=1))
    participation_refresh(actor=None, check_permission=False, now=now)
    view = participation_at_scale()
    row = next(r for r in view.wards if r.ward == ward)
    assert row.participants == 3
    assert row.by_role["deciding"] == 3
    expected = round(3 * 1000 / ward.population, 1)
    assert float(row.per_thousand) == pytest.approx(expected)
    assert view.months[-1].participants == 3


def test_every_app_offering_participation_sources_is_counted():
    """An app's sources count only once listed in SOURCE_PROVIDERS; none may be forgotten."""
    package = Path(coopcouncil.__file__).parent
    offering = {
        path.relative_to(package).parts[0]
        for path in package.glob("*/selectors*/**/*.py")
        if "def participation_sources(" in path.read_text(encoding="utf-8")
    } | {
        path.parent.name
        for path in package.glob("*/selectors.py")
        if "def participation_sources(" in path.read_text(encoding="utf-8")
    }
    offering.discard("insight")
    listed = {provider.__module__.split(".")[1] for provider in SOURCE_PROVIDERS}
    assert offering == listed
