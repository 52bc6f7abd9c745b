"""Partnership membership, the Local Leaders Programme rule, attendance and participation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic import aggregates
from coopcouncil.democracy.logic.eligibility import (
    Eligibility,
    eligibility_from_attendance,
    no_programme,
    not_a_councillor,
)
from coopcouncil.democracy.models import (
    CallInSignature,
    DistrictPartnership,
    Meeting,
    MeetingAttendance,
    Module,
    ModuleSession,
    PartnershipMember,
    ProgrammeYear,
    PulseAnswer,
    Question,
    SessionAttendance,
    SubGroup,
)
from coopcouncil.people.models import RoleAssignment, User


def _moment(value: date | datetime | None, *, end_of_day: bool = False) -> datetime:
    """An aware datetime for a date (local midnight, or the next one) or datetime."""
    if value is None:
        return timezone.now()
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    day = value + timedelta(days=1) if end_of_day else value
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Partnerships ---


def partnership_for_district(district) -> DistrictPartnership:
    partnership = (
        DistrictPartnership.objects.select_related("district").filter(district=district).first()
    )
    if partnership is None:
        raise NotFound("partnership_not_found", f"{district} has no district partnership yet.")
    return partnership


def partnership_by_slug(slug: str) -> DistrictPartnership:
    partnership = (
        DistrictPartnership.objects.select_related("district").filter(district__slug=slug).first()
    )
    if partnership is None:
        raise NotFound("partnership_not_found", f"There is no district partnership '{slug}'.")
    return partnership


def partnership_list() -> QuerySet[DistrictPartnership]:
    return DistrictPartnership.objects.select_related("district").order_by("district__name")


def partnership_councillors(partnership: DistrictPartnership, *, on: date | None = None):
    """Voting members: the councillors of the district's wards, read from their roles."""
    return (
        RoleAssignment.objects.current(on)
        .filter(role="councillor", ward__district_id=partnership.district_id)
        .select_related("user", "ward")
        .order_by("ward__name", "user__full_name")
    )


def partnership_members(
    partnership: DistrictPartnership, *, on: date | None = None
) -> QuerySet[PartnershipMember]:
    """District team and partner members in post on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return (
        partnership.members.filter(
            Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on)
        )
        .select_related("user", "organisation")
        .order_by("kind", "title")
    )


def partnership_member_history(partnership: DistrictPartnership):
    """Every change to the partnership's non-councillor membership, newest first."""
    return (
        PartnershipMember.history.filter(partnership_id=partnership.pk)
        .select_related("user", "history_user")
        .order_by("-history_date")
    )


def partnership_member_rows(partnership: DistrictPartnership) -> QuerySet[PartnershipMember]:
    """Every dated membership, serving first then past, for the manage page and the API."""
    return partnership.members.select_related("user", "organisation").order_by(
        F("end_date").desc(nulls_first=True), "kind", "title"
    )


def partnership_member_get(partnership: DistrictPartnership, member_id: int) -> PartnershipMember:
    member = partnership_member_rows(partnership).filter(pk=member_id).first()
    if member is None:
        raise NotFound("member_not_found", f"{partnership} has no member {member_id}.")
    return member


def member_get(member_id: int) -> PartnershipMember:
    member = (
        PartnershipMember.objects.select_related("partnership__district", "user", "organisation")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise NotFound("member_not_found", f"There is no partnership member {member_id}.")
    return member


def sub_groups_with_meetings(partnership: DistrictPartnership) -> QuerySet[SubGroup]:
    """The partnership's sub-groups, each with its meetings (soonest first) loaded."""
    return partnership.sub_groups.prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at"))
    ).order_by("name")


def serving_councillors(*, on: date | None = None) -> QuerySet[User]:
    """Everyone who holds a councillor seat on ``on`` (today by default), by name."""
    seats = RoleAssignment.objects.current(on).filter(role="councillor").values("user_id")
    return User.objects.filter(pk__in=seats).order_by("full_name")


def is_voting_member(user, partnership: DistrictPartnership, *, on: date | None = None) -> bool:
    return partnership_councillors(partnership, on=on).filter(user_id=user.pk).exists()


# --- Local Leaders Programme ---


def programme_for(on: date) -> ProgrammeYear | None:
    """The programme year in force on ``on``: the latest that has started."""
    return ProgrammeYear.objects.filter(starts_on__lte=on).order_by("-starts_on").first()


def councillor_eligibility(user, *, on: date | datetime | None = None) -> Eligibility:
    """May ``user`` vote on budgets and grant awards (and allocate a councillor budget)?

    Computed from attendance recorded up to ``on`` (now by default) against the core
    modules of the programme year in force; see ``logic.eligibility`` for the rule.
    """
    moment = _moment(on, end_of_day=True)
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
    moment = _moment(day, end_of_day=True)
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


# --- Attendance ---


@dataclass(frozen=True)
class AttendanceRecord:
    """Partnership meetings a councillor attended out of those held for their district."""

    attended: int
    expected: int

    @property
    def percent(self) -> float | None:
        return None if not self.expected else round(100 * self.attended / self.expected, 1)


