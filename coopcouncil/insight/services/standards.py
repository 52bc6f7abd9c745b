"""Writes for neighbourhood standards: agreeing one, and its monthly figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import django
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.insight.logic.periods import month_start
from coopcouncil.insight.models import Standard, StandardPerformance
from coopcouncil.insight.selectors.standards import MEASURES
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District

if django.VERSION >= (6, 0):
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
else:
    from django_tasks import task  # type: ignore[no-redef,unused-ignore]


def _text(value: str, field: str, message: str) -> str:
    if not value or not value.strip():
        raise DomainError(f"{field}_required", message, field)
    return value.strip()


def standard_create(
    *,
    actor: Actor,
    district: District,
    outcome: str,
    council_does: str,
    community_does: str,
    residents_do: str,
    measure: str,
    unit: str,
    target: Decimal,
    direction: str,
    consequence: str,
    agreed_on: date,
    measure_code: str = "",
) -> Standard:
    """Record a standard the district agreed: outcome, who does what, measure, target and the
    consequence when it is missed (all five are required: a standard without them is a wish)."""
    require(actor, "insight.manage_standards", district)
    values = {
        "outcome": _text(outcome, "outcome", gettext("Say what residents can expect.")),
        "council_does": _text(council_does, "council_does", gettext("Say what the council does.")),
        "community_does": _text(
            community_does, "community_does", gettext("Say what the community does.")
        ),
        "residents_do": _text(residents_do, "residents_do", gettext("Say what residents do.")),
        "measure": _text(measure, "measure", gettext("Say how it is measured.")),
        "unit": _text(unit, "unit", gettext("Give the unit of the measure.")),
        "consequence": _text(
            consequence, "consequence", gettext("Say what happens when the standard is missed.")
        ),
    }
    if measure_code and measure_code not in MEASURES:
        raise DomainError(
            "measure_unknown", gettext("The platform has no such measure."), "measure_code"
        )
    if direction not in Standard.Direction.values:
        raise DomainError("direction_invalid", gettext("Choose at least or at most."), "direction")
    with transaction.atomic():
        standard = Standard.objects.create(
            district=district,
            target=target,
            direction=direction,
            agreed_on=agreed_on,
            measure_code=measure_code,
            **values,
        )
        audit_record(
            actor=actor,
            action="insight.standard_agreed",
            target=standard,
            summary=f"{district.name}: {standard.outcome}",
        )
    return standard


def standard_performance_record(
    *,
    actor: Actor,
    standard: Standard,
    month: date,
    value: Decimal,
    note: str = "",
    now: datetime | None = None,
) -> StandardPerformance:
    """The district team enters a month's figure for a standard the platform cannot compute."""
    require(actor, "insight.manage_standards", standard.district)
    if standard.measure_code in MEASURES:
        raise DomainError(
            "measure_computed",
            gettext("The platform computes this standard's figures; they cannot be typed in."),
            "value",
        )
    with transaction.atomic():
        performance, _ = StandardPerformance.objects.update_or_create(
            standard=standard,
            month=month_start(month),
            defaults={
                "value": value,
                "source": StandardPerformance.Source.MANUAL,
                "note": note.strip(),
                "recorded_at": now or timezone.now(),
                "recorded_by": acting_user(actor),
            },
        )
        audit_record(
            actor=actor,
            action="insight.standard_figure_recorded",
            target=performance,
            summary=f"{standard}: {month:%b %Y} {value}",
        )
    return performance


def standards_compute(
    *, actor: Actor, month: date, now: datetime | None = None, check_permission: bool = True
) -> int:
    """Compute a month's figures for every standard with a platform measure. Safe to run
    again (the month's figure is replaced). The command line passes ``check_permission=False``.
    """
    if check_permission:
        require(actor, "insight.manage_standards", None)
    month = month_start(month)
    now = now or timezone.now()
    written = []
    with transaction.atomic():
        for standard in Standard.objects.filter(measure_code__in=list(MEASURES)).select_related(
            "district"
        ):
            value = MEASURES[standard.measure_code].compute(standard.district, month)
            if value is None:
                continue
            performance, _ = StandardPerformance.objects.update_or_create(
                standard=standard,
                month=month,
                defaults={
                    "value": value,
                    "source": StandardPerformance.Source.COMPUTED,
                    "recorded_at": now,
                    "recorded_by": acting_user(actor),
                },
            )
            written.append(performance)
        if written:
            audit_record(
                actor=actor,
                action="insight.standards_computed",
                target=written[0],
                summary=f"{len(written)} standards computed for {month:%b %Y}",
            )
    return len(written)


@task()
def standards_compute_task() -> int:
    """This month's computed figures, for the worker on a schedule (safe to run daily)."""
    return standards_compute(actor=None, month=timezone.localdate(), check_permission=False)
