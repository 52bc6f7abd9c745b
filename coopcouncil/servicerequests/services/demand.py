"""The monthly demand counts (``DemandMonth``), kept in step with every request.

Each request adds one to its bucket (ward, service, month reported, root cause): reported,
and when closed, closed and its seconds to fix, and failure demand when so tagged. A change
takes the request's old contribution out and puts the new one in, inside the caller's
transaction, with the request row locked, so counts never drift from the requests.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coopcouncil.servicerequests.models import DemandMonth, DemandSpot, ServiceRequest, Stage
from coopcouncil.servicerequests.selectors import demand_month_rows, demand_spot_rows

LONDON = ZoneInfo("Europe/London")


def _month(request: ServiceRequest) -> date:
    return timezone.localtime(request.requested_at, LONDON).date().replace(day=1)


def demand_count(*, request: ServiceRequest, sign: int) -> None:
    """Add (``sign=1``) or take out (``sign=-1``) one request's part of the monthly counts."""
    closed_at = request.closed_at if request.stage == Stage.CLOSED else None
    is_closed = closed_at is not None
    fix = int((closed_at - request.requested_at).total_seconds()) if closed_at else 0
    bucket, _ = DemandMonth.objects.get_or_create(
        ward_id=request.ward_id,
        category_id=request.category_id,
        month=_month(request),
        root_cause=request.root_cause,
        defaults={"district_id": request.district_id},
    )
    DemandMonth.objects.filter(pk=bucket.pk).update(
        reported=F("reported") + sign,
        closed=F("closed") + (sign if is_closed else 0),
        fix_seconds=F("fix_seconds") + sign * fix,
        failure_demand=F("failure_demand") + (sign if request.is_failure_demand else 0),
    )


def demand_spot_count(*, request: ServiceRequest) -> None:
    """Count one more report at the request's spot in its month (reports never move)."""
    spot, _ = DemandSpot.objects.get_or_create(
        ward_id=request.ward_id,
        location_key=request.location_key,
        month=_month(request),
        defaults={"district_id": request.district_id},
    )
    DemandSpot.objects.filter(pk=spot.pk).update(reports=F("reports") + 1)


def demand_rollup_rebuild() -> int:
    """Recount every month from the requests themselves; returns the buckets written.

    For requests written in bulk (the demo's year, the benchmark's million), which bypass
    the services. Derived figures, not a governance action, so no audit event.
    """
    with transaction.atomic():
        DemandMonth.objects.all().delete()
        made = DemandMonth.objects.bulk_create(
            [DemandMonth(**row) for row in demand_month_rows(ServiceRequest.objects.all())],
            batch_size=2000,
        )
        DemandSpot.objects.all().delete()
        DemandSpot.objects.bulk_create(
            [DemandSpot(**row) for row in demand_spot_rows(ServiceRequest.objects.all())],
            batch_size=5000,
        )
    return len(made)
