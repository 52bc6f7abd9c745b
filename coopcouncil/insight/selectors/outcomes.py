"""Reads for the outcomes framework: outcomes, indicators, their trend against target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Prefetch, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.insight.logic.charts import Chart, line_chart
from coopcouncil.insight.logic.outcomes import Progress, progress_to_target
from coopcouncil.insight.models import ActivityLink, Indicator, Measurement, Outcome
from coopcouncil.insight.selectors.subjects import Subject, subjects_find
from coopcouncil.places.models import District
from coopcouncil.places.selectors import district_list


def outcome_list() -> QuerySet[Outcome]:
    """Every outcome with its indicators (two queries)."""
    return Outcome.objects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("name"))
    )


def outcome_get(slug: str) -> Outcome:
    outcome = outcome_list().filter(slug=slug).first()
    if outcome is None:
        raise NotFound("outcome_not_found", gettext("There is no such outcome."), "outcome")
    return outcome


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("outcome").order_by("outcome__order", "name")


def indicator_get(code: str) -> Indicator:
    indicator = indicator_list().filter(code=code).first()
    if indicator is None:
        raise NotFound("indicator_not_found", gettext("There is no such indicator."), "indicator")
    return indicator


@dataclass(frozen=True)
class AreaTrend:
    """One area's measurements of an indicator, oldest first, against the target."""

    area: str
    district: District | None
    values: list[Measurement]
    progress: Progress
    chart: Chart


def indicator_trends(indicator: Indicator) -> list[AreaTrend]:
    """The borough's trend, or each district's, with a chart each (two queries)."""
    measurements = list(
        Measurement.objects.filter(indicator=indicator)
        .select_related("district")
        .order_by("period")
    )
    if indicator.geography == Indicator.Geography.BOROUGH:
        areas: list[tuple[str, District | None]] = [(gettext("Whole borough"), None)]
    else:
        areas = [(d.name, d) for d in district_list(with_wards=False)]
    trends = []
    for name, district in areas:
        values = [m for m in measurements if m.district_id == (district.pk if district else None)]
        trends.append(
            AreaTrend(
                area=name,
                district=district,
                values=values,
                progress=progress_to_target(
                    baseline=indicator.baseline,
                    target=indicator.target,
                    latest=values[-1].value if values else None,
                    is_higher_better=indicator.is_higher_better,
                ),
                chart=line_chart(
                    [(f"{m.period:%b %Y}", m.value) for m in values], target=indicator.target
                ),
            )
        )
    return trends


@dataclass(frozen=True)
class LinkedActivity:
    link: ActivityLink
    subject: Subject | None


def outcome_activities(outcome: Outcome) -> list[LinkedActivity]:
    """What is said to move this outcome, with how strong the evidence is."""
    links = list(outcome.activity_links.order_by("subject_kind", "subject_id"))
    subjects = subjects_find([(link.subject_kind, link.subject_id) for link in links])
    return [
        LinkedActivity(link, subjects.get((link.subject_kind, link.subject_id))) for link in links
    ]


def indicators_last_updated() -> datetime | None:
    return Measurement.objects.aggregate(at=Max("imported_at"))["at"]


def indicator_rows_for_export() -> list[dict]:
    """Every measurement with its indicator's definition, for the open data downloads."""
    rows = Measurement.objects.select_related("indicator__outcome", "district").order_by(
        "indicator__code", "period", "district__name"
    )
    return [
        {
            "outcome": m.indicator.outcome.title,
            "indicator": m.indicator.code,
            "name": m.indicator.name,
            "unit": m.indicator.unit,
            "source": m.indicator.source,
            "period": m.period.isoformat(),
            "area": m.district.slug if m.district is not None else "borough",
            "value": str(m.value),
            "baseline": str(m.indicator.baseline),
            "target": str(m.indicator.target),
            "target_year": m.indicator.target_year,
        }
        for m in rows
    ]
