"""The Local Leaders Programme rule for voting on budgets and grant awards.

Oldham's rule (2011): a councillor who attends fewer than 50 % of the programme
year's modules loses the right to vote on district partnership budgets and grant
awards and to allocate their individual councillor budget, until they meet it.
Specialised sessions (e.g. for partnership chairs) are not modules of the rule.

The rule is judged *as at a date* — the date of the meeting that takes the vote — and
counts only the modules held by then: a councillor cannot be expected to have attended a
module that has not run yet, so a new programme year does not disqualify everyone on its
first day. Until the first module of a year has been held, the previous year's result
stands.

Worked example (50 %): the 2026/27 year has six core modules; by 10 October two have
been held and the councillor attended one, so 1 of 2 held is 50 % and they may vote.
On 1 April, before any 2026/27 module, their 2025/26 result (say 4 of 6) stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Basis(StrEnum):
    """Which form of the rule decided a councillor's eligibility."""

    HELD_SO_FAR = "held_so_far"
    PREVIOUS_YEAR = "previous_year"
    NO_MODULE_HELD = "no_module_held"
    NO_PROGRAMME = "no_programme"
    NOT_A_COUNCILLOR = "not_a_councillor"


@dataclass(frozen=True)
class Eligibility:
    """Whether a councillor may vote on budgets and grant awards, and why."""

    is_eligible: bool
    modules_attended: int
    modules_required: int
    modules_total: int
    reason: str
    modules_held: int = 0
    programme: str = ""
    basis: Basis = Basis.HELD_SO_FAR


@dataclass(frozen=True)
class ModuleRecord:
    """One core module: the days its sessions are held and those the councillor attended."""

    session_days: tuple[date, ...]
    attended_days: tuple[date, ...] = ()


@dataclass(frozen=True)
class ProgrammeRecord:
    """A programme year's core modules (specialised modules left out) for one councillor."""

    title: str
    modules: tuple[ModuleRecord, ...]


@dataclass(frozen=True)
class YearAttendance:
    """What a programme year looks like on a given day: modules held and attended so far."""

    title: str
    modules_total: int
    modules_held: int
    modules_attended: int


def modules_required(total: int, *, minimum_percent: int) -> int:
    """Smallest number of modules that is not fewer than ``minimum_percent`` of ``total``.

    Integer arithmetic so 50 % of 6 is exactly 3, and of 5 is 3 (2 is 40 %).
    """
    return -(-total * minimum_percent // 100)


def _held_by(days: Iterable[date], as_of: date) -> bool:
    return any(day <= as_of for day in days)


def year_attendance(record: ProgrammeRecord, *, as_of: date) -> YearAttendance:
    """Count the modules held by ``as_of`` (a session on or before that day) and attended.

    A module is held once any of its sessions has been; attending any session attends it.
    """
    return YearAttendance(
        title=record.title,
        modules_total=len(record.modules),
        modules_held=sum(_held_by(m.session_days, as_of) for m in record.modules),
        modules_attended=sum(_held_by(m.attended_days, as_of) for m in record.modules),
    )


def _percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, halves rounded up (2 of 3 is 67 %)."""
    return (200 * part + whole) // (2 * whole)


def _held_so_far(year: YearAttendance, *, minimum_percent: int) -> Eligibility:
    required = modules_required(year.modules_held, minimum_percent=minimum_percent)
    attended = min(year.modules_attended, year.modules_held)
    so_far = (
        f"{year.title}: {attended} of {year.modules_held} modules held so far attended"
        f" ({_percent(attended, year.modules_held)} %)"
    )
    is_eligible = attended >= required
    if is_eligible:
        reason = f"{so_far}; at least {required} needed."
    else:
        reason = (
            f"{so_far}; at least {required} ({minimum_percent} %) are needed to vote on budgets"
            " and grant awards or allocate a councillor budget."
        )
    return Eligibility(
        is_eligible=is_eligible,
        modules_attended=attended,
        modules_required=required,
        modules_total=year.modules_total,
        reason=reason,
        modules_held=year.modules_held,
        programme=year.title,
        basis=Basis.HELD_SO_FAR,
    )


def eligibility_as_of(
    *,
    current: ProgrammeRecord | None,
    previous: ProgrammeRecord | None,
    as_of: date,
    minimum_percent: int,
) -> Eligibility:
    """Apply the rule on ``as_of`` to the year in force (``current``) and the one before it.

    - No programme year has started: no attendance is required.
    - The current year has held a module: attendance against the modules held so far.
    - It has not: the previous year's result stands, judged on its own held modules; with
      no previous year (or one that held nothing either), no attendance is required.
    """
    if current is None:
        return no_programme()
    this_year = year_attendance(current, as_of=as_of)
    if this_year.modules_held:
        return _held_so_far(this_year, minimum_percent=minimum_percent)
    last_year = None if previous is None else year_attendance(previous, as_of=as_of)
    if last_year is None or not last_year.modules_held:
        return Eligibility(
            is_eligible=True,
            modules_attended=0,
            modules_required=0,
            modules_total=this_year.modules_total,
            reason=(
                f"{current.title} has held no module yet and no earlier year's result stands,"
                " so no attendance is required."
            ),
            programme=current.title,
            basis=Basis.NO_MODULE_HELD,
        )
    standing = _held_so_far(last_year, minimum_percent=minimum_percent)
    return Eligibility(
        is_eligible=standing.is_eligible,
        modules_attended=standing.modules_attended,
        modules_required=standing.modules_required,
        modules_total=standing.modules_total,
        reason=(
            f"{current.title} has held no module yet: {last_year.title}'s result stands"
            f" ({standing.reason.rstrip('.')})."
        ),
        modules_held=standing.modules_held,
        programme=last_year.title,
        basis=Basis.PREVIOUS_YEAR,
    )


def not_a_councillor() -> Eligibility:
    return Eligibility(
        False,
        0,
        0,
        0,
        "Only serving councillors can vote on partnership budgets.",
        basis=Basis.NOT_A_COUNCILLOR,
    )


def no_programme() -> Eligibility:
    return Eligibility(
        True,
        0,
        0,
        0,
        "No Local Leaders Programme year has started, so no attendance is required.",
        basis=Basis.NO_PROGRAMME,
    )
