"""Councillors' attendance at their partnership's meetings, one by one or borough-wide."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from coopcouncil.democracy.models import Meeting, MeetingAttendance
from coopcouncil.people.models import RoleAssignment


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
            s.ward is not None
            and s.ward.district_id == meeting.partnership.district_id
            and s.start_date <= day
            and (s.end_date is None or s.end_date >= day)
            for s in seats
        )

    return [m for m in meetings if in_seat(m)]


def _expected_meetings(user, *, year: int) -> list[Meeting]:
    seats = list(RoleAssignment.objects.filter(user=user, role="councillor").select_related("ward"))
    meetings = _held_meetings({s.ward.district_id for s in seats if s.ward}, year=year)
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
        {s.ward.district_id for held in all_seats.values() for s in held if s.ward}, year=year
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
