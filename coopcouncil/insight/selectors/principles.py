"""Reads for the council's principles, what is tagged with them, and service assessments."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from coopcouncil.budgets.models import LadderPlacement
from coopcouncil.budgets.selectors import ladder
from coopcouncil.core.errors import NotFound
from coopcouncil.insight.logic.productivity import QUESTIONS, ProductivityScore, productivity_score
from coopcouncil.insight.models import (
    PRODUCTIVITY_QUESTIONS,
    Principle,
    PrinciplesVersion,
    PrincipleTag,
    ServiceAssessment,
)
from coopcouncil.insight.selectors.subjects import Subject, subjects_find


def principles_current() -> PrinciplesVersion | None:
    return (
        PrinciplesVersion.objects.filter(is_current=True)
        .prefetch_related(Prefetch("principles", queryset=Principle.objects.order_by("number")))
        .first()
    )


def principles_versions() -> QuerySet[PrinciplesVersion]:
    return PrinciplesVersion.objects.prefetch_related(
        Prefetch("principles", queryset=Principle.objects.order_by("number"))
    )


def principle_get(principle_id: int) -> Principle:
    principle = Principle.objects.select_related("version").filter(pk=principle_id).first()
    if principle is None:
        raise NotFound("principle_not_found", gettext("There is no such principle."), "principle")
    return principle


@dataclass(frozen=True)
class PrincipleInPractice:
    principle: Principle
    subjects: list[Subject]


def principles_in_practice(version: PrinciplesVersion) -> list[PrincipleInPractice]:
    """Each principle with what is tagged with it (one query for the tags, one per kind)."""
    principles = list(version.principles.all())
    tags = list(PrincipleTag.objects.filter(principle__version=version))
    subjects = subjects_find([(t.subject_kind, t.subject_id) for t in tags])
    return [
        PrincipleInPractice(
            principle,
            [
                subjects[(t.subject_kind, t.subject_id)]
                for t in tags
                if t.principle_id == principle.pk and (t.subject_kind, t.subject_id) in subjects
            ],
        )
        for principle in principles
    ]


def principles_of(subject_kind: str, subject_id: int) -> QuerySet[Principle]:
    """The principles a decision or project is tagged with, for its page."""
    return Principle.objects.filter(
        tags__subject_kind=subject_kind, tags__subject_id=subject_id
    ).order_by("number")


@dataclass(frozen=True)
class ServiceProductivity:
    """A service's place on the devolution ladder beside its latest social productivity test."""

    placement: LadderPlacement
    assessment: ServiceAssessment | None
    answers: list[tuple[str, int, str]]
    score: ProductivityScore | None


def services_productivity() -> list[ServiceProductivity]:
    """Every service on the ladder with its latest assessment (three queries)."""
    latest: dict[int, ServiceAssessment] = {}
    for assessed in ServiceAssessment.objects.order_by("service", "-assessed_on", "-pk"):
        latest.setdefault(assessed.service_id, assessed)
    rows = []
    for placement in ladder():
        assessment = latest.get(placement.pk)
        answers, score = [], None
        if assessment is not None:
            ratings = {key: getattr(assessment, f"{key}_rating") for key in QUESTIONS}
            answers = [
                (
                    str(PRODUCTIVITY_QUESTIONS[key]),
                    ratings[key],
                    getattr(assessment, f"{key}_evidence"),
                )
                for key in QUESTIONS
            ]
            score = productivity_score(ratings)
        rows.append(ServiceProductivity(placement, assessment, answers, score))
    return rows
