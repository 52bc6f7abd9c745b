"""The Local Leaders Programme: its years, modules and sessions, and the eligibility rule."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic.eligibility import (
    Eligibility,
    ModuleRecord,
    ProgrammeRecord,
    eligibility_as_of,
    not_a_councillor,
)
from coopcouncil.democracy.models import Module, ModuleSession, ProgrammeYear, SessionAttendance
from coopcouncil.democracy.selectors.partnerships import moment_of
from coopcouncil.people.models import RoleAssignment


def programme_for(on: date) -> ProgrammeYear | None:
    """The programme year in force on ``on``: the latest that has started."""
    return ProgrammeYear.objects.filter(starts_on__lte=on).order_by("-starts_on").first()


def _programme_years(day: date) -> tuple[ProgrammeYear | None, ProgrammeYear | None]:
    """The year in force on ``day`` and the one before it (whose result may still stand)."""
    years = list(ProgrammeYear.objects.filter(starts_on__lte=day).order_by("-starts_on")[:2])
    return (years + [None, None])[0], (years + [None, None])[1]


def _session_days(years: list[ProgrammeYear]) -> dict[int, dict[int, list[date]]]:
    """Per year, each core module's session days (local dates), in one query."""
    days: dict[int, dict[int, list[date]]] = {year.pk: {} for year in years}
    for module in Module.objects.filter(programme__in=years, is_specialised=False):
        days[module.programme_id][module.pk] = []
    for module_id, programme_id, starts_at in ModuleSession.objects.filter(
        module__programme__in=years, module__is_specialised=False
    ).values_list("module_id", "module__programme_id", "starts_at"):
        days[programme_id][module_id].append(timezone.localdate(starts_at))
    return days


def _attended_days(years: list[ProgrammeYear], councillor_ids) -> dict[tuple[int, int], list]:
    """(councillor id, module id) → days they attended a session of that core module."""
    attended: dict[tuple[int, int], list[date]] = {}
    for councillor_id, module_id, starts_at in SessionAttendance.objects.filter(
        councillor_id__in=councillor_ids,
        session__module__programme__in=years,
        session__module__is_specialised=False,
    ).values_list("councillor_id", "session__module_id", "session__starts_at"):
        attended.setdefault((councillor_id, module_id), []).append(timezone.localdate(starts_at))
    return attended


def _record(year, sessions, attended, councillor_id: int) -> ProgrammeRecord | None:
    if year is None:
        return None
    modules = tuple(
        ModuleRecord(
            session_days=tuple(days),
            attended_days=tuple(attended.get((councillor_id, module_id), ())),
        )
        for module_id, days in sorted(sessions[year.pk].items())
    )
    return ProgrammeRecord(title=year.title, modules=modules)


def _eligibilities(councillor_ids: list[int], day: date) -> dict[int, Eligibility]:
    """The rule for each councillor as at ``day``, in four queries however many they are."""
    current, previous = _programme_years(day)
    years = [year for year in (current, previous) if year is not None]
    sessions = _session_days(years)
    attended = _attended_days(years, councillor_ids) if years else {}
    return {
        councillor_id: eligibility_as_of(
            current=_record(current, sessions, attended, councillor_id),
            previous=_record(previous, sessions, attended, councillor_id),
            as_of=day,
            minimum_percent=policy.llp_minimum_percent(),
        )
        for councillor_id in councillor_ids
    }


def councillor_eligibility(user, *, as_of: date | datetime | None = None) -> Eligibility:
    """May ``user`` vote on budgets and grant awards (and allocate a councillor budget)?

    Judged as at the day ``as_of`` (today by default): the vote on a decision passes the
    day of the meeting that took it, so a vote minuted later is judged on that day. See
    ``logic.eligibility`` for the rule, the modules held so far and the previous year.
    """
    if as_of is None:
        day = timezone.localdate()
    elif isinstance(as_of, datetime):
        day = timezone.localdate(moment_of(as_of))
    else:
        day = as_of
    if not getattr(user, "is_authenticated", False):
        return not_a_councillor()
    if not RoleAssignment.objects.current(day).filter(user=user, role="councillor").exists():
        return not_a_councillor()
    return _eligibilities([user.pk], day)[user.pk]


def programme_modules(programme: ProgrammeYear) -> QuerySet[Module]:
    return programme.modules.prefetch_related("sessions").order_by("is_specialised", "number")


def programme_years() -> QuerySet[ProgrammeYear]:
    return ProgrammeYear.objects.annotate(module_count=Count("modules")).order_by("-starts_on")


def programme_get(pk: int) -> ProgrammeYear:
    year = ProgrammeYear.objects.filter(pk=pk).first()
    if year is None:
        raise NotFound(
            "programme_not_found", gettext("There is no programme year %(pk)s.") % {"pk": pk}
        )
    return year


def module_get(pk: int) -> Module:
    module = Module.objects.select_related("programme").filter(pk=pk).first()
    if module is None:
        raise NotFound(
            "module_not_found", gettext("There is no programme module %(pk)s.") % {"pk": pk}
        )
    return module


def module_session_get(pk: int) -> ModuleSession:
    session = (
        ModuleSession.objects.select_related("module__programme")
        .prefetch_related("attendance__councillor")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise NotFound(
            "session_not_found", gettext("There is no programme session %(pk)s.") % {"pk": pk}
        )
    return session


def councillors_eligibility_table(*, as_of: date | None = None) -> list[dict]:
    """Every serving councillor with modules attended and eligibility, for the LLP page/CLI.

    Attendance for all councillors is read in a few grouped queries (the page lists 60
    councillors; asking ``councillor_eligibility`` for each would cost queries apiece).
    The rule itself is the same ``eligibility_as_of`` the permission layer uses, and each
    row says which form of it applied (``basis``, ``reason``).
    """
    day = as_of or timezone.localdate()
    seats = list(
        RoleAssignment.objects.current(day)
        .filter(role="councillor")
        .select_related("user", "ward__district")
        .order_by("ward__district__name", "ward__name", "user__full_name")
    )
    results = _eligibilities([seat.user_id for seat in seats], day)
    rows = []
    for seat in seats:
        result = results[seat.user_id]
        rows.append(
            {
                "councillor": seat.user.full_name,
                "user_id": seat.user_id,
                "ward": seat.ward.name,
                "district": seat.ward.district.name,
                "modules_attended": result.modules_attended,
                "modules_held": result.modules_held,
                "modules_total": result.modules_total,
                "modules_required": result.modules_required,
                "is_eligible": result.is_eligible,
                "programme": result.programme,
                "basis": result.basis.value,
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
