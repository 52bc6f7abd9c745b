"""The Local Leaders Programme: its years, modules and sessions, and the eligibility rule."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic.eligibility import (
    Eligibility,
    eligibility_from_attendance,
    no_programme,
    not_a_councillor,
)
from coopcouncil.democracy.models import Module, ModuleSession, ProgrammeYear, SessionAttendance
from coopcouncil.democracy.selectors.partnerships import moment_of
from coopcouncil.people.models import RoleAssignment


def programme_for(on: date) -> ProgrammeYear | None:
    """The programme year in force on ``on``: the latest that has started."""
    return ProgrammeYear.objects.filter(starts_on__lte=on).order_by("-starts_on").first()


def councillor_eligibility(user, *, on: date | datetime | None = None) -> Eligibility:
    """May ``user`` vote on budgets and grant awards (and allocate a councillor budget)?

    Computed from attendance recorded up to ``on`` (now by default) against the core
    modules of the programme year in force; see ``logic.eligibility`` for the rule.
    """
    moment = moment_of(on, end_of_day=True)
    day = timezone.localdate(moment) if isinstance(on, datetime) or on is None else on
    if not getattr(user, "is_authenticated", False):
        return not_a_councillor()
    if not RoleAssignment.objects.current(day).filter(user=user, role="councillor").exists():
        return not_a_councillor()
    programme = programme_for(day)
    if programme is None:
        return no_programme()
    modules = Module.objects.filter(programme=programme, is_specialised=False)
    attended = (
        modules.filter(sessions__attendance__councillor=user, sessions__starts_at__lt=moment)
        .distinct()
        .count()
    )
    return eligibility_from_attendance(
        modules_attended=attended,
        modules_total=modules.count(),
        minimum_percent=policy.llp_minimum_percent(),
        programme=programme.title,
    )


def programme_modules(programme: ProgrammeYear) -> QuerySet[Module]:
    return programme.modules.prefetch_related("sessions").order_by("is_specialised", "number")


def programme_years() -> QuerySet[ProgrammeYear]:
    return ProgrammeYear.objects.annotate(module_count=Count("modules")).order_by("-starts_on")


def programme_get(pk: int) -> ProgrammeYear:
    year = ProgrammeYear.objects.filter(pk=pk).first()
    if year is None:
        raise NotFound("programme_not_found", f"There is no programme year {pk}.")
    return year


def module_get(pk: int) -> Module:
    module = Module.objects.select_related("programme").filter(pk=pk).first()
    if module is None:
        raise NotFound("module_not_found", f"There is no programme module {pk}.")
    return module


def module_session_get(pk: int) -> ModuleSession:
    session = (
        ModuleSession.objects.select_related("module__programme")
        .prefetch_related("attendance__councillor")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise NotFound("session_not_found", f"There is no programme session {pk}.")
    return session


def councillors_eligibility_table(*, on: date | None = None) -> list[dict]:
    """Every serving councillor with modules attended and eligibility, for the LLP page/CLI.

    Attendance for all councillors is counted in one grouped query (the page lists 60
    councillors; asking ``councillor_eligibility`` for each would cost 4 queries apiece).
    The rule itself is the same ``eligibility_from_attendance`` the permission layer uses.
    """
    day = on or timezone.localdate()
    moment = moment_of(day, end_of_day=True)
    seats = list(
        RoleAssignment.objects.current(day)
        .filter(role="councillor")
        .select_related("user", "ward__district")
        .order_by("ward__district__name", "ward__name", "user__full_name")
    )
    programme = programme_for(day)
    attended: dict[int, int] = {}
    modules_total = 0
    if programme is not None:
        modules = Module.objects.filter(programme=programme, is_specialised=False)
        modules_total = modules.count()
        attended = dict(
            modules.filter(
                sessions__attendance__councillor_id__in=[seat.user_id for seat in seats],
                sessions__starts_at__lt=moment,
            )
            .values_list("sessions__attendance__councillor_id")
            .annotate(count=Count("pk", distinct=True))
        )
    rows = []
    for seat in seats:
        if programme is None:
            result = no_programme()
        else:
            result = eligibility_from_attendance(
                modules_attended=attended.get(seat.user_id, 0),
                modules_total=modules_total,
                minimum_percent=policy.llp_minimum_percent(),
                programme=programme.title,
            )
        rows.append(
            {
                "councillor": seat.user.full_name,
                "user_id": seat.user_id,
                "ward": seat.ward.name,
                "district": seat.ward.district.name,
                "modules_attended": result.modules_attended,
                "modules_total": result.modules_total,
                "modules_required": result.modules_required,
                "is_eligible": result.is_eligible,
                "reason": result.reason,
            }
        )
    return rows


def councillor_training_sessions(user, *, year: int):
    """Programme sessions the councillor attended in calendar ``year``."""
    return (
        SessionAttendance.objects.filter(councillor=user, session__starts_at__year=year)
        .select_related("session__module__programme")
        .order_by("session__starts_at")
    )
