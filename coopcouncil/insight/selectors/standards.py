"""Reads for neighbourhood standards, and the measures the platform computes for them.

``MEASURES`` is a typed registry keyed by measure code: a standard whose ``measure_code``
names one is computed each month from the platform's records; any other is entered by the
district team. Time to fix reads servicerequests' ``time_to_fix``, with democracy's
working-day calendar (weekends and England and Wales bank holidays) for the deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Max, Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy.logic.calendar import add_working_days
from coopcouncil.democracy.selectors import district_participation_figures
from coopcouncil.insight.logic.periods import months_after, recent_months
from coopcouncil.insight.logic.standards import standard_is_met
from coopcouncil.insight.models import Standard, StandardPerformance
from coopcouncil.insight.selectors.participation import local_midnight
from coopcouncil.participation.selectors import district_pb_turnout
from coopcouncil.places.models import District
from coopcouncil.servicerequests.selectors import time_to_fix


@dataclass(frozen=True)
class Measure:
    label: Promise
    unit: str
    compute: Callable[[District, date], Decimal | None]


def _month_end(month: date) -> date:
    return months_after(month, 1) - timedelta(days=1)


def _questions_asked(district: District, month: date) -> Decimal | None:
    figures = district_participation_figures(district, since=month, until=_month_end(month))
    return Decimal(figures.questions_asked)


def _papers_on_time(district: District, month: date) -> Decimal | None:
    figures = district_participation_figures(district, since=month, until=_month_end(month))
    rate = figures.papers_published_on_time_rate
    return None if rate is None else Decimal(rate)


def _pb_turnout(district: District, month: date) -> Decimal | None:
    turnout = district_pb_turnout(
        district, since=local_midnight(month), until=local_midnight(months_after(month, 1))
    )
    if not turnout.eligible:
        return None
    return (Decimal(turnout.voters) * 100 / turnout.eligible).quantize(Decimal("0.1"))


def _fixed_within(
    category_code: str, working_days: int
) -> Callable[[District, date], Decimal | None]:
    """The share of a service's requests received in the month that were closed within
    ``working_days`` working days (the day received does not count)."""

    def compute(district: District, month: date) -> Decimal | None:
        return time_to_fix(
            category_code=category_code,
            district=district,
            month=month,
            deadline=lambda received: add_working_days(received, working_days),
        ).share_percent

    return compute


MEASURES: dict[str, Measure] = {
    "questions_asked": Measure(
        _("Public questions asked to the partnership"), "questions", _questions_asked
    ),
    "papers_on_time": Measure(_("Meetings with papers published on time"), "%", _papers_on_time),
    "pb_turnout": Measure(_("PB turnout of eligible residents"), "%", _pb_turnout),
    "fly_tipping_fixed_2_working_days": Measure(
        _("Fly-tipping reports cleared within 2 working days"),
        "%",
        _fixed_within("FLY_TIPPING", 2),
    ),
}


def measure_choices() -> list[tuple[str, str]]:
    return [("", gettext("Entered by hand"))] + [(c, str(m.label)) for c, m in MEASURES.items()]


@dataclass(frozen=True)
class MonthFigure:
    month: date
    performance: StandardPerformance | None
    is_met: bool | None


@dataclass(frozen=True)
class StandardRow:
    standard: Standard
    months: list[MonthFigure]
    is_computed: bool


def standard_list(*, district: District | None = None) -> QuerySet[Standard]:
    standards = Standard.objects.select_related("district").prefetch_related(
        Prefetch("performance", queryset=StandardPerformance.objects.order_by("month"))
    )
    return standards.filter(district=district) if district is not None else standards


def standard_get(standard_id: int) -> Standard:
    standard = standard_list().filter(pk=standard_id).first()
    if standard is None:
        raise NotFound("standard_not_found", gettext("There is no such standard."), "standard")
    return standard


def standards_performance(
    *, today: date, district: District | None = None, months: int = 12
) -> list[StandardRow]:
    """Each standard with its last ``months`` months, met or missed (two queries)."""
    shown = recent_months(today, months)
    rows = []
    for standard in standard_list(district=district):
        by_month = {p.month: p for p in standard.performance.all()}
        figures = []
        for month in shown:
            performance = by_month.get(month)
            is_met = (
                None
                if performance is None
                else standard_is_met(
                    value=performance.value, target=standard.target, direction=standard.direction
                )
            )
            figures.append(MonthFigure(month, performance, is_met))
        rows.append(StandardRow(standard, figures, standard.measure_code in MEASURES))
    return rows


def standards_last_updated():
    return StandardPerformance.objects.aggregate(at=Max("recorded_at"))["at"]


def standard_rows_for_export() -> list[dict]:
    """Every standard's monthly figures, met or missed, for the open data downloads."""
    return [
        {
            "district": figure.standard.district.slug,
            "standard": figure.standard.outcome,
            "measure": figure.standard.measure,
            "unit": figure.standard.unit,
            "target": str(figure.standard.target),
            "direction": figure.standard.direction,
            "month": figure.month.isoformat(),
            "value": str(figure.value),
            "is_met": standard_is_met(
                value=figure.value,
                target=figure.standard.target,
                direction=figure.standard.direction,
            ),
            "source": figure.source,
        }
        for figure in StandardPerformance.objects.select_related("standard__district").order_by(
            "standard__district__name", "standard__outcome", "month"
        )
    ]
