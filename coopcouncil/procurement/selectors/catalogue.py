"""Reads for the measures catalogue: themes with their outcomes and measures, one by one."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from coopcouncil.core.errors import NotFound
from coopcouncil.procurement.models import Measure, MeasureOutcome, MeasureTheme


def measure_list() -> QuerySet[Measure]:
    return Measure.objects.select_related("outcome__theme")


def theme_list() -> QuerySet[MeasureTheme]:
    """Every theme with its outcomes and their measures, in three queries."""
    return MeasureTheme.objects.prefetch_related(
        Prefetch(
            "outcomes",
            MeasureOutcome.objects.order_by("name").prefetch_related(
                Prefetch("measures", Measure.objects.order_by("code"))
            ),
        )
    )


def outcome_list() -> QuerySet[MeasureOutcome]:
    return MeasureOutcome.objects.select_related("theme")


def theme_get(slug: str) -> MeasureTheme:
    theme = MeasureTheme.objects.filter(slug=slug).first()
    if theme is None:
        raise NotFound("theme_not_found", f"There is no theme '{slug}'.", "theme")
    return theme


def outcome_get(slug: str) -> MeasureOutcome:
    outcome = outcome_list().filter(slug=slug).first()
    if outcome is None:
        raise NotFound("outcome_not_found", f"There is no outcome '{slug}'.", "outcome")
    return outcome


def measure_get(code: str) -> Measure:
    measure = measure_list().filter(code=code).first()
    if measure is None:
        raise NotFound("measure_not_found", f"There is no measure '{code}'.", "measure")
    return measure
