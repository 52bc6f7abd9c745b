"""The Local Leaders Programme (years, modules, sessions, attendance) and annual reports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.democracy.models import (
    AnnualReport,
    Module,
    ModuleSession,
    ProgrammeYear,
    SessionAttendance,
)
from coopcouncil.people.models import RoleAssignment, User
from coopcouncil.people.selectors import Actor, councillor_wards


@transaction.atomic
def programme_year_create(
    *, actor: Actor, title: str, starts_on: date, ends_on: date
) -> ProgrammeYear:
    """Open a year of the Local Leaders Programme; its core modules set the 50 % rule."""
    require(actor, "democracy.manage_programme")
    if not title.strip():
        raise DomainError("title_required", gettext("Give the programme year a title."), "title")
    if ends_on <= starts_on:
        raise DomainError(
            "ends_before_start", gettext("The year must end after it starts."), "ends_on"
        )
    if ProgrammeYear.objects.filter(starts_on=starts_on).exists():
        raise Conflict(
            "programme_exists",
            gettext("A programme year already starts on %(starts_on)s.") % {"starts_on": starts_on},
            "starts_on",
        )
    year = ProgrammeYear.objects.create(title=title.strip(), starts_on=starts_on, ends_on=ends_on)
    audit_record(actor=actor, action="democracy.llp_year_created", target=year, summary=year.title)
    return year


@transaction.atomic
def module_add(
    *, actor: Actor, programme: ProgrammeYear, number: int, title: str, is_specialised: bool = False
) -> Module:
    """Add a module; specialised ones (e.g. for chairs) do not count towards eligibility."""
    require(actor, "democracy.manage_programme", programme)
    if not title.strip():
        raise DomainError("title_required", gettext("Give the module a title."), "title")
    if number < 1:
        raise DomainError("number_invalid", gettext("Number modules from 1."), "number")
    if programme.modules.filter(number=number).exists():
        raise Conflict(
            "module_exists",
            gettext("%(programme)s already has a module %(number)s.")
            % {"programme": programme, "number": number},
            "number",
        )
    module = Module.objects.create(
        programme=programme, number=number, title=title.strip(), is_specialised=is_specialised
    )
    audit_record(
        actor=actor,
        action="democracy.llp_module_added",
        target=module,
        summary=f"{programme}: {module}",
    )
    return module


@transaction.atomic
def module_session_add(
    *, actor: Actor, module: Module, starts_at: datetime, venue: str = ""
) -> ModuleSession:
    """Date a session of a module; attending any one session attends the module."""
    require(actor, "democracy.manage_programme", module)
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    programme = module.programme
    if not programme.starts_on <= timezone.localdate(starts_at) <= programme.ends_on:
        raise DomainError(
            "session_outside_year",
            gettext("Sessions of %(programme)s fall between %(starts_on)s and %(ends_on)s.")
            % {
                "programme": programme,
                "starts_on": date_format(programme.starts_on, "d F Y"),
                "ends_on": date_format(programme.ends_on, "d F Y"),
            },
            "starts_at",
        )
    session = ModuleSession.objects.create(module=module, starts_at=starts_at, venue=venue)
    audit_record(
        actor=actor, action="democracy.llp_session_added", target=session, summary=str(session)
    )
    return session


def _check_councillors(councillors: list) -> None:
    serving = set(
        RoleAssignment.objects.filter(
            role="councillor", user__in=[c.pk for c in councillors]
        ).values_list("user_id", flat=True)
    )
    strangers = [str(c) for c in councillors if c.pk not in serving]
    if strangers:
        raise DomainError(
            "not_councillors",
            gettext("Only councillors attend the programme: %(strangers)s.")
            % {"strangers": ", ".join(strangers)},
            "councillors",
        )


@transaction.atomic
def session_attendance_record(
    *, actor: Actor, session: ModuleSession, councillors: Iterable
) -> int:
    """Record councillors at a programme session; recording someone twice changes nothing."""
    require(actor, "democracy.manage_programme", session)
    councillors = list(councillors)
    _check_councillors(councillors)
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
def session_attendance_set(
    *, actor: Actor, session: ModuleSession, councillors: Iterable
) -> set[int]:
    """Make the session's register exactly ``councillors`` (the clerk's checklist).

    Eligibility is computed from these rows, so a tick or an untick changes a
    councillor's right to vote on budgets at once. Returns the ids now recorded.
    """
    require(actor, "democracy.manage_programme", session)
    councillors = list(councillors)
    _check_councillors(councillors)
    wanted = {c.pk for c in councillors}
    before = set(session.attendance.values_list("councillor_id", flat=True))
    session.attendance.exclude(councillor_id__in=wanted).delete()
    SessionAttendance.objects.bulk_create(
        [SessionAttendance(session=session, councillor_id=pk) for pk in wanted - before],
        ignore_conflicts=True,
    )
    audit_record(
        actor=actor,
        action="democracy.llp_attendance_recorded",
        target=session,
        summary=f"{len(wanted)} councillors at {session}",
        details={"added": sorted(wanted - before), "removed": sorted(before - wanted)},
    )
    return wanted


@transaction.atomic
def annual_report_save(
    *, councillor: User, year: int, ward_work: str, publish: bool, now: datetime | None = None
) -> AnnualReport:
    """Write (or rewrite) a councillor's report for ``year``; optionally publish it."""
    require(councillor, "democracy.publish_report")
    now = now or timezone.now()
    if not 2000 <= year <= now.year:
        raise DomainError(
            "report_year_invalid",
            gettext("Choose a year up to %(year)s.") % {"year": now.year},
            "year",
        )
    if len(ward_work.strip()) < 20:
        raise DomainError(
            "ward_work_short",
            gettext("Describe your ward work in at least 20 characters."),
            "ward_work",
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
