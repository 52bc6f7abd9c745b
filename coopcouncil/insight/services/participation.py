"""Refreshing the participation-at-scale snapshot.

The public view reads the snapshot; this writes it, all at once, so a reader sees either
the old figures or the new ones. Staff ask for a refresh from the page (queued to the
worker), the command line runs it at once, and a schedule can run the task nightly.
"""

from __future__ import annotations

from datetime import datetime

import django
from django.db import transaction
from django.utils import timezone

from coopcouncil.core.audit import audit_record
from coopcouncil.core.permissions import require
from coopcouncil.insight.logic.periods import months_after, recent_months
from coopcouncil.insight.models import ParticipationFigure
from coopcouncil.insight.policy import participation_window_months
from coopcouncil.insight.selectors.participation import (
    ALL_LEVELS,
    local_midnight,
    participation_counts,
)
from coopcouncil.people.selectors import Actor

if django.VERSION >= (6, 0):
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
else:
    from django_tasks import task  # type: ignore[no-redef,unused-ignore]


def participation_refresh(
    *, actor: Actor, now: datetime | None = None, check_permission: bool = True
) -> int:
    """Count again, from every app's records, who took part: over the reporting window and
    in each of its months. Returns the number of figures written.

    The command line passes ``check_permission=False`` (operator access).
    """
    if check_permission:
        require(actor, "insight.refresh_participation")
    now = now or timezone.now()
    months = recent_months(timezone.localdate(now), participation_window_months())
    periods = [(months[0], months_after(months[-1], 1))]
    periods += [(month, months_after(month, 1)) for month in months]
    moments = [(local_midnight(start), local_midnight(end)) for start, end in periods]
    # Each source's own count is shown for the whole window; months are shown by role.
    counted = participation_counts(periods=moments[:1], at=now, levels=ALL_LEVELS[:1])
    counted += participation_counts(periods=moments, at=now, levels=ALL_LEVELS[1:])
    figures = [
        ParticipationFigure(
            period_start=periods[row.period][0],
            period_end=periods[row.period][1],
            is_window=row.period == 0,
            ward_id=row.ward_id,
            role=row.role,
            kind=row.kind,
            participants=row.participants,
            new_participants=row.new_participants,
            computed_at=now,
        )
        for row in counted
    ]
    with transaction.atomic():
        ParticipationFigure.objects.all().delete()
        ParticipationFigure.objects.bulk_create(figures, batch_size=1000)
        if figures:
            audit_record(
                actor=actor,
                action="insight.participation_refreshed",
                target=figures[0],
                summary=f"Participation at scale counted again ({len(figures)} figures)",
            )
    return len(figures)


@task()
def participation_refresh_task() -> int:
    """The refresh, for the worker (queued from the page, or on a schedule)."""
    return participation_refresh(actor=None, check_permission=False)


def participation_refresh_queue(*, actor: Actor) -> None:
    """Staff ask for fresh figures; the worker counts them, so the page does not wait."""
    require(actor, "insight.refresh_participation")
    transaction.on_commit(participation_refresh_task.enqueue)
