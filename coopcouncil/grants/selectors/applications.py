"""Reads for applications: a group's bids, an assessor's queue, scores and moderation."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.grants import policy
from coopcouncil.grants.logic.scoring import CriterionWeight, Moderation, moderate
from coopcouncil.grants.models import (
    Application,
    Criterion,
    Instalment,
    MonitoringReport,
    Round,
    Score,
)
from coopcouncil.people.selectors import Actor, current_roles, interests_in, is_signed_in


def application_get(pk: int) -> Application:
    application = (
        Application.objects.select_related(
            "round__fund", "round__district", "organisation", "ward__district", "decision"
        )
        .prefetch_related("budget_lines", "attachments", "round__criteria", "partners")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise NotFound(
            "application_not_found",
            gettext("There is no application %(number)s.") % {"number": pk},
        )
    return application


def applications_of_groups(user: Actor) -> QuerySet[Application]:
    """Applications of the groups the person holds a role in (their own bids)."""
    if not is_signed_in(user):
        return Application.objects.none()
    groups = current_roles(user).exclude(organisation=None).values("organisation_id")
    return (
        Application.objects.filter(organisation_id__in=groups)
        .select_related("round", "organisation", "decision")
        .order_by("-created_at")
    )


def applications_to_assess(user: Actor) -> list[Application]:
    """Eligible applications in rounds the person assesses, less those they have an interest in."""
    if not is_signed_in(user):
        return []
    rows = list(
        Application.objects.filter(round__assessors=user, status=Application.Status.ELIGIBLE)
        .select_related("round", "organisation")
        .prefetch_related("partners")
    )
    applicants = {a.pk: {a.organisation_id, *(p.pk for p in a.partners.all())} for a in rows}
    conflicted = interests_in(user, set().union(*applicants.values()))
    return [a for a in rows if not applicants[a.pk] & conflicted.keys()]


def applications_of_round(round_: Round) -> QuerySet[Application]:
    return (
        Application.objects.filter(round=round_)
        .exclude(status=Application.Status.DRAFT)
        .select_related("organisation", "ward")
        .order_by("submitted_at", "id")
    )


def criterion_weights(round_: Round) -> list[CriterionWeight]:
    return [
        CriterionWeight(c.pk, c.name, c.weight_percent)
        for c in Criterion.objects.filter(round=round_).order_by("position", "id")
    ]


def application_scores(application: Application) -> QuerySet[Score]:
    return Score.objects.filter(application=application).select_related("criterion", "assessor")


def application_moderation(application: Application) -> Moderation:
    """Each assessor's weighted score, who strays from the median, and each criterion's spread."""
    marks: dict[int, dict[int, int]] = defaultdict(dict)
    for assessor_id, criterion_id, mark in Score.objects.filter(
        application=application
    ).values_list("assessor_id", "criterion_id", "score"):
        marks[assessor_id][criterion_id] = mark
    return moderate(
        criterion_weights(application.round),
        marks,
        top=policy.score_scale_top(),
        threshold=policy.disagreement_threshold_percent(),
        minimum_assessors=policy.minimum_assessors(),
    )


def my_scores(user: Actor, application: Application) -> dict[int, Score]:
    """The person's own scores of this application, by criterion id."""
    if not is_signed_in(user):
        return {}
    rows = Score.objects.filter(application=application, assessor=user)
    return {s.criterion_id: s for s in rows}


def round_with_criteria(round_: Round) -> Round:
    return (
        Round.objects.select_related("fund", "district")
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position")))
        .get(pk=round_.pk)
    )


def instalment_get(application: Application, pk: int) -> Instalment:
    found = Instalment.objects.filter(application=application, pk=pk).first()
    if found is None:
        raise NotFound("instalment_not_found", gettext("There is no such instalment."))
    return found


def report_get(application: Application, pk: int) -> MonitoringReport:
    found = MonitoringReport.objects.filter(application=application, pk=pk).first()
    if found is None:
        raise NotFound("report_not_found", gettext("There is no such report."))
    return found


def monitoring_reports(application: Application) -> QuerySet[MonitoringReport]:
    """An award's reports, soonest due first (each flagged late by ``report_is_late``)."""
    return MonitoringReport.objects.filter(application=application).order_by("due_on", "id")


def instalments_waiting() -> QuerySet[Instalment]:
    """Instalments finance has yet to approve, soonest due first, with their award loaded."""
    return (
        Instalment.objects.filter(status=Instalment.Status.SCHEDULED)
        .select_related("application__organisation", "application__round")
        .order_by("due_on", "id")
    )
