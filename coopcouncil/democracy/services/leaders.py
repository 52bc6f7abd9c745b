"""Local Leaders Programme attendance and councillors' annual reports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import councillor_wards, require
from coopcouncil.democracy.models import AnnualReport, ModuleSession, SessionAttendance
from coopcouncil.people.models import RoleAssignment


@transaction.atomic
def session_attendance_record(*, actor, session: ModuleSession, councillors: Iterable) -> int:
    """Record councillors at a programme session; recording someone twice changes nothing."""
    require(actor, "democracy.manage_programme", session)
    councillors = list(councillors)
    serving = set(
        RoleAssignment.objects.filter(
            role="councillor", user__in=[c.pk for c in councillors]
        ).values_list("user_id", flat=True)
    )
    strangers = [str(c) for c in councillors if c.pk not in serving]
    if strangers:
        raise DomainError(
            "not_councillors",
            f"Only councillors attend the programme: {', '.join(strangers)}.",
            "councillors",
        )
    created = SessionAttendance.objects.bulk_create(
        [SessionAttendance(session=session, councillor=c) for c in councillors],
        ignore_conflicts=True,
    )
    audit_record(
        actor=actor,
        action="democracy.llp_attendance_recorded",
        target=session,
        summary=f"{len(councillors)} councillors at {session}",
    )
    return len(created)


@transaction.atomic
def annual_report_save(
    *, councillor, year: int, ward_work: str, publish: bool, now: datetime | None = None
) -> AnnualReport:
    """Write (or rewrite) a councillor's report for ``year``; optionally publish it."""
    require(councillor, "democracy.publish_report")
    now = now or timezone.now()
    if not 2000 <= year <= now.year:
        raise DomainError("report_year_invalid", f"Choose a year up to {now.year}.", "year")
    if len(ward_work.strip()) < 20:
        raise DomainError(
            "ward_work_short", "Describe your ward work in at least 20 characters.", "ward_work"
        )
    report, _ = AnnualReport.objects.update_or_create(
        councillor=councillor, year=year, defaults={"ward_work": ward_work.strip()}
    )
    if publish and report.published_at is None:
        report.published_at = now
        report.save(update_fields=["published_at"])
    wards = ", ".join(w.name for w in councillor_wards(councillor))
    audit_record(
        actor=councillor,
        action="democracy.annual_report_saved",
        target=report,
        summary=f"{councillor} ({wards}) report for {year}"
        + (" published" if report.published_at else ""),
    )
    return report