def _held_meetings(district_ids: set[int], *, year: int) -> list[Meeting]:
    """Full partnership meetings of these districts held so far in ``year``."""
    if not district_ids:
        return []
    return list(
        Meeting.objects.filter(
            partnership__district_id__in=district_ids,
            sub_group__isnull=True,
            starts_at__year=year,
            starts_at__lte=timezone.now(),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("partnership")
    )


def _held_while_seated(meetings: list[Meeting], seats: list[RoleAssignment]) -> list[Meeting]:
    """The meetings held in a district on a day one of ``seats`` covered it."""

    def in_seat(meeting: Meeting) -> bool:
        day = timezone.localdate(meeting.starts_at)
        return any(
            s.ward.district_id == meeting.partnership.district_id
            and s.start_date <= day
            and (s.end_date is None or s.end_date >= day)
            for s in seats
        )

    return [m for m in meetings if in_seat(m)]


def _expected_meetings(user, *, year: int) -> list[Meeting]:
    seats = list(RoleAssignment.objects.filter(user=user, role="councillor").select_related("ward"))
    meetings = _held_meetings({s.ward.district_id for s in seats}, year=year)
    return _held_while_seated(meetings, seats)


def councillor_attendance(user, *, year: int) -> AttendanceRecord:
    """Meetings of the councillor's partnership held in ``year`` while they served."""
    expected = _expected_meetings(user, year=year)
    attended = MeetingAttendance.objects.filter(
        user=user, is_present=True, meeting__in=[m.pk for m in expected]
    ).count()
    return AttendanceRecord(attended=attended, expected=len(expected))


def councillor_attendance_rate(user, *, year: int) -> float | None:
    """Percentage (0–100, one decimal) of partnership meetings attended in ``year``.

    None when no meeting of their partnership was held while they served that year.
    """
    return councillor_attendance(user, year=year).percent


def attendance_rates(*, year: int, district=None) -> list[dict]:
    """Public table of councillor attendance rates for ``year``.

    The same counts as ``councillor_attendance``, in four queries for the whole borough
    rather than three per councillor.
    """
    seats = (
        RoleAssignment.objects.filter(role="councillor", start_date__year__lte=year)
        .filter(Q(end_date__isnull=True) | Q(end_date__year__gte=year))
        .select_related("user", "ward__district")
        .order_by("ward__district__name", "ward__name", "user__full_name")
    )
    if district is not None:
        seats = seats.filter(ward__district=district)
    shown, seen = [], set()
    for seat in seats:
        if seat.user_id not in seen:
            seen.add(seat.user_id)
            shown.append(seat)
    # Every seat a councillor ever held counts, as in councillor_attendance.
    all_seats: dict[int, list[RoleAssignment]] = {pk: [] for pk in seen}
    for seat in RoleAssignment.objects.filter(user_id__in=seen, role="councillor").select_related(
        "ward"
    ):
        all_seats[seat.user_id].append(seat)
    meetings = _held_meetings(
        {s.ward.district_id for held in all_seats.values() for s in held}, year=year
    )
    present = set(
        MeetingAttendance.objects.filter(
            user_id__in=seen, is_present=True, meeting__in=[m.pk for m in meetings]
        ).values_list("user_id", "meeting_id")
    )
    rows = []
    for seat in shown:
        expected = _held_while_seated(meetings, all_seats[seat.user_id])
        attended = sum((seat.user_id, m.pk) in present for m in expected)
        rows.append({"seat": seat, "record": AttendanceRecord(attended, len(expected))})
    return rows


# --- Participation figures (negotiated-autonomy scorecard) ---


@dataclass(frozen=True)
class DistrictParticipation:
    """How residents took part in a district's democracy over a period.

    ``meeting_attendance`` counts public attendees recorded in minutes; the two on-time
    rates are 0–100, None when no meeting was due; ``pulse_score`` is 0–100 from pulse
    surveys, None without answers.
    """

    questions_asked: int
    call_in_signatures: int
    meeting_attendance: int
    papers_published_on_time_rate: int | None
    minutes_published_on_time_rate: int | None
    pulse_score: int | None


def district_participation_figures(
    district, *, since: date | datetime, until: date | datetime
) -> DistrictParticipation:
    """How residents took part in ``district``'s democracy between ``since`` and ``until``.

    Dates are whole days, both included; datetimes are a half-open range.
    """
    start = _moment(since)
    end = _moment(until, end_of_day=True)
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(
            partnership__district=district, starts_at__gte=start, starts_at__lt=end
        ).exclude(status=Meeting.Status.CANCELLED)
    )
    held = [m for m in meetings if m.starts_at <= now]
    papers_due = timedelta(days=policy.papers_days_before())
    minutes_due = timedelta(days=policy.minutes_days_after())
    papers_flags = [
        m.papers_published_at is not None and m.papers_published_at <= m.starts_at - papers_due
        for m in held
    ]
    minutes_flags = [
        m.minutes_published_at is not None and m.minutes_published_at <= m.starts_at + minutes_due
        for m in held
        if m.minutes_published_at is not None or m.starts_at + minutes_due < now
    ]
    answers = PulseAnswer.objects.filter(
        question__survey__partnership__district=district,
        answered_at__gte=start,
        answered_at__lt=end,
    ).values_list("rating", flat=True)
    return DistrictParticipation(
        questions_asked=Question.objects.filter(
            meeting__partnership__district=district, created_at__gte=start, created_at__lt=end
        ).count(),
        call_in_signatures=CallInSignature.objects.filter(
            petition__decision__partnership__district=district,
            signed_at__gte=start,
            signed_at__lt=end,
        ).count(),
        meeting_attendance=sum(m.public_attendees for m in held),
        papers_published_on_time_rate=aggregates.on_time_rate(papers_flags),
        minutes_published_on_time_rate=aggregates.on_time_rate(minutes_flags),
        pulse_score=aggregates.pulse_score([aggregates.pulse_result("all", answers)]),
    )
