"""Principles are versioned; tags point at real records; the social productivity test
needs a rating and evidence for each of its four questions."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.insight.models import PrinciplesVersion
from coopcouncil.insight.selectors import principles_in_practice, services_productivity
from coopcouncil.insight.services import principle_tag, principles_adopt, service_assess

ANSWERS = {
    "social_value": (4, "Local jobs"),
    "autonomy": (2, "Few choices"),
    "resources": (3, "Volunteers"),
    "networks": (3, "Friends groups"),
}


@pytest.fixture
def decision(ward):
    from coopcouncil.democracy.models import Decision, DistrictPartnership

    partnership = DistrictPartnership.objects.create(district=ward.district, name="P")
    return Decision.objects.create(
        partnership=partnership,
        title="Fund the youth club",
        status="published",
        published_at=timezone.now(),
    )


@pytest.fixture
def service(db):
    from coopcouncil.budgets.models import LadderPlacement

    return LadderPlacement.objects.create(service="Parks", slug="parks", rung="consultation")


def test_adopting_a_new_version_keeps_the_old_one_but_not_as_current(officer):
    first = principles_adopt(
        actor=officer, name="2014", adopted_on=date(2014, 1, 1), principles=[("A", "")]
    )
    second = principles_adopt(
        actor=officer, name="2016", adopted_on=date(2016, 1, 1), principles=[("A", ""), ("B", "")]
    )
    assert PrinciplesVersion.objects.get(is_current=True) == second
    first.refresh_from_db()
    assert not first.is_current and first.principles.count() == 1


def test_a_tagged_decision_shows_under_its_principle(officer, decision):
    version = principles_adopt(
        actor=officer, name="2016", adopted_on=date(2016, 1, 1), principles=[("Co-production", "")]
    )
    principle = version.principles.get()
    principle_tag(
        actor=officer, principle=principle, subject_kind="decision", subject_id=decision.pk
    )
    [item] = principles_in_practice(version)
    assert [subject.title for subject in item.subjects] == ["Fund the youth club"]


def test_a_resident_may_not_tag(make_resident, ward, officer, decision):
    version = principles_adopt(
        actor=officer, name="2016", adopted_on=date(2016, 1, 1), principles=[("A", "")]
    )
    with pytest.raises(NotAllowed):
        principle_tag(
            actor=make_resident(ward),
            principle=version.principles.get(),
            subject_kind="decision",
            subject_id=decision.pk,
        )


def test_the_test_needs_evidence_for_every_rating(officer, service):
    with pytest.raises(DomainError) as raised:
        service_assess(
            actor=officer,
            service=service,
            assessed_on=date(2026, 1, 1),
            answers={**ANSWERS, "networks": (3, "")},
        )
    assert raised.value.field == "networks_evidence"


def test_the_latest_test_shows_beside_the_ladder_with_its_weakest_question(officer, service):
    service_assess(actor=officer, service=service, assessed_on=date(2026, 1, 1), answers=ANSWERS)
    [row] = services_productivity()
    assert row.placement.get_rung_display() and row.score.weakest == "autonomy"
    assert [rating for _question, rating, _evidence in row.answers] == [4, 2, 3, 3]
