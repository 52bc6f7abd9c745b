"""Keep the dashboards' running totals (``WardTally``) in step with the applications.

The services that change what a dashboard counts call these inside their own transaction,
so a total never disagrees with the applications once that transaction commits. Each change
is an ``F()`` update of one row (created first if missing, ignoring a concurrent creator), so
concurrent decisions add up rather than overwrite one another.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Sum

from coopcouncil.core.caching import pages_changed_on_commit
from coopcouncil.grants.models import Application, MonitoringReport, WardTally


def _tally_add(*, round_id: int, ward_id: int, status: str, **changes: int) -> None:
    key = {"round_id": round_id, "ward_id": ward_id, "status": status}
    WardTally.objects.bulk_create([WardTally(**key)], ignore_conflicts=True)
    WardTally.objects.filter(**key).update(
        **{field: F(field) + amount for field, amount in changes.items()}
    )


def tally_move(*, application: Application, from_status: str, from_awarded_pence: int = 0) -> None:
    """Count ``application`` under its new status (and award) instead of ``from_status``; a
    draft was never counted."""
    if application.ward_id is None:
        return  # only a draft may lack a ward, and drafts are not counted
    if from_status != Application.Status.DRAFT:
        _tally_add(
            round_id=application.round_id,
            ward_id=application.ward_id,
            status=from_status,
            applications=-1,
            awarded_pence=-from_awarded_pence,
        )
    _tally_add(
        round_id=application.round_id,
        ward_id=application.ward_id,
        status=application.status,
        applications=1,
        awarded_pence=application.awarded_pence,
    )


def tally_report(*, report: MonitoringReport, application: Application) -> None:
    """Add a submitted monitoring report's outcomes to its application's row."""
    if application.ward_id is None:
        return
    _tally_add(
        round_id=application.round_id,
        ward_id=application.ward_id,
        status=application.status,
        reports_received=1,
        people_reached=report.people_reached,
        volunteers=report.volunteers,
        volunteer_hours=report.volunteer_hours,
    )


def tallies_rebuild() -> int:
    """Recount every running total from the applications and reports (after a bulk load, or
    to check them); returns the number of rows written. Writers wait for it on PostgreSQL,
    so no change lands between the recount and its rows. An operator's command with no
    actor and no audit event: it changes no record, only re-derives totals from them."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {WardTally._meta.db_table} IN EXCLUSIVE MODE")
        rows = tally_rows(
            application_model=Application, report_model=MonitoringReport, tally_model=WardTally
        )
        WardTally.objects.all().delete()
        WardTally.objects.bulk_create(rows, batch_size=1000)
        pages_changed_on_commit("grants")
    return len(rows)


def tally_rows(
    *, application_model: type[Any], report_model: type[Any], tally_model: type[Any]
) -> list:
    """The running totals counted afresh (unsaved); the models are passed in so that the
    migration creating the totals can count with its historical models."""
    rows: dict[tuple[int, int, str], Any] = {}

    def row(round_id: int, ward_id: int, status: str) -> Any:
        key = (round_id, ward_id, status)
        if key not in rows:
            rows[key] = tally_model(round_id=round_id, ward_id=ward_id, status=status)
        return rows[key]

    counted = (
        application_model.objects.exclude(status=Application.Status.DRAFT)
        .exclude(ward=None)
        .values_list("round_id", "ward_id", "status")
        .annotate(count=Count("id"), pence=Sum("awarded_pence"))
        .order_by()
    )
    for round_id, ward_id, status, count, pence in counted:
        tally = row(round_id, ward_id, status)
        tally.applications, tally.awarded_pence = count, pence or 0
    reported = (
        report_model.objects.exclude(submitted_at=None)
        .exclude(application__ward=None)
        .values_list("application__round_id", "application__ward_id", "application__status")
        .annotate(
            count=Count("id"),
            people=Sum("people_reached"),
            volunteers=Sum("volunteers"),
            hours=Sum("volunteer_hours"),
        )
        .order_by()
    )
    for round_id, ward_id, status, count, people, volunteers, hours in reported:
        tally = row(round_id, ward_id, status)
        tally.reports_received, tally.people_reached = count, people or 0
        tally.volunteers, tally.volunteer_hours = volunteers or 0, hours or 0
    return list(rows.values())
